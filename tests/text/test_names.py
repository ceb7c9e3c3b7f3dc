from __future__ import annotations

import pytest

from khaddam_align.text.names import (
    display_name,
    find_names,
    learn_people,
    mentions,
    name_key,
    person_refs,
    same_name,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Youssef", "Yusuf"),
        ("Youssef", "Yousef"),
        ("al-Rashid", "Rashid"),
        ("Rasheed", "al-Rashid"),
        ("Nasser", "Nasir"),
        ("Abd el-Karim", "Abdul Karim"),
        ("يوسف", "Youssef"),
        ("الرشيد", "al-Rashid"),
        ("ناصر", "Nasser"),
        ("Öztürk", "Ozturk"),
    ],
)
def test_spelling_variants_are_the_same_name(a: str, b: str) -> None:
    assert same_name(a, b)


def test_different_names_differ() -> None:
    assert not same_name("Nasser", "Karam")
    assert not same_name("Rashid", "Nasser")
    # One skeleton ("hmd"), different first sounds: two people.
    assert name_key("Hamid") == name_key("Ahmad")
    assert not same_name("Hamid", "Ahmad")


def test_find_names_keeps_particles_and_skips_titles() -> None:
    text = "President Walid al-Rashid received Sami Karam. The talks began in Freedonia."
    names = [n.text for n in find_names(text)]
    assert names == ["Walid al-Rashid", "Sami Karam", "Freedonia"]
    for n in find_names(text):
        assert text[n.start : n.end] == n.text


def test_people_by_general_mechanisms_not_lists() -> None:
    text = ("Freedonian Foreign Minister Sami Karam arrived in Port Leon on Monday. "
            "The Trade League met in Port Leon. Karam met Ambassador Omar Nasser. "
            "The Freedonian minister said the talks were useful. Nasser replied briefly.")
    people = learn_people(text)
    assert people.key_of("karam") == "karam"
    assert people.key_of("nasser") == "nasser"
    # A place (after "in"), an organisation ("League") and a nationality are not people.
    for word in ("leon", "league", "trade", "freedonian"):
        assert not people.is_person(word)
    # The title learnt next to the name resolves the title phrase alone.
    start = text.index("The Freedonian minister")
    assert person_refs(text, people, start=start, end=start + 30)[0][1] == "karam"
    assert [m.name for m in mentions(text, people)] == ["Sami Karam", "Karam", "Omar Nasser", "Nasser"]


def test_display_name_comes_from_the_text_not_a_lowercase_byline() -> None:
    text = "AUTHOR: karam-tools team\n\nKaram then spoke. Al-Rashid said yes. Sami Karam and Walid Al-Rashid left."
    people = learn_people(text)
    assert display_name("karam", text, people) == "Karam"
    assert display_name("rashid", text, people) == "Al-Rashid"
    assert display_name("the minister", text, people) == "the minister"
