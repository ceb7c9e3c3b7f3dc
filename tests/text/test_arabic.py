"""One home for Arabic script knowledge: ranges, marks, folding, digits."""

from __future__ import annotations

import re
from pathlib import Path

from khaddam_align.text.arabic import (
    ARABIC_CHAR,
    arabic_share,
    fold,
    fold_letters,
    has_arabic,
    is_arabic,
    strip_marks,
    to_ascii_digits,
)

ROOT = Path(__file__).resolve().parents[2]


def test_folding_rules() -> None:
    assert strip_marks("قدّمتُ") == "قدمت"
    assert strip_marks("كتـــاب") == "كتاب"
    assert fold("إن") == fold("ان") == fold("أن") == fold("آن")
    assert fold("مستشفى") == fold("مستشفي")
    assert fold("مدرسة") == fold("مدرسه")
    assert fold("مسؤول") == fold("مسوول")
    assert fold("مسؤول", hamza=False) != fold("مسوول", hamza=False)
    assert len(fold_letters("أإآة")) == 4


def test_ranges_and_detection() -> None:
    assert has_arabic("abc ﻻ")  # presentation form
    assert is_arabic("قال")
    assert not has_arabic("said")
    assert arabic_share("قال say") == 0.5
    assert arabic_share("123") == 0.0


def test_digits_and_separators() -> None:
    assert to_ascii_digits("٢٬٥٠٠٫٧٥ و۱۲") == "2,500.75 و12"


def test_no_other_module_defines_the_arabic_ranges() -> None:
    # The block ranges and the letter range are written only in text/arabic.py.
    pattern = re.compile(r"\\u0600-\\u06[fF][fF]|\\u0621-\\u064[aA]|\\u064[bB]-\\u065")
    offenders = [
        str(p.relative_to(ROOT))
        for folder in (ROOT / "khaddam_align", ROOT / "ui" / "khaddam_align_ui")
        for p in folder.rglob("*.py")
        if p != ROOT / "khaddam_align" / "text" / "arabic.py" and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert ARABIC_CHAR.pattern.startswith("[")
