"""The plan stage: per document pair, before any DP — which method (``strategy``), whether one
side is an excerpt (``coverage``), which link shapes and priors (``beads.plan_shapes``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from khaddam_align.align.beads import ShapePlan, bead_shapes, plan_shapes, wide_priors
from khaddam_align.align.coverage import Coverage, detect
from khaddam_align.align.features import SideFeatures
from khaddam_align.align.params import PASSES, CostParams
from khaddam_align.align.strategy import Strategy
from khaddam_align.text.translit import is_arabic


@dataclass(frozen=True)
class Plan:
    """Per-document decisions taken before the DP: strategy, coverage, shapes."""

    strategy: Strategy
    cross: bool
    a_is_arabic: bool
    coverage: Coverage
    shapes: ShapePlan
    params: CostParams  # the strategy's costs with the ratio the coverage asks for


def make_plan(
    a_texts: Sequence[str],
    fa: SideFeatures,
    fb: SideFeatures,
    strategy: Strategy,
    *,
    cross: bool,
    max_side: int,
    wide_links: bool,
) -> Plan:
    """Decide, from the features alone, how this document pair is aligned."""
    a_is_arabic = is_arabic(" ".join(a_texts[:5]))
    coverage = detect(fa, fb, cross=cross, a_is_arabic=a_is_arabic)
    params = strategy.params if coverage.ratio is None else replace(strategy.params, ratio=coverage.ratio)
    ratio = params.ratio or float(fb.length.sum() / max(1.0, fa.length.sum()))
    shapes = plan_shapes(fa, fb, ratio, max_side=max_side) if wide_links else ShapePlan(bead_shapes(max_side), 1.0, 0)
    if shapes.wide:
        params = replace(params, priors=wide_priors(
            params.priors, shapes.wide, step=PASSES.wide_step, two_extra=PASSES.wide_two_extra
        ))
    return Plan(strategy, cross, a_is_arabic, coverage, shapes, params)
