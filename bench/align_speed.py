"""Alignment speed: a 5,000 × 5,000-verse Arabic–English pair, time and peak memory.

    python bench/align_speed.py [--verses 5000]

The pair is bible-dev (ar_svd ↔ en_web) books repeated in a shuffled book
order until 5,000 verses, then perturbed on the English side (merge, split,
drop, add, swap) with a fixed seed; strict/lax F1 are reported too.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import Doc, Gold, bible_books, links_score, perturb
from align_quality import GALE_CHURCH

from khaddam_align.align import AlignSettings, SideInput, align_texts


def _mark(text: str, tag: str) -> str:
    # Every word gets the repetition's tag: a new vocabulary per repetition (worst case).
    return " ".join(word + tag for word in text.split())


def build(
    verses: int, seed: int = 7, *, unique: bool = False, english: bool = False
) -> tuple[list[str], list[str], list[str]]:
    """A side (Arabic, or with ``english`` the World English Bible), the World English Bible
    (or the Bible in Basic English) and spare sentences for insertions."""
    books = bible_books()
    rng = random.Random(seed)
    ar: list[str] = []
    en: list[str] = []
    rep = 0
    while len(ar) < verses:
        order = books[:]
        rng.shuffle(order)
        for _, a, web, bbe in order:
            if english:
                a, web = web, bbe
            if unique:
                ar += [_mark(t, "ابتثجحخدذر"[rep % 10] * (1 + rep // 10)) for t in a]
                en += [_mark(t, "bcdfghjklm"[rep % 10] * (1 + rep // 10)) for t in web]
            else:
                ar += a
                en += web
        rep += 1
    extra = [s for *_, bbe in books for s in bbe] if not english else [s for *_, web, _ in books for s in web]
    return ar[:verses], en[:verses], extra


def drop_block(doc: Doc, start: int, end: int) -> Doc:
    """The pair with the English side of Arabic verses start..end removed (a long one-sided stretch)."""
    gold: Gold = []
    b: list[str] = []
    for a_idx, b_idx in doc.gold:
        if a_idx and start <= a_idx[0] < end:
            gold += [((i,), ()) for i in a_idx]
            continue
        gold.append((a_idx, tuple(range(len(b), len(b) + len(b_idx)))))
        b += [doc.b[j] for j in b_idx]
    b_paras = [0] * len(b)
    return Doc(doc.name, doc.a, b, doc.a_lang, doc.b_lang, doc.a_paras, b_paras, gold)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verses", type=int, default=5000)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true", help="also measure Python heap peak (slower)")
    parser.add_argument("--gap", type=int, default=0, help="drop this many English verses after verse 300")
    parser.add_argument("--unique", action="store_true", help="a new vocabulary for each repetition of the books")
    parser.add_argument("--english", action="store_true", help="English↔English: en_web ↔ en_bbe instead of Arabic ↔ en_web")
    args = parser.parse_args()
    ar, en, extra = build(args.verses, unique=args.unique, english=args.english)
    a_lang = "en" if args.english else "ar"
    doc = perturb("speed", ar, en, a_lang=a_lang, b_lang="en", seed=11, extra=extra)
    if args.gap:
        doc = drop_block(doc, 300, 300 + args.gap)
    a = SideInput(doc.a, language=a_lang, paragraphs=doc.a_paras)
    b = SideInput(doc.b, language="en", paragraphs=doc.b_paras)
    print(f"{'aligner':14} {'A':>6} {'B':>6} {'time s':>7} {'cpu s':>6} {'peak MB':>8} {'strict':>6} {'lax':>6}")
    runs = [("khaddam-align", AlignSettings(), "auto")]
    if not args.no_baseline:
        runs.append(("gale-church", AlignSettings(max_side=2, params=GALE_CHURCH, learn_lexicon=False), "length"))
    for name, settings, method in runs:
        if args.tracemalloc:
            tracemalloc.start()
        t, c = time.perf_counter(), time.process_time()
        links = align_texts(a, b, method=method, settings=settings)
        secs, cpu = time.perf_counter() - t, time.process_time() - c
        if args.tracemalloc:
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        else:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        strict, lax = links_score(doc.gold, [(lk.a, lk.b) for lk in links])
        print(f"{name:14} {len(doc.a):>6} {len(doc.b):>6} {secs:7.2f} {cpu:6.2f} {peak:8.1f} {strict:6.3f} {lax:6.3f}")


if __name__ == "__main__":
    main()
