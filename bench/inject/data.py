"""The pair kinds, read from ../shared/devdata (not part of the repository).

- ``en-en bible``: World English Bible ↔ Bible in Basic English (two real translations;
  their natural differences are the noise), changes in the BBE side.
- ``en-en news copy``: each ntrex English article ↔ a changed copy of itself.
- ``ar-en news``: ntrex Arabic ↔ English, changes in both sides (disjoint lines).
- ``ar-en bible``: Smith–Van Dyck Arabic ↔ World English Bible, changes in both sides.
- ``three-way …``: the two English↔English kinds with the same changes, plus the Arabic
  original (gold line pairing as the Arabic↔English alignments): the pivot says which
  English agrees with the Arabic; scored as right (the unchanged English), wrong, silent.
"""

from __future__ import annotations

import csv
from pathlib import Path

from bench.inject.evaluate import Doc, PairKind

DEVDATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata"
QUICK_NEWS = 3
QUICK_BOOKS = ("titus",)


def news(devdata: Path, *, quick: bool) -> list[tuple[str, list[str], list[str]]]:
    """(article id, Arabic lines, English lines) of ntrex-dev."""
    out = []
    for en in sorted((devdata / "ntrex-dev").glob("*.en.txt")):
        name = en.name[: -len(".en.txt")]
        ar = en.with_name(f"{name}.ar.txt")
        en_lines = en.read_text(encoding="utf-8").splitlines()
        ar_lines = ar.read_text(encoding="utf-8").splitlines()
        keep = [i for i in range(min(len(en_lines), len(ar_lines))) if en_lines[i].strip() and ar_lines[i].strip()]
        out.append((name, [ar_lines[i].strip() for i in keep], [en_lines[i].strip() for i in keep]))
    return out[:QUICK_NEWS] if quick else out


def bible(devdata: Path, *, quick: bool) -> list[tuple[str, dict[str, list[str]]]]:
    """(book, {column: verses}) of bible-dev."""
    out = []
    for path in sorted((devdata / "bible-dev").glob("*.tsv")):
        if quick and path.stem not in QUICK_BOOKS:
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh, delimiter="\t") if all((r.get(c) or "").strip() for c in ("ar_svd", "en_web", "en_bbe"))]
        out.append((path.stem, {c: [r[c].strip() for r in rows] for c in ("ar_svd", "en_web", "en_bbe")}))
    return out


def pair_kinds(devdata: Path = DEVDATA, *, quick: bool = False) -> list[PairKind]:
    articles = news(devdata, quick=quick)
    books = bible(devdata, quick=quick)
    return [
        PairKind("en-en bible (WEB ↔ BBE)", tuple(Doc(n, tuple(v["en_web"]), tuple(v["en_bbe"])) for n, v in books), ("b",)),
        PairKind("en-en news (copy)", tuple(Doc(n, tuple(en), tuple(en)) for n, _, en in articles), ("b",)),
        PairKind("ar-en news", tuple(Doc(n, tuple(ar), tuple(en)) for n, ar, en in articles), ("a", "b")),
        PairKind("ar-en bible (SVD ↔ WEB)", tuple(Doc(n, tuple(v["ar_svd"]), tuple(v["en_web"])) for n, v in books), ("a", "b")),
        # Three renderings: the English↔English kinds again (same changes), with the Arabic.
        PairKind("three-way bible (SVD; WEB ↔ BBE)",
                 tuple(Doc(n, tuple(v["en_web"]), tuple(v["en_bbe"]), tuple(v["ar_svd"])) for n, v in books), ("b",)),
        PairKind("three-way news (ar; en ↔ copy)",
                 tuple(Doc(n, tuple(en), tuple(en), tuple(ar)) for n, ar, en in articles), ("b",)),
    ]
