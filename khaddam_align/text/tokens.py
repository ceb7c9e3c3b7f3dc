"""Normalised English tokens for lexical comparison.

``tokens("The Minister’s “Colour” Plan")`` == ``["the", "minister's", "color", "plan"]``:
lower case, one apostrophe and quote style, punctuation dropped, British
spellings mapped to American ones, digits written the ASCII way.
"""

from __future__ import annotations

import re
import unicodedata

from khaddam_align.text.arabic import to_ascii_digits

_QUOTES = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})
_WORD = re.compile(r"[^\W_]+(?:['.,][^\W_]+)*", re.U)

# Whole-word British → American spellings that occur in news and memoirs.
_SPELLING: dict[str, str] = {
    "colour": "color", "favour": "favor", "honour": "honor", "labour": "labor", "neighbour": "neighbor",
    "behaviour": "behavior", "harbour": "harbor", "humour": "humor", "rumour": "rumor", "vigour": "vigor",
    "centre": "center", "theatre": "theater", "metre": "meter", "defence": "defense", "offence": "offense",
    "licence": "license", "programme": "program", "travelled": "traveled", "travelling": "traveling",
    "cancelled": "canceled", "counselled": "counseled", "judgement": "judgment", "grey": "gray",
    "whilst": "while", "amongst": "among", "towards": "toward", "cheque": "check", "tyre": "tire",
    "catalogue": "catalog", "dialogue": "dialog", "analyse": "analyze", "paralyse": "paralyze",
    "saviour": "savior", "endeavour": "endeavor", "armour": "armor", "fulfil": "fulfill",
    "enrol": "enroll", "jewellery": "jewelry", "sceptical": "skeptical", "manoeuvre": "maneuver",
}  # fmt: skip
# -ise/-isation spellings (organise, realisation) → -ize/-ization, except words that are -ise in US too.
_ISE_KEEP = frozenset({"rise", "wise", "advise", "advertise", "exercise", "surprise", "compromise", "promise",
                        "precise", "concise", "despise", "devise", "revise", "supervise", "televise", "franchise",
                        "merchandise", "enterprise", "otherwise", "likewise", "arise", "raise", "praise", "noise",
                        "poise", "cruise", "bruise", "expertise", "premise", "demise", "paradise", "treatise",
                        "disguise", "chastise", "circumcise", "excise", "incise", "improvise", "comprise"})  # fmt: skip
_ISE = re.compile(r"^(\w{3,}?)is(e|es|ed|ing|ation|ations|er|ers)$")


def normalize_quotes(text: str) -> str:
    """Curly quotes, guillemets and primes to ASCII ' and "."""
    return text.translate(_QUOTES)


def american(word: str) -> str:
    """A lower-case word with British spelling mapped to American."""
    if word in _SPELLING:
        return _SPELLING[word]
    m = _ISE.match(word)
    if m and (m.group(1) + "ise") not in _ISE_KEEP and not word.endswith("wise"):
        return m.group(1) + "iz" + m.group(2)
    if word.endswith("our") and word[:-3] + "our" in _SPELLING:
        return _SPELLING[word]
    return word


def tokens(text: str) -> list[str]:
    """Normalised word tokens of English text (numbers keep their digits, "2,500" → "2500")."""
    text = unicodedata.normalize("NFKC", to_ascii_digits(normalize_quotes(text))).lower()
    out: list[str] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word[0].isdigit():
            out.append(word.replace(",", ""))
        else:
            out.append(american(word.replace(",", "").replace(".", "")))
    return out


def normalize(text: str) -> str:
    """Tokens joined by single spaces: the string form used for fuzzy comparison."""
    return " ".join(tokens(text))


# Frequent English function words: not useful as alignment anchors.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself said says say told would shall may might must upon unto also""".split()  # noqa: SIM905
)


def content_tokens(text: str) -> list[str]:
    """Tokens without stopwords and one-letter words."""
    return [t for t in tokens(text) if t not in STOPWORDS and len(t) > 1]
