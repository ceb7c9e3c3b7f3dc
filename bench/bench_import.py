"""Import speed and memory: a generated ~2 MB text file, read, cleaned, segmented, stored.

Run: python bench/bench_import.py [--mb 2] [--lang en|ar]
Goal: a 2 MB text imports and segments in under 2 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from khaddam_align.ingest.catalog import load_catalog
from khaddam_align.ingest.plan import plan_source
from khaddam_align.ingest.service import import_file, list_segments
from khaddam_align.ingest.sources import read_source
from khaddam_align.storage import open_workspace

EN_TEXT = (
    "the president said Mr. Khaddam met Gen. Nassif in Damascus on 16 March 2003 and the talks "
    "on Iraq and the border continued with the U.S. envoy while the minister visited Tehran"
)
AR_TEXT = "قال الرئيس إن المحادثات في دمشق وطهران حول العراق والحدود استمرت مع المبعوث والوزير"
EN_WORDS, AR_WORDS = EN_TEXT.split(), AR_TEXT.split()


def generate(size: int, lang: str, seed: int = 7) -> str:
    """Scraped-looking text: title, header, paragraphs, sub-headings, captions, stray lines."""
    rnd = random.Random(seed)
    words = AR_WORDS if lang == "ar" else EN_WORDS
    end = "؟" if lang == "ar" else "?"
    parts = ["A Generated Title for the Benchmark", "publisher: Bench Press", "Publishing date: 2024-01-01", ""]
    total = 0
    n = 0
    while total < size:
        n += 1
        sentences = [
            " ".join(rnd.choice(words) for _ in range(rnd.randint(6, 30))).capitalize() + rnd.choice([".", ".", end])
            for _ in range(rnd.randint(1, 6))
        ]
        para = " ".join(sentences)
        if n % 25 == 0:
            parts.append(f"Sub-heading number {n}")
        if n % 60 == 0:
            parts.append(f"\n\nA photo of the delegation in Tehran, number {n} (AFP)\n")
        if n % 90 == 0:
            parts.append("TT")
        parts.append(para)
        total += len(para.encode("utf-8"))
    return "\n\n".join(parts) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--lang", choices=["en", "ar"], default="en")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bench-{args.lang}.txt"
        path.write_text(generate(int(args.mb * 1_000_000), args.lang), encoding="utf-8")
        size = path.stat().st_size
        ws = open_workspace(Path(tmp) / "ws.sqlite")
        catalog = load_catalog()

        # Stages, for where the time goes (not stored).
        t0 = time.perf_counter()
        source = read_source(path)
        t1 = time.perf_counter()
        plan = plan_source(source, catalog=catalog)
        t2 = time.perf_counter()

        # The whole import as the CLI runs it (timed without tracing, which slows Python down).
        t3 = time.perf_counter()
        report = import_file(ws, path)
        t4 = time.perf_counter()
        segments = len(list_segments(ws, report.ids[0]))
        ws.close()

        # The same import into a second workspace, for peak Python memory.
        ws2 = open_workspace(Path(tmp) / "ws2.sqlite")
        tracemalloc.start()
        import_file(ws2, path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        ws2.close()

    rows = [
        ("file size", f"{size / 1e6:.2f} MB ({len(source.text):,} characters, {args.lang})"),
        ("read + decode", f"{t1 - t0:.3f} s"),
        ("clean + segment (plan)", f"{t2 - t1:.3f} s"),
        ("full import (read, clean, segment, store)", f"{t4 - t3:.3f} s"),
        ("segments stored", f"{segments:,} (planned {len(plan.renderings[0].spans):,})"),
        ("peak traced memory (full import)", f"{peak / 1e6:.1f} MB"),
        ("goal: full import < 2 s", "met" if t4 - t3 < 2.0 else "NOT met"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':{width}}  result")
    for key, value in rows:
        print(f"{key:{width}}  {value}")


if __name__ == "__main__":
    main()
