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
    """conf = 1 / (1 + exp(-(slope · margin + offset)))."""

    match_slope: float = 0.9
    match_offset: float = 0.2
    skip_slope: float = 0.9
    skip_offset: float = 0.0


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


def confidences(
    scorer: BeadScorer, beads: list[Bead], *, calibration: Calibration = DEFAULT_CALIBRATION
) -> list[float]:
    """A confidence in [0, 1] per bead."""
    c = calibration
    out = []
    for bead, margin in zip(beads, margins(scorer, beads), strict=True):
        matched = bead[1] > bead[0] and bead[3] > bead[2]
        if matched:
            out.append(_sigmoid(c.match_slope * margin + c.match_offset))
        else:
            out.append(_sigmoid(c.skip_slope * margin + c.skip_offset))
    return out
