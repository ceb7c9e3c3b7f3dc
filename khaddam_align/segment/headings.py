"""Headings: short one-line paragraphs without final punctuation.

Sub-headings in the corpus ("War feels unavoidable", "Limiting the war")
and unlabelled title lines are segments of their own, kind ``heading``. Not
headings: lines starting in lowercase, lines without a letter ("20", "__"),
list items ("4 - Opening the borders", "- item").
"""

from __future__ import annotations

import re

from khaddam_align.segment.paragraphs import LINE_BREAK_CHARS

MAX_HEADING_WORDS = 15
_MAX_CHARS = 20 * MAX_HEADING_WORDS
_FINAL_PUNCTUATION = frozenset(".!?؟…:;,،؛۔-–—")
# closing quotes, brackets, direction marks and spaces after the final punctuation
_TRAILING = (
    "\"'”’»)] \t\xa0\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_LINE_BREAK = re.compile(f"[{LINE_BREAK_CHARS}]")
_LIST_ITEM = re.compile(r"\s*(?:\d+\s*[-.)–]|[-•*–·])\s")
_FIRST_ALNUM = re.compile(r"[^\W_]")
_LETTER = re.compile(r"[^\W\d_]")


def is_heading(text: str, start: int, end: int) -> bool:
    """Whether the paragraph ``text[start:end]`` is a heading."""
    if end - start > _MAX_CHARS:
        return False
    line = text[start:end]
    core = line.rstrip(_TRAILING)
    if not core or core[-1] in _FINAL_PUNCTUATION:
        return False
    first = _FIRST_ALNUM.search(line)
    if first is None or first.group().islower() or not _LETTER.search(line):
        return False  # "the rest of a sentence", "__", "20"
    if _LINE_BREAK.search(line) or _LIST_ITEM.match(line):
        return False
    return len(line.split()) <= MAX_HEADING_WORDS
