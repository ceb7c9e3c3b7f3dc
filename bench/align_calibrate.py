"""Fit and check the confidence model (khaddam_align/align/confidence.py), leave one set out.

    python bench/align_calibrate.py [--rate 0.06] [--cache FILE]

Every document of the dev sets is aligned; each link gets its features
(``confidence.link_features``) and whether the gold has exactly that link.
The sets:

- ``news ar-en``: ntrex-dev Arabic ↔ English, perturbed;
- ``bible ar-en``: bible-dev Arabic ↔ World English Bible and ↔ Bible in Basic
  English, perturbed (one set: both share the Arabic side);
- ``bible en-en``: World English Bible ↔ Bible in Basic English, perturbed;
- ``one-sided stretches``: bible-dev books (Arabic ↔ World English Bible and
  World English Bible ↔ Bible in Basic English, other seeds), perturbed, each
  side opened by its own introduction (5–20 sentences of another book that the
  other side does not have) and with a passage of 10–30 sentences missing from
  one side: the long one-sided stretches real renderings have and the other
  perturbed sets do not;
- ``corpus 001-002``: the real English pair with the hand gold in bench/gold.

Leave one set out: for each set, the model is fitted on the other dev sets and
scored on it (AUC of the confidence against link correctness, and the review
queue under ``LOW_CONFIDENCE``); no set is ever scored by a model fitted on it.
The real corpus pair is never in a fit (it is the one real pair we have; it
only judges). The shipped coefficients are the fit on all dev sets except the
corpus pair; they are printed to paste into ``DEFAULT_CALIBRATION``.
"""

from __future__ import annotations

import argparse
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import Doc, Gold, bible_books, perturb
from align_quality import suites

from khaddam_align.align import AlignSettings, SideInput
from khaddam_align.align.confidence import (
    DEFAULT_CALIBRATION,
    LOW_CONFIDENCE,
    MATCH_FEATURES,
    SKIP_FEATURES,
    Calibration,
    first_logits,
    is_low,
    link_features,
    neighbour_logits,
    stacked_logits,
)
from khaddam_align.align.core import align_path

Data = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # features, matched, correct, document number
REAL = "corpus 001-002"  # never fitted on
SETS = {  # held-out set → suites of bench/align_quality.py
    "news ar-en": ("news ar-en",),
    "bible ar-en": ("bible ar-en_web", "bible ar-en_bbe"),
    "bible en-en": ("bible en_web-en_bbe",),
    "one-sided stretches": ("stretches",),
    REAL: ("corpus 001-002 en-en",),
}
L2 = 1.0


def collect(doc: Doc) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    a = SideInput(doc.a, language=doc.a_lang, paragraphs=doc.a_paras, kinds=getattr(doc, "a_kinds", ()))
    b = SideInput(doc.b, language=doc.b_lang, paragraphs=doc.b_paras, kinds=getattr(doc, "b_kinds", ()))
    scorer, beads = align_path(a, b, settings=AlignSettings())
    x, matched = link_features(scorer, beads)
    gold = set(doc.gold)
    ok = np.array([(tuple(range(a0, a1)), tuple(range(b0, b1))) in gold for a0, a1, b0, b1 in beads], dtype=float)
    return x, matched, ok


def with_stretches(doc: Doc, intro_a: list[str], intro_b: list[str], gap: tuple[int, int], *, on_a: bool) -> Doc:
    """``doc`` with its own introduction on each side (one-sided) and the sentences of the gold
    links starting in ``gap`` (A indices) missing from B (``on_a``) or from A."""
    a: list[str] = list(intro_a)
    b: list[str] = list(intro_b)
    a_paras = [0] * len(intro_a)
    b_paras = [0] * len(intro_b)
    gold: Gold = [((i,), ()) for i in range(len(intro_a))] + [((), (j,)) for j in range(len(intro_b))]
    for a_idx, b_idx in doc.gold:
        missing = bool(a_idx) and gap[0] <= a_idx[0] < gap[1]
        new_a = tuple(range(len(a), len(a) + len(a_idx))) if not (missing and not on_a) else ()
        new_b = tuple(range(len(b), len(b) + len(b_idx))) if not (missing and on_a) else ()
        if new_a:
            a += [doc.a[i] for i in a_idx]
            a_paras += [doc.a_paras[i] + 1 for i in a_idx]
        if new_b:
            b += [doc.b[j] for j in b_idx]
            b_paras += [doc.b_paras[j] + 1 for j in b_idx]
        if new_a and new_b:
            gold.append((new_a, new_b))
        else:
            gold += [((i,), ()) for i in new_a] + [((), (j,)) for j in new_b]
    return Doc(doc.name + "+stretches", a, b, doc.a_lang, doc.b_lang, a_paras, b_paras, gold)


def stretch_docs(rate: float) -> list[Doc]:
    """The ``one-sided stretches`` set (see the module doc)."""
    import random

    books = bible_books()
    out = []
    for k, book in enumerate(books):
        rng = random.Random(700 + k)
        others = [b for b in books if b is not book]
        for ai, bi, al in ((1, 2, "ar"), (2, 3, "en")):
            extra = [s for other in others for s in other[bi]][:500]
            doc = perturb(book[0], book[ai], book[bi], a_lang=al, b_lang="en", seed=700 + k, extra=extra, rate=rate)
            src_a, src_b = rng.sample(others, 2)
            intro_a = src_a[ai][: rng.randint(5, 20)]
            intro_b = src_b[bi][-rng.randint(5, 20) :]
            size = rng.randint(10, 30)
            start = rng.randint(len(doc.a) // 4, max(len(doc.a) // 4, len(doc.a) - size - 1))
            out.append(with_stretches(doc, intro_a, intro_b, (start, start + size), on_a=bool(k % 2)))
    return out


def load_sets(rate: float, cache: Path | None) -> dict[str, Data]:
    """Features of every link of every set (read from ``cache`` when it exists, else computed
    and written there)."""
    if cache is not None and cache.exists():
        with np.load(cache) as z:
            return {name: tuple(z[f"{name}/{k}"] for k in range(4)) for name in SETS if f"{name}/0" in z}  # type: ignore[misc]
    by_suite = suites(None, rate)
    by_suite["stretches"] = stretch_docs(rate)
    out: dict[str, Data] = {}
    for name, parts in SETS.items():
        docs = [doc for suite in parts for doc in by_suite.get(suite, [])]
        if not docs:
            continue
        rows = [(*collect(doc), np.full(1, d)) for d, doc in enumerate(docs)]
        x = np.concatenate([r[0] for r in rows])
        matched = np.concatenate([r[1] for r in rows])
        ok = np.concatenate([r[2] for r in rows])
        doc_no = np.concatenate([np.full(len(r[2]), d) for d, r in enumerate(rows)])
        out[name] = (x, matched, ok, doc_no)
    if cache is not None:
        np.savez(cache, **{f"{name}/{k}": data[k] for name, data in out.items() for k in range(4)})
    return out


def pool(parts: list[Data]) -> Data:
    """Several sets as one (document numbers kept apart, so neighbours never cross documents)."""
    offset = 0
    docs = []
    for d in parts:
        docs.append(d[3] + offset)
        offset += int(d[3].max()) + 1 if len(d[3]) else 0
    return (
        np.concatenate([d[0] for d in parts]),
        np.concatenate([d[1] for d in parts]),
        np.concatenate([d[2] for d in parts]),
        np.concatenate(docs),
    )


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = L2, steps: int = 50) -> np.ndarray:
    """Logistic regression by Newton steps (the last column of ``x`` is the bias, not penalised)."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -40, 40)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def _neighbours(logits: np.ndarray, doc_no: np.ndarray) -> np.ndarray:
    """``neighbour_logits`` within each document."""
    out = np.empty(len(logits))
    for d in np.unique(doc_no):
        sel = doc_no == d
        out[sel] = neighbour_logits(logits[sel])
    return out


def scores(data: Data, cal: Calibration) -> np.ndarray:
    """Confidences of the links of ``data``, document by document (as ``confidences`` does)."""
    x, matched, _, doc_no = data
    out = np.empty(len(matched))
    for d in np.unique(doc_no):
        sel = doc_no == d
        logits = stacked_logits(first_logits(x[sel], matched[sel], cal), matched[sel], cal)
        out[sel] = 1.0 / (1.0 + np.exp(-np.clip(logits, -40, 40)))
    return out


def fitted(data: Data) -> Calibration:
    x, matched, ok, doc_no = data
    m, s = matched > 0, matched == 0
    wm = fit(x[m], ok[m])
    ws = fit(x[s][:, : len(SKIP_FEATURES)], ok[s])
    first = Calibration(match=tuple(round(float(v), 3) for v in wm), skip=tuple(round(float(v), 3) for v in ws))
    logits = first_logits(x, matched, first)
    stack = np.column_stack((logits, _neighbours(logits, doc_no), np.ones(len(logits))))
    sm = fit(stack[m], ok[m], l2=0.0)
    ss = fit(stack[s], ok[s], l2=0.0)
    return Calibration(
        match=first.match,
        skip=first.skip,
        match_stack=(round(float(sm[0]), 3), round(float(sm[1]), 3), round(float(sm[2]), 3)),
        skip_stack=(round(float(ss[0]), 3), round(float(ss[1]), 3), round(float(ss[2]), 3)),
    )


def auc(conf: np.ndarray, ok: np.ndarray) -> float:
    """Chance that a right link gets a higher confidence than a wrong one (ties count half)."""
    pos, neg = conf[ok == 1], conf[ok == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    all_values = np.concatenate((pos, neg))
    sorted_values = np.sort(all_values)
    lo = np.searchsorted(sorted_values, all_values, side="left")
    hi = np.searchsorted(sorted_values, all_values, side="right")
    avg_rank = (lo + hi + 1) / 2.0
    return float((avg_rank[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def queue(conf: np.ndarray, ok: np.ndarray) -> str:
    """The review queue: links under ``LOW_CONFIDENCE``."""
    low = np.array([is_low(float(c)) for c in conf], dtype=bool)
    wrong = max(1.0, float((ok == 0).sum()))
    error = 1 - ok[low].mean() if low.any() else 0.0
    return (
        f"low: {low.mean():4.0%} of links, error rate {error:.0%} (all links {1 - ok.mean():.0%}), "
        f"{(ok[low] == 0).sum() / wrong:.0%} of the wrong links"
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
    parser.add_argument("--cache", type=Path, help="features cache (.npz): reused when it exists")
    args = parser.parse_args()
    sets = load_sets(args.rate, args.cache)
    dev = [name for name in sets if name != REAL]
    shipped = fitted(pool([sets[n] for n in dev]))
    print(
        f"# fitted on {', '.join(dev)} (not {REAL}):\nCalibration(\n    match={shipped.match},\n"
        f"    skip={shipped.skip},\n    match_stack={shipped.match_stack},\n    skip_stack={shipped.skip_stack},\n)"
    )
    print(f"match features: {MATCH_FEATURES}\nskip features: {SKIP_FEATURES}\n")
    print("| held-out set | links | wrong | AUC, fitted without it | AUC, shipped weights (fitted on it unless corpus) | review queue (held out) |")
    print("|---|---|---|---|---|---|")
    held_conf, held_ok = [], []
    for name, data in sets.items():
        rest = [sets[n] for n in dev if n != name]
        cal = fitted(pool(rest))  # for REAL: every dev set, the shipped fit
        conf = scores(data, cal)
        held_conf.append(conf)
        held_ok.append(data[2])
        current = scores(data, DEFAULT_CALIBRATION)
        print(
            f"| {name} | {len(conf)} | {int((data[2] == 0).sum())} | {auc(conf, data[2]):.3f} "
            f"| {auc(current, data[2]):.3f} | {queue(conf, data[2])} |"
        )
    conf, ok = np.concatenate(held_conf), np.concatenate(held_ok)
    print(f"| all, each held out | {len(conf)} | {int((ok == 0).sum())} | {auc(conf, ok):.3f} | | {queue(conf, ok)} |")
    print(f"\nLow confidence: under {LOW_CONFIDENCE}. Held-out confidences of all sets, binned:")
    table(conf, ok)


if __name__ == "__main__":
    main()
