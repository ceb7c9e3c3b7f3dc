"""The banded, vectorised DP against a plain reference DP on the same costs."""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from khaddam_align.align.bands import Bead, diagonal_band, full_band
from khaddam_align.align.beads import SKIP_A, SKIP_B, bead_shapes
from khaddam_align.align.dp import Ends, Filled, fill, traceback
from khaddam_align.align.features import anchor_keys, build_features, overlap_pairs
from khaddam_align.align.scoring import BeadScorer, CostParams

WORDS = ["Assad", "Khatami", "Iraq", "war", "2003", "Tehran", "talks", "army", "oil", "peace"]


def _scorer(a: list[str], b: list[str]) -> BeadScorer:
    keys = anchor_keys(a, b, a_language="en", b_language="en", lexical=True)
    fa, fb = build_features(a, b, keys)
    lo, hi = full_band(len(a), len(b))
    return BeadScorer(fa, fb, overlap_pairs(fa, fb, lo=lo[1:] - 3, hi=hi[1:] + 3), CostParams(lexical_weight=5.0))


def _bead_cost(scorer: BeadScorer, bead: Bead) -> float:
    a0, a1, b0, b1 = bead
    if a1 == a0:
        return float(scorer.skip_b[b0])
    if b1 == b0:
        return float(scorer.skip_a[a0])
    return float(scorer.match_cost(a1, np.array([b1]), (a1 - a0, b1 - b0))[0])


def _reference_cost(scorer: BeadScorer, shapes: tuple[tuple[int, int], ...]) -> float:
    n, m = scorer.n, scorer.m
    d = [[math.inf] * (m + 1) for _ in range(n + 1)]
    d[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for di, dj in shapes:
                if i >= di and j >= dj and (di, dj) != (0, 0):
                    cost = d[i - di][j - dj] + _bead_cost(scorer, (i - di, i, j - dj, j))
                    d[i][j] = min(d[i][j], cost)
    return d[n][m]


def _texts(draw: st.DrawFn, size: int) -> list[str]:
    return [" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))) for _ in range(size)]


@st.composite
def pairs(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    return _texts(draw, draw(st.integers(1, 7))), _texts(draw, draw(st.integers(1, 7)))


@settings(max_examples=40, deadline=None)
@given(pairs())
def test_fast_dp_finds_the_reference_optimum(pair: tuple[list[str], list[str]]) -> None:
    a, b = pair
    scorer = _scorer(a, b)
    shapes = bead_shapes(3)
    lo, hi = full_band(len(a), len(b))
    beads = traceback(fill(scorer, shapes, lo, hi, block=3), shapes, len(b))
    total = sum(_bead_cost(scorer, bead) for bead in beads)
    assert math.isclose(total, _reference_cost(scorer, shapes), rel_tol=1e-9, abs_tol=1e-9)


def test_beads_cover_both_sides_in_order() -> None:
    a = ["Assad met Khatami in Tehran.", "They spoke of Iraq.", "A photo caption."]
    b = ["In Tehran, Assad met Khatami.", "Iraq was the topic.", "The war was near."]
    scorer = _scorer(a, b)
    shapes = bead_shapes(2)
    lo, hi = full_band(3, 3)
    beads = traceback(fill(scorer, shapes, lo, hi), shapes, 3)
    assert beads[0][0] == 0
    assert beads[0][2] == 0
    for (_, a1, _, b1), (a0, _, b0, _) in itertools.pairwise(beads):
        assert (a1, b1) == (a0, b0)
    assert beads[-1][1] == 3
    assert beads[-1][3] == 3


def test_bead_shapes_are_data() -> None:
    assert bead_shapes(1) == ((1, 1), SKIP_A, SKIP_B)
    assert set(bead_shapes(3)) == {(1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), SKIP_A, SKIP_B}


def test_diagonal_band_is_monotone_and_reaches_the_corners() -> None:
    lo, hi = diagonal_band(np.full(100, 10.0), np.full(80, 12.0), width=5)
    assert lo[0] == 0
    assert hi[-1] == 80
    assert (np.diff(lo) >= 0).all()
    assert (np.diff(hi) >= 0).all()
    assert (hi - lo).max() <= 12


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), min_size=4, max_size=9), st.data())
def test_vectorised_bead_costs_equal_the_per_row_costs(sentences: list[list[str]], data: st.DataObject) -> None:
    a = [" ".join(s) for s in sentences]
    b = [" ".join(reversed(s)) for s in sentences[::-1]]
    scorer = _scorer(a, b)
    beads = [
        (a0, a0 + di, b0, b0 + dj)
        for di, dj in [(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)]
        for a0 in range(len(a) - di + 1)
        for b0 in range(len(b) - dj + 1)
    ]
    chosen = data.draw(st.lists(st.sampled_from(beads), min_size=1, max_size=20))
    arr = np.array(chosen, dtype=np.int64)
    vec = scorer.bead_costs(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])
    sims = scorer.bead_similarities(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])
    for bead, cost, sim in zip(chosen, vec, sims, strict=True):
        assert math.isclose(cost, _bead_cost(scorer, bead), abs_tol=1e-9)
        assert math.isclose(sim, scorer.similarity(range(bead[0], bead[1]), range(bead[2], bead[3])), abs_tol=1e-9)


def _walk(filled: Filled, shapes: tuple[tuple[int, int], ...], end: tuple[int, int]) -> list[Bead]:
    """The path to ``end`` by following every backpointer (what ``traceback`` shortcuts)."""
    i, j = end
    beads: list[Bead] = []
    while i > 0 or j > 0:
        lo, back = filled.pointers[i]
        di, dj = shapes[int(back[j - lo])]
        beads.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    return beads[::-1]


@settings(max_examples=40, deadline=None)
@given(pairs(), st.booleans(), st.data())
def test_free_end_traceback_equals_the_pointer_walk(
    pair: tuple[list[str], list[str]], along_b: bool, data: st.DataObject
) -> None:
    # With free ends, traceback emits the one-sided segments before a free start at once;
    # the beads must be those the backpointers give, from any end on the free side.
    a, b = pair
    filler = ["lorem ipsum dolor sit amet"] * data.draw(st.integers(0, 4))  # nothing to match
    a, b = (a, filler + b) if along_b else (filler + a, b)
    scorer = _scorer(a, b)
    shapes = bead_shapes(3)
    lo, hi = full_band(len(a), len(b))
    ends = Ends(b=True) if along_b else Ends(a=True)
    filled = fill(scorer, shapes, lo, hi, block=3, ends=ends)
    n, m = len(a), len(b)
    end = (n, data.draw(st.integers(0, m))) if along_b else (data.draw(st.integers(0, n)), m)
    beads = traceback(filled, shapes, m, end=end)
    tail = [(x, x + 1, m, m) for x in range(end[0], n)] + [(n, n, x, x + 1) for x in range(end[1], m)]
    assert beads == _walk(filled, shapes, end) + tail


def test_free_start_traceback_lists_the_skipped_segments_in_order() -> None:
    a = ["Assad war Iraq", "Tehran talks"]
    b = ["lorem ipsum dolor sit amet"] * 3 + ["Assad war Iraq", "Tehran talks"]
    shapes = bead_shapes(3)
    lo, hi = full_band(len(a), len(b))
    filled = fill(_scorer(a, b), shapes, lo, hi, block=3, ends=Ends(b=True))
    beads = traceback(filled, shapes, len(b), end=(2, 5))
    assert beads == _walk(filled, shapes, (2, 5))
    assert [bead for bead in beads if bead[0] == bead[1]] == [(0, 0, 0, 1), (0, 0, 1, 2)]
