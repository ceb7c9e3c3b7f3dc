"""The pure aligner: two lists of segment texts in, ordered links out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np

from khaddam_align.align.beads import bead_shapes
from khaddam_align.align.confidence import confidences
from khaddam_align.align.dp import Bead, diagonal_band, fill, full_band, path_band, traceback
from khaddam_align.align.features import (
    IntArray,
    SideFeatures,
    anchor_keys,
    build_features,
    coarsen,
    overlap_pairs,
)
from khaddam_align.align.lexicon import (
    arabic_stems,
    english_stems,
    learn_from_stems,
    translate_stems,
)
from khaddam_align.align.scoring import BandedRatios, BeadScorer, CostParams, Ratios
from khaddam_align.progress import Progress, report, scaled
from khaddam_align.text.translit import is_arabic

METHODS = ("auto", "lexical", "length", "semantic")


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

    def to_dict(self) -> dict[str, object]:
        return {"max_side": self.max_side, "band_width": self.band_width, "semantic_model": self.semantic_model}


@dataclass(frozen=True)
class AlignedLink:
    """One link: A and B segment indices (one side may be empty), confidence and a note."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    note: str = ""


# Tuned on the dev benchmarks (bench/align_quality.py); see docs/alignment.md.
LEXICAL = CostParams(
    length_weight=0.8,
    variance=12.0,
    lexical_weight=8.5,
    neutral=0.35,
    skip=2.2,
    skip_low=0.5,
    skip_sim=0.4,
    nonbody_skip=0.6,
    fuzzy_weight=3.0,
    fuzzy_floor=0.5,
)
# English↔English rapidfuzz ratios: every pair up to this many (A × B segments); beyond, a first
# pass without them and a second within ± refine_width segments of its path.
FUZZY_CELLS = 300_000
# English↔English coarse pass: a content word in more than this many blocks says little about
# where the path goes, and such pairs would dominate memory (2.6 M pairs at 5,000 segments).
COARSE_MAX_POSTINGS = 150
LONE_FUZZY = 0.5  # English↔English: a lone 1-0 next to a lone 0-1 this close is one link
# English↔English: a match below both is weak (see ``unlink_isolated``; tuned on corpus 001/002
# and bible en_web/en_bbe).
WEAK_SIMILARITY = 0.25
WEAK_FUZZY = 0.52
CROSS = CostParams(length_weight=1.0, variance=4.5, lexical_weight=7.0, neutral=0.25, skip=2.0, nonbody_skip=1.0)


def resolve_method(method: str, a_language: str, b_language: str) -> str:
    """``auto`` → ``lexical`` for two texts in the same language, else ``length``."""
    if method not in METHODS:
        raise ValueError(f"unknown alignment method {method!r}; choose one of {', '.join(METHODS)}")
    if method != "auto":
        return method
    return "lexical" if a_language == b_language else "length"


def default_params(method: str) -> CostParams:
    return LEXICAL if method == "lexical" else CROSS


def _is_match(b: Bead) -> bool:
    return b[1] > b[0] and b[3] > b[2]


def _lone_a(b: Bead) -> bool:
    return b[1] - b[0] == 1 and b[3] == b[2]


def _lone_b(b: Bead) -> bool:
    return b[3] - b[2] == 1 and b[1] == b[0]


def pair_lone_skips(
    beads: list[Bead], scorer: BeadScorer, *, max_deviation: float, fuzzy_min: float = 1.01
) -> list[Bead]:
    """Turn "match, 1-0, 0-1, match" (either order) into "match, 1-1, match" when lengths agree.

    In a parallel stretch a freely paraphrased sentence shares few words with its
    counterpart and the DP may prefer skipping both; sandwiched between matches
    and of fitting length, they are far more likely one link. With English↔English
    rapidfuzz ratios, a lone pair whose ratio reaches ``fuzzy_min`` is joined
    wherever it is (weak links among skips are split again by ``unlink_isolated``).
    """
    if max_deviation <= 0:
        return beads
    ratios = scorer.fuzzy.get((1, 1))
    out: list[Bead] = []
    k = 0
    while k + 1 < len(beads):
        x, y = beads[k], beads[k + 1]
        if (_lone_a(x) and _lone_b(y)) or (_lone_b(x) and _lone_a(y)):
            a0 = x[0] if _lone_a(x) else y[0]
            b0 = x[2] if _lone_b(x) else y[2]
            sandwiched = bool(out) and _is_match(out[-1]) and k + 2 < len(beads) and _is_match(beads[k + 2])
            close = ratios is not None and float(ratios[a0, b0]) >= fuzzy_min
            fits = scorer.length_deviation(range(a0, a0 + 1), range(b0, b0 + 1)) <= max_deviation
            if (sandwiched or close) and fits:
                out.append((a0, a0 + 1, b0, b0 + 1))
                k += 2
                continue
        out.append(x)
        k += 1
    return out + beads[k:]


def fuzzy_matrices(
    a_texts: Sequence[str], b_texts: Sequence[str], *, band: tuple[IntArray, IntArray] | None = None
) -> dict[tuple[int, int], Ratios]:
    """rapidfuzz ``token_sort_ratio`` / 100 of every 1-1, 2-1, 1-2 and 2-2 bead (joined texts,
    so a swapped pair of sentences scores like the same pair in order), indexed by the
    first A and first B segment. ``band`` (per A segment, B segments lo <= j < hi) limits
    the pairs compared, for long texts; without it every pair is."""
    from rapidfuzz import fuzz, process

    from khaddam_align.text.sample import feature_sample
    from khaddam_align.text.tokens import normalize

    joined_a = {1: [feature_sample(normalize(t)) for t in a_texts]}  # a 1 MB "sentence": sampled
    joined_b = {1: [feature_sample(normalize(t)) for t in b_texts]}
    joined_a[2] = [f"{x} {y}" for x, y in pairwise(joined_a[1])]
    joined_b[2] = [f"{x} {y}" for x, y in pairwise(joined_b[1])]
    out: dict[tuple[int, int], Ratios] = {}
    for di, dj in ((1, 1), (2, 1), (1, 2), (2, 2)):
        xs, ys = joined_a[di], joined_b[dj]
        if not xs or not ys:
            continue
        if band is None:
            dense = process.cdist(xs, ys, scorer=fuzz.token_sort_ratio, workers=2)
            out[(di, dj)] = np.asarray(dense, dtype=np.float64) / 100.0
            continue
        lo = np.clip(band[0][: len(xs)], 0, len(ys))
        hi = np.clip(band[1][: len(xs)], 0, len(ys))
        width = max(1, int((hi - lo).max()))
        cols = lo[:, None] + np.arange(width)[None, :]
        inside = cols < hi[:, None]
        rows, cols_in = np.nonzero(inside)[0], cols[inside]
        values = np.zeros((len(xs), width))
        if len(rows):
            scores = process.cpdist(
                [xs[i] for i in rows], [ys[j] for j in cols_in], scorer=fuzz.token_sort_ratio, workers=2
            )
            values[inside] = np.asarray(scores, dtype=np.float64) / 100.0
        out[(di, dj)] = BandedRatios(lo, values, (len(xs), len(ys)))
    return out


def repair_swaps(beads: list[Bead], scorer: BeadScorer, *, margin: float = 0.0) -> list[Bead]:
    """Turn "1-0, 1-1, 0-1" (or "0-1, 1-1, 1-0") into one 2-2 link when the two skipped
    segments match each other (linking them costs less than skipping both): two
    neighbouring sentences in swapped order, which a monotone path can only half link."""
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        if k + 2 < len(beads):
            x, mid, y = beads[k], beads[k + 1], beads[k + 2]
            one_to_one = mid[1] - mid[0] == 1 and mid[3] - mid[2] == 1
            if one_to_one and ((_lone_a(x) and _lone_b(y)) or (_lone_b(x) and _lone_a(y))):
                sa, sb = (x, y) if _lone_a(x) else (y, x)
                cross = float(scorer.match_cost(sa[1], np.array([sb[3]]), (1, 1))[0])
                if cross < float(scorer.skip_a[sa[0]] + scorer.skip_b[sb[2]]) - margin:
                    out.append((x[0], y[1], x[2], y[3]))
                    k += 3
                    continue
        out.append(beads[k])
        k += 1
    return out


def unlink_isolated(
    beads: list[Bead], scorer: BeadScorer, *, weak_similarity: float, weak_fuzzy: float
) -> list[Bead]:
    """Split weak matches with no strong match next to them into skips.

    Two renderings' different introductions share topic words (Syria, Iraq, the
    war), enough for the path to pair their sentences loosely. A paraphrase
    inside a shared stretch has a well-anchored neighbour; a weak link among
    skips and other weak links does not, and is more likely two one-sided
    sentences. Weak: anchor similarity below ``weak_similarity`` and rapidfuzz
    ratio below ``weak_fuzzy``.
    """
    def strong(bead: Bead) -> bool:
        if not _is_match(bead):
            return False
        a0, a1, b0, b1 = bead
        if scorer.similarity(range(a0, a1), range(b0, b1)) >= weak_similarity:
            return True
        fuzzy = scorer.fuzzy.get((a1 - a0, b1 - b0))
        return fuzzy is not None and float(fuzzy[a0, b0]) >= weak_fuzzy

    strength = [strong(b) for b in beads]
    out: list[Bead] = []
    for k, (a0, a1, b0, b1) in enumerate(beads):
        backed = any(strength[x] for x in (k - 1, k + 1) if 0 <= x < len(beads))
        if _is_match(beads[k]) and not strength[k] and not backed:
            out += [(i, i + 1, b0, b0) for i in range(a0, a1)] + [(a1, a1, j, j + 1) for j in range(b0, b1)]
        else:
            out.append((a0, a1, b0, b1))
    return out


def _coarse_band(
    fa: SideFeatures, fb: SideFeatures, *, params: CostParams, settings: AlignSettings, max_postings: int = 400
) -> tuple[IntArray, IntArray]:
    """The fine band: around the path found by aligning blocks of k segments (vecalign-style)."""
    n, m = len(fa.length), len(fb.length)
    k = max(2, -(-max(n, m) // settings.coarse_blocks))
    ca, cb = coarsen(fa, k), coarsen(fb, k)
    nc, mc = len(ca.length), len(cb.length)
    if (nc + 1) * (mc + 1) <= settings.full_band_cells:
        clo, chi = full_band(nc, mc)
    else:
        clo, chi = diagonal_band(ca.length, cb.length, width=settings.band_width)
    pairs = overlap_pairs(ca, cb, lo=clo[1:] - 2, hi=chi[1:] + 2, max_postings=max_postings)
    scorer = BeadScorer(ca, cb, pairs, params)
    shapes = bead_shapes(2)
    coarse = traceback(fill(scorer, shapes, clo, chi), shapes, mc)
    fine = [(a0 * k, min(n, a1 * k), b0 * k, min(m, b1 * k)) for a0, a1, b0, b1 in coarse]
    return path_band(fine, n, m, width=settings.coarse_margin * k)


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


def _run(
    a: SideInput,
    b: SideInput,
    fa: SideFeatures,
    fb: SideFeatures,
    lo: IntArray,
    hi: IntArray,
    *,
    method: str,
    params: CostParams,
    settings: AlignSettings,
    progress: Progress | None,
    fuzzy: bool = False,
) -> tuple[BeadScorer, list[Bead]]:
    """One DP pass inside the band (lo, hi): scorer and best path (with ``fuzzy``, English↔English
    rapidfuzz ratios of the pairs in the band scored too)."""
    report(progress, 0.1, "Comparing segments")
    seg_lo = lo[1:] - settings.max_side
    seg_hi = hi[1:] + settings.max_side
    overlap = overlap_pairs(fa, fb, lo=seg_lo, hi=seg_hi)
    if method == "semantic":
        from khaddam_align.align.semantic import semantic_overlap

        overlap, fa, fb = semantic_overlap(
            a.texts, b.texts, fa, fb, model=settings.semantic_model, lo=seg_lo, hi=seg_hi
        )
        params = replace(params, neutral=0.45)
    scorer = BeadScorer(fa, fb, overlap, params)
    if fuzzy:
        small = len(a.texts) * len(b.texts) <= FUZZY_CELLS
        scorer.fuzzy = fuzzy_matrices(a.texts, b.texts, band=None if small else (seg_lo, seg_hi))
    shapes = bead_shapes(settings.max_side)
    pointers = fill(scorer, shapes, lo, hi, progress=scaled(progress, 0.2, 1.0))
    return scorer, traceback(pointers, shapes, scorer.m)


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


def align_path(
    a: SideInput,
    b: SideInput,
    *,
    method: str = "auto",
    settings: AlignSettings = AlignSettings(),
    progress: Progress | None = None,
) -> tuple[BeadScorer, list[Bead]]:
    """The links of ``align_texts`` as beads, with the scorer that rates them (both sides
    non-empty); ``confidence.link_features`` of these is what the calibration is fitted on."""
    method = resolve_method(method, a.language, b.language)
    n, m = len(a.texts), len(b.texts)
    params = settings.params or default_params(method)
    full = (n + 1) * (m + 1) <= settings.full_band_cells
    report(progress, 0.0, "Reading anchors")
    keys = anchor_keys(
        a.texts, b.texts, a_language=a.language, b_language=b.language, lexical=method in {"lexical", "semantic"}
    )
    cross = keys[2]
    two_pass = cross and method == "length" and settings.learn_lexicon
    fuzzy = method == "lexical" and bool(params.fuzzy_weight)
    fuzzy_pass = fuzzy and n * m > FUZZY_CELLS  # long English pair: ratios near a first path
    first = scaled(progress, 0.0, 0.55 if two_pass or fuzzy_pass else 0.95)
    fa, fb = _features(a, b, keys)
    if full:
        lo, hi = full_band(n, m)
    else:
        postings = COARSE_MAX_POSTINGS if method == "lexical" else 400
        lo, hi = _coarse_band(fa, fb, params=params, settings=settings, max_postings=postings)
    scorer, beads = _run(
        a, b, fa, fb, lo, hi, method=method, params=params, settings=settings, progress=first,
        fuzzy=fuzzy and not fuzzy_pass,
    )
    if fuzzy_pass:  # ± half the refine width: ratios of joined texts are the costly part
        lo, hi = path_band(beads, n, m, width=max(1, settings.refine_width // 2))
        scorer, beads = _run(a, b, fa, fb, lo, hi, method=method, params=params, settings=settings,
                             progress=scaled(progress, 0.55, 0.95), fuzzy=True)
    if two_pass:
        # Second pass: learn a dictionary from the first links, rescore near the first path.
        a_is_arabic = is_arabic(" ".join(a.texts[:5]))
        stems_a = [arabic_stems(t) if a_is_arabic else english_stems(t) for t in a.texts]
        stems_b = [english_stems(t) if a_is_arabic else arabic_stems(t) for t in b.texts]
        pairs = [
            (set().union(*stems_a[a0:a1]), set().union(*stems_b[b0:b1]))
            for a0, a1, b0, b1 in beads
            if a1 > a0 and b1 > b0
        ]
        if not a_is_arabic:
            pairs = [(y, x) for x, y in pairs]
        lexicon = learn_from_stems(pairs)
        if a_is_arabic:
            word_keys = ([translate_stems(s, lexicon) for s in stems_a], stems_b)
        else:
            word_keys = (stems_a, [translate_stems(s, lexicon) for s in stems_b])
        fa, fb = _features(a, b, keys, word_keys=word_keys)
        if not full:
            lo, hi = path_band(beads, n, m, width=settings.refine_width)
        scorer, beads = _run(a, b, fa, fb, lo, hi, method=method, params=params, settings=settings,
                             progress=scaled(progress, 0.55, 0.95))
    beads = pair_lone_skips(beads, scorer, max_deviation=settings.substitution_deviation, fuzzy_min=LONE_FUZZY)
    if method == "lexical":
        # Arabic↔English anchors are too sparse to tell a swap from a drop next to an insertion.
        beads = repair_swaps(beads, scorer)
        if scorer.fuzzy:
            beads = unlink_isolated(beads, scorer, weak_similarity=WEAK_SIMILARITY, weak_fuzzy=WEAK_FUZZY)
    return scorer, beads


