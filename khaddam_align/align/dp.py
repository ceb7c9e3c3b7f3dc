"""Banded dynamic programming over bead shapes: band, fill, traceback.

Prefix coordinates: D[i, j] is the best cost of aligning A[:i] with B[:j].
Row ``i`` is computed only for ``lo[i] <= j <= hi[i]`` (the band); everything
outside is infinite. Rows are vectorised over j with numpy; the one shape that
stays within a row (0-1, skipping a B segment) is a prefix-minimum scan.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from khaddam_align.align.beads import SKIP_A, SKIP_B
from khaddam_align.align.features import FloatArray, IntArray
from khaddam_align.align.scoring import BeadScorer
from khaddam_align.progress import Progress, report

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


def fill(
    scorer: BeadScorer,
    shapes: Sequence[tuple[int, int]],
    lo: IntArray,
    hi: IntArray,
    *,
    block: int = 256,
    progress: Progress | None = None,
) -> list[tuple[int, np.ndarray]]:
    """Fill the DP rows; return per row (lo[i], backpointer array of shape (hi[i]-lo[i]+1,)).

    The backpointer holds the index into ``shapes`` of the best bead ending at
    (i, j); -1 marks the origin. Shapes: ``lo``, ``hi`` (n + 1,). Bead costs are
    computed ``block`` rows at a time ((block, width) arrays per shape); only the
    last ``max di`` rows of D are kept (each a full-width (m + 1,) array).
    """
    n, m = scorer.n, scorer.m
    width = int((hi - lo).max()) + 1
    # Keep the per-block cost arrays around 32 MB even when the band is very wide.
    block = max(1, min(block, 4_000_000 // (width * max(1, len(shapes)))))
    max_di = max(di for di, _ in shapes)
    match = [(k, s) for k, s in enumerate(shapes) if s[0] >= 1 and s[1] >= 1]
    skip_a_index, skip_b_index = shapes.index(SKIP_A), shapes.index(SKIP_B)
    skip_b_steps = np.concatenate(([0.0], scorer.skip_b))  # cost of reaching column j by skipping B[j-1]
    rows: dict[int, FloatArray] = {}
    pointers: list[tuple[int, np.ndarray]] = []
    for i0 in range(0, n + 1, block):
        report(progress, i0 / max(1, n), "Aligning")
        i1 = min(n + 1, i0 + block)
        costs = scorer.block_costs(i0, i1, lo, hi, width, [s for _, s in match])
        for i in range(i0, i1):
            cols = np.arange(lo[i], hi[i] + 1, dtype=np.int64)
            w = len(cols)
            best = np.full(w, np.inf)
            back = np.full(w, -1, dtype=np.int8)
            if i == 0:
                best[cols == 0] = 0.0
            else:
                best = rows[i - 1][cols] + scorer.skip_a[i - 1]
                back[:] = skip_a_index
            for k, (di, dj) in match:
                if i < di:
                    continue
                cand = rows[i - di][np.maximum(cols - dj, 0)] + costs[(di, dj)][i - i0, :w]
                better = cand < best
                best = np.where(better, cand, best)
                back[better] = k
            # 0-1 beads: D[i, j] = min(X[j], D[i, j-1] + skip_b[j-1]) as a prefix-minimum scan.
            steps = skip_b_steps[cols]
            steps[0] = 0.0
            acc = np.cumsum(steps)
            scan = np.minimum.accumulate(best - acc) + acc
            via_skip = scan < best - 1e-9
            back[via_skip] = skip_b_index
            best = np.where(via_skip, scan, best)
            back[~np.isfinite(best)] = -1
            full = np.full(m + 1, np.inf)
            full[cols] = best
            rows[i] = full
            rows.pop(i - max_di - 1, None)
            pointers.append((int(lo[i]), back))
    return pointers


def traceback(pointers: list[tuple[int, np.ndarray]], shapes: Sequence[tuple[int, int]], m: int) -> list[Bead]:
    """The beads of the best path from (n, m) back to (0, 0), in order."""
    i, j = len(pointers) - 1, m
    beads: list[Bead] = []
    while i > 0 or j > 0:
        lo, back = pointers[i]
        k = int(back[j - lo])
        if k < 0:
            raise RuntimeError(f"alignment path broken at ({i}, {j})")
        di, dj = shapes[k]
        beads.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    beads.reverse()
    return beads
