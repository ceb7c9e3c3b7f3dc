"""Weighted word differences: facts stand out, function words are muted."""

from __future__ import annotations

from khaddam_align.views.diff import NORMAL, STRONG, WEAK, weight_of, word_diff


def weights(a: str, b: str) -> dict[str, str]:
    ma, mb = word_diff(a, b)
    return {**{a[m.start : m.end]: m.weight for m in ma}, **{b[m.start : m.end]: m.weight for m in mb}}


def test_numbers_negation_modality_and_names_are_strong() -> None:
    w = weights("Damascus had provided more than 2,500 million dollars.",
                "Damascus had provided more than 250 million dollars.")
    assert set(w.values()) == {STRONG}
    for text, word in (("Syria will not accept it", "not"), ("Syria would accept it", "would"),
                       ("a summit in Amman today", "Amman"), ("they didn't go", "didn't")):
        at = text.index(word)
        assert weight_of(text, at, at + len(word)) == STRONG, word


def test_function_words_are_weak_and_synonyms_normal() -> None:
    assert weight_of("he said that the plan", 8, 12) == WEAK  # "that"
    assert weight_of("he said that the plan", 3, 7) == NORMAL  # "said"
    w = weights("He said the talks went well.", "He indicated talks went well.")
    assert STRONG not in w.values()
    assert w.get("indicated") == NORMAL
    assert weight_of("The meeting", 0, 3) == WEAK  # capital at a sentence start is not a name


def test_descriptions_name_the_renderings_outside_quotes() -> None:
    from khaddam_align.views.names import name_sides

    got = name_sides("A attributes “A and B met” to Khatami; B to Kharrazi", "Asharq Al-Awsat (English)",
                     "Al Majalla (English)")
    assert got == "Asharq Al-Awsat (English) attributes “A and B met” to Khatami; Al Majalla (English) to Kharrazi"
    assert name_sides("B leaves out “x”", "One", "Two") == "Two leaves out “x”"
    assert name_sides("A has 5 / 6 (…)", "One", "Two") == "One has 5 / 6 (…)"
