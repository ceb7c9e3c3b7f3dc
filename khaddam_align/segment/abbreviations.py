"""English abbreviations: does a period after this token end a sentence?

The decision looks at the token before the period and the word after it.
Lists are lowercase and without the final period.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and words that are always followed by more of the same sentence
# ("Brig. Gen. Youssef Nasser", "Dr. Karim", "e.g. Freedonia").
NEVER_FINAL = _words(
    """
    mr mrs ms messrs mme mlle dr prof gen gens brig maj col lt lieut capt cpt sgt cpl pvt
    adm cmdr cdr gov govs sen sens rep reps rev hon pres st mt ft fr supt insp det amb sec
    e.g i.e cf viz vs approx
    """
)

# Abbreviations before a number ("No. 10", "pp. 5-7", "Jan. 26").
BEFORE_NUMBER = _words(
    """
    no nos vol vols p pp fig figs art ch sec para
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)

# Abbreviations that may end a sentence; they do when a typical sentence
# opener follows ("... Sami Aoun Jr. He said" vs "Acme Inc. Chairman").
MAY_BE_FINAL = _words(
    """
    jr sr inc ltd co corp bros plc llc jan feb mar apr jun jul aug sep sept oct nov dec
    """
)

# Words that open sentences far more often than they continue a name.
SENTENCE_OPENERS = _words(
    """
    a an the he she it they we i you this that these those there here his her its their our
    my your but and or so yet then thus still also however meanwhile moreover furthermore
    in on at as after before when while if since although though despite for from with by
    of to under over during until unless because what why how who whom where which now
    today yesterday tomorrow some many most both all each every no not one two such
    """
)

_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_INITIAL = re.compile(r"[A-Z]")


def period_ends_sentence(token: str, next_word: str) -> bool:
    """Whether ``token.`` followed by ``next_word`` (not lowercase) ends a sentence.

    ``token`` is the text before the period back to the previous space, without
    opening quotes or brackets ("Gen", "U.S", "W", "2003"); ``next_word`` is
    the next word without opening quotes ("Youssef", "5").
    """
    lower = token.lower()
    starts_with_digit = next_word[:1].isdigit()
    if lower in NEVER_FINAL:
        return False
    if lower in BEFORE_NUMBER and starts_with_digit:
        return False
    opener = next_word.lower().strip("'’") in SENTENCE_OPENERS
    if lower in MAY_BE_FINAL:
        return opener
    if _INITIAL.fullmatch(token) or _DOTTED_ACRONYM.fullmatch(token):
        # "John Q. Public", "U.S. President" vs "... in the U.S. The ..."
        return opener or starts_with_digit
    return True
