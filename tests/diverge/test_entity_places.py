"""A proper name put in place of another in the same words is an entity divergence."""

from __future__ import annotations

from khaddam_align.diverge.detect import detect
from khaddam_align.diverge.model import DivergenceType, LinkView
from khaddam_align.segment import segment_text


def _entities(a: str, b: str) -> list[str]:
    sa, sb = segment_text(a, "en"), segment_text(b, "en")
    links = [LinkView(i, ((x.start, x.end),), ((y.start, y.end),), 0.9) for i, (x, y) in enumerate(zip(sa, sb, strict=True))]
    return [f.description for f in detect(a, b, links).findings if f.type == DivergenceType.ENTITY]


def test_a_changed_place_is_flagged_with_both_names() -> None:
    a = "Al-Rifai said the Arab League was ready to hold an emergency summit in Cairo before the end of the month."
    b = "Rifai said the Arab League was ready to hold an emergency summit in Amman before the end of the month."
    assert any("Cairo" in d and "Amman" in d for d in _entities(a, b))


def test_spelling_variants_and_acronyms_are_not_flagged() -> None:
    a = "Haddad discussed the matter with Emre Öztürk in Port Leon. The plan was welcomed by the UN envoy."
    b = "Haddad discussed the matter with Emre Ozturk in Port Leon. The plan was welcomed by the UNSC envoy."
    assert not [d for d in _entities(a, b) if "says" in d]


def test_names_in_descriptions_come_from_the_text_not_a_lowercase_byline() -> None:
    from khaddam_align.text.names import display_name, learn_people

    text = "AUTHOR: haddad-tools team\n\nHaddad then spoke. Al-Rashid said yes. Salim Haddad and Walid Al-Rashid left."
    people = learn_people(text)
    assert display_name("haddad", text, people) == "Haddad"
    assert display_name("rashid", text, people) == "Al-Rashid"
