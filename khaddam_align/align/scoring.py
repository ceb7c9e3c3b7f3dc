"""Bead costs: Gale–Church length, weighted anchor overlap, structure, skips.

The cost of a bead covering A[i-di:i] and B[j-dj:j] (prefix coordinates) is

    prior[shape] + length_weight · ½δ² + lexical_weight · (neutral − sim) · evidence
    + kind_penalty (caption/heading matched to body) − paragraph_bonus

where δ is the Gale–Church deviation of the B length from ``ratio`` × the A
length, ``sim`` the Dice overlap of the bead's anchor weights and ``evidence``
how much anchor weight the bead has at all (no anchors: the term vanishes).
Skipping a segment (1-0 / 0-1) costs ``skip`` (less for non-body segments).
"""

from __future__ import annotations

import numpy as np

from khaddam_align.align.features import FloatArray, IntArray, SideFeatures
from khaddam_align.align.params import CostParams

__all__ = ["BandedRatios", "BeadScorer", "CostParams", "Ratios"]


class BandedRatios:
    """A matrix known only inside a band: row ``i`` holds columns ``lo[i] .. lo[i] + width``;
    reads outside it give 0. Indexed like a numpy matrix with (rows, cols) integer arrays."""

    def __init__(self, lo: IntArray, values: FloatArray, shape: tuple[int, int]) -> None:
        self.lo, self.values, self.shape = lo, values, shape

    def __getitem__(self, key: tuple[object, object]) -> FloatArray:
        rows = np.asarray(key[0], dtype=np.int64)
        cols = np.asarray(key[1], dtype=np.int64)
        k = cols - self.lo[rows]
        width = self.values.shape[1]
        inside = (k >= 0) & (k < width)
        return np.asarray(np.where(inside, self.values[rows, np.clip(k, 0, width - 1)], 0.0), dtype=np.float64)


Ratios = FloatArray | BandedRatios


def _cum(values: FloatArray) -> FloatArray:
    return np.concatenate(([0.0], np.cumsum(values)))


class BeadScorer:
    """Vectorised bead costs for one DP row (prefix row ``i``, a range of prefix columns)."""

    def __init__(
        self,
        a: SideFeatures,
        b: SideFeatures,
        overlap: tuple[IntArray, IntArray, FloatArray],
        params: CostParams,
    ) -> None:
        self.n, self.m = len(a.length), len(b.length)
        self.params = params
        ratio = params.ratio or float(b.length.sum() / max(1.0, a.length.sum()))
        self.ratio = ratio
        self.len_a, self.len_b = _cum(a.length), _cum(b.length)
        self.w_a, self.w_b = _cum(a.weight), _cum(b.weight)
        self.nb_a, self.nb_b = _cum(a.nonbody), _cum(b.nonbody)
        self.para_a = np.concatenate((a.para_start, [1.0]))
        self.para_b = np.concatenate((b.para_start, [1.0]))
        rows, cols, vals = overlap
        self._rows, self._cols, self._vals = rows, cols, vals
        skip_a = np.full(self.n, params.skip)
        skip_b = np.full(self.m, params.skip)
        if params.skip_low is not None:
            best_a, best_b = self._best_similarity(a, b)
            span = params.skip - params.skip_low
            skip_a = params.skip_low + span * np.minimum(1.0, best_a / params.skip_sim)
            skip_b = params.skip_low + span * np.minimum(1.0, best_b / params.skip_sim)
        self.skip_a = np.where(a.nonbody > 0, np.minimum(skip_a, params.nonbody_skip), skip_a)
        self.skip_b = np.where(b.nonbody > 0, np.minimum(skip_b, params.nonbody_skip), skip_b)
        self._row_bounds = np.searchsorted(rows, np.arange(self.n + 1))
        # Pairs sorted by (row, col) with their cumulative weight: the shared weight of row r
        # with columns [c0, c1) is a difference of two binary searches (see ``bead_costs``).
        key = rows * max(1, self.m) + cols
        order = np.argsort(key, kind="stable")
        self._pair_keys = key[order]
        self._pair_cum = _cum(vals[order])
        self._cache: dict[int, FloatArray] = {}
        # English↔English: per bead shape, token_sort_ratio / 100 of the bead's joined texts,
        # indexed by the first A and first B segment (shape (1, 1): an (n, m) matrix).
        self.fuzzy: dict[tuple[int, int], Ratios] = {}
        # The widest link side the DP may use (wide links: up to 8); confidence compares
        # alternatives only up to this width.
        self.max_side = 3
        # Confidence counts a link's size beyond 1-1 up to this: where wide links are the norm
        # (``beads.ShapePlan``) a 1-6 is no more doubtful than a 1-3 (``params.PassParams``).
        self.extra_cap = float("inf")
        # Clause cues (``clauses``; set where wide links are allowed): per segment of each side,
        # the cost of a link starting on it (it continues the sentence before) and of a link
        # ending on it (it leaves its sentence open). None: no cue cost.
        self.cues: tuple[FloatArray, FloatArray, FloatArray, FloatArray] | None = None

    def set_cues(self, start_a: FloatArray, end_a: FloatArray, start_b: FloatArray, end_b: FloatArray) -> None:
        """Costs of starting / ending a link on each segment of A and of B (``clauses``)."""
        pad = np.zeros(1)
        self.cues = (np.concatenate((start_a, pad)), np.concatenate((pad, end_a)),
                     np.concatenate((start_b, pad)), np.concatenate((pad, end_b)))

    def _cue_cost(self, a0: IntArray | int, a1: IntArray | int, b0: IntArray, b1: IntArray) -> FloatArray:
        """Clause-cue cost of beads A[a0:a1] ↔ B[b0:b1] (prefix coordinates, clipped); only
        called when cues are set (the hot paths skip it otherwise)."""
        assert self.cues is not None
        sa, ea, sb, eb = self.cues
        return np.asarray(sa[np.clip(a0, 0, self.n)] + ea[np.clip(a1, 0, self.n)]
                          + sb[np.clip(b0, 0, self.m)] + eb[np.clip(b1, 0, self.m)], dtype=np.float64)

    def _best_similarity(self, a: SideFeatures, b: SideFeatures) -> tuple[FloatArray, FloatArray]:
        """Per segment, its best 1-1 Dice similarity with any segment of the other side in the band."""
        best_a, best_b = np.zeros(self.n), np.zeros(self.m)
        if len(self._rows) == 0:
            return best_a, best_b
        key = self._rows * self.m + self._cols
        order = np.argsort(key, kind="stable")
        key, vals = key[order], self._vals[order]
        starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
        shared = np.add.reduceat(vals, starts)
        r, c = key[starts] // self.m, key[starts] % self.m
        sim = 2.0 * shared / np.maximum(a.weight[r] + b.weight[c], 1e-9)
        np.maximum.at(best_a, r, sim)
        np.maximum.at(best_b, c, sim)
        return best_a, best_b

    def overlap_cum(self, r: int) -> FloatArray:
        """Cumulative shared anchor weight of A segment ``r`` along B (length m + 1)."""
        hit = self._cache.get(r)
        if hit is None:
            row = np.zeros(self.m)
            s, e = self._row_bounds[r], self._row_bounds[r + 1]
            np.add.at(row, self._cols[s:e], self._vals[s:e])
            hit = _cum(row)
            if len(self._cache) > 8:
                self._cache.pop(min(self._cache))
            self._cache[r] = hit
        return hit

    def match_cost(self, i: int, cols: IntArray, shape: tuple[int, int]) -> FloatArray:
        """Cost of bead ``shape`` ending at prefix (i, j) for every j in ``cols`` (all ≥ dj)."""
        di, dj = shape
        p = self.params
        start = cols - dj
        la = self.len_a[i] - self.len_a[i - di]
        lb = self.len_b[cols] - self.len_b[start]
        mean = self.ratio * la
        delta2 = (lb - mean) ** 2 / (p.variance * (mean + lb) / 2.0 + 1.0)
        cost = p.prior(shape) + p.length_weight * 0.5 * np.minimum(delta2, 50.0)
        ov = np.zeros(len(cols))
        for r in range(i - di, i):
            oc = self.overlap_cum(r)
            ov += oc[cols] - oc[start]
        total = (self.w_a[i] - self.w_a[i - di]) + (self.w_b[cols] - self.w_b[start])
        sim = np.where(total > 0, 2.0 * ov / np.maximum(total, 1e-9), 0.0)
        evidence = total / (total + p.evidence_scale)
        cost += p.lexical_weight * (p.neutral - sim) * evidence
        na = (self.nb_a[i] - self.nb_a[i - di]) > 0
        nb = (self.nb_b[cols] - self.nb_b[start]) > 0
        cost += p.kind_penalty * (na != nb)
        cost -= p.paragraph_bonus * self.para_a[i - di] * self.para_b[start]
        if self.cues is not None:
            cost += self._cue_cost(i - di, i, start, cols)
        fuzzy = self.fuzzy.get(shape)
        if fuzzy is not None and p.fuzzy_weight:
            fz = fuzzy[min(i - di, fuzzy.shape[0] - 1), np.clip(start, 0, fuzzy.shape[1] - 1)]
            cost -= p.fuzzy_weight * np.maximum(0.0, fz - p.fuzzy_floor)
        return np.asarray(cost, dtype=np.float64)

    def block_costs(
        self,
        i0: int,
        i1: int,
        lo: IntArray,
        hi: IntArray,
        width: int,
        shapes: list[tuple[int, int]],
    ) -> dict[tuple[int, int], FloatArray]:
        """Costs of every matching bead ending in prefix rows ``i0 <= i < i1``, all at once.

        Returns per shape (di, dj ≥ 1) an array of shape (i1 - i0, width): entry
        [i - i0, k] is the bead ending at prefix (i, lo[i] + k); inf outside the
        band. Computing a block of rows together keeps numpy calls few.
        """
        p = self.params
        rows = np.arange(i0, i1, dtype=np.int64)[:, None]
        cols = lo[i0:i1, None] + np.arange(width, dtype=np.int64)[None, :]
        inside = cols <= hi[i0:i1, None]
        colc = np.minimum(cols, self.m)
        r0 = max(0, i0 - 1 - max(di for di, _ in shapes))
        s, e = self._row_bounds[r0], self._row_bounds[min(self.n, i1)]
        pr, pc, pv = self._rows[s:e], self._cols[s:e], self._vals[s:e]
        out: dict[tuple[int, int], FloatArray] = {}
        for di, dj in shapes:
            start = np.clip(cols - dj, 0, self.m)
            prev = np.clip(rows - di, 0, self.n)
            la = self.len_a[rows] - self.len_a[prev]
            lb = self.len_b[colc] - self.len_b[start]
            mean = self.ratio * la
            delta2 = (lb - mean) ** 2 / (p.variance * (mean + lb) / 2.0 + 1.0)
            cost = p.prior((di, dj)) + p.length_weight * 0.5 * np.minimum(delta2, 50.0)
            ov = self._block_overlap(pr, pc, pv, i0, i1, lo, width, di, dj)
            total = (self.w_a[rows] - self.w_a[prev]) + (self.w_b[colc] - self.w_b[start])
            sim = 2.0 * ov / np.maximum(total, 1e-9)
            cost += p.lexical_weight * (p.neutral - sim) * (total / (total + p.evidence_scale))
            na = (self.nb_a[rows] - self.nb_a[prev]) > 0
            nb = (self.nb_b[colc] - self.nb_b[start]) > 0
            cost += p.kind_penalty * (na != nb)
            cost -= p.paragraph_bonus * self.para_a[prev] * self.para_b[start]
            if self.cues is not None:
                cost += self._cue_cost(prev, rows, start, colc)
            fuzzy = self.fuzzy.get((di, dj))
            if fuzzy is not None and p.fuzzy_weight:
                fz = fuzzy[np.clip(prev, 0, fuzzy.shape[0] - 1), np.clip(start, 0, fuzzy.shape[1] - 1)]
                cost -= p.fuzzy_weight * np.maximum(0.0, fz - p.fuzzy_floor)
            valid = inside & (cols >= dj) & (rows >= di)
            out[(di, dj)] = np.where(valid, cost, np.inf)
        return out

    def _block_overlap(
        self,
        pr: IntArray,
        pc: IntArray,
        pv: FloatArray,
        i0: int,
        i1: int,
        lo: IntArray,
        width: int,
        di: int,
        dj: int,
    ) -> FloatArray:
        """Shared anchor weight of each bead (di, dj) ending in the block, by scattering pairs.

        A pair (segment r, segment c) lies inside every bead ending at prefix
        (r + 1 + x, c + 1 + y) for 0 <= x < di, 0 <= y < dj.
        """
        size = (i1 - i0) * width
        acc = np.zeros(size)
        for x in range(di):
            i = pr + 1 + x
            keep = (i >= i0) & (i < i1)
            if not keep.any():
                continue
            ik, ck, vk = i[keep], pc[keep], pv[keep]
            for y in range(dj):
                k = ck + 1 + y - lo[ik]
                ok = (k >= 0) & (k < width)
                flat = (ik[ok] - i0) * width + k[ok]
                acc += np.bincount(flat, weights=vk[ok], minlength=size)
        return acc.reshape(i1 - i0, width)

    def _shared(self, a0: IntArray, a1: IntArray, b0: IntArray, b1: IntArray) -> FloatArray:
        """Shared anchor weight of each bead A[a0:a1] × B[b0:b1] (arrays, one entry per bead)."""
        m = max(1, self.m)
        ov = np.zeros(len(a0))
        for x in range(int((a1 - a0).max(initial=0))):
            r = a0 + x
            inside = r < a1
            hi = np.searchsorted(self._pair_keys, r * m + b1)
            lo = np.searchsorted(self._pair_keys, r * m + b0)
            ov += np.where(inside, self._pair_cum[hi] - self._pair_cum[lo], 0.0)
        return ov

    def bead_similarities(self, a0: IntArray, a1: IntArray, b0: IntArray, b1: IntArray) -> FloatArray:
        """Dice anchor overlap of each bead (0 without anchors or when a side is empty)."""
        total = (self.w_a[a1] - self.w_a[a0]) + (self.w_b[b1] - self.w_b[b0])
        ov = self._shared(a0, a1, b0, b1)
        return np.where(total > 0, 2.0 * ov / np.maximum(total, 1e-9), 0.0)

    def bead_costs(self, a0: IntArray, a1: IntArray, b0: IntArray, b1: IntArray) -> FloatArray:
        """Cost of each matching bead A[a0:a1] ↔ B[b0:b1] (both sides non-empty), vectorised:
        the same value as ``match_cost`` (and the DP) for that bead."""
        p = self.params
        di, dj = a1 - a0, b1 - b0
        prior = np.array([p.prior((int(x), int(y))) for x, y in zip(di, dj, strict=True)]) if len(di) else np.zeros(0)
        la = self.len_a[a1] - self.len_a[a0]
        lb = self.len_b[b1] - self.len_b[b0]
        mean = self.ratio * la
        delta2 = (lb - mean) ** 2 / (p.variance * (mean + lb) / 2.0 + 1.0)
        cost = prior + p.length_weight * 0.5 * np.minimum(delta2, 50.0)
        total = (self.w_a[a1] - self.w_a[a0]) + (self.w_b[b1] - self.w_b[b0])
        sim = np.where(total > 0, 2.0 * self._shared(a0, a1, b0, b1) / np.maximum(total, 1e-9), 0.0)
        cost += p.lexical_weight * (p.neutral - sim) * (total / (total + p.evidence_scale))
        na = (self.nb_a[a1] - self.nb_a[a0]) > 0
        nb = (self.nb_b[b1] - self.nb_b[b0]) > 0
        cost += p.kind_penalty * (na != nb)
        cost -= p.paragraph_bonus * self.para_a[a0] * self.para_b[b0]
        if self.cues is not None:
            cost += self._cue_cost(a0, a1, b0, b1)
        if p.fuzzy_weight:
            for (sx, sy), fuzzy in self.fuzzy.items():
                hit = (di == sx) & (dj == sy)
                if hit.any():
                    fz = fuzzy[a0[hit], b0[hit]]
                    cost[hit] -= p.fuzzy_weight * np.maximum(0.0, fz - p.fuzzy_floor)
        return np.asarray(cost, dtype=np.float64)

    def length_deviations(self, a0: IntArray, a1: IntArray, b0: IntArray, b1: IntArray) -> FloatArray:
        """½δ² (Gale–Church, capped at 50) of each matching bead."""
        la = self.len_a[a1] - self.len_a[a0]
        lb = self.len_b[b1] - self.len_b[b0]
        mean = self.ratio * la
        delta2 = (lb - mean) ** 2 / (self.params.variance * (mean + lb) / 2.0 + 1.0)
        return np.asarray(0.5 * np.minimum(delta2, 50.0), dtype=np.float64)

    def fuzzy_ratios(self, a0: IntArray, a1: IntArray, b0: IntArray, b1: IntArray) -> FloatArray:
        """rapidfuzz ratio of each bead where computed (English↔English), else NaN."""
        out = np.full(len(a0), np.nan)
        for (sx, sy), fuzzy in self.fuzzy.items():
            hit = ((a1 - a0) == sx) & ((b1 - b0) == sy)
            if hit.any():
                out[hit] = fuzzy[a0[hit], b0[hit]]
        return out

    def similarity(self, a_rows: range, b_cols: range) -> float:
        """Dice anchor overlap of one bead (for confidence); 0 when there are no anchors."""
        if not a_rows or not b_cols:
            return 0.0
        ov = sum(
            float(self.overlap_cum(r)[b_cols.stop] - self.overlap_cum(r)[b_cols.start]) for r in a_rows
        )
        total = float(self.w_a[a_rows.stop] - self.w_a[a_rows.start] + self.w_b[b_cols.stop] - self.w_b[b_cols.start])
        return 2.0 * ov / total if total > 0 else 0.0

    def length_deviation(self, a_rows: range, b_cols: range) -> float:
        """½δ² of one bead (0 for skips)."""
        if not a_rows or not b_cols:
            return 0.0
        la = float(self.len_a[a_rows.stop] - self.len_a[a_rows.start])
        lb = float(self.len_b[b_cols.stop] - self.len_b[b_cols.start])
        mean = self.ratio * la
        return 0.5 * min(50.0, (lb - mean) ** 2 / (self.params.variance * (mean + lb) / 2.0 + 1.0))
