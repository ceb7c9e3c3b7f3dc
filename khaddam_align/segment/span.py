"""The value a segmenter returns: one segment's offsets, kind and paragraph."""

from __future__ import annotations

from dataclasses import dataclass

from khaddam_align.storage.models import SegmentKind


@dataclass(frozen=True, slots=True)
class Span:
    """One segment: ``text[start:end]``, its kind and its 0-based paragraph number."""

    start: int
    end: int
    kind: SegmentKind = SegmentKind.BODY
    paragraph: int = 0
