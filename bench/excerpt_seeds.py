"""Excerpt dev suites over several seeds in one process: pooled two-sided and vecalign strict F1
per seed and direction, their mean and min, two-sided strict by source (news articles, bible
books) over all seeds, and (with --docs) the documents that lost links.

    python bench/excerpt_seeds.py [--seeds 0-5] [--docs]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import Gold, links_score, vecalign_score
from align_dev_sets import align, excerpt_suites

from khaddam_align.align import AlignSettings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default="0-5")
    parser.add_argument("--docs", action="store_true", help="list documents whose two-sided strict F1 < 0.7")
    args = parser.parse_args()
    lo, _, hi = args.seeds.partition("-")
    seeds = range(int(lo), int(hi or lo) + 1)
    settings = AlignSettings(glosses=False)
    table: dict[str, list[tuple[float, float]]] = {}
    by_source: dict[tuple[str, str], tuple[Gold, Gold]] = {}
    t0 = time.perf_counter()
    for seed in seeds:
        for label, docs in excerpt_suites(seed=seed).items():
            gold_all: Gold = []
            test_all: Gold = []
            for d, doc in enumerate(docs):
                test, _ = align(doc, settings)
                off = d * 100_000
                gold_all += [(tuple(x + off for x in s), tuple(y + off for y in t)) for s, t in doc.gold]
                test_all += [(tuple(x + off for x in s), tuple(y + off for y in t)) for s, t in test]
                source = "news" if "." in doc.name.split("/")[0] else "bible"
                gs, ts = by_source.setdefault((label, source), ([], []))
                off = (seed * 1000 + d) * 100_000
                gs += [(tuple(x + off for x in s), tuple(y + off for y in t)) for s, t in doc.gold if s and t]
                ts += [(tuple(x + off for x in s), tuple(y + off for y in t)) for s, t in test if s and t]
                if args.docs:
                    g2 = [x for x in doc.gold if x[0] and x[1]]
                    t2 = [x for x in test if x[0] and x[1]]
                    s, _ = links_score(g2, t2)
                    if s < 0.7:
                        print(f"  s{seed} {doc.name[:34]:34} gold2={len(g2):3} test2={len(t2):3} strict={s:.2f}")
            two = links_score([x for x in gold_all if x[0] and x[1]], [x for x in test_all if x[0] and x[1]])[0]
            vec = vecalign_score(gold_all, test_all)[0]
            table.setdefault(label, []).append((two, vec))
    for label, rows in table.items():
        twos = [r[0] for r in rows]
        vecs = [r[1] for r in rows]
        print(f"{label:16} two-sided " + " ".join(f"{x:.3f}" for x in twos)
              + f" | mean {sum(twos) / len(twos):.3f} min {min(twos):.3f}")
        print(f"{'':16} vecalign  " + " ".join(f"{x:.3f}" for x in vecs)
              + f" | mean {sum(vecs) / len(vecs):.3f} min {min(vecs):.3f}")
    for (label, source), (gs, ts) in by_source.items():
        print(f"{label:16} {source:6} two-sided strict over all seeds {links_score(gs, ts)[0]:.3f} ({len(gs)} gold links)")
    print(f"time {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
