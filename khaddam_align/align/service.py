"""Storing alignments: align two (or three) renderings, realign a range.

- ``align_renderings(ws, a_id, b_id)`` computes links with the pure aligner and
  stores an Alignment with its Links and LinkSegments (bulk inserts, one
  transaction). Every segment of both renderings is in exactly one link; links
  are ordered by ``position``.
- ``realign(ws, alignment_id, start=, end=)`` recomputes the links that are not
  confirmed (inside the optional position range); confirmed links stay as they
  are and act as fixed anchors.
- ``align_work(ws, [ar_id, en_a_id, en_b_id])`` stores the three pairwise
  alignments, with confidence lowered where they disagree.

Nothing is written before the computation finishes, so cancelling (progress
returning False) leaves the workspace unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.orm import Session

from khaddam_align.align.confidence import LOW_CONFIDENCE
from khaddam_align.align.core import (
    AlignedLink,
    AlignSettings,
    SideInput,
    align_texts,
    resolve_method,
)
from khaddam_align.align.provenance import settings_record
from khaddam_align.align.three_way import reconcile
from khaddam_align.errors import KhaddamError, NotFound
from khaddam_align.progress import Progress, report, scaled
from khaddam_align.storage import Workspace
from khaddam_align.storage.links import NewLink, insert_links
from khaddam_align.storage.models import (
    Alignment,
    Link,
    LinkSegment,
    LinkStatus,
    Rendering,
    Segment,
    Side,
)


@dataclass(frozen=True)
class _Side:
    rendering_id: int
    language: str
    segment_ids: list[int]
    positions: list[int]
    input: SideInput


def _load_side(s: Session, rendering_id: int) -> _Side:
    """One rendering's segments as the aligner sees them: one query for the rendering's text and
    one for its segments' columns (no ORM object per segment)."""
    head = s.execute(select(Rendering.text, Rendering.language).where(Rendering.id == rendering_id)).first()
    if head is None:
        raise NotFound(
            f"There is no rendering {rendering_id} in this workspace.",
            hint="List them with: khaddam-align sources",
        )
    query = (
        select(Segment.id, Segment.position, Segment.start, Segment.end, Segment.kind, Segment.paragraph)
        .where(Segment.rendering_id == rendering_id)
        .order_by(Segment.position)
    )
    if s.get_bind().dialect.name == "sqlite":  # plain tuples from the driver (kinds are stored as text)
        compiled = query.compile(dialect=s.get_bind().dialect, compile_kwargs={"literal_binds": True})
        rows = s.connection().exec_driver_sql(str(compiled)).all()
    else:
        rows = s.execute(query).all()
    if not rows:
        rendering = s.get(Rendering, rendering_id)
        label = rendering.label if rendering is not None else str(rendering_id)
        raise KhaddamError(
            f"Rendering {rendering_id} ({label}) has no segments to align.",
            hint="Check its excluded ranges with: khaddam-align segments " + str(rendering_id),
        )
    text, language = head
    return _Side(
        rendering_id=rendering_id,
        language=language,
        segment_ids=[r[0] for r in rows],
        positions=[r[1] for r in rows],
        input=SideInput(
            texts=[text[r[2] : r[3]] for r in rows],
            language=language,
            kinds=[str(r[4]) for r in rows],
            paragraphs=[r[5] for r in rows],
        ),
    )


def _write_links(
    s: Session,
    alignment_id: int,
    links: Sequence[AlignedLink],
    a: _Side,
    b: _Side,
    *,
    first_position: int = 0,
) -> list[int]:
    """Bulk-insert ``links`` (segment indices into ``a``/``b``); return their new ids in order."""
    rows = [
        NewLink(
            a=[(a.segment_ids[i], a.positions[i]) for i in link.a],
            b=[(b.segment_ids[i], b.positions[i]) for i in link.b],
            score=link.score,
            note=link.note,
        )
        for link in links
    ]
    return insert_links(s, alignment_id, rows, first_position=first_position)


def _settings_dict(settings: AlignSettings, method: str) -> dict[str, object]:
    return settings_record(settings, method)


def align_renderings(
    ws: Workspace,
    a_id: int,
    b_id: int,
    *,
    method: str = "auto",
    settings: AlignSettings | None = None,
    progress: Progress | None = None,
) -> int:
    """Align rendering ``a_id`` with ``b_id`` and store it; return the new Alignment's id."""
    settings = settings or AlignSettings()
    if a_id == b_id:
        raise KhaddamError(f"Cannot align rendering {a_id} with itself.", hint="Give two different rendering ids.")
    with ws.session() as s:
        a, b = _load_side(s, a_id), _load_side(s, b_id)
    try:
        resolved = resolve_method(method, a.language, b.language)
    except ValueError as exc:
        raise KhaddamError(str(exc)) from exc
    links = align_texts(a.input, b.input, method=resolved, settings=settings, progress=scaled(progress, 0.0, 0.9))
    report(progress, 0.9, "Saving")
    return _store(ws, a, b, links, method=resolved, settings=settings)


def _store(
    ws: Workspace, a: _Side, b: _Side, links: Sequence[AlignedLink], *, method: str, settings: AlignSettings
) -> int:
    with ws.transaction() as s:
        alignment = Alignment(a_id=a.rendering_id, b_id=b.rendering_id, method=method, settings=_settings_dict(settings, method))
        s.add(alignment)
        s.flush()
        _write_links(s, alignment.id, links, a, b)
        ws.audit(s, "align", "alignment", alignment.id, a=a.rendering_id, b=b.rendering_id, method=method, links=len(links))
        return alignment.id


@dataclass(frozen=True)
class AlignmentSummary:
    """Counts of a stored alignment, as the CLI prints them."""

    id: int
    links: int
    matched: int
    only_a: int
    only_b: int
    low_confidence: int  # links under LOW_CONFIDENCE that are not confirmed

    def to_dict(self) -> dict[str, int]:
        return {
            "id": self.id,
            "links": self.links,
            "matched": self.matched,
            "only_a": self.only_a,
            "only_b": self.only_b,
            "low_confidence": self.low_confidence,
        }


def summarize(ws: Workspace, alignment_id: int) -> AlignmentSummary:
    """Counts of alignment ``alignment_id`` in one aggregate query."""
    per_link = (
        select(
            Link.id,
            Link.score,
            Link.status,
            func.sum(case((LinkSegment.side == Side.A, 1), else_=0)).label("na"),
            func.sum(case((LinkSegment.side == Side.B, 1), else_=0)).label("nb"),
        )
        .outerjoin(LinkSegment, LinkSegment.link_id == Link.id)
        .where(Link.alignment_id == alignment_id)
        .group_by(Link.id, Link.score, Link.status)
        .subquery()
    )
    has_a, has_b = per_link.c.na > 0, per_link.c.nb > 0
    low = (per_link.c.score < LOW_CONFIDENCE) & (per_link.c.status != LinkStatus.CONFIRMED)
    with ws.session() as s:
        row = s.execute(
            select(
                func.count(),
                func.sum(case((has_a & has_b, 1), else_=0)),
                func.sum(case((has_a & ~has_b, 1), else_=0)),
                func.sum(case((has_b & ~has_a, 1), else_=0)),
                func.sum(case((low, 1), else_=0)),
            ).select_from(per_link)
        ).one()
    links, matched, only_a, only_b, low_count = (int(v or 0) for v in row)
    return AlignmentSummary(alignment_id, links, matched, only_a, only_b, low_count)


def align_work(
    ws: Workspace,
    rendering_ids: Sequence[int],
    *,
    method: str = "auto",
    settings: AlignSettings | None = None,
    progress: Progress | None = None,
) -> list[int]:
    """Align an Arabic rendering and two English ones pairwise; return the three alignment ids.

    Order of ``rendering_ids``: [arabic, english_a, english_b]. The alignments are
    Arabic↔A, Arabic↔B and A↔B; links where the three disagree get a lower
    confidence and a note. All three are stored in one transaction.
    """
    if len(rendering_ids) != 3 or len(set(rendering_ids)) != 3:
        raise KhaddamError("Three-way alignment needs three different renderings: Arabic, English A, English B.")
    settings = settings or AlignSettings()
    with ws.session() as s:
        ar, ea, eb = (_load_side(s, rid) for rid in rendering_ids)
    pairs = ((ar, ea), (ar, eb), (ea, eb))
    results: list[list[AlignedLink]] = []
    for k, (x, y) in enumerate(pairs):
        resolved = resolve_method(method, x.language, y.language) if method != "semantic" else method
        results.append(
            align_texts(x.input, y.input, method=resolved, settings=settings, progress=scaled(progress, k / 3, (k + 1) / 3 * 0.95))
        )
    checked = reconcile(results[0], results[1], results[2])
    ids = []
    with ws.transaction() as s:
        for (x, y), links in zip(pairs, checked, strict=True):
            resolved = resolve_method(method, x.language, y.language) if method != "semantic" else method
            alignment = Alignment(a_id=x.rendering_id, b_id=y.rendering_id, method=resolved, settings=_settings_dict(settings, resolved))
            s.add(alignment)
            s.flush()
            _write_links(s, alignment.id, links, x, y)
            ids.append(alignment.id)
        ws.audit(s, "align-work", "alignment", ids[0], renderings=list(rendering_ids), alignments=ids)
    report(progress, 1.0, "Saved")
    return ids


def realign(
    ws: Workspace,
    alignment_id: int,
    *,
    start: int | None = None,
    end: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Recompute the non-confirmed links of an alignment (positions ``start <= p < end``).

    Confirmed links are kept and act as anchors: each run of other links between
    them is aligned again on its own. Returns the number of links written.
    """
    with ws.session() as s:
        alignment = s.get(Alignment, alignment_id)
        if alignment is None:
            raise NotFound(f"There is no alignment {alignment_id}.", hint="List them with: khaddam-align alignments")
        a, b = _load_side(s, alignment.a_id), _load_side(s, alignment.b_id)
        method = alignment.method if alignment.method in {"lexical", "length", "semantic"} else "auto"
        links = s.scalars(select(Link).where(Link.alignment_id == alignment_id).order_by(Link.position)).all()
        members = s.execute(
            select(LinkSegment.link_id, LinkSegment.side, LinkSegment.segment_id).join(Link).where(Link.alignment_id == alignment_id)
        ).all()
        stored = [(lk.id, lk.status) for lk in links]
        saved = dict(alignment.settings or {})
    a_index = {sid: i for i, sid in enumerate(a.segment_ids)}
    b_index = {sid: j for j, sid in enumerate(b.segment_ids)}
    sides: dict[int, tuple[list[int], list[int]]] = {lid: ([], []) for lid, _ in stored}
    for link_id, side, segment_id in members:
        if side == Side.A:
            sides[link_id][0].append(a_index[segment_id])
        else:
            sides[link_id][1].append(b_index[segment_id])
    lo = 0 if start is None else max(0, start)
    hi = len(stored) if end is None else min(len(stored), end)
    # Runs of consecutive free links (not confirmed, inside the range).
    runs: list[list[int]] = []
    current: list[int] = []
    for pos, (link_id, status) in enumerate(stored):
        free = status != LinkStatus.CONFIRMED and lo <= pos < hi
        if free:
            current.append(link_id)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    # The run's own settings where they were stored (largest link side, semantic model).
    settings = AlignSettings(
        max_side=int(saved.get("max_side", 3)), semantic_model=str(saved.get("semantic_model", ""))
    )
    replaced: dict[int, list[AlignedLink]] = {}  # first link id of a run → its new links
    total = sum(len(r) for r in runs) or 1
    done = 0
    for run in runs:
        a_idx = sorted(i for lid in run for i in sides[lid][0])
        b_idx = sorted(j for lid in run for j in sides[lid][1])
        sub_a = SideInput([a.input.texts[i] for i in a_idx], a.language, [a.input.kinds[i] for i in a_idx], [a.input.paragraphs[i] for i in a_idx])
        sub_b = SideInput([b.input.texts[j] for j in b_idx], b.language, [b.input.kinds[j] for j in b_idx], [b.input.paragraphs[j] for j in b_idx])
        new = align_texts(sub_a, sub_b, method=method, settings=settings, progress=scaled(progress, done / total, (done + len(run)) / total * 0.9))
        done += len(run)
        replaced[run[0]] = [
            AlignedLink(tuple(a_idx[i] for i in lk.a), tuple(b_idx[j] for j in lk.b), lk.score, lk.note) for lk in new
        ]
    report(progress, 0.9, "Saving")
    dropped = {lid for run in runs for lid in run}
    written = 0
    with ws.transaction() as s:
        if dropped:
            s.execute(delete(Link).where(Link.id.in_(dropped)))
        order: list[int] = []
        for link_id, _status in stored:
            if link_id in replaced:
                new_ids = _write_links(s, alignment_id, replaced[link_id], a, b, first_position=len(stored) + len(order))
                order += new_ids
                written += len(new_ids)
            elif link_id not in dropped:
                order.append(link_id)
        if order:
            s.execute(update(Link), [{"id": lid, "position": pos} for pos, lid in enumerate(order)])
        s.execute(update(Alignment).where(Alignment.id == alignment_id).values(method=alignment.method))
        ws.audit(s, "realign", "alignment", alignment_id, start=start, end=end, links=written)
    report(progress, 1.0, "Saved")
    return written
