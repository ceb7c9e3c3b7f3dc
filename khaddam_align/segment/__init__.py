"""Sentence segmentation of English and Arabic text (pure functions).

``segment_text`` is the one entry point: it returns segment spans over the
stored text, skipping excluded ranges. Offsets are code points of ``text``;
every span is the verbatim slice ``text[start:end]`` without surrounding
whitespace.

NOTE: this first version is a placeholder with the final signature (paragraph
and naive sentence split); the full English/Arabic rules replace it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from khaddam_align.storage.models import SegmentKind


@dataclass(frozen=True, slots=True)
class Span:
    """One segment: ``text[start:end]``, its kind and its 0-based paragraph number."""

    start: int
    end: int
    kind: SegmentKind = SegmentKind.BODY
    paragraph: int = 0


def segment_text(
    text: str,
    language: str,
    *,
    excluded: Sequence[tuple[int, int]] = (),
    kinds: Sequence[tuple[int, int, SegmentKind]] = (),
) -> list[Span]:
    """Split ``text`` into sentence spans.

    - ``language``: "ar" or "en".
    - ``excluded``: ranges to leave out (active ExcludedRanges).
    - ``kinds``: ranges already classified by cleaning (title, caption, meta lines):
      each becomes one segment of that kind, not split into sentences.
    """
    spans: list[Span] = []
    for m in re.finditer(r"[^.!?؟\n]+[.!?؟]*", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and not any(a <= s < b for a, b in excluded):
            spans.append(Span(s, e))
    return spans
