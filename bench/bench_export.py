"""Export speed: every format for a large alignment (default 5,000 links).

Run: python bench/bench_export.py [--links 5000] [--pdf-links 1000]
Two renderings (Arabic–English and English–English) of N sentences each are
stored with N 1-1 links and one divergence every 10 links, then the document
is built and every writer runs once. PDF runs on a smaller alignment
(--pdf-links) because QTextDocument lays out the whole report in memory.
Goal: a 5,000-link report in a few seconds; nothing quadratic.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert

from khaddam_align.export.document import build_document
from khaddam_align.export.service import write_document
from khaddam_align.storage import (
    Alignment,
    Divergence,
    Link,
    LinkSegment,
    Rendering,
    Segment,
    open_workspace,
)

EN = ("the president said that Khaddam met the envoy in Damascus on 16 March 2003 and the talks on Iraq "
      "continued while the minister visited Tehran with the delegation")
AR = "قال الرئيس إن المحادثات في دمشق وطهران حول العراق والحدود استمرت مع المبعوث والوزير"


def _text(vocabulary: str, n: int, rnd: random.Random) -> tuple[str, list[tuple[int, int]]]:
    words = vocabulary.split()
    parts, spans, pos = [], [], 0
    for _ in range(n):
        sentence = " ".join(rnd.choice(words) for _ in range(rnd.randint(8, 30))) + "."
        spans.append((pos, pos + len(sentence)))
        parts.append(sentence)
        pos += len(sentence) + 2
    return "\n\n".join(parts), spans


def store(ws, n: int, a_lang: str, seed: int) -> int:  # type: ignore[no-untyped-def]
    rnd = random.Random(seed)
    with ws.transaction() as s:
        rows = []
        for lang in (a_lang, "en"):
            text, spans = _text(AR if lang == "ar" else EN, n, rnd)
            r = Rendering(language=lang, text=text, sha256=hashlib.sha256(text.encode()).hexdigest() + lang,
                          file_name=f"{lang}.txt", publisher=f"Bench {lang}")
            s.add(r)
            s.flush()
            s.execute(insert(Segment), [{"rendering_id": r.id, "position": i, "start": a, "end": b, "paragraph": i}
                                        for i, (a, b) in enumerate(spans)])
            rows.append((r, spans))
        (a, a_spans), (b, b_spans) = rows
        al = Alignment(a_id=a.id, b_id=b.id, method="bench")
        s.add(al)
        s.flush()
        s.execute(insert(Link), [{"alignment_id": al.id, "position": i, "score": 0.9, "status": "confirmed"} for i in range(n)])
        link_ids = [lk.id for lk in s.query(Link).filter_by(alignment_id=al.id).order_by(Link.position)]
        seg_ids = {side: [sg.id for sg in s.query(Segment).filter_by(rendering_id=r.id).order_by(Segment.position)]
                   for side, r in (("a", a), ("b", b))}
        s.execute(insert(LinkSegment), [{"link_id": link_ids[i], "segment_id": seg_ids[side][i], "side": side,
                                         "segment_position": i} for i in range(n) for side in ("a", "b")])
        s.execute(insert(Divergence), [{"alignment_id": al.id, "link_id": link_ids[i], "key": f"k{i}", "type": "number",
                                        "severity": 0.5, "a_spans": [list(a_spans[i])], "b_spans": [list(b_spans[i])],
                                        "description": "bench"} for i in range(0, n, 10)])
        return al.id


def run(ws, alignment_id: int, formats: list[str], out: Path) -> list[tuple[str, float, int]]:  # type: ignore[no-untyped-def]
    results = []
    t0 = time.perf_counter()
    with ws.session() as s:
        doc = build_document(s, alignment_id)
    results.append(("build_document", time.perf_counter() - t0, 0))
    for fmt in formats:
        path = out / f"report.{fmt}"
        t0 = time.perf_counter()
        write_document(doc, path, fmt=fmt)
        results.append((fmt, time.perf_counter() - t0, path.stat().st_size))
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--links", type=int, default=5000)
    parser.add_argument("--pdf-links", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        ws = open_workspace(out / "bench.sqlite")
        print("| pair | links | step | seconds | output size |")
        print("|---|---|---|---|---|")
        for a_lang, seed in (("ar", 1), ("en", 2)):
            big = store(ws, args.links, a_lang, seed)
            for step, secs, size in run(ws, big, ["json", "html", "csv", "xlsx", "tmx"], out):
                print(f"| {a_lang}-en | {args.links:,} | {step} | {secs:.2f} | {size / 1e6:.1f} MB |")
            small = store(ws, args.pdf_links, a_lang, seed + 10)
            for step, secs, size in run(ws, small, ["pdf"], out)[1:]:
                print(f"| {a_lang}-en | {args.pdf_links:,} | {step} | {secs:.2f} | {size / 1e6:.1f} MB |")
        tracemalloc.start()
        with ws.session() as s:
            doc = build_document(s, big)
        write_document(doc, out / "peak.html", fmt="html")
        peak = tracemalloc.get_traced_memory()[1]
        print(f"\npeak Python memory, build + html of {args.links:,} en-en links: {peak / 1e6:.0f} MB")
        ws.close()


if __name__ == "__main__":
    main()
