"""The coarse pass of the band stage: align blocks of segments first (as vecalign does), then
search segments only near that path. Used beyond ``AlignSettings.full_band_cells``."""

from __future__ import annotations

from khaddam_align.align.bands import diagonal_band, full_band, path_band
from khaddam_align.align.beads import bead_shapes
from khaddam_align.align.dp import Ends, fill, traceback
from khaddam_align.align.features import IntArray, SideFeatures, coarsen, overlap_pairs
from khaddam_align.align.params import CostParams
from khaddam_align.align.scoring import BeadScorer


def block_sizes(n: int, m: int, *, fanout: float, max_blocks: int) -> tuple[int, int]:
    """Segments per coarse block on each side: at most ``max_blocks`` blocks a side, and blocks of
    about equal text on both sides (``fanout``: B segments per A segment), so the coarse path
    stays near the diagonal of the block matrix even where links are wide (1-5: five English
    lines per Arabic sentence means five times as many English segments per block)."""
    ka = kb = max(2, -(-max(n, m) // max_blocks))
    if fanout >= 1.5:
        kb = max(2, -(-m // max_blocks))
        while True:
            ka = max(1, round(kb / fanout))
            if -(-n // ka) <= max_blocks:
                break
            kb += 1
    elif fanout <= 1 / 1.5:
        ka = max(2, -(-n // max_blocks))
        while True:
            kb = max(1, round(ka * fanout))
            if -(-m // kb) <= max_blocks:
                break
            ka += 1
    return ka, kb


def coarse_band(
    fa: SideFeatures,
    fb: SideFeatures,
    *,
    params: CostParams,
    max_blocks: int,
    full_cells: int,
    band_width: int,
    margin: int,
    max_postings: int,
    ends: Ends,
    fanout: float,
) -> tuple[IntArray, IntArray]:
    """The fine band: around the path found by aligning blocks of segments (vecalign-style)."""
    n, m = len(fa.length), len(fb.length)
    ka, kb = block_sizes(n, m, fanout=fanout, max_blocks=max_blocks)
    ca, cb = coarsen(fa, ka), coarsen(fb, kb)
    nc, mc = len(ca.length), len(cb.length)
    if (nc + 1) * (mc + 1) <= full_cells:
        clo, chi = full_band(nc, mc)
    else:
        clo, chi = diagonal_band(ca.length, cb.length, width=band_width)
    pairs = overlap_pairs(ca, cb, lo=clo[1:] - 2, hi=chi[1:] + 2, max_postings=max_postings)
    scorer = BeadScorer(ca, cb, pairs, params)
    shapes = bead_shapes(2)
    coarse = traceback(fill(scorer, shapes, clo, chi, ends=ends), shapes, mc)
    fine = [(a0 * ka, min(n, a1 * ka), b0 * kb, min(m, b1 * kb)) for a0, a1, b0, b1 in coarse]
    return path_band(fine, n, m, width=margin * max(ka, kb))
