"""Search folding: Arabic without diacritics, tatweel and alef/hamza variants; English without case or accents."""

from __future__ import annotations

import re
import unicodedata

from khaddam_align.text.arabic import ARABIC_CHAR
from khaddam_align.text.arabic import fold as arabic_fold


def fold(text: str) -> str:
    """Text as search compares it: ``fold("قدّمت") == fold("قدمت")``, ``fold("إن") == fold("ان")``."""
    text = arabic_fold(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c) or ARABIC_CHAR.match(c))
    return re.sub(r"\s+", " ", text).casefold()
