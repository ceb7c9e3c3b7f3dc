"""Arabic script to Latin, for fuzzy matching against English spellings of names.

``transliterate("نبيل") == "nbil"`` and ``transliterate("الرشيد") == "al-rshid"``:
a Buckwalter-like mapping aimed at the letters English spellings use (kh, sh,
th, dh, gh; long vowels as a/u/i, short vowels absent). ``skeleton`` then
reduces either script to a consonant key so spellings meet:
``skeleton("وليد") == skeleton("Walid") == "ld"``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from khaddam_align.text.arabic import DIACRITIC_CHARS, is_arabic
from khaddam_align.text.arabic import MARKS as _MARKS

__all__ = ["is_arabic", "skeleton", "transliterate"]

_LETTERS: dict[str, str] = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "'", "ؤ": "'", "ئ": "'",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "u", "ي": "i", "ى": "a", "پ": "p", "چ": "ch", "گ": "g",
    "ک": "k", "ی": "i", "ڤ": "v",
}  # fmt: skip



def transliterate(text: str) -> str:
    """Arabic letters to Latin; other characters kept. The article ال becomes "al-"."""
    text = _MARKS.sub("", text)
    out: list[str] = []
    for word in re.split(r"(\s+)", text):
        if word.startswith("ال") and len(word) > 3:
            out.append("al-" + "".join(_LETTERS.get(ch, ch) for ch in word[2:]))
        else:
            out.append("".join(_LETTERS.get(ch, ch) for ch in word))
    return "".join(out)


# Latin digraphs collapsed to one symbol before vowels are dropped.
_DIGRAPHS = (("kh", "x"), ("sh", "$"), ("ch", "$"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ph", "f"), ("ck", "k"))
_SOUNDS = str.maketrans({"q": "k", "c": "k", "g": "j", "v": "f", "p": "b", "o": "", "e": "", "a": "", "i": "", "u": "", "y": "", "w": "", "'": "", "-": ""})


# Arabic letters straight to skeleton symbols (what transliterate + the Latin rules give).
_AR_SKELETON = str.maketrans(
    {
        **{ch: "" for ch in "اأإآٱٲٳءؤئعةويىی"},
        **{ch: "" for ch in DIACRITIC_CHARS},
        "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d",
        "ر": "r", "ز": "z", "س": "s", "ش": "$", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
        "غ": "j", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
        "پ": "b", "چ": "$", "گ": "j", "ک": "k", "ڤ": "f",
    }
)  # fmt: skip
_NOT_SKELETON = re.compile(r"[^a-z$]")
_DOUBLES = re.compile(r"(.)\1+")


def _arabic_skeleton(name: str) -> str:
    words = name.split()
    if words and words[0].startswith("ال") and len(words[0]) > 3:
        words[0] = words[0][2:]
    return _DOUBLES.sub(r"\1", _NOT_SKELETON.sub("", "".join(words).translate(_AR_SKELETON)))


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """A consonant key for fuzzy name matching across scripts and spellings.

    Drops the article (al-/el-/ال), vowels, w/y, hamza/ayn marks and doubled
    letters: Youssef / Yusuf / يوسف → "sf", and Rashid / Rasheed / الرشيد → "r$d".
    Arabic script maps straight to the symbols its transliteration would give.
    """
    if is_arabic(name):
        return _arabic_skeleton(name)
    low = unicodedata.normalize("NFKD", name.lower())
    low = "".join(ch for ch in low if not unicodedata.combining(ch))
    low = re.sub(r"^(?:al|el|ad|as|ash|an|ar)[-\s']+", "", low)
    low = re.sub(r"[^a-z$'-]", "", low)
    for a, b in _DIGRAPHS:
        low = low.replace(a, b)
    low = low.translate(_SOUNDS)
    return re.sub(r"(.)\1+", r"\1", low)
