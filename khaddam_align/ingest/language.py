"""Language from the script: Arabic letters versus Latin letters."""

from __future__ import annotations

import re

from khaddam_align.errors import SourceError
from khaddam_align.text.arabic import ARABIC_CHAR as _ARABIC

_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")

LANGUAGES = ("ar", "en")


def detect_language(text: str, *, name: str = "the text") -> str:
    """"ar" when Arabic letters outnumber Latin ones, else "en"."""
    arabic = len(_ARABIC.findall(text))
    latin = len(_LATIN.findall(text))
    if arabic == 0 and latin == 0:
        raise SourceError(
            f"{name}: cannot tell the language (no Arabic or Latin letters).",
            hint="Give it with --lang ar or --lang en.",
        )
    return "ar" if arabic > latin else "en"


def check_language(lang: str, *, name: str = "--lang") -> str:
    if lang not in LANGUAGES:
        raise SourceError(f"{name}: unknown language {lang!r}.", hint="Use ar or en (or auto).")
    return lang
