"""Divergence detection speed on long renderings.

    python bench/diverge_speed.py

Two English renderings built from bible-dev (en_web as A, en_bbe as B, every
book, repeated to the target size; verse i of A linked to verse i of B),
timed through the pure detection core (``detect``), which is what
``detect_divergences`` runs between loading links and saving rows.
"""

from __future__ import annotations

import csv
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khaddam_align.diverge.detect import detect  # noqa: E402
from khaddam_align.diverge.model import LinkView  # noqa: E402

BIBLE = ROOT.parent / "shared" / "devdata" / "bible-dev"


def verses() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for path in sorted(BIBLE.glob("*.tsv")):
        with path.open(encoding="utf-8") as fh:
            rows += [(r["en_web"].strip(), r["en_bbe"].strip()) for r in csv.DictReader(fh, delimiter="\t")
                     if r["en_web"].strip() and r["en_bbe"].strip()]
    return rows


def build(n: int) -> tuple[str, str, list[LinkView]]:
    pool = verses()
    a_text = b_text = ""
    links = []
    for i in range(n):
        a, b = pool[i % len(pool)]
        a_span = (len(a_text), len(a_text) + len(a))
        b_span = (len(b_text), len(b_text) + len(b))
        a_text += a + "\n\n"
        b_text += b + "\n\n"
        links.append(LinkView(i, (a_span,), (b_span,), 0.9))
    return a_text, b_text, links


def main() -> None:
    if not BIBLE.is_dir():
        raise SystemExit("../shared/devdata/bible-dev is not present")
    print(f"{'sentences':>10} {'seconds':>8} {'divergences':>12} {'peak MB':>8}")
    for n in (500, 2000, 5000):
        a_text, b_text, links = build(n)
        t0 = time.perf_counter()
        result = detect(a_text, b_text, links)
        seconds = time.perf_counter() - t0
        tracemalloc.start()  # a second run for memory: tracing slows it down
        detect(a_text, b_text, links)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"{n:>10} {seconds:8.2f} {len(result.findings):>12} {peak:8.1f}")


if __name__ == "__main__":
    main()
