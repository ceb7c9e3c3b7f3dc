"""Build injected pairs, run detection through the core's public API and score it by type.

A pair kind is a list of documents, each with two sides (e.g. the Arabic and the
English of an ntrex article, or two English Bibles). Each document is laid out one line
per paragraph and linked line to line (the data's gold sentence pairing: one line = one
link), changes are injected into one or both sides, and ``khaddam_align.diverge.detect``
runs on the two texts and links. The control run is the same documents unchanged.

Scoring (``score``): a finding matches an injected change when its type is one the
change's type accepts (``ACCEPTS``) and it sits in the changed link (its ``link`` is the
changed line, or one of its spans on either side overlaps that line: with line-parallel
sides, line i of A and line i of B are one link). Recall is over
all findings and over the top 2K (K = changes of the pair kind, findings ranked by
severity across its documents); precision is over the top 2K, overall and by finding type.
"""

from __future__ import annotations

import random
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.inject.injector import Change, changes_of, check_changes, inject_lines, layout

# Injected type → finding types that count as finding it. Negation and certainty are
# "meaning" changes in the detector's vocabulary of types (also accepted under their own
# names, should the detectors grow such types).
ACCEPTS: dict[str, frozenset[str]] = {
    "number": frozenset({"number"}),
    "name": frozenset({"entity", "name"}),
    "speaker": frozenset({"speaker"}),
    "negation": frozenset({"meaning", "negation"}),
    "certainty": frozenset({"meaning", "certainty", "modality"}),
}


@dataclass(frozen=True)
class Doc:
    """One document of a pair kind: line-parallel sides (same number of lines)."""

    name: str
    a: tuple[str, ...]
    b: tuple[str, ...]
    original: tuple[str, ...] | None = None  # an Arabic original of two English sides (three-way)


@dataclass(frozen=True)
class PairKind:
    label: str
    docs: tuple[Doc, ...]
    inject: tuple[str, ...]  # which sides get changes: ("b",) or ("a", "b")


@dataclass
class Hit:
    """A finding as scored: where it is, its type and severity, and what it matched."""

    doc: str
    type: str
    severity: float
    link: int | None
    matched: list[int] = field(default_factory=list)  # indexes into the pair kind's changes
    pivot: str | None = None  # three-way: the English side the Arabic agrees with


@dataclass
class Injected:
    doc: Doc  # the changed document
    original: Doc
    changes: list[Change]


def seed_for(seed: int, name: str, side: str) -> random.Random:
    return random.Random(seed * 1_000_003 + zlib.crc32(f"{name}/{side}".encode()))


def inject_doc(doc: Doc, sides: Sequence[str], *, seed: int, rate: float) -> Injected:
    """Changes on the requested sides; with both, on disjoint lines (each link changed once)."""
    a, b = list(doc.a), list(doc.b)
    changes: list[Change] = []
    taken: frozenset[int] = frozenset()
    for side in sides:
        lines = a if side == "a" else b
        other = b if side == "a" else a
        english = other if any("\u0600" <= c <= "\u06ff" for c in "".join(lines[:3])) else None
        rng = seed_for(seed, doc.name, side)
        share = rate / len(sides)
        new, edits = inject_lines(lines, rng, rate=share, skip=taken, parallel_english=english)
        changes += changes_of(side, lines, edits, new)
        taken = taken | {i for i, _ in edits} | {i + d for i, _ in edits for d in (-1, 1)}
        if side == "a":
            a = new
        else:
            b = new
    return Injected(Doc(doc.name, tuple(a), tuple(b), doc.original), doc, changes)


def verify(inj: Injected) -> None:
    """The injector's invariant for one document (both sides)."""
    for side in ("a", "b"):
        old, _ = layout(getattr(inj.original, side))
        new, _ = layout(getattr(inj.doc, side))
        check_changes(old, new, [c for c in inj.changes if c.side == side])


def detect_doc(doc: Doc) -> tuple[list[Any], list[tuple[int, int]], list[tuple[int, int]]]:
    """Run the core's detection on one document with line-to-line links."""
    from khaddam_align.diverge.detect import detect
    from khaddam_align.diverge.model import LinkView

    a_text, a_spans = layout(doc.a)
    b_text, b_spans = layout(doc.b)
    links = [LinkView(i, (a_spans[i],), (b_spans[i],), 1.0) for i in range(len(a_spans))]
    findings = list(detect(a_text, b_text, links).findings)
    if doc.original is not None:
        # Three renderings: the Arabic original decides (khaddam_align.diverge.pivot), with
        # the gold line pairing as both Arabic↔English alignments.
        from khaddam_align.diverge.pivot import Bridge, Pivot, arbitrate

        ar_text, ar_spans = layout(doc.original)
        bridges = [
            Bridge.of([LinkView(i, (ar_spans[i],), (spans[i],)) for i in range(len(ar_spans))], arabic_is_a=True)
            for spans in (a_spans, b_spans)
        ]
        pivot = Pivot(0, ar_text, 1, 2, bridges[0], bridges[1])
        findings = sorted(arbitrate(findings, a_text, b_text, links, pivot), key=lambda f: -f.severity)
    return findings, a_spans, b_spans


def detect_doc_pipeline(doc: Doc, folder: Path) -> tuple[list[Any], list[tuple[int, int]], list[tuple[int, int]]]:
    """The app's path: import the texts into a new SQLite workspace, align (with an Arabic
    original: all three pairwise, as "Open demo" does), detect, read the stored divergences."""
    from sqlalchemy import select

    from khaddam_align.align.service import align_renderings, align_work
    from khaddam_align.diverge.service import detect_divergences
    from khaddam_align.ingest.service import import_text
    from khaddam_align.storage import open_workspace
    from khaddam_align.storage.models import Divergence

    a_text, a_spans = layout(doc.a)
    b_text, b_spans = layout(doc.b)
    if b_text == a_text:  # the same file twice is one rendering: tell the copies apart
        b_text += "\n"
    ws = open_workspace(folder / f"{zlib.crc32(doc.name.encode())}-{time.monotonic_ns()}.sqlite", user="bench")
    try:
        a_id = import_text(ws, a_text, name=f"{doc.name}-a.txt", work=doc.name).ids[0]
        b_id = import_text(ws, b_text, name=f"{doc.name}-b.txt", work=doc.name).ids[0]
        if doc.original is None:
            alignment = align_renderings(ws, a_id, b_id)
        else:
            ar_id = import_text(ws, layout(doc.original)[0], name=f"{doc.name}-ar.txt", work=doc.name).ids[0]
            *arabic, alignment = align_work(ws, [ar_id, a_id, b_id])
            for other in arabic:
                detect_divergences(ws, other)
        detect_divergences(ws, alignment)
        with ws.session() as s:
            rows = s.scalars(select(Divergence).where(Divergence.alignment_id == alignment, Divergence.stale.is_(False))
                             .order_by(Divergence.severity.desc(), Divergence.id)).all()
            found = [
                _Found(r.type, r.severity, None, r.a_spans, r.b_spans, (r.detail.get("pivot") or {}).get("side"))
                for r in rows
            ]
    finally:
        ws.close()
    return found, a_spans, b_spans


@dataclass(frozen=True)
class _Found:
    """What scoring reads of a finding (a stored divergence has no line index)."""

    type: str
    severity: float
    link: int | None
    a_spans: Sequence[Sequence[int]]
    b_spans: Sequence[Sequence[int]]
    pivot: str | None = None  # three-way: the side the Arabic agrees with ("a", "b") or None


def _lines_of(spans: Sequence[Sequence[int]], lines: Sequence[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i, (ls, le) in enumerate(lines) if s < le and ls < e}


def run_kind(kind: PairKind, *, seeds: Sequence[int], rate: float, pipeline: Path | None = None) -> dict[str, Any]:
    """Inject, detect and score one pair kind (documents × seeds), with its control run.

    ``pipeline``: a folder for temporary workspaces; detection then goes through
    import → align → detect → list (the app's path) instead of the gold line links.
    """
    started = time.perf_counter()
    changes: list[tuple[str, Change]] = []
    hits: list[Hit] = []
    control: list[Hit] = []
    links = 0

    def run(doc: Doc) -> tuple[list[_Found], list[tuple[int, int]], list[tuple[int, int]]]:
        if pipeline is not None:
            return detect_doc_pipeline(doc, pipeline)
        found, a_spans, b_spans = detect_doc(doc)
        return [
            _Found(f.type.value, f.severity, f.link, f.a_spans, f.b_spans, (f.detail.get("pivot") or {}).get("side"))
            for f in found
        ], a_spans, b_spans

    for seed in seeds:
        for doc in kind.docs:
            inj = inject_doc(doc, kind.inject, seed=seed, rate=rate)
            verify(inj)
            base = len(changes)
            changes += [(doc.name, c) for c in inj.changes]
            findings, a_spans, b_spans = run(inj.doc)
            links += len(a_spans)
            for f in findings:
                hit = Hit(doc.name, f.type, f.severity, f.link, pivot=f.pivot)
                lines = _lines_of(f.a_spans, a_spans) | _lines_of(f.b_spans, b_spans)
                if f.link is not None:
                    lines.add(f.link)
                for k, c in enumerate(inj.changes):
                    if f.type in ACCEPTS[c.kind] and c.line in lines:
                        hit.matched.append(base + k)
                hits.append(hit)
    for doc in kind.docs:  # the control run: the same documents, unchanged
        for f in run(doc)[0]:
            control.append(Hit(doc.name, f.type, f.severity, f.link))
    result = score(changes, hits, control, links, control_links=links // max(1, len(seeds)),
                   three_way=any(d.original is not None for d in kind.docs))
    result["label"] = kind.label
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def score(
    changes: Sequence[tuple[str, Change]], hits: list[Hit], control: list[Hit], links: int, *, control_links: int,
    three_way: bool = False,
) -> dict[str, Any]:
    k = len(changes)
    ranked = sorted(hits, key=lambda h: -h.severity)  # stable: detection order within a document
    top = ranked[: 2 * k]
    top_k = ranked[:k]
    found_all = {m for h in hits for m in h.matched}
    found_top = {m for h in top for m in h.matched}
    kinds = Counter(c.kind for _, c in changes)
    by_kind = {
        kind: {
            "injected": n,
            "recall": _ratio(sum(1 for i, (_, c) in enumerate(changes) if c.kind == kind and i in found_all), n),
            "recall_top2k": _ratio(sum(1 for i, (_, c) in enumerate(changes) if c.kind == kind and i in found_top), n),
        }
        for kind, n in sorted(kinds.items())
    }
    by_side = {
        side: _ratio(sum(1 for i, (_, c) in enumerate(changes) if c.side == side and i in found_all),
                     sum(1 for _, c in changes if c.side == side))
        for side in sorted({c.side for _, c in changes})
    }
    top_types = Counter(h.type for h in top)
    precision_by_type = {
        t: {"flagged": n, "precision": _ratio(sum(1 for h in top if h.type == t and h.matched), n)}
        for t, n in sorted(top_types.items())
    }
    cutoff = top[-1].severity if top else 1.0
    extra: dict[str, Any] = {}
    if three_way:
        extra["pivot"] = _pivot_score(changes, hits, found_all)
    return {
        **extra,
        "links": links,
        "injected": k,
        "recall": _ratio(len(found_all), k),
        "recall_top2k": _ratio(len(found_top), k),
        "precision_top2k": _ratio(sum(1 for h in top if h.matched), len(top)),
        "recall_topk": _ratio(len({m for h in top_k for m in h.matched}), k),
        "precision_topk": _ratio(sum(1 for h in top_k if h.matched), len(top_k)),
        "by_kind": by_kind,
        "recall_by_side": by_side,
        "precision_by_type": precision_by_type,
        "findings": len(hits),
        "control": {
            "findings": len(control),
            "links": control_links,
            "per_100_links": round(100 * len(control) / control_links, 1) if control_links else None,
            "by_type": dict(sorted(Counter(h.type for h in control).items())),
            "at_or_above_cutoff": sum(1 for h in control if h.severity >= cutoff),
            "cutoff": cutoff,
        },
    }


def _pivot_score(changes: Sequence[tuple[str, Change]], hits: list[Hit], found: set[int]) -> dict[str, Any]:
    """Three-way: for each injected change that was found (all changes are in English B),
    whether the Arabic sided with the unchanged English A (right), with B (wrong) or with
    neither (silent), by type."""
    sides: dict[int, set[str | None]] = {}
    for h in hits:
        for m in h.matched:
            sides.setdefault(m, set()).add(h.pivot)
    out: dict[str, Any] = {}
    for kind in sorted({c.kind for _, c in changes}):
        idx = [i for i, (_, c) in enumerate(changes) if c.kind == kind and i in found]
        right = sum(1 for i in idx if "a" in sides.get(i, set()))
        wrong = sum(1 for i in idx if "a" not in sides.get(i, set()) and "b" in sides.get(i, set()))
        out[kind] = {"found": len(idx), "right": right, "wrong": wrong, "silent": len(idx) - right - wrong}
    return out
