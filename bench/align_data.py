"""Test documents for the alignment benchmarks, built from ../shared/devdata.

Sentences are laid out as paragraphs; on one side sentences are merged, split,
dropped, added and swapped with a fixed seed while the gold links are kept.
Gold and test alignments are lists of (A indices, B indices) tuples.
"""

from __future__ import annotations

import csv
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KHADDAM_SHARED", ROOT.parent / "shared"))
DEVDATA = SHARED / "devdata"

Gold = list[tuple[tuple[int, ...], tuple[int, ...]]]


@dataclass
class Doc:
    name: str
    a: list[str]
    b: list[str]
    a_lang: str
    b_lang: str
    a_paras: list[int]
    b_paras: list[int]
    gold: Gold


def news_pairs() -> list[tuple[str, list[str], list[str]]]:
    folder = DEVDATA / "ntrex-dev"
    out = []
    for ar in sorted(folder.glob("*.ar.txt")):
        en = ar.with_name(ar.name.replace(".ar.txt", ".en.txt"))
        a = ar.read_text(encoding="utf-8").splitlines()
        b = en.read_text(encoding="utf-8").splitlines()
        out.append((ar.name.removesuffix(".ar.txt"), a, b))
    return out


def bible_books() -> list[tuple[str, list[str], list[str], list[str]]]:
    out = []
    for path in sorted((DEVDATA / "bible-dev").glob("*.tsv")):
        with path.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        out.append((path.stem, [r["ar_svd"] for r in rows], [r["en_web"] for r in rows], [r["en_bbe"] for r in rows]))
    return out


def _split(sentence: str, rng: random.Random) -> list[str] | None:
    cuts = [m.end() for m in re.finditer(r"[,;:] ", sentence)]
    cuts = [c for c in cuts if 15 < c < len(sentence) - 15]
    if not cuts:
        return None
    c = rng.choice(cuts)
    return [sentence[:c].strip(), sentence[c:].strip()]


def perturb(
    name: str,
    a: list[str],
    b: list[str],
    *,
    a_lang: str,
    b_lang: str,
    seed: int,
    extra: list[str],
    rate: float = 0.06,
) -> Doc:
    """A document pair from parallel sentences a[i] ↔ b[i], perturbed on side B."""
    rng = random.Random(seed)
    b_out: list[str] = []
    gold: Gold = []
    i = 0
    while i < len(a):
        r = rng.random()
        start = len(b_out)
        if r < rate and i + 1 < len(a):  # merge two B sentences: 2-1
            b_out.append(b[i] + " " + b[i + 1])
            gold.append(((i, i + 1), (start,)))
            i += 2
            continue
        if r < 2 * rate:  # split: 1-2
            parts = _split(b[i], rng)
            if parts:
                b_out += parts
                gold.append(((i,), (start, start + 1)))
                i += 1
                continue
        if r < 3 * rate:  # drop: 1-0
            gold.append(((i,), ()))
            i += 1
            continue
        if r < 4 * rate:  # add: 0-1, then the sentence itself
            b_out.append(rng.choice(extra))
            gold.append(((), (start,)))
            b_out.append(b[i])
            gold.append(((i,), (start + 1,)))
            i += 1
            continue
        if r < 5 * rate and i + 1 < len(a):  # swap adjacent: one 2-2 link
            b_out += [b[i + 1], b[i]]
            gold.append(((i, i + 1), (start, start + 1)))
            i += 2
            continue
        b_out.append(b[i])
        gold.append(((i,), (start,)))
        i += 1
    a_paras = _paragraphs(len(a), rng)
    # B keeps A's paragraph breaks where its gold links allow it.
    b_paras = [0] * len(b_out)
    para = 0
    for a_idx, b_idx in gold:
        if a_idx and a_paras[a_idx[0]] != (a_paras[a_idx[0] - 1] if a_idx[0] else -1):
            para += 1
        for j in b_idx:
            b_paras[j] = para
    return Doc(name, a, b_out, a_lang, b_lang, a_paras, b_paras, gold)


def _paragraphs(n: int, rng: random.Random) -> list[int]:
    out, p, left = [], 0, rng.randint(2, 5)
    for _ in range(n):
        out.append(p)
        left -= 1
        if left == 0:
            p, left = p + 1, rng.randint(2, 5)
    return out


def links_score(gold: Gold, test: Gold) -> tuple[float, float]:
    """Strict and lax F1 over all links, one-sided ones included in both precision and recall
    (see docs/alignment.md for the definitions; ``vecalign_score`` for vecalign's own)."""
    ps, pl = _precisions(gold, test)
    rs, rl = _precisions(test, gold)
    f = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
    return f(ps, rs), f(pl, rl)


def vecalign_score(gold: Gold, test: Gold) -> tuple[float, float]:
    """Strict and lax F1 exactly as vecalign's ``score_multiple``: precision over every predicted
    link (one-sided ones checked against the gold's one-sided links), recall over the gold's
    two-sided links only (found among the predicted two-sided links)."""
    ps, pl = _precisions(gold, test)
    rs, rl = _precisions([x for x in test if x[0] and x[1]], [x for x in gold if x[0] and x[1]])
    f = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
    return f(ps, rs), f(pl, rl)


def _precisions(ref: Gold, hyp: Gold) -> tuple[float, float]:
    """Strict and lax precision of ``hyp`` against ``ref`` (lax: overlapping on both sides)."""
    ref_set = set(ref)
    strict = lax = 0
    for src, tgt in hyp:
        if (src, tgt) in ref_set:
            strict += 1
            lax += 1
        elif src and tgt and any(set(src) & set(s) and set(tgt) & set(t) for s, t in ref):
            lax += 1
    return strict / max(1, len(hyp)), lax / max(1, len(hyp))


GOLD_DIR = Path(__file__).resolve().parent / "gold"


def corpus_doc() -> Doc | None:
    """Corpus 001 ↔ 002 imported and segmented by khaddam-align, with the hand gold mapped onto
    the segments by overlap (a segment joins the gold link covering most of it)."""
    import hashlib
    import json
    import tempfile

    from sqlalchemy import select

    from khaddam_align.ingest.service import import_files
    from khaddam_align.storage import open_workspace
    from khaddam_align.storage.models import Rendering, Segment

    gold_doc = json.loads((GOLD_DIR / "001_002.json").read_text(encoding="utf-8"))
    paths = [SHARED / "corpus" / gold_doc[side]["file"] for side in ("a", "b")]
    if not all(p.exists() for p in paths):
        return None
    for side, path in zip(("a", "b"), paths, strict=True):
        if hashlib.sha256(path.read_bytes()).hexdigest() != gold_doc[side]["sha256"]:
            raise SystemExit(f"{path} is not the file the gold was made for")
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "gold.sqlite")
        rep = import_files(ws, paths)
        ids = [r.id for r in rep.imported]
        sides = []
        with ws.session() as s:
            for rid in ids:
                r = s.get(Rendering, rid)
                assert r is not None
                segs = s.scalars(select(Segment).where(Segment.rendering_id == rid).order_by(Segment.position)).all()
                sides.append(([r.text[g.start : g.end] for g in segs], [(g.start, g.end) for g in segs],
                              [str(g.kind) for g in segs], [g.paragraph for g in segs]))
        ws.close()

    def assign(spans: list[tuple[int, int]], ranges: list[list[int]]) -> list[int]:
        out = []
        for s, e in spans:
            best, where = 0, -1
            for k, rng in enumerate(ranges):
                if not rng:
                    continue
                ov = min(e, rng[1]) - max(s, rng[0])
                if ov > best:
                    best, where = ov, k
            out.append(where if best * 2 >= (e - s) else -1)
        return out

    links = gold_doc["links"]
    which_a = assign(sides[0][1], [lk["a"] for lk in links])
    which_b = assign(sides[1][1], [lk["b"] for lk in links])
    gold: Gold = []
    i = j = 0
    n, m = len(which_a), len(which_b)
    while i < n or j < m:
        if i < n and which_a[i] == -1:
            gold.append(((i,), ()))
            i += 1
        elif j < m and which_b[j] == -1:
            gold.append(((), (j,)))
            j += 1
        else:
            k = which_a[i] if i < n else which_b[j]
            a_idx = []
            while i < n and which_a[i] == k:
                a_idx.append(i)
                i += 1
            b_idx = []
            while j < m and which_b[j] == k:
                b_idx.append(j)
                j += 1
            gold.append((tuple(a_idx), tuple(b_idx)))
    doc = Doc("001-002", sides[0][0], sides[1][0], "en", "en", sides[0][3], sides[1][3], gold)
    doc.a_kinds, doc.b_kinds = sides[0][2], sides[1][2]  # type: ignore[attr-defined]
    return doc
