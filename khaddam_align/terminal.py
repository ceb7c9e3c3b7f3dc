"""Showing Arabic in a terminal.

Most terminals neither shape Arabic letters nor apply the bidi algorithm, so
logical-order Arabic shows as disconnected letters in the wrong order. For
terminal output only, we shape with arabic-reshaper and reorder with
python-bidi. JSON output and anything handed to Qt stay in logical order.
"""

from __future__ import annotations

from typing import TextIO

import arabic_reshaper
from bidi.algorithm import get_display

from khaddam_align.text.arabic import ARABIC_CHAR as _ARABIC


def has_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


def visual(text: str) -> str:
    """Shape and reorder one line (or several) for a terminal without bidi support."""
    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


def display_text(text: str, *, mode: str = "auto", stream: TextIO | None = None) -> str:
    """``mode``: "on" always reorders, "off" never, "auto" only for a terminal."""
    if mode == "off" or not has_arabic(text):
        return text
    if mode == "auto" and not (stream is not None and stream.isatty()):
        return text
    return visual(text)
