"""Quote findings only when they mean something."""

from __future__ import annotations

from khaddam_align.diverge.model import DivergenceType
from tests.diverge.pairs import run

QUOTE = DivergenceType.QUOTE


def test_only_the_quotation_marks_differ() -> None:
    a = "And the king said to his servants, “Go up to the city and bring me the scrolls of the law.”"
    b = "And the king said to his servants, Go up to the city and bring me the scrolls of the law."
    assert [f for f in run(a, b) if f.type is QUOTE] == []


def test_a_quote_turned_into_reported_speech_is_flagged() -> None:
    a = "Governor Sami Karam replied: “We will accept no deal that harms the fishermen of this harbour.”"
    b = "Governor Sami Karam replied that his side would accept no deal that harmed the harbour's fishermen."
    found = [f for f in run(a, b) if f.type is QUOTE]
    assert len(found) == 1
    assert "reported speech" in found[0].description
    assert found[0].description.startswith("Test Daily (English) quotes directly")


def test_a_short_quote_whose_words_change_is_flagged() -> None:
    a = "The envoy greeted the governor and said the situation in the region “requires exceptional patience.”"
    b = "The envoy greeted the governor and said the region needed exceptional patience."
    found = [f for f in run(a, b) if f.type is QUOTE]
    assert found
    assert "its words change" in found[0].description
