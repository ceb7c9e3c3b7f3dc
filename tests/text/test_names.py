from __future__ import annotations

import pytest

from khaddam_align.text.names import find_names, name_key, same_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mohammad", "Muhammad"),
        ("Mohammed", "Muhammad"),
        ("al-Assad", "Assad"),
        ("Sharaa", "Shara'"),
        ("al-Sharaa", "Sharaa"),
        ("Khaddam", "Khadam"),
        ("Abdul Halim", "Abdel Halim"),
        ("خدام", "Khaddam"),
        ("الأسد", "al-Assad"),
        ("خامنئي", "Khamenei"),
    ],
)
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert same_name(a, b)


def test_different_names_differ() -> None:
    assert not same_name("Khatami", "Khamenei")
    assert not same_name("Assad", "Sharaa")


def test_find_names_keeps_particles_and_skips_titles() -> None:
    text = "President Hafez al-Assad received Abdul Halim Khaddam. The talks began in Tehran."
    names = [n.text for n in find_names(text)]
    assert names == ["Hafez al-Assad", "Abdul Halim Khaddam", "Tehran"]
    for n in find_names(text):
        assert text[n.start : n.end] == n.text
