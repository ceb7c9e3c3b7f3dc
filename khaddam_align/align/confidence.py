"""Confidence of each link: how much better it is than the nearest alternatives.

A matched link is compared with skipping all its segments and with the other
ways of cutting the same stretch (one segment more or less on either side, the
boundary shifted); a skipped segment with linking it to a segment nearby. Those
margins, the link's anchor similarity, its rapidfuzz ratio (English↔English)
and its surroundings (skips next to a match make its boundary doubtful) go
through a logistic curve fitted on the dev sets and checked leaving one set out
(``python bench/align_calibrate.py``; AUCs in docs/alignment.md). Everything is
vectorised over the links. ``LOW_CONFIDENCE`` / ``is_low`` define "low
confidence" for the app, the CLI and the reports.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from khaddam_align.align.dp import Bead
from khaddam_align.align.features import FloatArray, IntArray
from khaddam_align.align.scoring import BeadScorer

MATCH_FEATURES = (
    "margin", "boundary", "similarity", "fuzzy", "length", "evidence", "skip_neighbours", "extra", "same_language",
    "bias",
)
SKIP_FEATURES = (
    "margin", "boundary", "similarity", "fuzzy", "size", "match_neighbours", "same_language", "bias",
)


@dataclass(frozen=True)
class Calibration:
    """Two logistic stages. First, per link, ``match`` · ``MATCH_FEATURES`` (or ``skip`` ·
    ``SKIP_FEATURES``) gives a logit. Errors cluster (a wrong boundary spoils both links
    next to it), so the confidence is 1 / (1 + exp(-(a · logit + b · neighbour + c))) with
    ``neighbour`` the lower first-stage logit of the two neighbouring links (capped at
    ``NEIGHBOUR_CAP``) and (a, b, c)
    = ``match_stack`` or ``skip_stack``."""

    match: tuple[float, ...] = ()
    skip: tuple[float, ...] = ()
    match_stack: tuple[float, float, float] = (1.0, 0.0, 0.0)
    skip_stack: tuple[float, float, float] = (1.0, 0.0, 0.0)


# Logistic fit on the dev sets except the real corpus pair (bench/align_calibrate.py: news ar-en,
# bible ar-en, bible en-en, one-sided stretches), checked leaving one set out.
# Neighbours' logits count up to this value: weak neighbours lower a link's confidence more
# than strong ones raise it (a link with no evidence of its own between two good ones stays doubtful).
NEIGHBOUR_CAP = 1.0
CALIBRATION_VERSION = "2026-12-03 dev sets without the corpus pair, no skip-run feature"
DEFAULT_CALIBRATION = Calibration(
    match=(0.398, 0.131, 0.391, 1.155, 0.043, 0.042, -0.904, -1.34, 2.989, -1.947),
    skip=(-0.048, 0.229, -0.639, -1.032, 0.565, -0.469, 1.117, -1.93),
    match_stack=(0.879, 0.759, -0.028),
    skip_stack=(1.074, -0.048, -0.071),
)

# A link is "low confidence" (listed for review in the app, counted by the CLI, marked in
# reports) when the model gives it less than an even chance of being right and no person has
# confirmed it. SQL filters use the threshold itself: ``Link.score < LOW_CONFIDENCE``.
LOW_CONFIDENCE = 0.5


def is_low(score: float, status: str = "auto") -> bool:
    """Whether a link is low-confidence (the one definition): its confidence is under
    ``LOW_CONFIDENCE`` and its status is not ``confirmed``."""
    return score < LOW_CONFIDENCE and str(status) != "confirmed"


def calibration_record(calibration: Calibration | None = None) -> dict[str, Any]:
    """The confidence model as JSON-ready data (stored with each alignment)."""
    cal = calibration or DEFAULT_CALIBRATION
    return {
        "version": CALIBRATION_VERSION,
        "low_confidence": LOW_CONFIDENCE,
        "neighbour_cap": NEIGHBOUR_CAP,
        "match_features": list(MATCH_FEATURES),
        "skip_features": list(SKIP_FEATURES),
        **{key: list(value) for key, value in asdict(cal).items()},
    }


def _arrays(beads: list[Bead]) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    arr = np.asarray(beads, dtype=np.int64).reshape(-1, 4)
    return arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3]


def _skip_cost(scorer: BeadScorer, a0: IntArray, a1: IntArray, b0: IntArray, b1: IntArray) -> FloatArray:
    ca = np.concatenate(([0.0], np.cumsum(scorer.skip_a)))
    cb = np.concatenate(([0.0], np.cumsum(scorer.skip_b)))
    return np.asarray(ca[a1] - ca[a0] + cb[b1] - cb[b0], dtype=np.float64)


def _bead_total(scorer: BeadScorer, a0: IntArray, a1: IntArray, b0: IntArray, b1: IntArray) -> FloatArray:
    """Cost of each bead: a match (inf beyond ``scorer.max_side`` segments a side), or skips of all
    its segments."""
    match = (a1 > a0) & (b1 > b0)
    out = _skip_cost(scorer, a0, a1, b0, b1)
    fits = match & (a1 - a0 <= scorer.max_side) & (b1 - b0 <= scorer.max_side)
    out[match & ~fits] = np.inf
    if fits.any():
        out[fits] = scorer.bead_costs(a0[fits], a1[fits], b0[fits], b1[fits])
    return out


def _boundary_margins(scorer: BeadScorer, a0: IntArray, a1: IntArray, b0: IntArray, b1: IntArray) -> FloatArray:
    """Per pair of neighbouring links: least extra cost of moving the boundary between them by
    one segment on either side or both (negative: a cheaper cut of the two links exists)."""
    x0, xm, xe = a0[:-1], a1[:-1], a1[1:]
    y0, ym, ye = b0[:-1], b1[:-1], b1[1:]
    own = _bead_total(scorer, x0, xm, y0, ym) + _bead_total(scorer, xm, xe, ym, ye)
    best = np.full(len(x0), 5.0)
    for da in (-1, 0, 1):
        for db in (-1, 0, 1):
            if da == db == 0:
                continue
            am, bm = xm + da, ym + db
            ok = (am >= x0) & (am <= xe) & (bm >= y0) & (bm <= ye)
            ok &= ~((am == x0) & (bm == y0)) & ~((am == xe) & (bm == ye))  # both links stay non-empty
            if not ok.any():
                continue
            alt = _bead_total(scorer, x0[ok], am[ok], y0[ok], bm[ok]) + _bead_total(scorer, am[ok], xe[ok], bm[ok], ye[ok])
            best[ok] = np.minimum(best[ok], alt - own[ok])
    return np.asarray(np.clip(best, -5.0, 5.0), dtype=np.float64)


def _boundary(scorer: BeadScorer, a0: IntArray, a1: IntArray, b0: IntArray, b1: IntArray) -> FloatArray:
    """Per link: the smaller of its two boundary margins (5 at the ends of the text)."""
    pair = _boundary_margins(scorer, a0, a1, b0, b1) if len(a0) > 1 else np.zeros(0)
    left = np.concatenate(([5.0], pair))
    right = np.concatenate((pair, [5.0]))
    return np.minimum(left, right)


def _nearest_link(
    scorer: BeadScorer, seg: IntArray, pos: IntArray, *, a_side: bool, window: int
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """For skipped segments ``seg`` of one side at position ``pos`` on the other: the least
    cost of linking it 1-1 to a segment within ``window`` minus skipping both, and the best
    anchor similarity and rapidfuzz ratio nearby."""
    other = scorer.m if a_side else scorer.n
    margin = np.full(len(seg), 10.0)
    sim = np.zeros(len(seg))
    fuzzy = np.full(len(seg), np.nan)
    for off in range(-window, window):
        cand = pos + off
        ok = (cand >= 0) & (cand < other)
        if not ok.any():
            continue
        s, c = seg[ok], cand[ok]
        a0, b0 = (s, c) if a_side else (c, s)
        cost = scorer.bead_costs(a0, a0 + 1, b0, b0 + 1) - scorer.skip_a[a0] - scorer.skip_b[b0]
        margin[ok] = np.minimum(margin[ok], cost)
        sim[ok] = np.maximum(sim[ok], scorer.bead_similarities(a0, a0 + 1, b0, b0 + 1))
        fz = scorer.fuzzy_ratios(a0, a0 + 1, b0, b0 + 1)
        fuzzy[ok] = np.fmax(fuzzy[ok], fz)
    return np.clip(margin, -10.0, 10.0), sim, fuzzy


def link_features(scorer: BeadScorer, beads: list[Bead], *, window: int = 4) -> tuple[FloatArray, FloatArray]:
    """Feature matrix per bead (rows in bead order, columns ``MATCH_FEATURES`` for matches,
    ``SKIP_FEATURES`` padded with zeros for skips) and a 0/1 matched flag per bead."""
    a0, a1, b0, b1 = _arrays(beads)
    matched = (a1 > a0) & (b1 > b0)
    k = len(beads)
    same_language = 1.0 if scorer.fuzzy else 0.0
    # Neighbours: how many of the previous and next links are matches / skips.
    prev_m = np.concatenate(([np.nan], matched[:-1].astype(float))) if k else np.zeros(0)
    next_m = np.concatenate((matched[1:].astype(float), [np.nan])) if k else np.zeros(0)
    match_neighbours = np.nan_to_num(prev_m) + np.nan_to_num(next_m)
    skip_neighbours = np.nan_to_num(1 - prev_m) + np.nan_to_num(1 - next_m)
    # (The length of the run of skips a skip is in is left out on purpose: in perturbed text
    # two skips side by side are mostly a missed 1-1 link, in real renderings a long run is a
    # reliable one-sided stretch; fitted on one kind, it ranks the other worse than chance.)
    boundary = _boundary(scorer, a0, a1, b0, b1)
    out = np.zeros((k, len(MATCH_FEATURES)))
    mi = np.flatnonzero(matched)
    if len(mi):
        ma0, ma1, mb0, mb1 = a0[mi], a1[mi], b0[mi], b1[mi]
        margin = _skip_cost(scorer, ma0, ma1, mb0, mb1) - scorer.bead_costs(ma0, ma1, mb0, mb1)
        fz = scorer.fuzzy_ratios(ma0, ma1, mb0, mb1)
        out[mi] = np.column_stack((
            np.clip(margin, -10.0, 10.0),
            boundary[mi],
            scorer.bead_similarities(ma0, ma1, mb0, mb1),
            np.nan_to_num(fz - 0.5),
            scorer.length_deviations(ma0, ma1, mb0, mb1),
            np.log1p(scorer.w_a[ma1] - scorer.w_a[ma0] + scorer.w_b[mb1] - scorer.w_b[mb0]),
            skip_neighbours[mi],
            np.minimum((ma1 - ma0) + (mb1 - mb0) - 2.0, scorer.extra_cap),
            np.full(len(mi), same_language),
            np.ones(len(mi)),
        ))
    for a_side in (True, False):
        si = np.flatnonzero(~matched & ((a1 > a0) if a_side else (b1 > b0)))
        if not len(si):
            continue
        seg, pos = (a0[si], b0[si]) if a_side else (b0[si], a0[si])
        margin, sim, fz = _nearest_link(scorer, seg, pos, a_side=a_side, window=window)
        cols = np.column_stack((
            margin,
            boundary[si],
            sim,
            np.nan_to_num(fz - 0.5),
            np.log1p(scorer.len_a[seg + 1] - scorer.len_a[seg] if a_side else scorer.len_b[seg + 1] - scorer.len_b[seg]),
            match_neighbours[si],
            np.full(len(si), same_language),
            np.ones(len(si)),
        ))
        out[si, : cols.shape[1]] = cols
    return out, matched.astype(np.float64)


def _sigmoid(x: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(x, -40.0, 40.0))), dtype=np.float64)


def first_logits(features: FloatArray, matched: FloatArray, calibration: Calibration) -> FloatArray:
    """First-stage logit of each link (see ``Calibration``)."""
    wm = np.asarray(calibration.match)
    ws = np.zeros(len(MATCH_FEATURES))
    ws[: len(calibration.skip)] = calibration.skip
    return np.asarray(np.where(matched > 0, features @ wm, features @ ws), dtype=np.float64)


def neighbour_logits(logits: FloatArray) -> FloatArray:
    """Per link, the lower logit of its two neighbours, at most ``NEIGHBOUR_CAP`` (its own, so
    capped, in a one-link text)."""
    if len(logits) < 2:
        return np.asarray(np.minimum(logits, NEIGHBOUR_CAP), dtype=np.float64)
    prev = np.concatenate(([np.inf], logits[:-1]))
    nxt = np.concatenate((logits[1:], [np.inf]))
    return np.asarray(np.minimum(np.minimum(prev, nxt), NEIGHBOUR_CAP), dtype=np.float64)


def stacked_logits(logits: FloatArray, matched: FloatArray, calibration: Calibration) -> FloatArray:
    nb = neighbour_logits(logits)
    am, bm, cm = calibration.match_stack
    as_, bs, cs = calibration.skip_stack
    return np.asarray(
        np.where(matched > 0, am * logits + bm * nb + cm, as_ * logits + bs * nb + cs), dtype=np.float64
    )


def confidences(
    scorer: BeadScorer, beads: list[Bead], *, calibration: Calibration = DEFAULT_CALIBRATION
) -> list[float]:
    """A confidence in [0, 1] per bead."""
    if not beads:
        return []
    features, matched = link_features(scorer, beads)
    logits = stacked_logits(first_logits(features, matched, calibration), matched, calibration)
    return [float(x) for x in _sigmoid(logits)]
