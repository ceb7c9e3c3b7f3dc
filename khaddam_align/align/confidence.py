"""Confidence of each link: how much better it is than the nearest alternative.

A matched bead is compared with skipping all its segments; a skipped segment
with its best 1-1 match nearby. The margin (in cost units) goes through a
logistic curve whose two constants were fitted on the dev benchmarks
(bench/align_quality.py --calibrate; the calibration table is in
docs/benchmarks.md), so that a link under 0.5 is more likely wrong than right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from khaddam_align.align.dp import Bead
from khaddam_align.align.scoring import BeadScorer


@dataclass(frozen=True)
class Calibration:
    """conf = 1 / (1 + exp(-(slope · margin + sim_weight · similarity + offset))).

    ``similarity`` is the bead's anchor Dice for a match, and the segment's best
    1-1 similarity nearby for a skip (a skip of something that resembles a
    neighbour is suspicious).
    """

    # Logistic fit on the dev benchmarks (bench/align_quality.py, all suites pooled).
    match_slope: float = -0.35  # bigger beads have bigger margins and more boundary errors
    match_offset: float = 1.04
    match_sim: float = 4.38
    skip_slope: float = 0.18
    skip_offset: float = 1.03
    skip_sim: float = 0.05


DEFAULT_CALIBRATION = Calibration()


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, x))))


def margins(scorer: BeadScorer, beads: list[Bead], *, window: int = 4) -> list[float]:
    """Per bead: cost of the best alternative minus the bead's own cost (higher = surer)."""
    out: list[float] = []
    for a0, a1, b0, b1 in beads:
        if a1 > a0 and b1 > b0:
            own = float(scorer.match_cost(a1, np.array([b1]), (a1 - a0, b1 - b0))[0])
            skip = float(scorer.skip_a[a0:a1].sum() + scorer.skip_b[b0:b1].sum())
            out.append(skip - own)
        else:
            # A skipped segment: how much worse would its best nearby 1-1 match be?
            if a1 > a0:
                skip = float(scorer.skip_a[a0])
                cols = np.arange(max(1, b0 - window), min(scorer.m, b0 + window) + 1)
                cost = scorer.match_cost(a1, cols, (1, 1)) if len(cols) else np.array([np.inf])
                alt = float(cost.min()) - float(scorer.skip_b[cols - 1].min()) if len(cols) else np.inf
            else:
                skip = float(scorer.skip_b[b0])
                alts = []
                for r in range(max(1, a0 - window), min(scorer.n, a0 + window) + 1):
                    alts.append(float(scorer.match_cost(r, np.array([b1]), (1, 1))[0]) - float(scorer.skip_a[r - 1]))
                alt = min(alts) if alts else np.inf
            out.append(min(10.0, alt - skip) if math.isfinite(alt) else 10.0)
    return out


def similarities(scorer: BeadScorer, beads: list[Bead], *, window: int = 4) -> list[float]:
    """Per bead: its anchor similarity (match) or the best 1-1 similarity nearby (skip)."""
    out = []
    for a0, a1, b0, b1 in beads:
        if a1 > a0 and b1 > b0:
            out.append(scorer.similarity(range(a0, a1), range(b0, b1)))
        elif a1 > a0:
            cols = range(max(0, b0 - window), min(scorer.m, b0 + window))
            out.append(max((scorer.similarity(range(a0, a1), range(j, j + 1)) for j in cols), default=0.0))
        else:
            rows = range(max(0, a0 - window), min(scorer.n, a0 + window))
            out.append(max((scorer.similarity(range(i, i + 1), range(b0, b1)) for i in rows), default=0.0))
    return out


def link_features(scorer: BeadScorer, beads: list[Bead]) -> list[tuple[bool, float, float]]:
    """(matched, margin, similarity) per bead: what the calibration curve reads."""
    return [
        (bead[1] > bead[0] and bead[3] > bead[2], margin, sim)
        for bead, margin, sim in zip(beads, margins(scorer, beads), similarities(scorer, beads), strict=True)
    ]


def confidences(
    scorer: BeadScorer, beads: list[Bead], *, calibration: Calibration = DEFAULT_CALIBRATION
) -> list[float]:
    """A confidence in [0, 1] per bead."""
    c = calibration
    out = []
    if c.match_sim or c.skip_sim:
        features = link_features(scorer, beads)
    else:  # similarity unused: skip computing it
        features = [(b[1] > b[0] and b[3] > b[2], m, 0.0) for b, m in zip(beads, margins(scorer, beads), strict=True)]
    for matched, margin, sim in features:
        if matched:
            out.append(_sigmoid(c.match_slope * margin + c.match_sim * sim + c.match_offset))
        else:
            out.append(_sigmoid(c.skip_slope * margin + c.skip_sim * sim + c.skip_offset))
    return out
