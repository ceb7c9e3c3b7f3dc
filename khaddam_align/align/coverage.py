"""Partial coverage: is one side an excerpt of the other, and where do they share text?

Whole renderings of one text have a B/A length ratio close to the usual ratio of
the language pair; a side far shorter than that predicts is taken as a possible
excerpt (a quoted passage, the opening paragraphs, a condensed rendering). Then:

- the DP runs with **free ends** along the longer side (``dp.Ends``): the shared
  stretch may start and end anywhere in it, and what lies outside is one-sided
  at no cost — the DP itself finds the stretch, guided by anchors (names,
  numbers, quotes) and the length pattern of consecutive sentences;
- the length ratio is the usual one for the pair (the **local** ratio), not the
  global one, which an excerpt makes several times too large or small; after a
  first pass it is re-estimated from the matched links alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from khaddam_align.align.bands import Bead
from khaddam_align.align.dp import FIXED, Ends
from khaddam_align.align.features import SideFeatures
from khaddam_align.align.params import PASSES, CostParams, PassParams


@dataclass(frozen=True)
class Coverage:
    """The coverage decision for one document pair."""

    ends: Ends  # free ends of the DP (FIXED: both sides cover the same content)
    ratio: float | None  # B/A length ratio to use; None: the global ratio of the two texts

    @property
    def partial(self) -> bool:
        return self.ends != FIXED


FULL = Coverage(FIXED, None)


def usual_ratio(a_is_arabic: bool, passes: PassParams = PASSES) -> float:
    """The usual B/A length ratio of an Arabic↔English pair."""
    return passes.en_over_ar if a_is_arabic else 1.0 / passes.en_over_ar


def detect(
    fa: SideFeatures, fb: SideFeatures, *, cross: bool, a_is_arabic: bool, passes: PassParams = PASSES
) -> Coverage:
    """Free ends along the longer side when the other is an excerpt of it (Arabic↔English only:
    English↔English content-word anchors already find shared stretches)."""
    if not cross or min(len(fa.length), len(fb.length)) < 1 or max(len(fa.length), len(fb.length)) < 5:
        return FULL  # a few segments: too little to tell an excerpt from uneven sentences
    usual = usual_ratio(a_is_arabic, passes)
    ratio = float(fb.length.sum() / max(1.0, fa.length.sum()))
    if ratio > usual * passes.excerpt_factor:
        return Coverage(Ends(b=True), usual)  # A is an excerpt: B has free ends
    if ratio < usual / passes.excerpt_factor:
        return Coverage(Ends(a=True), usual)
    return FULL


def candidate_params(
    params: CostParams, coverage: Coverage, a_is_arabic: bool, passes: PassParams | None = None, *, cells: int = 0
) -> list[CostParams]:
    """The cost parameters to try: as given for whole texts; for an excerpt, one per ratio of
    ``passes.excerpt_ratios`` (the first pass keeps the cheapest path), every other one when
    the DP has more than ``passes.excerpt_grid_cells`` cells (long texts carry more evidence
    and each pass costs more)."""
    if not coverage.partial:
        return [params]
    passes = passes or PASSES
    ratios = passes.excerpt_ratios if cells <= passes.excerpt_grid_cells else passes.excerpt_ratios[::2]
    grid = ratios if a_is_arabic else tuple(1.0 / r for r in ratios)
    return [replace(params, ratio=r) for r in grid]


def matched_ratio(beads: Sequence[Bead], fa: SideFeatures, fb: SideFeatures, fallback: float) -> float:
    """B/A length ratio over the matched links of a path (the local ratio of the shared stretch)."""
    la = lb = 0.0
    for a0, a1, b0, b1 in beads:
        if a1 > a0 and b1 > b0:
            la += float(np.sum(fa.length[a0:a1]))
            lb += float(np.sum(fb.length[b0:b1]))
    if la < 200 or lb < 200:  # too little matched text to estimate from
        return fallback
    # Stay within a factor of 1.25 of the first pass's ratio: a short stretch can be noisy.
    return float(np.clip(lb / la, fallback / 1.25, fallback * 1.25))
