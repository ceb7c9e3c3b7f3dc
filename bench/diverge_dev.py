"""Development harness: align the two corpus renderings 001/002 and list the ranked divergences.

    python bench/diverge_dev.py [--top N]

Reads ../shared/corpus (not part of the repository).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khaddam_align.align.core import SideInput, align_texts  # noqa: E402
from khaddam_align.diverge.detect import Detection, detect  # noqa: E402
from khaddam_align.diverge.model import LinkView  # noqa: E402
from khaddam_align.segment import segment_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def load(prefix: str) -> str:
    return next(CORPUS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def align_pair(a_text: str, b_text: str) -> list[LinkView]:
    sa = segment_text(a_text, "en")
    sb = segment_text(b_text, "en")
    links = align_texts(
        SideInput([a_text[s.start : s.end] for s in sa], "en", [str(s.kind) for s in sa], [s.paragraph for s in sa]),
        SideInput([b_text[s.start : s.end] for s in sb], "en", [str(s.kind) for s in sb], [s.paragraph for s in sb]),
        method="lexical",
    )
    body = {"body"}
    return [
        LinkView(
            i,
            tuple((sa[k].start, sa[k].end) for k in link.a if str(sa[k].kind) in body),
            tuple((sb[k].start, sb[k].end) for k in link.b if str(sb[k].kind) in body),
            link.score,
        )
        for i, link in enumerate(links)
    ]


def run_pair() -> tuple[str, str, list[LinkView], Detection]:
    """The real path: import both files, align them with the aligner, detect."""
    import tempfile

    from khaddam_align.align.service import align_renderings
    from khaddam_align.diverge.service import load_links
    from khaddam_align.ingest.service import import_files
    from khaddam_align.storage import open_workspace
    from khaddam_align.storage.models import Alignment

    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "ws.sqlite", user="bench")
        try:
            report = import_files(ws, [next(CORPUS.glob(f"{p}_*.txt")) for p in ("001", "002")])
            alignment_id = align_renderings(ws, *report.ids)
            with ws.session() as s:
                alignment = s.get(Alignment, alignment_id)
                assert alignment is not None
                a_text, b_text = alignment.a.text, alignment.b.text
                links = load_links(s, alignment)
        finally:
            ws.close()
    return a_text, b_text, links, detect(a_text, b_text, links)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--links", action="store_true")
    args = parser.parse_args()
    a_text, b_text, links, result = run_pair()
    if args.links:
        for link in links:
            a = " | ".join(a_text[s:e][:60] for s, e in link.a)
            b = " | ".join(b_text[s:e][:60] for s, e in link.b)
            print(f"{link.index:3} {link.score:.2f} A: {a}\n             B: {b}")
    print("stretch", result.coverage.stretch, "of", len(links), "links;", len(result.findings), "findings")
    for n, f in enumerate(result.findings[: args.top], 1):
        print(f"{n:3} {f.severity:.2f} {f.type.value:8} L{f.link} {f.description[:150]}")


if __name__ == "__main__":
    main()
