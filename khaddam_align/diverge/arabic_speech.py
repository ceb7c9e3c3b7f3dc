"""Who speaks in an Arabic text, and what it quotes directly.

Arabic has no capital letters, so a name is recognised with the help of the
English rendering it is aligned with: an Arabic word is a name when its
transliteration skeleton meets a capitalised word of the English text
(``NameIndex``). A speech verb (قال، أضاف، ردّ، أجاب، أكد، تابع، علّق، سأل،
أشار …, with the clitics و / ف) is followed by its subject in the usual
verb-subject order, possibly after a title ("ثم تحدث السفير حداد"); a verb
with no name after it ("وأضاف:") has a pronoun subject, resolved to the
subject of the sentence or the last speaker before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from khaddam_align.text import lexicon_ar as ar
from khaddam_align.text import lexicon_en as en
from khaddam_align.text.arabic import ARABIC_WORD_MARKED, fold
from khaddam_align.text.names import People
from khaddam_align.text.translit import skeleton

_WORD = ARABIC_WORD_MARKED
_SENTENCE = re.compile(r"[^.!?؟\n]+[.!?؟]*")
_QUOTE = re.compile(r"«([^»]{3,})»|“([^”]{3,})”|\"([^\"]{3,})\"")
_STOP = frozenset(en.FUNCTION_WORDS | frozenset(en.ROLE_WORDS) | frozenset(en.TITLE_MODIFIERS)
                  | frozenset(en.ORGANISATION_WORDS) | frozenset(en.WEEKDAYS) | frozenset(en.MONTHS))


@lru_cache(maxsize=100_000)
def strip_clitics(word: str) -> tuple[str, ...]:
    """The folded word and its forms without a leading clitic or article."""
    w = fold(word)
    forms = [w]
    for prefix in ar.PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 2:
            forms.append(w[len(prefix) :])
    return tuple(forms)


@lru_cache(maxsize=100_000)
def variants(word: str) -> frozenset[str]:
    """Skeletons of an Arabic word without clitics and without a nisba ending (سوري → سور)."""
    out: set[str] = set()
    for form in strip_clitics(word):
        for end in ("", "ي", "يه", "يون", "يين"):
            if not end or (form.endswith(end) and len(form) - len(end) >= 2):
                k = skeleton(form[: len(form) - len(end)] if end else form)
                if len(k) >= 2:
                    out.add(k)
    return frozenset(out)


class NameIndex:
    """The people of an English text (``People`` aliases) by skeleton, to recognise them in its Arabic counterpart."""

    def __init__(self, people: People) -> None:
        self.by_skeleton: dict[str, str] = {}
        for word, key in sorted(people.aliases.items()):
            if word in _STOP or len(word) < 3:
                continue
            k = skeleton(word)
            if len(k) >= 2:
                self.by_skeleton.setdefault(k, key)

    def name_of(self, arabic_word: str) -> str | None:
        """The person key (of the English text) that ``arabic_word`` names, if any."""
        for k in variants(arabic_word):
            if k in self.by_skeleton:
                return self.by_skeleton[k]
        return None


@dataclass(frozen=True, slots=True)
class ArabicQuote:
    start: int
    end: int


def arabic_quotes(text: str, start: int = 0, end: int | None = None) -> list[ArabicQuote]:
    """Direct quotes «…», “…” or "…" of three words or more in ``text[start:end]``."""
    stop = len(text) if end is None else end
    out: list[ArabicQuote] = []
    for m in _QUOTE.finditer(text, start, stop):
        inner = next(g for g in m.groups() if g is not None)
        if len(_WORD.findall(inner)) >= 3:
            out.append(ArabicQuote(m.start(), m.end()))
    return out


def _is_speech_verb(word: str) -> bool:
    return any(f in ar.SPEECH_VERBS for f in strip_clitics(word))


def _is_role(word: str) -> bool:
    return any(f in ar.ROLE_WORDS or f in ar.TITLE_QUALIFIERS for f in strip_clitics(word))


def sentence_speaker(text: str, start: int, end: int, names: NameIndex) -> tuple[str | None, bool, bool]:
    """(speaker, has a speech verb, explicit) of one Arabic sentence: the name right after its first
    speech verb (explicit), or the sentence's subject before it; None with True when the verb's
    subject is a pronoun."""
    words = [(m.start(), m.group()) for m in _WORD.finditer(text, start, end)]
    for i, (_pos, w) in enumerate(words):
        if not _is_speech_verb(w):
            continue
        j = i + 1
        while j < len(words) and j <= i + 4:
            gap = text[words[j - 1][0] + len(words[j - 1][1]) : words[j][0]]
            if any(c in gap for c in ":«“\"،,"):
                break  # the quote or the clause begins: no name after the verb
            nxt = words[j][1]
            if _is_role(nxt):
                j += 1
                continue
            name = names.name_of(nxt)
            if name:
                return name, True, True
            if any(f in ar.NOT_NAMES for f in strip_clitics(nxt)) or _is_speech_verb(nxt):
                break
            j += 1
        # The sentence's subject before the verb ("بدأ الرفاعي …، وقال", "خدام قال"): its first name.
        for _pos, before in words[:i]:
            name = names.name_of(before)
            if name:
                return name, True, False
        return None, True, False
    return None, False, False


Speakers = list[tuple[int, int, str | None, bool]]


def speakers(text: str, names: NameIndex) -> Speakers:
    """Each sentence of the Arabic text with its speaker and whether the name follows the verb;
    pronoun subjects take the last named speaker."""
    out: Speakers = []
    last: str | None = None
    for m in _SENTENCE.finditer(text):
        who, speech, explicit = sentence_speaker(text, m.start(), m.end(), names)
        if who:
            last = who
        elif speech:
            who = last
        out.append((m.start(), m.end(), who, explicit))
    return out


def speakers_in(table: Speakers, start: int, end: int, *, explicit: bool = False) -> list[str]:
    """The speakers of the sentences of ``[start, end)``, in order (only named ones with ``explicit``)."""
    i = _first(table, start)
    out: list[str] = []
    for s, e, who, named in table[i:]:
        if s >= end:
            break
        if start < e and who and (named or not explicit):
            out.append(who)
    return out


def _first(table: Speakers, start: int) -> int:
    """Index of the last sentence starting at or before ``start`` (binary search on the sorted table)."""
    lo, hi = 0, len(table)
    while lo < hi:
        mid = (lo + hi) // 2
        if table[mid][0] <= start:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)
