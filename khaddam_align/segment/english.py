"""Sentence ends inside one English paragraph.

A regex finds every candidate (a run of ``.`` ``!`` ``?`` ``…``, then closing
quotes or brackets, then a space); a few rules on the word before and the
word after decide whether it ends a sentence:

- never when the next word starts with a lowercase letter
  (``“... before the war starts?” al-Rashid asked``, ``Freedonia… but we``),
  unless a bare ``.`` ``?`` ``!`` is followed by an opening quote or by an
  ``al-`` name (``Nasser said. “al-Rashid’s ...``, ``in Freedonia. al-Rashid``);
- ``?`` ``!``: otherwise always, except a quoted question or exclamation
  followed by who said it (``“Why now?” Nasser asked.``);
- an ellipsis: only before a capital (``concern… I’ve discussed``);
- a period right before a closing quote or bracket (``.”`` ``.)``): always;
- any other period: unless the word before is an abbreviation
  (``Brig. Gen. Youssef``, ``John Q. Public``, ``U.S. President``, ``No. 5``),
  see :mod:`khaddam_align.segment.abbreviations`.

Numbers (``2.5``, ``9/11``) never match: a candidate needs a space after it.
"""

from __future__ import annotations

import re

from khaddam_align.segment.abbreviations import SENTENCE_OPENERS, period_ends_sentence

CLOSERS = "\"'”’»)]"
# Invisible direction marks that web text puts after punctuation (LRM, RLM, ALM,
# embeddings and isolates): they stay with the sentence they follow.
MARKS = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
AFTER_TERMINATOR = f"[{re.escape(CLOSERS)}]*+[{MARKS}]*+"
# Possessive and anchored at the start of a punctuation run, so a long run of
# dots costs linear, not quadratic, time. ``؟`` is for Arabic quoted in English.
_CANDIDATE = re.compile(f"(?<![.!?‽؟…])[.!?‽؟…]++{AFTER_TERMINATOR}(?=\\s)")
_STRONG = frozenset("?!‽؟")
_NEXT_WORD = re.compile(r"\s+([\"'“‘«(\[—–-]*)(\S*)")
_LOWERCASE_NAME = re.compile(r"(?:al|el)-\w")
# A quoted question or exclamation followed by who said it is one sentence:
# “Why now?” Nasser asked.  (But “…?” Nasser responded: “…” starts anew.)
_SPEECH_VERBS = (
    "said|says|asked|asks|added|adds|replied|wondered|continued|told|insisted|remarked|"
    "noted|answered|explained|warned|demanded|shouted|exclaimed|cried|recalled|quipped"
)
_ATTRIBUTION = re.compile(
    rf"\s+(?:(?:[A-Z]|al-|el-)[\w’'.-]*\s+){{1,3}}(?:{_SPEECH_VERBS})\b(?!\s*:)"
)
_OPENERS = "\"'“‘«(["
_TOKEN_WINDOW = 60
_MARK_RUN = re.compile(f"[{MARKS}]+$")


def strip_marks(terminator: str) -> str:
    """``terminator`` without trailing direction marks."""
    return _MARK_RUN.sub("", terminator)


def first_alnum(word: str) -> str:
    """The first letter or digit of ``word`` ("" if none)."""
    for char in word:
        if char.isalnum():
            return char
    return ""


def token_before(text: str, pos: int, start: int) -> str:
    """The whitespace-delimited token ending at ``pos``, without opening quotes."""
    window = text[max(start, pos - _TOKEN_WINDOW) : pos].split()
    return window[-1].lstrip(_OPENERS) if window else ""


def next_word(text: str, pos: int, end: int) -> tuple[str, bool]:
    """The word after the whitespace at ``pos`` without opening quotes, and
    whether an opening quote or bracket came before it."""
    m = _NEXT_WORD.match(text, pos, end)
    return (m.group(2), bool(m.group(1))) if m else ("", False)


def is_sentence_end(terminator: str, token: str, following: str, *, quoted: bool = False) -> bool:
    """Decide one candidate: ``terminator`` (punctuation + closers), the word
    before it, the word after it and whether that word opens a quote."""
    first = first_alnum(following)
    if first.islower():
        bare = terminator in (".", "?", "!")
        if not bare or not (quoted or _LOWERCASE_NAME.match(following)):
            return False
    if not _STRONG.isdisjoint(terminator):
        return True
    if "…" in terminator or ".." in terminator:
        return first.isupper()
    if terminator[-1] in CLOSERS:
        return True
    return period_ends_sentence(token, following)


def _is_attribution(text: str, pos: int, end: int, following: str) -> bool:
    """Whether a name and a speech verb follow (``Nasser asked``), not a new
    sentence that happens to contain one (``The Freedonians said nothing``)."""
    if following.lower() in SENTENCE_OPENERS:
        return False
    return _ATTRIBUTION.match(text, pos, end) is not None


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets where a sentence ends inside ``text[start:end]`` (one paragraph),
    not counting ``end`` itself."""
    ends: list[int] = []
    for m in _CANDIDATE.finditer(text, start, end):
        terminator = strip_marks(m.group())
        token = token_before(text, m.start(), start)
        following, quoted = next_word(text, m.end(), end)
        if (
            terminator[-1] in CLOSERS
            and terminator[0] in "?!"
            and _is_attribution(text, m.end(), end, following)
        ):
            continue
        if is_sentence_end(terminator, token, following, quoted=quoted):
            ends.append(m.end())
    return ends
