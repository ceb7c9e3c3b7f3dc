"""Certainty: epistemic hedges count, wishes and purpose clauses do not (English)."""

from __future__ import annotations

from khaddam_align.diverge.detectors.meaning import _hedges
from khaddam_align.diverge.model import DivergenceType
from tests.diverge.pairs import of_type, run


def test_wishes_and_purpose_clauses_are_not_hedges() -> None:
    assert _hedges("May the harvest be good this year.") == (0, 0)
    assert _hedges("And may the river stay calm for the boats.") == (0, 0)
    assert _hedges("They left early so that the children might sleep.") == (0, 0)
    assert _hedges("We pray every night, that the soldiers may come home.") == (0, 0)
    assert _hedges("Her only wish was that the farm may stay in the family.") == (0, 0)


def test_epistemic_hedges_and_reported_doubt_are_hedges() -> None:
    assert _hedges("The report may be wrong.") == (1, 1)
    assert _hedges("The engineer warned that the bridge may be unsafe.") == (1, 1)
    assert _hedges("It is a plan that might well fail.") == (1, 1)
    assert _hedges("Perhaps the ferry left at noon.") == (1, 1)
    assert _hedges("The harbour could have been larger.") == (1, 0)  # a counterfactual, not doubt


def test_is_against_may_be_in_a_reworded_sentence_is_a_certainty_change() -> None:
    a = ("The old lighthouse keeper is the last person who saw the ship before the storm.\n\n"
         "The villagers rebuilt the harbour wall in the spring.")
    b = ("The last one to see the vessel before the gale may be the elderly keeper of the lighthouse.\n\n"
         "The villagers rebuilt the harbour wall in the spring.")
    found = of_type(run(a, b), DivergenceType.MEANING)
    assert found
    assert "only as possible" in found[0].description


def test_a_wish_against_a_statement_is_not_a_certainty_change() -> None:
    a = ("May the new school give the children of the valley a good start.\n\n"
         "The villagers rebuilt the harbour wall in the spring.")
    b = ("And may the children of the valley get a good start from the new school.\n\n"
         "The villagers rebuilt the harbour wall in the spring.")
    assert of_type(run(a, b), DivergenceType.MEANING) == []


def test_a_word_against_its_negative_form_is_a_negation() -> None:
    a = ("The surveyors said the mountain pass was passable for the supply wagons in winter.\n\n"
         "The villagers rebuilt the harbour wall in the spring.")
    b = ("According to the surveyors the mountain pass was impassable for the supply wagons in winter.\n\n"
         "The villagers rebuilt the harbour wall in the spring.")
    found = of_type(run(a, b), DivergenceType.MEANING)
    assert found
    assert "opposite" in found[0].description
