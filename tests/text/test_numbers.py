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


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ساعتين ونصف", "two and a half hours"),
        ("ساعتين ونصف الساعة", "150 minutes"),
        ("نصف ساعة", "half an hour"),
        ("half an hour", "thirty minutes"),
        ("ساعة ونصف", "an hour and a half"),
        ("الطرفان", "two"),
        ("السنوات الخمس", "five years"),
        ("خمسة وعشرون", "25"),
        ("ثلاثة آلاف", "3,000"),
        ("ألفين وخمسمائة", "2500"),
        ("الاجتماع الخامس", "the fifth meeting"),
        ("٢٫٥", "2.5"),
        ("١٬٥٠٠", "1,500"),
        ("1.500", "1,500"),
        ("2,500 million", "2.5 billion"),
        ("يوم الثلاثاء", "on Tuesday"),
        ("أمس", "yesterday"),
        ("الأسبوع الماضي", "last week"),
    ],
)
def test_both_languages_however_written(a: str, b: str) -> None:
    assert number_keys(a) & number_keys(b), (number_keys(a), number_keys(b))


def test_kinds_separate_dates_from_quantities() -> None:
    kinds = {m.kind for m in find_numbers("On Tuesday, yesterday and in March they counted 40 boats.")}
    assert kinds == {"weekday", "relative", "month", "number"}
    assert all(m.is_date for m in find_numbers("Tuesday yesterday") )
    assert not find_numbers("May I ask one of them a question?")


def test_not_numbers() -> None:
    assert number_keys("الجولان") == frozenset()  # a place name ending like a dual
    assert number_keys("فلسطين") == frozenset()
    assert "2" not in number_keys("one of them")


def test_a_figure_and_its_scale_word() -> None:
    assert number_keys("2500 مليون دولار") >= {"2500", "2500000000"}
    assert "250000000" in number_keys("250 million dollars")
    assert not (number_keys("2500 مليون") & number_keys("250 million")) - {"1000000"}


def test_arabic_negators_are_not_number_words() -> None:
    assert [m.kind for m in find_numbers("لست أدري كم عدد الحاضرين")] == []
    assert [m.keys() for m in find_numbers("وصل ست وزراء")] == [frozenset({"6"})]


def test_both_as_a_conjunction_is_not_a_count() -> None:
    assert find_numbers("She praised both the drivers and the cooks.") == []
    assert [m.keys() for m in find_numbers("Both delegations left early.")] == [frozenset({"2"})]
