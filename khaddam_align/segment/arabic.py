"""Sentence ends inside one Arabic paragraph.

``.`` ``؟`` ``?`` ``!`` ``…`` (and the Urdu/Persian full stop ``۔``) end a
sentence, with any closing quotes or brackets after them (``».`` stays with
the sentence). The Arabic comma ``،`` and semicolon ``؛`` do not. Exceptions:

- a single Arabic letter before the period is an abbreviation
  (``د. محمد`` Dr., ``أ. د.``), except the era letters ``م`` / ``هـ`` after a
  year (``٢٠٠٣م.``), which end the sentence unless a preposition follows
  (``عام ١٩٥٠م. في دمشق``);
- a Latin word before the period follows the English abbreviation rules;
- a lowercase Latin word after the candidate means it is not an end;
- a closing quote followed by a speech verb (``…؟" قائلًا:``, ``…» قال``)
  is not an end: the attribution belongs to the quoted sentence.

Decimals (``٢٫٥``, ``2.5``) never match: a candidate needs a space after it,
or an Arabic letter directly after it (``الجنسية.وقال``, missing space).
"""

from __future__ import annotations

import re

from khaddam_align.segment.abbreviations import NEVER_FINAL, period_ends_sentence
from khaddam_align.segment.english import (
    AFTER_TERMINATOR,
    CLOSERS,
    first_alnum,
    next_word,
    strip_marks,
    token_before,
)
from khaddam_align.text.arabic import LETTERS_EXTENDED, MARKS

_ARABIC_LETTER = LETTERS_EXTENDED
_CANDIDATE = re.compile(
    f"(?<![.!?؟…۔])[.!?؟…۔]++{AFTER_TERMINATOR}(?=\\s)"
    # no space before the next sentence: only after a word of two letters or more
    f"|(?<=[{_ARABIC_LETTER}]{{2}})[.؟!](?=[{_ARABIC_LETTER}])"
)
_YEAR_ERA = re.compile(r"[0-9٠-٩۰-۹]+(?:م|هـ)|م|هـ")
_DIGITS = re.compile(r"[0-9٠-٩۰-۹]+")
_SINGLE_ARABIC_LETTER = re.compile(f"[{_ARABIC_LETTER}]")
_LATIN = re.compile(r"[A-Za-z][A-Za-z.]*")
_HARAKAT = MARKS  # short vowels, tanween, tatweel (text.arabic)
# Speech verbs that follow a quotation in the same sentence ("…؟" قائلًا: …);
# with the conjunction و they start a new one ("…." وقال …), and so does a
# reply ("…؟" ردّ قائلًا: …).
_ATTRIBUTION = frozenset(
    ["قال", "قالت", "قائلا", "قائلة", "أضاف", "أضافت", "مضيفا", "مضيفة", "تساءل", "تساءلت",
     "سأل", "سألت", "يقول", "تقول", "أكد", "أكدت", "مؤكدا", "مؤكدة"]
)  # fmt: skip
_PREPOSITIONS = frozenset(
    ["في", "من", "إلى", "الى", "على", "عن", "حتى", "مع", "عند", "بين", "منذ", "لدى"]
)


def _era_after_year(text: str, pos: int, start: int, token: str) -> bool:
    """Whether ``token`` is ``م``/``هـ`` written after a year (``٢٠٠٣م``, ``2003 م``)."""
    if not _YEAR_ERA.fullmatch(token):
        return False
    if token[0].isdigit():
        return True
    before = text[max(start, pos - 40) : pos].split()
    return len(before) >= 2 and bool(_DIGITS.fullmatch(before[-2]))


def is_sentence_end(text: str, m: re.Match[str], start: int, end: int) -> bool:
    """Decide one candidate match ``m`` inside the paragraph ``text[start:end]``."""
    terminator = strip_marks(m.group())
    if m.end() < end and not text[m.end()].isspace():
        return True  # the lookbehind already asked for an Arabic word before it
    following, _ = next_word(text, m.end(), end)
    if first_alnum(following).islower():
        return False
    if terminator[-1] in CLOSERS and _HARAKAT.sub("", following).rstrip(":،") in _ATTRIBUTION:
        return False
    if terminator[0] != ".":
        return True
    token = token_before(text, m.start(), start)
    if _era_after_year(text, m.start() - len(token), start, token):
        return following not in _PREPOSITIONS
    if _SINGLE_ARABIC_LETTER.fullmatch(token):
        return False
    if _LATIN.fullmatch(token):
        if not first_alnum(following).isascii():  # "على A. يبين": Arabic follows
            return token.lower() not in NEVER_FINAL
        return period_ends_sentence(token, following)
    return True


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets where a sentence ends inside ``text[start:end]`` (one paragraph),
    not counting ``end`` itself."""
    return [
        m.end()
        for m in _CANDIDATE.finditer(text, start, end)
        if is_sentence_end(text, m, start, end)
    ]
