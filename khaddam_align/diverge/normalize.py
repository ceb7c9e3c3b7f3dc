"""Tokens with offsets and the normalisation used to compare two English renderings.

Two renderings spell the same thing differently: case, punctuation, curly or
straight quotes, British or American spelling (centred / centered) and the
article of transliterated names (al-Rashid / Rashid). ``norm`` maps these to
one form so that only real wording differences remain; other spelling
variants of names are compared by transliteration skeleton
(``text.names.same_name``), never by a table of particular names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from khaddam_align.text.names import strip_accents
from khaddam_align.text.tokens import american

WORD = re.compile(r"\w+(?:[’'‘\-]\w+)*", re.UNICODE)

# Derived British forms the shared table does not cover (centred, unfavourably, favourable).
_SPELLING = {
    "centre": "center", "centres": "centers", "centred": "centered", "metre": "meter",
    "theatre": "theater", "manoeuvre": "maneuver", "manoeuvres": "maneuvers",
    "defence": "defense", "offence": "offense", "licence": "license", "programme": "program",
    "grey": "gray", "travelled": "traveled", "travelling": "traveling", "labelled": "labeled",
    "cancelled": "canceled", "counselled": "counseled", "judgement": "judgment",
    "spelt": "spelled", "learnt": "learned", "towards": "toward", "whilst": "while",
    "amongst": "among", "unfavourably": "unfavorably",
}
_OUR_STEMS = ("favour", "colour", "honour", "labour", "behaviour", "neighbour", "harbour",
              "rumour", "endeavour", "vigour", "armour", "humour", "savour", "odour")
_ISE = re.compile(r"^(recogn|organ|real|mobil|priorit|critic|summar|emphas|apolog|author|"
                  r"character|legal|normal|capital|central|civil|special|util|minim|maxim|"
                  r"neutral|stabil|modern|symbol|sympath|final|jeopard|agon|categor)is(e|es|ed|ing|ation|ations)$")

_ARTICLE = re.compile(r"^(?:al|el|ul)[-‐]")


class Token(NamedTuple):
    """One word of a text: ``text[start:end]`` and its normalised form."""

    start: int
    end: int
    surface: str
    norm: str


@lru_cache(maxsize=65536)
def norm(word: str) -> str:
    """The comparison form of one word: lower case, no accents, American spelling, no name article."""
    w = strip_accents(word).lower().replace("’", "'").replace("‘", "'").replace("‐", "-")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    w = _ARTICLE.sub("", w)
    w = american(w)  # the shared British → American table (khaddam_align.text.tokens)
    if w in _SPELLING:
        return _SPELLING[w]
    for stem in _OUR_STEMS:
        if w.startswith(stem):
            return stem[:-3] + "or" + w[len(stem):]
    m = _ISE.match(w)
    if m:
        return f"{m.group(1)}iz{m.group(2)}"
    return w


def tokenize(text: str, *, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]`` with offsets into ``text`` (punctuation is dropped)."""
    stop = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), m.group(), norm(m.group()))
        for m in WORD.finditer(text, start, stop)
    ]


STOPWORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "then", "so", "as", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "about", "over", "under", "after", "before", "during", "between", "within", "without", "through", "than", "that", "this", "these", "those", "it", "its", "it's", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "has", "have", "had", "having", "he", "she", "they", "we", "you", "i", "me", "my", "our", "your", "his", "her", "their", "them", "us", "him", "who", "whom", "which", "what", "when", "where", "why", "how", "there", "here", "also", "very", "just", "not", "no", "nor", "only", "all", "any", "both", "each", "some", "such", "more", "most", "other", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "said", "says", "say", "saying", "told", "added", "s", "t", "don", "didn", "doesn", "isn", "wasn", "aren", "weren", "won", "wouldn", "couldn", "shouldn", "mr"]
)


def content_words(tokens: list[Token]) -> set[str]:
    """Normalised words that carry content (no function words, no single letters)."""
    return {t.norm for t in tokens if t.norm not in STOPWORDS and len(t.norm) > 1}
