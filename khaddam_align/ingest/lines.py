"""Lines of a stored text with their code-point offsets (any line ending)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


@dataclass(frozen=True, slots=True)
class Line:
    index: int  # 0-based line number
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character (line ending excluded)
    text: str  # the line with surrounding whitespace stripped: text[start:end]

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and lines:
            break
        raw = m.group().rstrip("\r\n")
        stripped = raw.strip()
        start = m.start() + (len(raw) - len(raw.lstrip()) if stripped else 0)
        lines.append(Line(len(lines), start, start + len(stripped), stripped))
    return lines


def norm(s: str) -> str:
    """Comparison form of a line: whitespace collapsed, case folded."""
    return " ".join(s.split()).casefold()
