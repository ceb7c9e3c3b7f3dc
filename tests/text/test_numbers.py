from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khaddam_align.text.numbers import find_numbers, number_keys, to_ascii_digits, words_to_number


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("on 5 June 1997", "on June 5, 1997"),
        ("2500 men", "2,500 men"),
        ("two delegations", "2 delegations"),
        ("في ١٦ آذار ٢٠٠٣", "on March 16, 2003"),
        ("16 آذار (مارس) 2003", "16th of March 2003"),
        ("في كانون الثاني 1998", "in January 1998"),
        ("ثلاثة أيام", "three days"),
    ],
)
def test_same_number_however_written(a: str, b: str) -> None:
    assert number_keys(a) == number_keys(b)
    assert number_keys(a)


def test_partial_date_shares_keys_with_full_date() -> None:
    assert number_keys("16 March") <= number_keys("March 16, 2003")
    assert "y:2003" in number_keys("in 2003")


def test_spans_point_at_the_mention() -> None:
    text = "Met on 16 March 2003 with 2,500 guards and twenty-one cars."
    found = find_numbers(text)
    assert [text[m.start : m.end] for m in found] == ["16 March 2003", "2,500", "twenty-one"]
    assert [m.kind for m in found] == ["date", "number", "number"]


def test_different_numbers_differ() -> None:
    assert number_keys("5 June 1997") != number_keys("6 June 1997")
    assert number_keys("2500") != number_keys("25,000")


def test_words_to_number() -> None:
    assert words_to_number("two thousand five hundred") == 2500
    assert words_to_number("ninety-nine") == 99
    assert words_to_number("tea") is None


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_round_trip_through_arabic_indic(n: int) -> None:
    arabic = str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert to_ascii_digits(arabic) == str(n)
    assert str(n) in number_keys(arabic)
    assert str(n) in number_keys(f"{n:,}")
