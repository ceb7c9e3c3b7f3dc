"""Text made safe to show: control characters visible, bidi controls visible and inert.

Stored text is never changed; these functions prepare a copy for display. A
source (or a file name) can carry characters that act instead of showing:

- C0/C1 control characters — in a terminal, ``ESC ] 0;…`` retitles the window,
  other escape sequences move the cursor or recolour text;
- explicit bidi controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069
  isolates) — an unbalanced U+202E reverses everything after it, so a fact-checker
  could read a sentence, or a file name, that is not what the source says.

``visible`` shows each of them as a readable mark (``␛``, ``⟨RLO⟩``) that has no
effect, for the terminal and the HTML report. ``visible_same_length`` does the same
one character for one character, so offsets (diff highlights) still fit: for the
app's cells and detail view. Tab and newline are kept where layout needs them.
"""

from __future__ import annotations

import re
import unicodedata

# Explicit bidi formatting characters and their short names.
BIDI_CONTROLS = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
_OPENERS = frozenset("\u202a\u202b\u202d\u202e\u2066\u2067\u2068")
_C0 = "\x00-\x1f"
_DEL_C1 = "\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_ACTING = re.compile(f"[{_C0}{_DEL_C1}{_BIDI}]")


def _mark(ch: str, keep: str) -> str:
    code = ord(ch)
    if ch in keep:
        return ch
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ … ␛ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"  # C1 controls have no pictures
    return f"\u27e8{BIDI_CONTROLS[ch]}\u27e9"  # ⟨RLO⟩


def _one_char(ch: str, keep: str) -> str:
    code = ord(ch)
    if ch in keep:
        return ch
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code <= 0x9F:
        return "\ufffd"
    return "\u27e8" if ch in _OPENERS else "\u27e9"  # an embedding opens ⟨ or closes ⟩


def has_acting(text: str) -> bool:
    """Whether ``text`` has a control or bidi character that ``visible`` would replace."""
    return _ACTING.search(text) is not None


def visible(text: str, *, keep: str = "\t\n") -> str:
    """``text`` with control and bidi characters shown as inert marks (``␛``, ``\\x9b``, ``⟨RLO⟩``).

    ``keep`` lists the controls left as they are (default tab and newline).
    """
    if not has_acting(text):
        return text
    return _ACTING.sub(lambda m: _mark(m.group(), keep), text)


def visible_same_length(text: str, *, keep: str = "\t\n") -> str:
    """Like ``visible`` but one character for one: ``len`` and every offset are unchanged.

    Controls become their picture (``␛``), C1 controls U+FFFD, a bidi control that opens
    an embedding/isolate ``⟨`` and one that closes it ``⟩``. For views that highlight by offset.
    """
    if not has_acting(text):
        return text
    return _ACTING.sub(lambda m: _one_char(m.group(), keep), text)


def describe(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: for tooltips and titles."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'CONTROL CHARACTER')}"


def split_acting(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_control) runs, for writers that wrap marks in markup."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _ACTING.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], False))
        out.append((m.group(), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out
