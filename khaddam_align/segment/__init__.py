"""Sentence segmentation of English and Arabic text (pure functions).

``segment_text`` is the one entry point: it returns segment spans over the
stored text, skipping excluded ranges. Offsets are code points of ``text``;
every span is the verbatim slice ``text[start:end]`` without surrounding
whitespace. See docs/segmentation.md for the rules.
"""

from __future__ import annotations

from khaddam_align.segment.segmenter import is_arabic_language, segment_text
from khaddam_align.segment.span import Span

__all__ = ["Span", "is_arabic_language", "segment_text"]
