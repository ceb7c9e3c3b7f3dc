"""Invariants of ``segment_text`` on random text (hypothesis).

For any text, language, excluded ranges and kind ranges, segments are
ordered, non-overlapping, inside the text, never touch an excluded range,
carry no surrounding whitespace, and cover every visible non-space
character exactly once.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khaddam_align.segment import segment_text
from khaddam_align.storage.models import SegmentKind

PIECES = [
    "Gen.", "Mr.", "U.S.", "W.", "No.", "2.5", "9/11", "Syria", "war", "The", "he",
    "سوريا", "الحرب", "د.", "٢٠٠٣م.", "٢٫٥", "۱۲", "قال", "و",
    ".", "!", "?", "؟", "…", "...", "،", "؛", ":", ",", "«", "»", "“", "”", "‘", "’",
    '"', "'", "(", ")", "-", " ", " ", "  ", "\n", "\n\n", "\r\n", "\xa0", "\t", "\u200f", "\u200e", "\u2029",
]  # fmt: skip

texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=60).map("".join)
languages = st.sampled_from(["en", "ar"])


@st.composite
def cases(
    draw: st.DrawFn,
) -> tuple[str, str, list[tuple[int, int]], list[tuple[int, int, SegmentKind]]]:
    text = draw(texts)
    offsets = st.integers(min_value=0, max_value=len(text))
    pairs = st.tuples(offsets, offsets).map(lambda p: (min(p), max(p)))
    excluded = draw(st.lists(pairs, max_size=4))
    kind_list = draw(
        st.lists(
            st.tuples(pairs, st.sampled_from([SegmentKind.TITLE, SegmentKind.CAPTION])),
            max_size=3,
        )
    )
    kinds = [(s, e, k) for (s, e), k in kind_list]
    return text, draw(languages), excluded, kinds


@settings(max_examples=400, deadline=None)
@given(cases())
def test_segment_invariants(
    case: tuple[str, str, list[tuple[int, int]], list[tuple[int, int, SegmentKind]]],
) -> None:
    text, language, excluded, kinds = case
    spans = segment_text(text, language, excluded=excluded, kinds=kinds)

    hidden = [False] * len(text)
    for s, e in excluded:
        for i in range(s, e):
            hidden[i] = True

    covered = [0] * len(text)
    previous_end = 0
    for span in spans:
        assert 0 <= previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip(), "segment has surrounding whitespace"
        assert not any(hidden[span.start : span.end]), "segment crosses an excluded range"
        assert span.paragraph >= 0
        for i in range(span.start, span.end):
            covered[i] += 1
        previous_end = span.end

    for i, char in enumerate(text):
        if not hidden[i] and not char.isspace():
            assert covered[i] == 1, f"visible character {char!r} at {i} not covered once"

    paragraphs = [span.paragraph for span in spans]
    assert paragraphs == sorted(paragraphs)
    assert sorted(set(paragraphs)) == list(range(len(set(paragraphs)))), "paragraph numbers skip"


@settings(max_examples=200, deadline=None)
@given(cases())
def test_kind_ranges_give_segments_of_that_kind(
    case: tuple[str, str, list[tuple[int, int]], list[tuple[int, int, SegmentKind]]],
) -> None:
    text, language, _, kinds = case
    spans = segment_text(text, language, kinds=kinds)
    for span in spans:
        inside = [k for s, e, k in kinds if s <= span.start and span.end <= e]
        if span.kind in (SegmentKind.TITLE, SegmentKind.CAPTION):
            assert span.kind in inside
            assert not any(c in text[span.start : span.end] for c in "\r\n")
        else:
            # a body or heading segment never reaches into a kind range
            assert not any(max(s, span.start) < min(e, span.end) for s, e, _ in kinds)
