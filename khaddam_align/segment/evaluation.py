"""Boundary precision, recall and F1: how well segments match a reference.

A boundary is the offset where a sentence ends. Used by the tests (hand
segmentation of the corpus, ntrex development data) and bench/bench_segment.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BoundaryScores:
    """Counts and scores of predicted boundaries against reference boundaries."""

    true_positives: int
    predicted: int
    reference: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.reference if self.reference else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: BoundaryScores) -> BoundaryScores:
        return BoundaryScores(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.reference + other.reference,
        )


def boundary_scores(predicted: Iterable[int], reference: Iterable[int]) -> BoundaryScores:
    """Score ``predicted`` boundary offsets against ``reference`` ones (exact match)."""
    got, want = set(predicted), set(reference)
    return BoundaryScores(len(got & want), len(got), len(want))


@dataclass(frozen=True, slots=True)
class ReferenceDocument:
    """A text built from one-sentence-per-line data, with its known boundaries.

    ``internal`` are sentence ends inside paragraphs (the hard ones);
    ``paragraph_ends`` are the ends of paragraphs (always sentence ends).
    """

    text: str
    internal: tuple[int, ...]
    paragraph_ends: tuple[int, ...]


def document_from_sentences(
    sentences: list[str], *, sizes: tuple[int, ...] = (3, 4, 5), headline: bool = True
) -> ReferenceDocument:
    """Lay ``sentences`` out as paragraphs of ``sizes`` sentences in turn (joined
    by a space, paragraphs separated by a blank line); the first one is a
    paragraph of its own when ``headline``."""
    groups: list[list[str]] = []
    rest = [s.strip() for s in sentences if s.strip()]
    if headline and rest:
        groups.append([rest.pop(0)])
    turn = 0
    while rest:
        size = sizes[turn % len(sizes)]
        groups.append(rest[:size])
        rest = rest[size:]
        turn += 1
    text = ""
    internal: list[int] = []
    paragraph_ends: list[int] = []
    for group in groups:
        if text:
            text += "\n\n"
        for i, sentence in enumerate(group):
            if i:
                internal.append(len(text))
                text += " "
            text += sentence
        paragraph_ends.append(len(text))
    return ReferenceDocument(text, tuple(internal), tuple(paragraph_ends))
