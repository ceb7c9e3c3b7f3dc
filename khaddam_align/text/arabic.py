"""Arabic script knowledge in one place: character ranges, marks and folding.

Every module that needs to know "is this Arabic?", "which characters are
diacritics?" or "which letters count as the same when comparing?" imports it
from here (terminal display, language detection, decoding, transliteration,
alignment features and lexicon, segmentation, divergence detection, the app's
search).

- ``BLOCKS``: every Unicode block of the Arabic script (base, supplement,
  extended-A, presentation forms A and B), as a regex character-class body.
- ``LETTERS``: the letters of the base block (hamza … yeh, and the extended
  letters of Persian and Urdu), without digits, punctuation or marks.
- ``DIACRITICS``: harakat, tanween, shadda, sukun, dagger alef and the Quranic
  annotation marks; ``TATWEEL`` is the elongation stroke (ـ).
- Folding: ``fold_letters`` maps alef variants (أ إ آ ٱ) to ا, alef maqsura ى
  to ي and ta marbuta ة to ه (the "light" fold used by comparisons that keep
  hamza seats); ``fold`` also removes diacritics and tatweel and, with
  ``hamza=True`` (the default), folds hamza seats (ؤ → و, ئ → ي, ء dropped).

Folding may shorten the text (marks are removed); callers that need offsets
into the original keep working on the original and fold only copies.
"""

from __future__ import annotations

import re

BLOCKS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
LETTERS = "\u0621-\u064a\u0671-\u06d3"
# Letters as the segmenter needs them: with the Persian/Urdu letters after the marks.
LETTERS_EXTENDED = "\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff"
PRESENTATION_FORMS = "\ufb50-\ufdff\ufe70-\ufeff"
DIACRITICS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
TATWEEL = "\u0640"
DIGITS = "\u0660-\u0669\u06f0-\u06f9"  # Arabic-Indic and Persian (Extended Arabic-Indic) digits
DECIMAL_SEPARATOR = "\u066b"  # ٫
THOUSANDS_SEPARATOR = "\u066c"  # ٬
COMMA = "\u060c"  # ،
QUESTION_MARK = "\u061f"  # ؟

ARABIC_CHAR = re.compile(f"[{BLOCKS}]")
ARABIC_LETTER = re.compile(f"[{LETTERS}]")
ARABIC_WORD = re.compile(f"[{LETTERS}]+")
# A word as written, diacritics and tatweel included (for offsets into unfolded text).
ARABIC_WORD_MARKED = re.compile(f"[{LETTERS}{DIACRITICS}{TATWEEL}]+")
# A letter of the script in any form (base or presentation form), for decoding checks.
ARABIC_LETTER_ANY = re.compile(f"[{LETTERS}{PRESENTATION_FORMS}]")
MARKS = re.compile(f"[{DIACRITICS}{TATWEEL}]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")

_LIGHT = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ى": "ي", "ة": "ه"})
_HAMZA = str.maketrans({"ؤ": "و", "ئ": "ي", "ء": ""})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SEPARATORS = str.maketrans({DECIMAL_SEPARATOR: ".", THOUSANDS_SEPARATOR: ","})


def has_arabic(text: str) -> bool:
    """True when ``text`` contains any character of the Arabic script."""
    return ARABIC_CHAR.search(text) is not None


def is_arabic(text: str) -> bool:
    """True when ``text`` contains an Arabic letter."""
    return ARABIC_LETTER.search(text) is not None


def arabic_share(text: str) -> float:
    """Arabic letters among all letters (Arabic + Latin) of ``text``; 0 when it has none."""
    arabic = len(ARABIC_CHAR.findall(text))
    latin = len(_LATIN.findall(text))
    return arabic / (arabic + latin) if arabic + latin else 0.0


def strip_marks(text: str) -> str:
    """``text`` without diacritics and tatweel."""
    return MARKS.sub("", text)


def fold_letters(text: str) -> str:
    """Alef variants → ا, ى → ي, ة → ه; same length as ``text``."""
    return text.translate(_LIGHT)


def fold(text: str, *, hamza: bool = True) -> str:
    """Comparison form: no diacritics or tatweel, one alef, ي for ى, ه for ة (and hamza seats folded)."""
    text = strip_marks(text).translate(_LIGHT)
    return text.translate(_HAMZA) if hamza else text


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII, ٫ to "." and ٬ to ","; same length."""
    return text.translate(_DIGITS).translate(_SEPARATORS)


def _expand(ranges: str) -> str:
    """The characters of a character-class body made of single characters and ``x-y`` ranges."""
    out: list[str] = []
    i = 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(ranges[i]), ord(ranges[i + 2]) + 1))
            i += 3
        else:
            out.append(ranges[i])
            i += 1
    return "".join(out)


DIACRITIC_CHARS = _expand(DIACRITICS) + TATWEEL
