"""Severities live in one table; detection uses the renderings' known languages."""

from __future__ import annotations

import re
from pathlib import Path

from khaddam_align.diverge.detect import detect
from khaddam_align.diverge.model import DivergenceType
from khaddam_align.diverge.severity import SEVERITY, TYPE_WEIGHT
from tests.diverge.pairs import links

DIVERGE = Path(__file__).resolve().parents[2] / "khaddam_align" / "diverge"


def test_every_severity_a_detector_uses_is_in_the_table() -> None:
    used = {m for p in DIVERGE.rglob("*.py") for m in re.findall(r'severity\("([\w.]+)"', p.read_text(encoding="utf-8"))}
    assert used
    assert used <= set(SEVERITY)
    assert set(TYPE_WEIGHT) == set(DivergenceType)
    assert all(0 < v <= 1 for v in SEVERITY.values())


def test_the_known_language_is_used_not_guessed() -> None:
    # Mostly Latin letters (a long English header), but the rendering is the Arabic original.
    ar = ("Archive note: scanned from the papers kept by the family in the old library.\n\n"
          "التقى السفير عمر ناصر بالحاكم سامي كرم في مكتب الميناء.")
    en = ("Archive note: scanned from the papers kept by the family in the old library.\n\n"
          "Ambassador Omar Nasser met Governor Sami Karam at the harbour office.\n\n"
          "The dock workers were on strike for the whole of that long and difficult week.")
    shape = [([0], [0]), ([1], [1]), ([], [2])]
    guessed = detect(ar, en, links(ar, en, shape)).findings
    known = detect(ar, en, links(ar, en, shape), a_language="ar", b_language="en",
                   a_name="Arabic original", b_name="Test Daily (English)").findings
    assert not [f for f in guessed if f.type is DivergenceType.ADDITION and "adds a sentence" in f.description
                and "Arabic original" in f.description]
    added = [f for f in known if f.type is DivergenceType.ADDITION]
    assert added
    assert added[0].description.startswith("Test Daily (English) adds a sentence Arabic original lacks")
