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

from sqlalchemy import case, func, select
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
from khaddam_align.ops.alignments import NewAlignment, create_alignments
from khaddam_align.progress import Progress, report, scaled
from khaddam_align.storage import Workspace
from khaddam_align.storage.links import NewLink
from khaddam_align.storage.models import Link, LinkSegment, LinkStatus, Rendering, Segment, Side


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


def _new_links(links: Sequence[AlignedLink], a: _Side, b: _Side) -> list[NewLink]:
    """``links`` (segment indices into ``a``/``b``) as rows to store."""
    return [
        NewLink(
            a=[(a.segment_ids[i], a.positions[i]) for i in link.a],
            b=[(b.segment_ids[i], b.positions[i]) for i in link.b],
            score=link.score,
            note=link.note,
        )
        for link in links
    ]


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
    ids, _ = create_alignments(
        ws, [NewAlignment(a.rendering_id, b.rendering_id, method, _new_links(links, a, b), _settings_dict(settings, method))]
    )
    return ids[0]


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
    specs = []
    for (x, y), links in zip(pairs, checked, strict=True):
        resolved = resolve_method(method, x.language, y.language) if method != "semantic" else method
        specs.append(NewAlignment(x.rendering_id, y.rendering_id, resolved, _new_links(links, x, y),
                                  _settings_dict(settings, resolved)))
    ids, _ = create_alignments(ws, specs, three_way=list(rendering_ids))
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
    """Recompute the non-confirmed links of an alignment (positions ``start <= p < end``, 0-based).

    The one realign path is ``khaddam_align.ops.realign`` (it keeps confirmations
    made while it computes); this returns the number of links written.
    """
    from khaddam_align.ops.realign import realign as realign_op

    return len(realign_op(ws, alignment_id, start=start, end=end, progress=progress).added_link_ids)
