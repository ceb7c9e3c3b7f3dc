"""Alignment quality: strict/lax F1 and time for khaddam-align and a Gale–Church baseline.

    python bench/align_quality.py [--only news|bible|corpus] [--calibrate]

Reads ../shared/devdata (and ../shared/corpus with bench/gold/001_002.json).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import Doc, Gold, bible_books, corpus_doc, links_score, news_pairs, perturb

from khaddam_align.align import AlignSettings, SideInput, align_texts
from khaddam_align.align.scoring import CostParams

GALE_CHURCH = CostParams(
    length_weight=1.0,
    variance=6.8,
    lexical_weight=0.0,
    skip=4.5,
    nonbody_skip=4.5,
    kind_penalty=0.0,
    paragraph_bonus=0.0,
    priors={(1, 1): 0.0, (1, 2): 2.3, (2, 1): 2.3, (2, 2): 4.4},
)


def run(doc: Doc, *, baseline: bool) -> tuple[Gold, list[float], float]:
    a = SideInput(doc.a, language=doc.a_lang, paragraphs=doc.a_paras, kinds=getattr(doc, "a_kinds", ()))
    b = SideInput(doc.b, language=doc.b_lang, paragraphs=doc.b_paras, kinds=getattr(doc, "b_kinds", ()))
    settings = AlignSettings(max_side=2, params=GALE_CHURCH, learn_lexicon=False) if baseline else AlignSettings()
    t = time.perf_counter()
    links = align_texts(a, b, method="length" if baseline else "auto", settings=settings)
    return [(lk.a, lk.b) for lk in links], [lk.score for lk in links], time.perf_counter() - t


def shift(links: Gold, off: int) -> Gold:
    return [(tuple(x + off for x in s), tuple(y + off for y in t)) for s, t in links]


def suites(only: str | None, rate: float = 0.06) -> dict[str, list[Doc]]:
    out: dict[str, list[Doc]] = {}
    if only in (None, "corpus"):
        doc = corpus_doc()
        if doc is not None:
            out["corpus 001-002 en-en"] = [doc]
    if only in (None, "news"):
        pairs = news_pairs()
        docs = []
        for k, (name, ar, en) in enumerate(pairs):
            extra = [s for _, _, other in pairs[:k] + pairs[k + 1 :] for s in other]
            docs.append(perturb(name, ar, en, a_lang="ar", b_lang="en", seed=k, extra=extra, rate=rate))
        out["news ar-en"] = docs
    if only in (None, "bible"):
        books = bible_books()
        for label, (ai, bi, al, bl) in {
            "bible ar-en_web": (1, 2, "ar", "en"),
            "bible ar-en_bbe": (1, 3, "ar", "en"),
            "bible en_web-en_bbe": (2, 3, "en", "en"),
        }.items():
            docs = []
            for k, book in enumerate(books):
                extra = [s for other in books if other is not book for s in other[bi]][:500]
                docs.append(
                    perturb(book[0], book[ai], book[bi], a_lang=al, b_lang=bl, seed=100 + k, extra=extra, rate=rate)
                )
            out[label] = docs
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["news", "bible", "corpus"])
    parser.add_argument("--calibrate", action="store_true", help="print a confidence calibration table")
    parser.add_argument("--rate", type=float, default=0.06, help="rate of each perturbation (0: parallel text)")
    args = parser.parse_args()
    calib: list[tuple[float, bool]] = []
    print(f"{'suite':24} {'docs':>4} {'links':>6} | {'strict':>6} {'lax':>6} {'time s':>7} | {'GC strict':>9} {'GC lax':>6} {'GC s':>6}")
    for label, docs in suites(args.only, args.rate).items():
        rows = []
        for baseline in (False, True):
            gold_all: Gold = []
            test_all: Gold = []
            total = 0.0
            for d, doc in enumerate(docs):
                test, scores, secs = run(doc, baseline=baseline)
                total += secs
                # Offset indices so documents stay apart when pooled.
                off = d * 100_000
                gold_all += shift(doc.gold, off)
                test_all += shift(test, off)
                if not baseline:
                    gs = set(doc.gold)
                    calib += [(s, lk in gs) for lk, s in zip(test, scores, strict=True)]
            strict, lax = links_score(gold_all, test_all)
            rows.append((strict, lax, total))
        (s, lx, t), (gs_, gl, gt) = rows
        print(f"{label:24} {len(docs):>4} {sum(len(d.gold) for d in docs):>6} | {s:6.3f} {lx:6.3f} {t:7.2f} | {gs_:9.3f} {gl:6.3f} {gt:6.2f}")
    if args.calibrate and calib:
        print("\nconfidence bin   links  correct")
        for lo in (0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 0.9):
            hi = {0.0: 0.2, 0.2: 0.4, 0.4: 0.5, 0.5: 0.6, 0.6: 0.8, 0.8: 0.9, 0.9: 1.01}[lo]
            sel = [ok for s, ok in calib if lo <= s < hi]
            if sel:
                print(f"[{lo:.1f}, {min(hi, 1.0):.1f})   {len(sel):>6}  {sum(sel) / len(sel):6.3f}")
        wrong = sum(1 for _, ok in calib if not ok)
        for cut in (0.5, 0.6):
            queue = [ok for s, ok in calib if s < cut]
            print(
                f"review queue under {cut}: {len(queue)} links ({len(queue) / len(calib):.0%} of all), "
                f"{sum(1 for ok in queue if not ok) / max(1, wrong):.0%} of the wrong links"
            )


if __name__ == "__main__":
    main()
