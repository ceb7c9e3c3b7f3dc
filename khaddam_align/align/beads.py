"""Allowed bead shapes as data: (segments of A, segments of B) per link."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from khaddam_align.align.features import SideFeatures
from khaddam_align.align.params import PASSES, PassParams

SKIP_A = (1, 0)  # an A segment only A has
SKIP_B = (0, 1)  # a B segment only B has

Shape = tuple[int, int]


def bead_shapes(max_side: int = 3) -> tuple[Shape, ...]:
    """1-1, 1-2, 2-1, 2-2, 1-3, 3-1 … up to ``max_side`` on either side, plus 1-0 and 0-1.

    Shapes with both sides above 2 (2-3, 3-3) are left out: they are rare and
    the DP can build them from smaller beads.
    """
    if max_side < 1:
        raise ValueError("max_side must be at least 1")
    shapes = [(1, 1)]
    for k in range(2, max_side + 1):
        shapes += [(1, k), (k, 1)]
    if max_side >= 2:
        shapes.append((2, 2))
    return (*shapes, SKIP_A, SKIP_B)


@dataclass(frozen=True)
class ShapePlan:
    """The shapes the DP may use for one document pair, and the expected fan-out."""

    shapes: tuple[Shape, ...]
    fanout: float  # expected B segments per A segment (from mean segment lengths and the ratio)
    wide: int  # 0: ordinary; k > 0: B side may take up to k (1-k, 2-k); k < 0: A side, k-1, k-2

    @property
    def max_side(self) -> int:
        return max(max(s) for s in self.shapes)


def wide_shapes(max_side: int, width: int) -> tuple[Shape, ...]:
    """Ordinary shapes plus 1-k and 2-k for k up to ``width`` (B side wide; A side wide when
    ``width`` is negative: k-1 and k-2)."""
    ordinary = [s for s in bead_shapes(max_side) if s not in (SKIP_A, SKIP_B)]
    wide = [(x, k) for k in range(2, abs(width) + 1) for x in (1, 2)]
    if width < 0:
        wide = [(k, x) for x, k in wide]
    return (*dict.fromkeys([*ordinary, *wide]), SKIP_A, SKIP_B)


def wide_priors(priors: dict[Shape, float], width: int, *, step: float, two_extra: float) -> dict[Shape, float]:
    """Priors with 1-k costing ``step`` per segment beyond the first and 2-k ``two_extra`` more
    (k-1 / k-2 with a negative ``width``); the ordinary table is kept for the other shapes."""
    out = dict(priors)
    for k in range(2, abs(width) + 1):
        for x, cost in ((1, step * (k - 1)), (2, two_extra + step * (k - 2))):
            if (x, k) == (2, 2):
                continue
            out[(x, k) if width > 0 else (k, x)] = cost
    return out


def plan_shapes(
    fa: SideFeatures, fb: SideFeatures, ratio: float, *, max_side: int, whole: bool = True,
    passes: PassParams = PASSES,
) -> ShapePlan:
    """Wide links only where the texts call for them: a side whose segments are ``wide_fanout``
    times longer (median, after the length ratio) than the other side's; or, for ``whole`` texts
    (not an excerpt, whose segment counts say nothing of lengths), ``wide_fanout_both`` times
    longer by the median and by the mean (the mean fan-out of whole texts is the ratio of their
    segment counts)."""
    mean_a = float(np.median(fa.length)) if len(fa.length) else 1.0
    mean_b = float(np.median(fb.length)) if len(fb.length) else 1.0
    fanout = ratio * mean_a / max(1.0, mean_b)
    per_segment = len(fb.length) / max(1, len(fa.length))
    both = passes.wide_fanout_both
    if max_side >= 3 and (fanout >= passes.wide_fanout or (whole and min(fanout, per_segment) >= both)):
        return ShapePlan(wide_shapes(max_side, passes.wide_max), fanout, passes.wide_max)
    if max_side >= 3 and (fanout <= 1.0 / passes.wide_fanout or (whole and max(fanout, per_segment) <= 1.0 / both)):
        return ShapePlan(wide_shapes(max_side, -passes.wide_max), fanout, -passes.wide_max)
    return ShapePlan(bead_shapes(max_side), fanout, 0)
