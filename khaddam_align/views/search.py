"""Search folding: Arabic without diacritics, tatweel and alef/hamza variants; English without case or accents."""

from __future__ import annotations

import re
import unicodedata

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, shadda, dagger alef, tatweel
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه", "ء": ""})


def fold(text: str) -> str:
    """Text as search compares it: ``fold("قدّمت") == fold("قدمت")``, ``fold("إن") == fold("ان")``."""
    text = _ARABIC_MARKS.sub("", text).translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c) or "\u0600" <= c <= "\u06ff")
    return re.sub(r"\s+", " ", text).casefold()
