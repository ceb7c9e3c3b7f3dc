"""Storage side of divergences: detect and store, keep verdicts across runs, list, set verdicts.

A divergence's identity is ``Divergence.key`` (type + normalised evidence
text), so re-running detection after the alignment changed finds the same
divergence again and keeps its verdict and note; divergences the new run no
longer finds are marked ``stale`` (verdicts kept), never deleted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from khaddam_align.diverge.detect import Detection, QuotePair, coverage, detect, pair_quotes
from khaddam_align.diverge.model import LinkView, Span
from khaddam_align.diverge.pivot import arabic_decides
from khaddam_align.diverge.quotes import Quote, extract_quotes
from khaddam_align.diverge.worddiff import WordDiff, diff_spans
from khaddam_align.errors import NotFound
from khaddam_align.naming import view_names
from khaddam_align.ops.actions import Action
from khaddam_align.ops.core import Op, run_op
from khaddam_align.progress import Progress, report, scaled
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import (
    Alignment,
    Divergence,
    Link,
    LinkSegment,
    Rendering,
    SegmentKind,
    Side,
    Verdict,
)

# Titles, headings, captions and metadata lines are not statements of the minutes.
_COMPARED = {SegmentKind.BODY}


@dataclass(frozen=True, slots=True)
class DetectionSummary:
    alignment_id: int
    found: int  # divergences found by this run
    new: int  # of which not seen before
    kept: int  # of which already stored (verdict kept)
    stale: int  # stored ones this run no longer finds
    by_type: dict[str, int]
    a_outside: int  # A segments outside the shared stretch (coverage, not divergences)
    b_outside: int


@dataclass(frozen=True, slots=True)
class DivergenceView:
    """A stored divergence as the CLI, app and reports read it."""

    id: int
    alignment_id: int
    link: int | None  # link position in the alignment
    type: str
    severity: float
    a_spans: list[list[int]]
    b_spans: list[list[int]]
    description: str
    verdict: str
    note: str
    reviewer: str
    stale: bool

    def to_json(self) -> dict[str, Any]:
        """The entry of the JSON document's "divergences" list."""
        return {
            "id": self.id, "link": self.link, "type": self.type, "severity": self.severity,
            "a_spans": self.a_spans, "b_spans": self.b_spans, "description": self.description,
            "verdict": self.verdict, "note": self.note,
        }


def _alignment(session: Session, alignment_id: int) -> Alignment:
    alignment = session.get(Alignment, alignment_id)
    if alignment is None:
        raise NotFound(f"There is no alignment {alignment_id}.", hint="List them with: khaddam-align alignments")
    return alignment


def load_links(session: Session, alignment: Alignment) -> list[LinkView]:
    """The alignment's links as offset views (body segments only), in order."""
    rows = session.scalars(
        select(Link)
        .where(Link.alignment_id == alignment.id)
        .order_by(Link.position)
        .options(selectinload(Link.members).selectinload(LinkSegment.segment))
    ).all()
    views: list[LinkView] = []
    for link in rows:
        sides: dict[Side, list[Span]] = {Side.A: [], Side.B: []}
        for member in link.members:
            seg = member.segment
            if seg.kind in _COMPARED:
                sides[member.side].append((seg.start, seg.end))
        views.append(LinkView(link.position, tuple(sorted(sides[Side.A])), tuple(sorted(sides[Side.B])),
                              link.score, link.id))
    return views


def _detect_names(alignment: Alignment) -> dict[str, Any]:
    """The two renderings' names (``khaddam_align.naming``) and known languages, for ``detect``."""
    a_lang, b_lang = alignment.a.language, alignment.b.language
    a_name, b_name = view_names([alignment.a, alignment.b])
    return {"a_name": a_name, "b_name": b_name, "a_language": a_lang or None, "b_language": b_lang or None}


def _run_detection(
    ws: Workspace, alignment_id: int, progress: Progress | None
) -> tuple[str, str, list[LinkView], Detection]:
    """Read the alignment and detect its divergences (with the Arabic's word on English pairs: pivot.py)."""
    with ws.session() as s:
        alignment = _alignment(s, alignment_id)
        a_text, b_text = alignment.a.text, alignment.b.text
        links = load_links(s, alignment)
        names = _detect_names(alignment)
    result = detect(a_text, b_text, links, progress=scaled(progress, 0.0, 0.9), **names)
    return a_text, b_text, links, arabic_decides(ws, alignment_id, result, a_text, b_text, links)


def detect_divergences(ws: Workspace, alignment_id: int, *, progress: Progress | None = None) -> DetectionSummary:
    """Detect the alignment's divergences and store them, keeping earlier verdicts."""
    a_text, b_text, links, result = _run_detection(ws, alignment_id, progress)
    link_ids = {view.index: view.link_id for view in links}
    report(progress, 0.9, "Saving divergences")

    def store(op: Op) -> tuple[set[str], int, int, int, Counter[str]]:  # one operation (khaddam_align.ops)
        s = op.session
        op.lock("alignment", alignment_id, bump=False)  # a realign cannot interleave with the store
        live = set(s.scalars(select(Link.id).where(Link.alignment_id == alignment_id)))
        # a reviewer's own findings (origin "reviewer") are theirs: detection never touches them
        stored = {d.key: d for d in s.scalars(select(Divergence).where(Divergence.alignment_id == alignment_id,
                                                                       Divergence.origin != "reviewer"))}
        seen: set[str] = set()
        new = kept = 0
        for f in result.findings:
            key = f.key(a_text, b_text)
            if key in seen:
                continue
            seen.add(key)
            values = {
                "link_id": link_ids.get(f.link) if f.link is not None and link_ids.get(f.link) in live else None,
                "type": f.type.value,
                "severity": f.severity,
                "a_spans": [list(x) for x in f.a_spans],
                "b_spans": [list(x) for x in f.b_spans],
                "description": f.description,
                "detail": dict(f.detail),
                "stale": False,
            }
            row = stored.get(key)
            if row is None:
                s.add(Divergence(alignment_id=alignment_id, key=key, **values))
                new += 1
            else:
                for name, value in values.items():
                    setattr(row, name, value)
                kept += 1
        stale = 0
        for key, row in stored.items():
            if key not in seen:
                if not row.stale:
                    row.stale = True
                stale += 1
        by_type = Counter(f.type.value for f in result.findings)
        op.detail.update(found=len(seen), new=new, stale=stale)
        op.summary = f"detected {len(seen)} divergences ({new} new, {stale} no longer found)"
        return seen, new, kept, stale, by_type

    (seen, new, kept, stale, by_type), _ = run_op(
        ws, Action.DIVERGENCE_DETECT, store, label="Detect divergences", entity="alignment", entity_id=alignment_id
    )
    report(progress, 1.0, "Done")
    return DetectionSummary(
        alignment_id, len(seen), new, kept, stale, dict(by_type),
        len(result.coverage.a_outside), len(result.coverage.b_outside),
    )


def anchor_link(links: list[LinkView], a_spans: Any, b_spans: Any) -> int | None:
    """The link whose segments hold the evidence: the first A span's start, else the first B span's."""
    for spans, side in ((a_spans, "a"), (b_spans, "b")):
        for span in spans or []:
            start = int(span[0])
            for view in links:
                if any(st <= start < en for st, en in (view.a if side == "a" else view.b)):
                    return view.link_id
    return None


def redetect_links(
    ws: Workspace, alignment_id: int, link_ids: Iterable[int], *, progress: Progress | None = None
) -> DetectionSummary:
    """Re-detect divergences on the links a realign (or another row edit) changed.

    Each divergence found there is stored (verdicts kept, by key) on the link that holds its
    evidence, and every stored divergence that pointed at a changed (or deleted) link is
    re-anchored the same way; detected ones no longer found there become stale. Reviewer
    mark-up is re-anchored but never made stale. Links outside ``link_ids`` are not touched.
    """
    changed = set(link_ids)
    a_text, b_text, links, result = _run_detection(ws, alignment_id, progress)
    by_index = {view.index: view.link_id for view in links}
    live = {view.link_id for view in links}
    seen: set[str] = set()

    def store(op: Op) -> tuple[int, int, int]:  # one operation (khaddam_align.ops)
        s = op.session
        op.lock("alignment", alignment_id, bump=False)
        new = kept = stale = 0
        stored = {d.key: d for d in s.scalars(select(Divergence).where(Divergence.alignment_id == alignment_id))}
        for f in result.findings:
            key = f.key(a_text, b_text)
            anchor = anchor_link(links, f.a_spans, f.b_spans)
            if anchor is None and f.link is not None:
                anchor = by_index.get(f.link)
            if key in seen or anchor not in changed:
                continue
            seen.add(key)
            values = {
                "link_id": anchor, "type": f.type.value, "severity": f.severity,
                "a_spans": [list(x) for x in f.a_spans], "b_spans": [list(x) for x in f.b_spans],
                "description": f.description, "detail": dict(f.detail), "stale": False,
            }
            row = stored.get(key)
            if row is None:
                s.add(Divergence(alignment_id=alignment_id, key=key, **values))
                new += 1
            elif row.origin != "reviewer":
                for name, value in values.items():
                    setattr(row, name, value)
                kept += 1
        for key, row in stored.items():
            if key in seen or not (row.link_id in changed or row.link_id is None or row.link_id not in live):
                continue
            where = anchor_link(links, row.a_spans, row.b_spans)
            if where is not None:
                row.link_id = where
            if row.origin != "reviewer" and not row.stale and (where is None or where in changed):
                row.stale = True
                stale += 1
        op.detail.update(found=len(seen), new=new, stale=stale, links=sorted(changed))
        op.summary = f"re-detected {len(seen)} divergences on {len(changed)} rows ({new} new, {stale} no longer found)"
        return new, kept, stale

    (new, kept, stale), _ = run_op(
        ws, Action.DIVERGENCE_DETECT, store, label="Detect divergences", entity="alignment", entity_id=alignment_id
    )
    report(progress, 1.0, "Done")
    by_type = Counter(f.type.value for f in result.findings if f.key(a_text, b_text) in seen)
    return DetectionSummary(alignment_id, len(seen), new, kept, stale, dict(by_type), 0, 0)


def _positions(session: Session, alignment_id: int) -> dict[int, int]:
    rows = session.execute(select(Link.id, Link.position).where(Link.alignment_id == alignment_id))
    return {link_id: position for link_id, position in rows}


def _view(row: Divergence, positions: dict[int, int]) -> DivergenceView:
    return DivergenceView(
        row.id, row.alignment_id, positions.get(row.link_id) if row.link_id is not None else None,
        row.type, row.severity, row.a_spans, row.b_spans, row.description, row.verdict.value, row.note,
        row.reviewer, row.stale,
    )


def list_divergences(
    ws: Workspace,
    alignment_id: int,
    *,
    type: str | None = None,
    min_severity: float = 0.0,
    include_stale: bool = False,
) -> list[DivergenceView]:
    """The alignment's divergences, most severe first."""
    with ws.session() as s:
        _alignment(s, alignment_id)
        query = select(Divergence).where(Divergence.alignment_id == alignment_id, Divergence.severity >= min_severity)
        if type:
            query = query.where(Divergence.type == type)
        if not include_stale:
            query = query.where(Divergence.stale.is_(False))
        rows = s.scalars(query.order_by(Divergence.severity.desc(), Divergence.id)).all()
        positions = _positions(s, alignment_id)
        return [_view(r, positions) for r in rows]


def set_verdict(
    ws: Workspace,
    divergence_id: int,
    verdict: str | Verdict,
    *,
    note: str | None = None,
    expected: int | None = None,
    replace: bool = False,
) -> DivergenceView:
    """Record a reviewer's verdict (and optionally a note) through the operations layer.

    ``expected``: the divergence version the reviewer saw; ``replace``: allow replacing another
    reviewer's verdict or note (see ``khaddam_align.ops.verdicts``).
    """
    from khaddam_align.ops.verdicts import set_verdict as record

    record(ws, divergence_id, verdict, note=note, expected=expected, replace=replace)
    with ws.session() as s:
        row = s.get(Divergence, divergence_id)
        assert row is not None
        return _view(row, _positions(s, row.alignment_id))


@dataclass(frozen=True, slots=True)
class CoverageView:
    """Passages outside the stretch both renderings cover, as runs of consecutive segments."""

    a_runs: list[tuple[int, int]]  # [start, end) offsets in A's text
    b_runs: list[tuple[int, int]]
    a_text: str
    b_text: str


def _runs(spans: tuple[Span, ...], text: str) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for s, e in spans:
        if (runs and not text[runs[-1][1] : s].strip(" \n\t\r\u00a0")) or (runs and s - runs[-1][1] < 3):
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((s, e))
    return runs


def alignment_coverage(ws: Workspace, alignment_id: int) -> CoverageView:
    """What each rendering has outside the shared stretch (introductions, continuations)."""
    with ws.session() as s:
        alignment = _alignment(s, alignment_id)
        a_text, b_text = alignment.a.text, alignment.b.text
        links = load_links(s, alignment)
        a_lang, b_lang = alignment.a.language, alignment.b.language
    cov = coverage(a_text, b_text, links, a_lang=a_lang or None, b_lang=b_lang or None)
    return CoverageView(_runs(cov.a_outside, a_text), _runs(cov.b_outside, b_text), a_text, b_text)


def quote_pairs(ws: Workspace, alignment_id: int) -> list[QuotePair]:
    """The quotes of both renderings paired across the alignment (unpaired: omission candidates)."""
    with ws.session() as s:
        alignment = _alignment(s, alignment_id)
        a_text, b_text = alignment.a.text, alignment.b.text
        links = load_links(s, alignment)
    return pair_quotes(a_text, b_text, links)


@dataclass(frozen=True, slots=True)
class LinkDiff:
    position: int
    a_text: str
    b_text: str
    diff: WordDiff


def link_diff(ws: Workspace, alignment_id: int, link_position: int) -> LinkDiff:
    """Word diff of one link's two sides (offsets into each rendering's text)."""
    with ws.session() as s:
        alignment = _alignment(s, alignment_id)
        views = [v for v in load_links(s, alignment) if v.index == link_position]
        if not views:
            raise NotFound(f"Alignment {alignment_id} has no row {link_position + 1}.",
                           hint="Rows count from 1; see them all with: khaddam-align diff ALIGNMENT_ID")
        view = views[0]
        a_text, b_text = alignment.a.text, alignment.b.text
    return LinkDiff(link_position, a_text, b_text, diff_spans(a_text, b_text, view.a, view.b))


def link_positions(ws: Workspace, alignment_id: int) -> list[int]:
    with ws.session() as s:
        _alignment(s, alignment_id)
        return list(s.scalars(select(Link.position).where(Link.alignment_id == alignment_id).order_by(Link.position)))


@dataclass(frozen=True, slots=True)
class QuoteView:
    start: int
    end: int
    speaker: str | None
    text: str
    nested: tuple[tuple[int, int], ...]


def rendering_quotes(ws: Workspace, rendering_id: int) -> list[QuoteView]:
    """The direct quotes of a rendering with their speakers (person keys, e.g. "nasser")."""
    with ws.session() as s:
        rendering = s.get(Rendering, rendering_id)
        if rendering is None:
            raise NotFound(f"There is no rendering {rendering_id}.", hint="List them with: khaddam-align sources")
        text = rendering.text
    quotes: list[Quote] = extract_quotes(text)
    return [QuoteView(q.start, q.end, q.speaker, text[q.start : q.end], q.nested) for q in quotes]
