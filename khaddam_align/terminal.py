"""Showing Arabic in a terminal.

Most terminals neither shape Arabic letters nor apply the bidi algorithm, so
logical-order Arabic shows as disconnected letters in the wrong order. For
terminal output only, we shape with arabic-reshaper and reorder with
python-bidi. JSON output and anything handed to Qt stay in logical order.

Whatever the mode, text for a terminal first has its control characters and bidi
controls made visible and inert (``khaddam_align.text.visible``): a file name or a
source cannot send escape sequences to the terminal or reverse the line it is on.
"""

from __future__ import annotations

from typing import TextIO

import arabic_reshaper
from bidi.algorithm import get_display

from khaddam_align.text.arabic import ARABIC_CHAR as _ARABIC
from khaddam_align.text.visible import visible


def has_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


def visual(text: str) -> str:
    """Shape and reorder one line (or several) for a terminal without bidi support."""
    return "\n".join(_visual_line(line) for line in text.split("\n"))


def _visual_line(line: str) -> str:
    try:
        return str(get_display(arabic_reshaper.reshape(line)))
    except Exception:  # python-bidi refuses some noncharacters: show the line in logical order
        return line


def display_text(text: str, *, mode: str = "auto", stream: TextIO | None = None) -> str:
    """``mode``: "on" always reorders, "off" never, "auto" only for a terminal.

    Control and bidi characters are always shown as inert marks (``␛``, ``⟨RLO⟩``).
    """
    text = visible(text).replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")  # noncharacters
    if mode == "off" or not has_arabic(text):
        return text
    if mode == "auto" and not (stream is not None and stream.isatty()):
        return text
    return visual(text)
