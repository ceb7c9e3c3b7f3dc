"""Headings: short one-line paragraphs without final punctuation.

Sub-headings in the corpus ("War feels unavoidable", "Limiting war to Iraq")
and unlabelled title lines are segments of their own, kind ``heading``. Not
headings: lines starting in lowercase, lines without a letter ("20", "__"),
list items ("4 - Opening the borders", "- item").
"""

from __future__ import annotations

import re

from khaddam_align.segment.english import first_alnum
from khaddam_align.segment.paragraphs import LINE_BREAK_CHARS

MAX_HEADING_WORDS = 15
_FINAL_PUNCTUATION = re.compile(r"[.!?؟…:;,،؛۔\-–—][\"'”’»)\]\s]*\Z")
_LINE_BREAK = re.compile(f"[{LINE_BREAK_CHARS}]")
_LIST_ITEM = re.compile(r"\s*(?:\d+\s*[-.)–]|[-•*–·])\s")


def is_heading(text: str, start: int, end: int) -> bool:
    """Whether the paragraph ``text[start:end]`` is a heading."""
    if end - start > 20 * MAX_HEADING_WORDS or _LINE_BREAK.search(text, start, end):
        return False
    line = text[start:end]
    if first_alnum(line).islower() or not any(c.isalpha() for c in line):
        return False  # "the rest of a sentence", "__", "20"
    if _FINAL_PUNCTUATION.search(line) or _LIST_ITEM.match(line):
        return False
    return len(line.split()) <= MAX_HEADING_WORDS
