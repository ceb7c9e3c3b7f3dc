"""One name put in place of another in a freely reworded sentence (English↔English)."""

from __future__ import annotations

from khaddam_align.diverge.model import DivergenceType
from tests.diverge.pairs import of_type, run

CONTEXT_A = "The traders loaded the carts before dawn and left the valley by the northern road."
CONTEXT_B = "Before sunrise the merchants filled their wagons and took the road north out of the valley."


def _entities(a: str, b: str) -> list[str]:
    return [f.description for f in of_type(run(f"{CONTEXT_A}\n\n{a}", f"{CONTEXT_B}\n\n{b}"), DivergenceType.ENTITY)]


def test_a_place_swapped_in_a_paraphrase_is_found() -> None:
    a = "When the caravan reached Velmora, the guards searched every sack of grain."
    b = "On its arrival at Tarrin the caravan had each bag of grain checked by the guards."
    found = _entities(a, b)
    assert any("Velmora" in d and "Tarrin" in d for d in found)


def test_derived_forms_adjectives_and_clause_capitals_are_not_swaps() -> None:
    # "Velmora" / "Velmorans", a nationality adjective, a capital after a colon: a rewording.
    a = "The caravan reached Velmora, and the guards searched every sack of grain."
    b = "The guards of the Velmorans searched each bag of grain when the caravan arrived."
    assert _entities(a, b) == []
    a2 = "The Lunish guards searched every sack of grain at the gate of the town."
    b2 = "At the town gate the guards said: Search each bag of grain for the Lunish tax."
    assert _entities(a2, b2) == []
