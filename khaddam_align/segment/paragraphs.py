"""Paragraphs and lines of a text, and masking of ranges the segmenter must skip.

A paragraph is where a sentence must end. In text saved from the web (the
corpus) every line is a paragraph: a single newline separates a caption or a
credit line from the paragraph after it. In hard-wrapped text (lines broken at
a fixed width) a single newline is only a space, and paragraphs are the blocks
between blank lines. ``is_hard_wrapped`` decides which of the two a text is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

# Everything str.splitlines() treats as a line break ("\r\n" is one break).
LINE_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# The trimmed content of a line: runs of non-space joined by in-line spaces.
_LINE = re.compile(f"\\S++(?:[^\\S{LINE_BREAK_CHARS}]++\\S++)*+")
_NOT_BREAK = re.compile(f"[^{LINE_BREAK_CHARS}]")
_BREAK = re.compile(f"\r\n|[{LINE_BREAK_CHARS}]")
_TERMINAL_CHARS = frozenset(".!?؟…:;\"'”’»)]")

# A text is hard-wrapped when most lines that continue a block are of
# similar, "typewriter" length and do not end a sentence.
_WRAP_MIN_LINES = 3
_WRAP_MIN, _WRAP_MAX = 30, 100


@dataclass(frozen=True, slots=True)
class Paragraph:
    """``text[start:end]`` (trimmed of surrounding whitespace), 0-based ``index``."""

    start: int
    end: int
    index: int


def mask(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """``text`` with every character inside ``ranges`` blanked to a space.

    Line breaks are kept, so offsets and line structure stay the same and a
    masked line becomes a blank line.
    """
    if not ranges:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in sorted(ranges):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        parts.append(text[pos:start])
        parts.append(_NOT_BREAK.sub(" ", text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _content_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line with non-space content, trimmed."""
    return line_spans(text, 0, len(text))


def _blank_between(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (pure whitespace) holds two or more line breaks."""
    breaks = _BREAK.findall(text, start, end)
    return len(breaks) >= 2


def is_hard_wrapped(text: str) -> bool:
    """Whether single newlines inside blocks are wrapping, not line breaks."""
    lines = list(_content_lines(text))
    continued = [(s, e) for (s, e), (ns, _) in pairwise(lines) if not _blank_between(text, e, ns)]
    if len(continued) < _WRAP_MIN_LINES:
        return False
    typewriter = sum(1 for s, e in continued if _WRAP_MIN <= e - s <= _WRAP_MAX)
    open_ended = sum(1 for _, e in continued if text[e - 1] not in _TERMINAL_CHARS)
    return typewriter >= 0.7 * len(continued) and open_ended >= 0.5 * len(continued)


def split_paragraphs(text: str, *, hard_wrapped: bool | None = None) -> list[Paragraph]:
    """The paragraphs of ``text`` in order (see the module docstring)."""
    if hard_wrapped is None:
        hard_wrapped = is_hard_wrapped(text)
    lines = _content_lines(text)
    if not hard_wrapped:
        return [Paragraph(s, e, i) for i, (s, e) in enumerate(lines)]
    paragraphs: list[Paragraph] = []
    block: tuple[int, int] | None = None
    for s, e in lines:
        if block is not None and not _blank_between(text, block[1], s):
            block = (block[0], e)
            continue
        if block is not None:
            paragraphs.append(Paragraph(block[0], block[1], len(paragraphs)))
        block = (s, e)
    if block is not None:
        paragraphs.append(Paragraph(block[0], block[1], len(paragraphs)))
    return paragraphs


def line_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line inside ``text[start:end]``, trimmed."""
    for m in _LINE.finditer(text, start, end):
        yield m.span()


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past surrounding whitespace."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return start, start
    left = len(piece) - len(piece.lstrip())
    return start + left, start + left + len(stripped)
