"""Fit the confidence calibration (khaddam_align/align/confidence.py) on the dev benchmarks.

    python bench/align_calibrate.py [--rate 0.06]

Aligns every document of every suite of bench/align_quality.py, computes each
link's features (``confidence.link_features``) and whether the gold has exactly
that link, fits one logistic regression for matches and one for skips (all
suites pooled, light L2), and prints the weights to paste into ``Calibration``,
plus the calibration table and the "under 0.5" review queue with the current
and the fitted weights, and a leave-one-suite-out check of the fitted ones.
"""

from __future__ import annotations

import argparse
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import Doc
from align_quality import suites

from khaddam_align.align import AlignSettings, SideInput
from khaddam_align.align.confidence import (
    DEFAULT_CALIBRATION,
    MATCH_FEATURES,
    SKIP_FEATURES,
    Calibration,
    first_logits,
    link_features,
    neighbour_logits,
    stacked_logits,
)
from khaddam_align.align.core import align_path

Data = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # features, matched, correct, sample weight
# The real pair is the only document with long one-sided stretches and free paraphrase, and
# much smaller than the synthetic suites: its links count this many times in the fit.
REAL_WEIGHT = 4.0


def collect(doc: Doc) -> Data:
    a = SideInput(doc.a, language=doc.a_lang, paragraphs=doc.a_paras, kinds=getattr(doc, "a_kinds", ()))
    b = SideInput(doc.b, language=doc.b_lang, paragraphs=doc.b_paras, kinds=getattr(doc, "b_kinds", ()))
    scorer, beads = align_path(a, b, settings=AlignSettings())
    x, matched = link_features(scorer, beads)
    gold = set(doc.gold)
    ok = np.array([(tuple(range(a0, a1)), tuple(range(b0, b1))) in gold for a0, a1, b0, b1 in beads], dtype=float)
    return x, matched, ok, np.ones(len(ok))


def fit(x: np.ndarray, y: np.ndarray, sw: np.ndarray, *, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Weighted logistic regression by Newton steps (the last column of ``x`` is the bias, not
    penalised; ``sw`` are the sample weights)."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -40, 40)))
        grad = x.T @ (sw * (p - y)) + reg * w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def scores(data: Data, cal: Calibration) -> np.ndarray:
    """Confidences of the links of ``data`` (one suite or several: documents are concatenated,
    so the first and last link of each document see a neighbour of another; negligible)."""
    x, matched = data[0], data[1]
    logits = stacked_logits(first_logits(x, matched, cal), matched, cal)
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -40, 40))))


def fitted(data: Data) -> Calibration:
    x, matched, ok, sw = data
    m, s = matched > 0, matched == 0
    wm = fit(x[m], ok[m], sw[m])
    ws = fit(x[s][:, : len(SKIP_FEATURES)], ok[s], sw[s])
    first = Calibration(match=tuple(round(float(v), 3) for v in wm), skip=tuple(round(float(v), 3) for v in ws))
    logits = first_logits(x, matched, first)
    stack = np.column_stack((logits, neighbour_logits(logits), np.ones(len(logits))))
    sm = fit(stack[m], ok[m], sw[m], l2=0.0)
    ss = fit(stack[s], ok[s], sw[s], l2=0.0)
    return Calibration(
        match=first.match,
        skip=first.skip,
        match_stack=(round(float(sm[0]), 3), round(float(sm[1]), 3), round(float(sm[2]), 3)),
        skip_stack=(round(float(ss[0]), 3), round(float(ss[1]), 3), round(float(ss[2]), 3)),
    )


def report(label: str, conf: np.ndarray, ok: np.ndarray) -> None:
    wrong = max(1.0, float((ok == 0).sum()))
    order = np.argsort(-conf)
    # AUC: chance that a right link gets a higher confidence than a wrong one.
    ranks = np.empty(len(conf))
    ranks[order[::-1]] = np.arange(1, len(conf) + 1)
    pos = ok == 1
    auc = (ranks[pos].sum() - pos.sum() * (pos.sum() + 1) / 2) / max(1.0, pos.sum() * (~pos).sum())
    q5, q6 = conf < 0.5, conf < 0.6
    print(
        f"{label:28} AUC {auc:.3f} | under 0.5: {q5.mean():4.0%} of links, error {1 - ok[q5].mean() if q5.any() else 0:.0%}, "
        f"{(ok[q5] == 0).sum() / wrong:.0%} of wrong | under 0.6: {q6.mean():4.0%} of links, "
        f"{(ok[q6] == 0).sum() / wrong:.0%} of wrong"
    )


def table(conf: np.ndarray, ok: np.ndarray) -> None:
    print("| confidence | links | correct |\n|---|---|---|")
    edges = (0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 0.9, 1.01)
    for lo, hi in pairwise(edges):
        sel = (conf >= lo) & (conf < hi)
        if sel.any():
            name = f"< {hi}" if lo == 0 else (f"≥ {lo}" if hi > 1 else f"{lo}–{hi}")
            print(f"| {name} | {int(sel.sum())} | {ok[sel].mean():.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=0.06)
    args = parser.parse_args()
    per_suite: dict[str, Data] = {}
    for label, docs in suites(None, args.rate).items():
        parts = [collect(doc) for doc in docs]
        x, matched, ok, sw = (np.concatenate([p[k] for p in parts]) for k in range(4))
        per_suite[label] = (x, matched, ok, sw * (REAL_WEIGHT if label.startswith("corpus") else 1.0))
    pooled: Data = tuple(np.concatenate([d[k] for d in per_suite.values()]) for k in range(4))  # type: ignore[assignment]
    cal = fitted(pooled)
    print(
        f"Calibration(\n    match={cal.match},\n    skip={cal.skip},\n"
        f"    match_stack={cal.match_stack},\n    skip_stack={cal.skip_stack},\n)"
    )
    print(f"match features: {MATCH_FEATURES}\nskip features: {SKIP_FEATURES}\n")
    for name, c in (("current", DEFAULT_CALIBRATION), ("fitted", cal)):
        print(f"== {name} weights")
        report("all suites", scores(pooled, c), pooled[2])
        for label, data in per_suite.items():
            report(label, scores(data, c), data[2])
    print("\n== fitted without the suite, scored on it")
    for label in per_suite:
        rest = [d for k, d in per_suite.items() if k != label]
        held: Data = tuple(np.concatenate([d[k] for d in rest]) for k in range(4))  # type: ignore[assignment]
        report(label, scores(per_suite[label], fitted(held)), per_suite[label][2])
    print("\n== current weights, all suites pooled")
    table(scores(pooled, DEFAULT_CALIBRATION), pooled[2])


if __name__ == "__main__":
    main()
