"""Banded dynamic programming over bead shapes: fill and traceback (bands: ``bands``).

Prefix coordinates: D[i, j] is the best cost of aligning A[:i] with B[:j].
Row ``i`` is computed only for ``lo[i] <= j <= hi[i]`` (the band); everything
outside is infinite. Rows are vectorised over j with numpy; the one shape that
stays within a row (0-1, skipping a B segment) is a prefix-minimum scan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from khaddam_align.align.bands import Bead
from khaddam_align.align.beads import SKIP_A, SKIP_B
from khaddam_align.align.features import FloatArray, IntArray
from khaddam_align.align.scoring import BeadScorer
from khaddam_align.progress import Progress, report

__all__ = ["FIXED", "Bead", "Ends", "Filled", "fill", "other_ends", "traceback"]


@dataclass(frozen=True)
class Ends:
    """Which ends of the path are free (semi-global DP): with ``a`` the path may start at any
    row of column 0 and end at any row of column m — A's segments before and after it are
    one-sided at no cost (B is an excerpt of A); ``b`` likewise along B (A is an excerpt)."""

    a: bool = False
    b: bool = False


FIXED = Ends()


@dataclass
class Filled:
    """The filled DP: per row (lo[i], backpointers over lo[i]..hi[i]), and the costs of the
    last row (m + 1,) and last column (n + 1,) (inf outside the band), for free ends."""

    pointers: list[tuple[int, np.ndarray]]
    last_row: FloatArray
    last_col: FloatArray
    ends: Ends = FIXED

    def end(self) -> tuple[int, int]:
        """Where the best path ends: (n, m), or with free ends the cheapest cell of the last row
        (``ends.b``) or last column (``ends.a``)."""
        n, m = len(self.pointers) - 1, len(self.last_row) - 1
        i, j = n, m
        if self.ends.b and np.isfinite(self.last_row).any():
            j = int(np.argmin(self.last_row))
        if self.ends.a and np.isfinite(self.last_col).any() and float(self.last_col.min()) < float(self.last_row[j]):
            i, j = int(np.argmin(self.last_col)), m
        return i, j

    @property
    def cost(self) -> float:
        """Total cost of the best path."""
        i, j = self.end()
        return float(self.last_col[i]) if j == len(self.last_row) - 1 else float(self.last_row[j])


def fill(
    scorer: BeadScorer,
    shapes: Sequence[tuple[int, int]],
    lo: IntArray,
    hi: IntArray,
    *,
    block: int = 256,
    progress: Progress | None = None,
    ends: Ends = FIXED,
) -> Filled:
    """Fill the DP rows inside the band ``lo``, ``hi`` (n + 1,).

    The backpointer holds the index into ``shapes`` of the best bead ending at
    (i, j); -1 marks the origin. Bead costs are computed ``block`` rows at a time
    ((block, width) arrays per shape); only the last ``max di`` + 1 rows of D are
    kept (a ring of full-width (m + 1,) rows), and each row takes every matching
    shape in one gather and one argmin. With free ``ends`` a side's leading
    segments cost nothing to skip (see ``Ends``).
    """
    n, m = scorer.n, scorer.m
    width = int((hi - lo).max()) + 1
    # Keep the per-block cost arrays around 32 MB even when the band is very wide.
    block = max(1, min(block, 4_000_000 // (width * max(1, len(shapes)))))
    max_di = max(di for di, _ in shapes)
    match = [(k, s) for k, s in enumerate(shapes) if s[0] >= 1 and s[1] >= 1]
    match_index = np.asarray([k for k, _ in match], dtype=np.int8)
    di_arr = np.asarray([s[0] for _, s in match], dtype=np.int64)
    dj_arr = np.asarray([s[1] for _, s in match], dtype=np.int64)[:, None]
    skip_a_index, skip_b_index = shapes.index(SKIP_A), shapes.index(SKIP_B)
    skip_b_steps = np.concatenate(([0.0], scorer.skip_b))  # cost of reaching column j by skipping B[j-1]
    # The last max_di + 1 rows of D as a ring: row i lives in slot i % ring (full width m + 1).
    ring = max_di + 1
    rows = np.full((ring, m + 1), np.inf)
    pointers: list[tuple[int, np.ndarray]] = []
    last_col = np.full(n + 1, np.inf)
    for i0 in range(0, n + 1, block):
        report(progress, i0 / max(1, n), "Aligning")
        i1 = min(n + 1, i0 + block)
        block_costs = scorer.block_costs(i0, i1, lo, hi, width, [s for _, s in match])
        costs = np.stack([block_costs[s] for _, s in match]) if match else np.zeros((0, i1 - i0, width))
        for i in range(i0, i1):
            cols = np.arange(lo[i], hi[i] + 1, dtype=np.int64)
            w = len(cols)
            if i == 0:
                best = np.where(cols == 0, 0.0, np.inf)
                back = np.full(w, -1, dtype=np.int8)
            else:
                best = rows[(i - 1) % ring, cols] + scorer.skip_a[i - 1]
                back = np.full(w, skip_a_index, dtype=np.int8)
                if ends.a and cols[0] == 0:
                    best[0] = 0.0
            if len(match):
                # Every matching shape at once: D[i - di, j - dj] + cost, the first cheapest wins
                # (rows i - di < 0 read a slot not written yet, inf, and their costs are inf).
                cand = rows[((i - di_arr) % ring)[:, None], np.maximum(cols[None, :] - dj_arr, 0)]
                cand += costs[:, i - i0, :w]
                k = np.argmin(cand, axis=0)
                low = cand[k, np.arange(w)]
                better = low < best
                best = np.where(better, low, best)
                back = np.where(better, match_index[k], back)
            # 0-1 beads: D[i, j] = min(X[j], D[i, j-1] + skip_b[j-1]) as a prefix-minimum scan.
            steps = skip_b_steps[cols] if not (ends.b and i == 0) else np.zeros(w)
            steps[0] = 0.0
            acc = np.cumsum(steps)
            scan = np.minimum.accumulate(best - acc) + acc
            via_skip = scan < best - 1e-9
            back[via_skip] = skip_b_index
            best = np.where(via_skip, scan, best)
            back[~np.isfinite(best)] = -1
            slot = rows[i % ring]
            slot.fill(np.inf)
            slot[cols] = best
            last_col[i] = slot[m]
            pointers.append((int(lo[i]), back))
    return Filled(pointers, rows[n % ring].copy(), last_col, ends)


def other_ends(filled: Filled, count: int, gap: int) -> list[tuple[int, int, float]]:
    """With free ends: up to ``count`` more end cells (i, j, cost) besides ``filled.end()``, the
    cheapest ones along the free side at least ``gap`` cells from each other and from it."""
    n, m = len(filled.pointers) - 1, len(filled.last_row) - 1
    best = filled.end()
    along_b = filled.ends.b and best[0] == n  # the path ends on the last row
    if not along_b and not (filled.ends.a and best[1] == m):
        return []
    line = filled.last_row if along_b else filled.last_col
    taken = [best[1] if along_b else best[0]]
    out: list[tuple[int, int, float]] = []
    for x in np.argsort(line, kind="stable"):
        k = int(x)
        if len(out) >= count or not np.isfinite(line[k]):
            break
        if all(abs(k - t) >= gap for t in taken):
            taken.append(k)
            out.append((n, k, float(line[k])) if along_b else (k, m, float(line[k])))
    return out


def traceback(
    filled: Filled, shapes: Sequence[tuple[int, int]], m: int, *, end: tuple[int, int] | None = None
) -> list[Bead]:
    """The beads of the best path, in order: from (n, m) back to (0, 0), or with free ends from
    the cheapest end on the last row / column (or from ``end``), the rest of that side one-sided."""
    pointers = filled.pointers
    n = len(pointers) - 1
    i, j = end if end is not None else filled.end()
    tail: list[Bead] = [(x, x + 1, m, m) for x in range(i, n)] + [(n, n, x, x + 1) for x in range(j, m)]
    beads: list[Bead] = []
    while i > 0 or j > 0:
        # A free start: what lies before it on the free side is one-sided (as the pointers say,
        # one step each; emitted at once, since an excerpt weighs many paths in a long text).
        if i == 0 and filled.ends.b:
            beads += [(0, 0, x, x + 1) for x in range(j - 1, -1, -1)]
            break
        if j == 0 and filled.ends.a:
            beads += [(x, x + 1, 0, 0) for x in range(i - 1, -1, -1)]
            break
        lo, back = pointers[i]
        k = int(back[j - lo])
        if k < 0:
            raise RuntimeError(f"alignment path broken at ({i}, {j})")
        di, dj = shapes[k]
        beads.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    beads.reverse()
    return beads + tail
