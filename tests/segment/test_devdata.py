"""Boundary scores on real news (ntrex-dev, one sentence per line).

Each article's lines are laid out as paragraphs of 3, 4 and 5 sentences (the
headline alone), and the segmenter must find the line boundaries inside the
paragraphs again. Some Arabic lines have no final punctuation upstream; no
punctuation-based segmenter can find those boundaries, so recall is also
measured on the "detectable" ones (the sentence ends with . ! ? ؟ … and
perhaps a closing quote). The numbers are in docs/segmentation.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from khaddam_align.segment import segment_text
from khaddam_align.segment.evaluation import (
    BoundaryScores,
    boundary_scores,
    document_from_sentences,
)

pytestmark = pytest.mark.corpus

_PUNCTUATED = re.compile(r"[.!?؟…][\"'”’»)]*\Z")


def ntrex_scores(directory: Path, language: str) -> tuple[BoundaryScores, BoundaryScores]:
    """(scores on all internal boundaries, scores on the detectable ones)."""
    files = sorted(directory.glob(f"*.{language}.txt"))
    if not files:
        pytest.skip(f"no ntrex-dev *.{language}.txt files")
    total = detectable = BoundaryScores(0, 0, 0)
    for path in files:
        doc = document_from_sentences(path.read_text(encoding="utf-8").splitlines())
        ends = set(doc.paragraph_ends)
        predicted = [s.end for s in segment_text(doc.text, language) if s.end not in ends]
        total += boundary_scores(predicted, doc.internal)
        marked = [b for b in doc.internal if _PUNCTUATED.search(doc.text, 0, b)]
        detectable += boundary_scores(predicted, marked)
    return total, detectable


@pytest.fixture
def ntrex(devdata_dir: Path) -> Path:
    path = devdata_dir / "ntrex-dev"
    if not path.is_dir():
        pytest.skip("ntrex-dev not present")
    return path


def test_arabic_news_boundaries(ntrex: Path) -> None:
    total, detectable = ntrex_scores(ntrex, "ar")
    assert total.reference > 200
    assert total.precision >= 0.97
    assert detectable.recall >= 0.98
    assert total.f1 >= 0.94  # upstream lines without final punctuation cap recall


def test_english_news_boundaries(ntrex: Path) -> None:
    total, detectable = ntrex_scores(ntrex, "en")
    assert total.reference > 200
    assert total.precision >= 0.97
    assert detectable.recall >= 0.98
    assert total.f1 >= 0.97
