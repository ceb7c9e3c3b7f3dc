"""Confidence of each link: how much better it is than the nearest alternative.

A matched bead is compared with skipping all its segments; a skipped segment
with its best 1-1 match nearby. That margin, the link's anchor similarity and
its surroundings (skips next to a match make its boundary doubtful; a long run
of skips is a reliable one-sided stretch) go through a logistic curve fitted on
the dev benchmarks (bench/align_quality.py --calibrate; the calibration table
is in docs/benchmarks.md), so that a link under 0.5 is about as likely wrong
as right and links over 0.9 are right nineteen times in twenty.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from khaddam_align.align.dp import Bead
from khaddam_align.align.scoring import BeadScorer


@dataclass(frozen=True)
class Calibration:
    """conf = 1 / (1 + exp(-(weights · features))), one weight vector for matches, one for skips.

    Match features: margin, anchor similarity, how many neighbouring links are
    skips (boundary doubt), extra segments beyond 1-1, 1. Skip features: margin,
    best similarity nearby (a skip of something that resembles a neighbour is
    suspicious), log length of the run of skips it is in (long one-sided
    stretches are reliable), how many neighbouring links are matches, 1.
    """

    # Logistic fit on the dev benchmarks (bench/align_quality.py, all suites pooled).
    match: tuple[float, ...] = (-0.197, 3.526, -0.619, -0.937, 1.174)
    skip: tuple[float, ...] = (0.047, 0.349, 1.095, 0.748, -1.067)


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


def _is_match(bead: Bead) -> bool:
    return bead[1] > bead[0] and bead[3] > bead[2]


def link_features(scorer: BeadScorer, beads: list[Bead]) -> list[tuple[bool, tuple[float, ...]]]:
    """(matched, feature vector) per bead, in the order of ``Calibration``'s weights."""
    matched = [_is_match(b) for b in beads]
    # Length of the run of consecutive skips each bead belongs to (0 for matches).
    runs = [0] * len(beads)
    k = 0
    while k < len(beads):
        if matched[k]:
            k += 1
            continue
        end = k
        while end < len(beads) and not matched[end]:
            end += 1
        for x in range(k, end):
            runs[x] = end - k
        k = end
    out: list[tuple[bool, tuple[float, ...]]] = []
    for k, (bead, margin, sim) in enumerate(
        zip(beads, margins(scorer, beads), similarities(scorer, beads), strict=True)
    ):
        neighbours = [matched[x] for x in (k - 1, k + 1) if 0 <= x < len(beads)]
        if matched[k]:
            extra = (bead[1] - bead[0]) + (bead[3] - bead[2]) - 2
            out.append((True, (margin, sim, float(neighbours.count(False)), float(extra), 1.0)))
        else:
            out.append((False, (margin, sim, math.log(runs[k]), float(neighbours.count(True)), 1.0)))
    return out


def confidences(
    scorer: BeadScorer, beads: list[Bead], *, calibration: Calibration = DEFAULT_CALIBRATION
) -> list[float]:
    """A confidence in [0, 1] per bead."""
    out = []
    for matched, features in link_features(scorer, beads):
        weights = calibration.match if matched else calibration.skip
        out.append(_sigmoid(sum(w * f for w, f in zip(weights, features, strict=True))))
    return out
