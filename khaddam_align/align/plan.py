"""The plan stage: per document pair, before any DP — which method (``strategy``), whether one
side is an excerpt (``coverage``), which link shapes and priors (``beads.plan_shapes``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from khaddam_align.align.beads import ShapePlan, bead_shapes, plan_shapes, wide_priors
from khaddam_align.align.coverage import Coverage, detect
from khaddam_align.align.features import SideFeatures
from khaddam_align.align.params import PASSES, CostParams, PassParams
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


def wide_costs(params: CostParams, width: int, *, cross: bool, passes: PassParams = PASSES) -> CostParams:
    """The bead costs where wide links are allowed: flat priors for 1-k and 2-k
    (``beads.wide_priors``); Arabic↔English whole texts (``cross``, where they were measured)
    also a wider length variance, a lighter anchor term and dearer skips
    (``PassParams.wide_variance_factor`` …). Not for two texts in one language, which get a wide
    plan mostly when one lacks a long stretch (the length ratio of the whole texts then halves
    the expected fan-out), nor for an excerpt (its fan-out comes from a few segments, and most
    of the other side is one-sided): dearer skips would hurt there."""
    priors = wide_priors(params.priors, width, step=passes.wide_step, two_extra=passes.wide_two_extra)
    if not cross:
        return replace(params, priors=priors)
    return replace(
        params,
        priors=priors,
        variance=params.variance * passes.wide_variance_factor,
        lexical_weight=params.lexical_weight * passes.wide_lexical_factor,
        skip=params.skip + passes.wide_skip_extra,
    )


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
    shapes = plan_shapes(fa, fb, ratio, max_side=max_side, whole=not coverage.partial) if wide_links else ShapePlan(bead_shapes(max_side), 1.0, 0)
    if shapes.wide:
        params = wide_costs(params, shapes.wide, cross=cross and not coverage.partial)
    return Plan(strategy, cross, a_is_arabic, coverage, shapes, params)
