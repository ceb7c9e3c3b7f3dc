"""Candidate scores for English↔English: rapidfuzz ratios of beads' joined texts."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from khaddam_align.align.features import IntArray
from khaddam_align.align.scoring import BandedRatios, Ratios


def fuzzy_matrices(
    a_texts: Sequence[str], b_texts: Sequence[str], *, band: tuple[IntArray, IntArray] | None = None
) -> dict[tuple[int, int], Ratios]:
    """rapidfuzz ``token_sort_ratio`` / 100 of every 1-1, 2-1, 1-2 and 2-2 bead (joined texts,
    so a swapped pair of sentences scores like the same pair in order), indexed by the
    first A and first B segment. ``band`` (per A segment, B segments lo <= j < hi) limits
    the pairs compared, for long texts; without it every pair is."""
    from rapidfuzz import fuzz, process

    from khaddam_align.text.sample import feature_sample
    from khaddam_align.text.tokens import normalize

    joined_a = {1: [feature_sample(normalize(t)) for t in a_texts]}  # a 1 MB "sentence": sampled
    joined_b = {1: [feature_sample(normalize(t)) for t in b_texts]}
    joined_a[2] = [f"{x} {y}" for x, y in pairwise(joined_a[1])]
    joined_b[2] = [f"{x} {y}" for x, y in pairwise(joined_b[1])]
    out: dict[tuple[int, int], Ratios] = {}
    for di, dj in ((1, 1), (2, 1), (1, 2), (2, 2)):
        xs, ys = joined_a[di], joined_b[dj]
        if not xs or not ys:
            continue
        if band is None:
            dense = process.cdist(xs, ys, scorer=fuzz.token_sort_ratio, workers=2)
            out[(di, dj)] = np.asarray(dense, dtype=np.float64) / 100.0
            continue
        lo = np.clip(band[0][: len(xs)], 0, len(ys))
        hi = np.clip(band[1][: len(xs)], 0, len(ys))
        width = max(1, int((hi - lo).max()))
        cols = lo[:, None] + np.arange(width)[None, :]
        inside = cols < hi[:, None]
        rows, cols_in = np.nonzero(inside)[0], cols[inside]
        values = np.zeros((len(xs), width))
        if len(rows):
            scores = process.cpdist(
                [xs[i] for i in rows], [ys[j] for j in cols_in], scorer=fuzz.token_sort_ratio, workers=2
            )
            values[inside] = np.asarray(scores, dtype=np.float64) / 100.0
        out[(di, dj)] = BandedRatios(lo, values, (len(xs), len(ys)))
    return out
