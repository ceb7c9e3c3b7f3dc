"""Paragraphs, line breaks, kind ranges and excluded ranges."""

from __future__ import annotations

from collections.abc import Sequence

from khaddam_align.segment import segment_text
from khaddam_align.segment.paragraphs import is_hard_wrapped, mask, split_paragraphs
from khaddam_align.storage.models import SegmentKind

WRAPPED = (
    "The journey of Abdel Halim Khaddam and his documents represents a\n"
    "significant part of recent decades. He held various positions and\n"
    "witnessed major events that affected the region, since the party\n"
    "took power in 1963.\n"
    "\n"
    "Over the decades he moved through several positions. He was the\n"
    "governor of Hama in the early 1960s.\n"
)


def texts(
    text: str,
    *,
    excluded: Sequence[tuple[int, int]] = (),
    kinds: Sequence[tuple[int, int, SegmentKind]] = (),
) -> list[tuple[str, str, int]]:
    spans = segment_text(text, "en", excluded=excluded, kinds=kinds)
    return [(text[s.start : s.end], s.kind.value, s.paragraph) for s in spans]


def test_every_line_is_a_paragraph_in_web_text() -> None:
    text = "Al Majalla\nOn the eve of the invasion, leaders met.\n\nThen they left."
    assert not is_hard_wrapped(text)
    assert texts(text) == [
        ("Al Majalla", "heading", 0),
        ("On the eve of the invasion, leaders met.", "body", 1),
        ("Then they left.", "body", 2),
    ]


def test_hard_wrapped_text_joins_lines_into_sentences() -> None:
    assert is_hard_wrapped(WRAPPED)
    segments = texts(WRAPPED)
    assert [p for _, _, p in segments] == [0, 0, 1, 1]
    assert segments[1][0].startswith("He held various positions and\nwitnessed")
    assert segments[1][0].endswith("took power in 1963.")


def test_windows_line_endings_and_offsets() -> None:
    text = "First line.\r\nSecond one. Third one.\r\n\r\nLast."
    spans = segment_text(text, "en")
    assert [text[s.start : s.end] for s in spans] == [
        "First line.",
        "Second one.",
        "Third one.",
        "Last.",
    ]
    assert [s.paragraph for s in spans] == [0, 1, 1, 2]


def test_kind_ranges_are_one_segment_per_line() -> None:
    text = "A Title. With dots\n\nBody one. Body two.\nPhoto: leaders meet. Tehran 2003.\n"
    caption_start = text.index("Photo")
    kinds = [
        (0, text.index("\n"), SegmentKind.TITLE),
        (caption_start, len(text), SegmentKind.CAPTION),
    ]
    assert texts(text, kinds=kinds) == [
        ("A Title. With dots", "title", 0),
        ("Body one.", "body", 1),
        ("Body two.", "body", 1),
        ("Photo: leaders meet. Tehran 2003.", "caption", 2),
    ]


def test_excluded_lines_vanish_and_paragraphs_renumber() -> None:
    text = "Standfirst repeated.\nStandfirst repeated.\n\nThe body starts. It goes on."
    second = text.index("Standfirst", 1)
    excluded = [(second, second + len("Standfirst repeated."))]
    assert texts(text, excluded=excluded) == [
        ("Standfirst repeated.", "body", 0),
        ("The body starts.", "body", 1),
        ("It goes on.", "body", 1),
    ]


def test_a_segment_is_cut_at_an_excluded_range_inside_it() -> None:
    text = "He met the envoy TT in Damascus. Then left."
    start = text.index("TT")
    assert texts(text, excluded=[(start, start + 2)]) == [
        ("He met the envoy", "body", 0),
        ("in Damascus.", "body", 0),
        ("Then left.", "body", 0),
    ]


def test_mask_keeps_offsets_and_line_breaks() -> None:
    text = "abc\r\ndef\nghi"
    masked = mask(text, [(1, 7), (10, 99)])
    assert len(masked) == len(text)
    assert masked == "a  \r\n  f\ng  "


def test_split_paragraphs_skips_blank_lines() -> None:
    text = "\n\n  one  \n \t \ntwo\n"
    paragraphs = split_paragraphs(text)
    assert [(text[p.start : p.end], p.index) for p in paragraphs] == [("one", 0), ("two", 1)]


def test_empty_and_blank_text() -> None:
    assert segment_text("", "en") == []
    assert segment_text(" \n\n\t", "ar") == []
