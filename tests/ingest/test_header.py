"""Metadata header lines and written dates."""

from __future__ import annotations

import pytest

from khaddam_align.ingest.header import check_iso_date, parse_date, parse_header
from khaddam_align.ingest.lines import split_lines


def test_header_after_title_with_blank_lines_and_mixed_case_keys() -> None:
    text = "A Title\n\npublisher: The Daily\n\nAUTHOR: جميل\n\nPublishing date: 2021-04-26\n\n\nBody: not a header.\n"
    lines = split_lines(text)
    header = parse_header(lines, 0)
    assert header.fields == {"publisher": "The Daily", "author": "جميل", "date": "2021-04-26"}
    assert header.raw["AUTHOR"] == "جميل"
    assert text[header.start : header.end].startswith("publisher:")
    assert text[header.start : header.end].endswith("2021-04-26")


def test_body_colon_lines_are_not_headers() -> None:
    lines = split_lines("Title\n\nKhatami said: “We must act.”\n\npublisher: late\n")
    assert parse_header(lines, 0).lines == ()


def test_arabic_keys() -> None:
    lines = split_lines("العنوان الرئيسي\nالناشر: الشرق الأوسط\nتاريخ النشر: 2021-04-26\n")
    assert parse_header(lines, 0).fields == {"publisher": "الشرق الأوسط", "date": "2021-04-26"}


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2021-04-26", "2021-04-26"),
        ("2021-04-26T10:30:00+03:00", "2021-04-26"),
        ("26 April 2021", "2021-04-26"),
        ("April 26, 2021", "2021-04-26"),
        ("Mar. 23, 2024", "2024-03-23"),
        ("23/03/2024", "2024-03-23"),
        ("last Sunday", None),
    ],
)
def test_parse_date(written: str, iso: str | None) -> None:
    assert parse_date(written) == iso


def test_check_iso_date_is_strict() -> None:
    assert check_iso_date("2024-02-29") == "2024-02-29"
    for bad in ("2023-02-29", "26/04/2021", "2021-4-26"):
        with pytest.raises(ValueError, match=r".+"):
            check_iso_date(bad)


def test_long_or_multi_sentence_values_are_body_not_header() -> None:
    lines = split_lines("Title\nSource: a dataset (2019), files a and b. Licence: CC BY. Cite the authors.\n")
    assert parse_header(lines, 0).lines == ()
