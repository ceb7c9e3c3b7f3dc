"""Putting it together: paragraphs, ranges of a given kind, headings, sentences.

1. Excluded ranges are blanked (line breaks kept), so they split nothing and
   join nothing; paragraphs are found on that text and numbered from 0.
2. Ranges with a kind (title, caption, meta from cleaning) become one segment
   per line, of that kind.
3. Everything else is split into sentences by the English or Arabic rules; a
   short paragraph without final punctuation is one ``heading`` segment.
4. Spans are cut where an excluded or kind range begins inside them, so no
   segment ever crosses into one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence

from khaddam_align.segment import arabic, english
from khaddam_align.segment.headings import is_heading
from khaddam_align.segment.paragraphs import Paragraph, line_spans, mask, split_paragraphs, trim
from khaddam_align.segment.span import Span
from khaddam_align.storage.models import SegmentKind

_SPACES = re.compile(r"\s*")
_ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ckb"})

SentenceRules = Callable[[str, int, int], list[int]]


def is_arabic_language(language: str) -> bool:
    """Whether ``language`` ("ar", "ar-SY", "en", ...) uses the Arabic rules."""
    return language.lower().replace("_", "-").split("-")[0] in _ARABIC_SCRIPT_LANGUAGES


def _clip_ranges(ranges: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Ranges clipped to ``[0, length)``, sorted, overlaps merged, empty ones dropped."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in ranges):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _clip_kinds(
    kinds: Sequence[tuple[int, int, SegmentKind]], length: int
) -> list[tuple[int, int, SegmentKind]]:
    """Kind ranges clipped to the text, sorted; an overlap goes to the earlier range."""
    clipped: list[tuple[int, int, SegmentKind]] = []
    for start, end, kind in sorted(kinds, key=lambda k: (k[0], k[1])):
        start = max(start, 0, clipped[-1][1] if clipped else 0)
        end = min(end, length)
        if start < end:
            clipped.append((start, end, SegmentKind(kind)))
    return clipped


def _cut(
    text: str, start: int, end: int, blocked: list[tuple[int, int]], starts: list[int]
) -> Iterator[tuple[int, int]]:
    """``[start, end)`` split around the ``blocked`` ranges that begin inside it.

    ``text`` has the blocked ranges blanked, so trimming drops their edges.
    """
    pos = start
    for i in range(bisect_left(starts, start), bisect_left(starts, end)):
        b_start, b_end = blocked[i]
        s, e = trim(text, pos, b_start)
        if s < e:
            yield s, e
        pos = max(pos, b_end)
    if pos < end:
        s, e = trim(text, pos, end)
        if s < e:
            yield s, e


def _skip_spaces(text: str, pos: int, end: int) -> int:
    """The first offset at or after ``pos`` (before ``end``) that is not a space."""
    m = _SPACES.match(text, pos, end)
    return m.end() if m else pos


def _paragraph_of(paragraphs: list[Paragraph], starts: list[int], offset: int) -> int:
    """Index of the paragraph holding ``offset`` (the one before it if between)."""
    i = bisect_right(starts, offset) - 1
    return paragraphs[max(i, 0)].index if paragraphs else 0


def segment_text(
    text: str,
    language: str,
    *,
    excluded: Sequence[tuple[int, int]] = (),
    kinds: Sequence[tuple[int, int, SegmentKind]] = (),
) -> list[Span]:
    """Split ``text`` into sentence spans, in text order.

    - ``language``: "ar" or "en" (other Arabic-script codes use the Arabic rules,
      anything else the English ones).
    - ``excluded``: ranges to leave out (active ExcludedRanges).
    - ``kinds``: ranges already classified by cleaning (title, caption, meta lines):
      each line in them becomes one segment of that kind, not split into sentences.
    """
    rules: SentenceRules = (
        arabic.sentence_ends if is_arabic_language(language) else english.sentence_ends
    )
    excluded_ranges = _clip_ranges(excluded, len(text))
    kind_ranges = _clip_kinds(kinds, len(text))
    visible = mask(text, excluded_ranges)
    paragraphs = split_paragraphs(visible)
    paragraph_starts = [p.start for p in paragraphs]

    blocked = _clip_ranges(excluded_ranges + [(s, e) for s, e, _ in kind_ranges], len(text))
    blocked_starts = [s for s, _ in blocked]
    body = mask(visible, [(s, e) for s, e, _ in kind_ranges])

    spans: list[Span] = []
    for paragraph in paragraphs:
        p_start, p_end = paragraph.start, paragraph.end
        if kind_ranges:
            p_start, p_end = trim(body, p_start, p_end)
            if p_start >= p_end:
                continue
        ends = rules(body, p_start, p_end)
        heading = not ends and is_heading(body, p_start, p_end)
        kind = SegmentKind.HEADING if heading else SegmentKind.BODY
        pos = p_start
        # Each end is right after a non-space character; the next sentence
        # starts after the spaces that follow it.
        for end in [*ends, p_end]:
            start = _skip_spaces(body, pos, end)
            if not blocked:
                spans.append(Span(start, end, kind, paragraph.index))
            else:
                for s, e in _cut(body, start, end, blocked, blocked_starts):
                    spans.append(Span(s, e, kind, paragraph.index))
            pos = end

    excluded_starts = [s for s, _ in excluded_ranges]
    for k_start, k_end, kind in kind_ranges:
        for line_start, line_end in line_spans(visible, k_start, k_end):
            number = _paragraph_of(paragraphs, paragraph_starts, line_start)
            for s, e in _cut(visible, line_start, line_end, excluded_ranges, excluded_starts):
                spans.append(Span(s, e, kind, number))

    spans.sort(key=lambda span: span.start)
    return spans
