"""Clause cues of a segment: does it continue the sentence before it, does it leave its own open.

Where one long sentence is rendered as several lines (wide links), a line that begins with a
lower-case word ("and the king went …", "which he had …") continues the sentence of the line
before it, so a link seldom starts there; a line that ends without a full stop (on "," ";" ":"
"،" or on no punctuation at all) runs on into the next, so a link seldom ends there. Text in
which every segment is a whole sentence gives no cue at all (every line starts upper-case and
ends with a full stop), so these only break ties between otherwise equal cuts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from khaddam_align.align.features import FloatArray

# What may close a sentence: full stops of both scripts, ? ! … and closing quotes / brackets
# after them.
_FINAL = frozenset(".?!…؟۔")
_CLOSING = frozenset("\"'”’»)]")


def continues(text: str) -> bool:
    """True when the first letter of ``text`` is a lower-case letter (a continuation line)."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def open_end(text: str) -> bool:
    """True when ``text`` does not end a sentence (no final . ? ! … before closing quotes)."""
    body = text.rstrip()
    while body and body[-1] in _CLOSING:
        body = body[:-1].rstrip()
    return bool(body) and body[-1] not in _FINAL


def clause_cues(texts: Sequence[str], *, uniform: float = 0.9) -> tuple[FloatArray, FloatArray]:
    """Per segment: 1.0 where it ``continues`` the one before, and 1.0 where it has an ``open_end``.

    A cue that more than ``uniform`` of the segments have tells no line from another (lines
    without any punctuation, a text all in lower case) and would only make every link dearer:
    it is dropped (all zeros).
    """
    starts = np.array([1.0 if continues(t) else 0.0 for t in texts], dtype=np.float64)
    ends = np.array([1.0 if open_end(t) else 0.0 for t in texts], dtype=np.float64)

    def telling(cue: FloatArray) -> FloatArray:
        return np.zeros(len(cue)) if len(cue) and float(cue.mean()) > uniform else cue

    return telling(starts), telling(ends)
