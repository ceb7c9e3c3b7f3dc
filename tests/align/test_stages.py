"""The aligner's stage modules one by one: plan (strategy, coverage, shapes), DP with free ends,
the EM dictionary and light stemming, the one place for tuned numbers."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from khaddam_align.align.bands import full_band
from khaddam_align.align.beads import (
    SKIP_A,
    SKIP_B,
    bead_shapes,
    plan_shapes,
    wide_priors,
    wide_shapes,
)
from khaddam_align.align.coverage import FULL, candidate_params, detect, matched_ratio
from khaddam_align.align.dp import FIXED, Ends, fill, traceback
from khaddam_align.align.features import SideFeatures, anchor_keys, build_features, overlap_pairs
from khaddam_align.align.lexicon import arabic_stems, learn_em, light_stem
from khaddam_align.align.params import CROSS, LEXICAL, PASSES, CostParams
from khaddam_align.align.postpass import pair_lone_skips, repair_swaps, unlink_isolated
from khaddam_align.align.scoring import BeadScorer
from khaddam_align.align.strategy import choose
from tests.align.arabic_fixture import ARABIC, ENGLISH


def _side(lengths: list[float]) -> SideFeatures:
    n = len(lengths)
    return SideFeatures(
        length=np.asarray(lengths, dtype=np.float64),
        para_start=np.ones(n),
        nonbody=np.zeros(n),
        anchors=[{} for _ in range(n)],
        weight=np.zeros(n),
    )


# --- plan: strategy ---------------------------------------------------------------------------


def test_strategy_picks_signals_and_post_passes_by_language_pair() -> None:
    same = choose("auto", "en", "en")
    cross = choose("auto", "ar", "en")
    assert (same.name, same.params, same.words, same.fuzzy) == ("lexical", LEXICAL, True, True)
    assert (cross.name, cross.params, cross.words, cross.fuzzy) == ("length", CROSS, False, False)
    assert cross.learns_lexicon(True, True)
    assert not cross.learns_lexicon(True, False)
    assert not same.learns_lexicon(True, True)
    lexical_passes = same.post_passes(substitution_deviation=1.0, fuzzy_computed=True)
    assert [getattr(p, "func", p) for p in lexical_passes] == [pair_lone_skips, repair_swaps, unlink_isolated]
    assert [getattr(p, "func", p) for p in cross.post_passes(substitution_deviation=1.0, fuzzy_computed=False)] == [
        pair_lone_skips
    ]
    custom = CostParams(skip=9.0)
    assert choose("length", "en", "en", params=custom).params is custom
    with pytest.raises(ValueError, match="unknown alignment method"):
        choose("magic", "ar", "en")


# --- plan: coverage ---------------------------------------------------------------------------


def test_coverage_detects_an_excerpt_on_either_side_only_across_languages() -> None:
    whole_ar, whole_en = _side([100.0] * 20), _side([130.0] * 20)
    assert detect(whole_ar, whole_en, cross=True, a_is_arabic=True) == FULL
    excerpt_ar = _side([100.0] * 4)  # 20 % of the text
    partial = detect(excerpt_ar, whole_en, cross=True, a_is_arabic=True)
    assert partial.ends == Ends(b=True)
    assert partial.partial
    assert partial.ratio == pytest.approx(PASSES.en_over_ar)
    reverse = detect(whole_ar, _side([130.0] * 4), cross=True, a_is_arabic=True)
    assert reverse.ends == Ends(a=True)
    # English A, Arabic B: the usual ratio is inverted.
    flipped = detect(_side([130.0] * 4), whole_ar, cross=True, a_is_arabic=False)
    assert flipped.ends == Ends(b=True)
    assert flipped.ratio == pytest.approx(1 / PASSES.en_over_ar)
    assert detect(excerpt_ar, whole_en, cross=False, a_is_arabic=False) == FULL
    grid = candidate_params(CROSS, partial, a_is_arabic=True)
    assert [p.ratio for p in grid] == list(PASSES.excerpt_ratios)
    assert candidate_params(CROSS, FULL, a_is_arabic=True) == [CROSS]


def test_matched_ratio_uses_matched_links_only_and_stays_near_the_first_guess() -> None:
    fa, fb = _side([100.0, 100.0, 100.0]), _side([150.0, 500.0, 150.0, 150.0])
    beads = [(0, 1, 0, 1), (1, 1, 1, 2), (1, 3, 2, 4)]  # the 500-character B segment is one-sided
    assert matched_ratio(beads, fa, fb, 1.3) == pytest.approx(1.5)
    assert matched_ratio(beads, fa, fb, 1.0) == pytest.approx(1.25)  # clipped at ×1.25
    assert matched_ratio([(0, 1, 0, 1)], fa, fb, 1.3) == 1.3  # too little text: keep the guess


# --- plan: shapes -----------------------------------------------------------------------------


def test_wide_shapes_only_where_one_side_has_much_longer_segments() -> None:
    ordinary = plan_shapes(_side([100.0] * 10), _side([110.0] * 10), 1.1, max_side=3)
    assert ordinary.shapes == bead_shapes(3)
    assert ordinary.wide == 0
    wide = plan_shapes(_side([400.0] * 10), _side([110.0] * 40), 1.1, max_side=3)
    assert wide.wide == PASSES.wide_max
    assert wide.fanout == pytest.approx(4.0)
    assert {(1, 8), (2, 8), (1, 5), (3, 1)} <= set(wide.shapes)
    assert (8, 1) not in wide.shapes
    assert wide.shapes[-2:] == (SKIP_A, SKIP_B)
    other = plan_shapes(_side([110.0] * 40), _side([400.0] * 10), 1.0, max_side=3)
    assert other.wide == -PASSES.wide_max
    assert (8, 1) in other.shapes
    # A median fan-out under wide_fanout is enough when the segment counts agree (whole texts).
    some_short = _side([400.0] * 10)
    mixed = _side([260.0] * 13 + [100.0] * 12)  # median 260: fan-out 1.54, 2.5 segments each
    assert plan_shapes(some_short, mixed, 1.0, max_side=3).wide == PASSES.wide_max
    assert plan_shapes(some_short, mixed, 1.0, max_side=3, whole=False).wide == 0  # an excerpt: counts say nothing
    assert plan_shapes(some_short, _side([260.0] * 11), 1.0, max_side=3).wide == 0  # 1.1 per segment
    assert plan_shapes(mixed, some_short, 1.0, max_side=3).wide == -PASSES.wide_max
    assert wide_shapes(2, 4) == ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (2, 3), (1, 4), (2, 4), SKIP_A, SKIP_B)
    priors = wide_priors(CROSS.priors, 4, step=0.5, two_extra=2.5)
    assert priors[(1, 4)] == 1.5
    assert priors[(2, 4)] == 3.5
    assert priors[(2, 2)] == CROSS.priors[(2, 2)]
    assert priors[(3, 1)] == CROSS.priors[(3, 1)]


# --- DP with free ends ------------------------------------------------------------------------


def _scorer(a: list[str], b: list[str], params: CostParams) -> BeadScorer:
    keys = anchor_keys(a, b, a_language="ar", b_language="en", lexical=False)
    fa, fb = build_features(a, b, keys)
    lo, hi = full_band(len(a), len(b))
    return BeadScorer(fa, fb, overlap_pairs(fa, fb, lo=lo[1:] - 3, hi=hi[1:] + 3), params)


def test_free_ends_let_an_excerpt_sit_anywhere_in_the_longer_side() -> None:
    a, b = ARABIC[9:12], ENGLISH
    scorer = _scorer(a, b, dataclasses.replace(CROSS, ratio=1.2))
    shapes = bead_shapes(3)
    lo, hi = full_band(len(a), len(b))
    filled = fill(scorer, shapes, lo, hi, ends=Ends(b=True))
    beads = traceback(filled, shapes, len(b))
    assert [bd for bd in beads if bd[1] > bd[0]] == [(0, 1, 9, 10), (1, 2, 10, 11), (2, 3, 11, 12)]
    assert [bd[2] for bd in beads] == list(range(len(b)))  # B covered once, in order
    # The path's cost is that of its matches: the English outside the stretch is free.
    matches = sum(float(scorer.match_cost(i + 1, np.array([j + 1]), (1, 1))[0]) for i, j in ((0, 9), (1, 10), (2, 11)))
    assert math.isclose(filled.cost, matches, rel_tol=1e-9, abs_tol=1e-9)
    # With fixed ends the same excerpt pays for every English sentence it leaves out.
    fixed = fill(scorer, shapes, lo, hi, ends=FIXED)
    assert fixed.cost > filled.cost + 10


def test_free_ends_along_a_when_b_is_the_excerpt() -> None:
    a, b = ARABIC, ENGLISH[2:5]
    scorer = _scorer(a, b, dataclasses.replace(CROSS, ratio=1.2))
    shapes = bead_shapes(3)
    lo, hi = full_band(len(a), len(b))
    beads = traceback(fill(scorer, shapes, lo, hi, ends=Ends(a=True)), shapes, len(b))
    assert [bd for bd in beads if bd[3] > bd[2]] == [(2, 3, 0, 1), (3, 4, 1, 2), (4, 5, 2, 3)]
    assert [bd[0] for bd in beads] == list(range(len(a)))


# --- dictionary: EM and light stemming --------------------------------------------------------


def test_light_stem_strips_clitics_and_suffixes_but_keeps_three_letters() -> None:
    assert light_stem("والكتابات") == "كتاب"
    assert light_stem("كتابهم") == "كتاب"
    assert light_stem("وله") == "وله"  # stripping would leave under three letters
    assert "مهندس" in arabic_stems("إرسال 12 مهندسين")


def test_em_lexicon_explains_frequent_words_away() -> None:
    # "rain" comes with مطر every time; "weather" is in almost every link and would pair with
    # everything by co-occurrence alone.
    ar = [{"مطر", "طقس"}, {"مطر", "يوم"}, {"شمس", "طقس"}, {"شمس", "يوم"}, {"مطر", "ليل"}, {"شمس", "ليل"}]
    en = [{"rain", "weath"}, {"rain", "day"}, {"sun", "weath"}, {"sun", "day"}, {"rain", "night"}, {"sun", "night"}]
    lexicon = learn_em(list(zip(ar, en, strict=True)), min_prob=0.45)
    assert lexicon["مطر"] == {"rain"}
    assert lexicon["شمس"] == {"sun"}
    assert "rain" not in lexicon.get("يوم", set())
    assert learn_em([]) == {}


# --- one place for tuned numbers --------------------------------------------------------------


def test_tuned_parameters_are_frozen_and_documented_in_one_module() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PASSES.wide_max = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        CROSS.skip = 1.0  # type: ignore[misc]
    from pathlib import Path

    from khaddam_align.align import params

    lines = Path(params.__file__).read_text(encoding="utf-8").splitlines()
    for field in dataclasses.fields(PASSES):
        # Each tuned value (or the group of values it belongs to) has its reasoning in a
        # comment just above it.
        k = next(i for i, line in enumerate(lines) if line.startswith(f"    {field.name}:"))
        while k > 0 and lines[k - 1].strip() and not lines[k - 1].strip().startswith("#"):
            k -= 1
        assert lines[k - 1].strip().startswith("#"), field.name


def test_coarse_blocks_hold_about_equal_text_on_both_sides() -> None:
    from khaddam_align.align.coarse import block_sizes

    assert block_sizes(5000, 4900, fanout=1.0, max_blocks=1500) == (4, 4)
    ka, kb = block_sizes(2000, 8000, fanout=4.0, max_blocks=1500)
    assert (ka, kb) == (2, 6)  # two long Arabic sentences per block, six English lines
    ka, kb = block_sizes(1000, 9000, fanout=4.0, max_blocks=1500)
    assert kb / ka == pytest.approx(4.0, rel=0.3)
    assert -(-1000 // ka) <= 1500
    assert -(-9000 // kb) <= 1500
    ka, kb = block_sizes(9000, 1000, fanout=0.25, max_blocks=1500)
    assert ka / kb == pytest.approx(4.0, rel=0.3)


def test_wide_costs_flatten_wide_priors_widen_the_variance_lighten_anchors_and_make_skips_dearer() -> None:
    from khaddam_align.align.plan import wide_costs

    passes = dataclasses.replace(PASSES, wide_variance_factor=2.0, wide_lexical_factor=0.5, wide_skip_extra=1.0)
    wide = wide_costs(CROSS, 8, cross=True, passes=passes)
    same_language = wide_costs(LEXICAL, 8, cross=False, passes=passes)
    assert (same_language.variance, same_language.skip) == (LEXICAL.variance, LEXICAL.skip)
    assert same_language.prior((1, 8)) == pytest.approx(7 * passes.wide_step)
    assert wide.variance == pytest.approx(2.0 * CROSS.variance)
    assert wide.lexical_weight == pytest.approx(0.5 * CROSS.lexical_weight)
    assert wide.skip == pytest.approx(CROSS.skip + 1.0)
    assert wide.prior((1, 8)) == pytest.approx(7 * passes.wide_step)
    assert wide.prior((1, 1)) == CROSS.prior((1, 1))
    assert CROSS.skip == 2.0  # the ordinary costs are untouched
    # Through the plan: a pair whose Arabic segments are much longer gets the wide costs.
    long_ar = [" و".join(ARABIC[k : k + 4]) for k in range(0, 12, 4)]
    lines = [part for s in ENGLISH[:12] for part in s.split(", ")]
    keys = anchor_keys(long_ar, lines, a_language="ar", b_language="en", lexical=False)
    fa, fb = build_features(long_ar, lines, keys)
    from khaddam_align.align.plan import make_plan

    plan = make_plan(long_ar, fa, fb, choose("auto", "ar", "en"), cross=True, max_side=3, wide_links=True)
    assert plan.shapes.wide > 0
    assert plan.params.skip == pytest.approx(CROSS.skip + PASSES.wide_skip_extra)
    ordinary = make_plan(ARABIC, *build_features(ARABIC, ENGLISH, anchor_keys(
        ARABIC, ENGLISH, a_language="ar", b_language="en", lexical=False)),
        choose("auto", "ar", "en"), cross=True, max_side=3, wide_links=True)
    assert ordinary.shapes.wide == 0
    assert ordinary.params == CROSS
