"""Omissions between two renderings of one language: a sentence the pairing cannot match is left
out only when the other side of the link is shorter by about that much (otherwise it is a loose
paraphrase of the same content)."""

from __future__ import annotations

from khaddam_align.diverge.detect import detect
from khaddam_align.diverge.model import DivergenceType, Finding, LinkView
from khaddam_align.segment import segment_text

LEFT_OUT = (DivergenceType.OMISSION, DivergenceType.ADDITION)

FIRST = "The council of the valley met in the stone hall on Monday to discuss the new bridge."
LAST = "The meeting closed after the mayor thanked the engineers for their careful drawings."
MIDDLE_A = ("The council opened the new bridge over the river on a cold morning. "
            "Farmers from the hills had waited many years for a safe crossing to the market town.")


def _detect(middle_b: str) -> list[Finding]:
    a = "\n\n".join((FIRST, MIDDLE_A, LAST))
    b = "\n\n".join((FIRST, middle_b, LAST))
    links = []
    for k, (pa, pb) in enumerate(zip(a.split("\n\n"), b.split("\n\n"), strict=True)):
        sa = [s for s in segment_text(a, "en") if a.index(pa) <= s.start < a.index(pa) + len(pa)]
        sb = [s for s in segment_text(b, "en") if b.index(pb) <= s.start < b.index(pb) + len(pb)]
        links.append(LinkView(k, tuple((s.start, s.end) for s in sa), tuple((s.start, s.end) for s in sb)))
    return [f for f in detect(a, b, links).findings if f.type in LEFT_OUT]


def test_a_freely_reworded_sentence_of_the_same_length_is_not_an_omission() -> None:
    b = ("The council opened the new bridge over the river on a cold morning. "
         "People working the upland plots at last gained a road they trusted toward where goods are sold.")
    assert _detect(b) == []


def test_a_sentence_the_other_rendering_really_drops_is_an_omission() -> None:
    found = _detect("The council opened the new bridge over the river on a cold morning.")
    assert len(found) == 1
    assert found[0].type is DivergenceType.OMISSION
    assert "Farmers from the hills" in found[0].description
