from __future__ import annotations

from khaddam_align.text.translit import is_arabic, skeleton, transliterate


def test_transliteration_aims_at_english_spellings() -> None:
    assert transliterate("خدام") == "khdam"
    assert transliterate("الأسد") == "al-asd"
    assert transliterate("شرع") == "shr'"


def test_harakat_are_ignored() -> None:
    assert transliterate("مُحَمَّد") == transliterate("محمد") == "mhmd"


def test_skeleton_meets_across_scripts() -> None:
    assert skeleton("خدام") == skeleton("Khaddam") == "xdm"
    assert skeleton("حسين") == skeleton("Hussein")
    assert skeleton("Tehran") != skeleton("Damascus")


def test_is_arabic() -> None:
    assert is_arabic("قال خدام")
    assert not is_arabic("Khaddam said")
