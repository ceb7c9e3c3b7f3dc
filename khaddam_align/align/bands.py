"""DP bands: which prefix columns each row of the DP may visit.

A band is two arrays ``lo``, ``hi`` of shape (n + 1,): row ``i`` (prefix A[:i]) is
computed for prefix columns ``lo[i] <= j <= hi[i]``. Bounds are monotone so every row
is reachable from the one before.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from khaddam_align.align.features import FloatArray, IntArray

Bead = tuple[int, int, int, int]  # a_start, a_end, b_start, b_end (segment indices, end exclusive)


def diagonal_band(len_a: FloatArray, len_b: FloatArray, *, width: int) -> tuple[IntArray, IntArray]:
    """A band of ``width`` columns either side of the length-proportional diagonal.

    Shapes: ``len_a`` (n,), ``len_b`` (m,) → ``lo``, ``hi`` (n + 1,), prefix columns.
    """
    n, m = len(len_a), len(len_b)
    ca = np.concatenate(([0.0], np.cumsum(len_a))) / max(1.0, float(len_a.sum()))
    cb = np.concatenate(([0.0], np.cumsum(len_b))) / max(1.0, float(len_b.sum()))
    centre = np.searchsorted(cb, ca).astype(np.int64)
    lo = np.clip(centre - width, 0, m)
    hi = np.clip(centre + width, 0, m)
    lo[0], hi[n] = 0, m
    # Monotone bounds keep every row reachable from the one before.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    return lo, hi


def path_band(beads: Sequence[Bead], n: int, m: int, *, width: int) -> tuple[IntArray, IntArray]:
    """A band of ``width`` columns either side of an earlier path (coarse-to-fine refinement)."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for a0, a1, b0, b1 in beads:
        for i in range(a0, a1 + 1):
            lo[i] = min(lo[i], b0)
            hi[i] = max(hi[i], b1)
    lo = np.clip(lo - width, 0, m)
    hi = np.clip(hi + width, 0, m)
    lo[0], hi[n] = 0, m
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    return lo, hi


def full_band(n: int, m: int) -> tuple[IntArray, IntArray]:
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
