"""Workspace-level reads for the app (Qt-free): works and their alignments, whether the
workspace is empty, an existing alignment of a pair, a rendering's text and metadata,
the segment under a cell, and a cheap change marker to poll for other processes' edits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from khaddam_align.naming import view_names
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import (
    Alignment,
    AuditEntry,
    Link,
    LinkSegment,
    Rendering,
    Segment,
    Work,
)

METADATA_FIELDS = ("title", "publisher", "author", "published", "url")


@dataclass(frozen=True)
class WorkInfo:
    id: int | None
    name: str
    renderings: tuple[tuple[int, str, str], ...]  # id, name, language
    alignments: tuple[tuple[int, int, int, str], ...]  # id, first rendering id, second rendering id, label

    @property
    def three(self) -> tuple[int, int, int | None] | None:
        """(original↔first, original↔second, first↔second or None): the newest pair of alignments sharing a side."""
        newest = sorted(self.alignments, key=lambda al: -al[0])
        for first in newest:
            for second in newest:
                if second[1] == first[1] and first[2] < second[2]:
                    cross = next((al[0] for al in newest if (al[1], al[2]) == (first[2], second[2])), None)
                    return first[0], second[0], cross
        return None


def works(ws: Workspace) -> list[WorkInfo]:
    """Works with their renderings (named by ``khaddam_align.naming``) and alignments."""
    with ws.session() as s:
        rens = s.scalars(select(Rendering).order_by(Rendering.id)).all()
        names = {w.id: w.name for w in s.scalars(select(Work))}
        aligns = s.scalars(select(Alignment).order_by(Alignment.id)).all()
        groups: dict[int | None, list[Rendering]] = {}
        for r in rens:
            groups.setdefault(r.work_id, []).append(r)
        out = []
        for wid, members in groups.items():
            labels = dict(zip((r.id for r in members), view_names(members), strict=True))
            ids = set(labels)
            al = tuple(
                (a.id, a.a_id, a.b_id, f"{labels.get(a.a_id, a.a_id)} ↔ {labels.get(a.b_id, a.b_id)}")
                for a in aligns
                if a.a_id in ids or a.b_id in ids
            )
            name = names.get(wid, "") if wid else ""
            name = name or f"Renderings of “{members[0].title or members[0].file_name}” (no work set)"
            out.append(WorkInfo(wid, name, tuple((r.id, labels[r.id], r.language) for r in members), al))
        return out


def is_empty(ws: Workspace) -> bool:
    with ws.session() as s:
        return not s.scalar(select(func.count()).select_from(Rendering))


def find_alignment(ws: Workspace, a_id: int, b_id: int) -> int | None:
    """The newest alignment of exactly these two renderings (in this order)."""
    with ws.session() as s:
        return s.scalar(
            select(Alignment.id).where(Alignment.a_id == a_id, Alignment.b_id == b_id)
            .order_by(Alignment.id.desc()).limit(1)
        )


def existing_alignments(ws: Workspace, rendering_ids: Sequence[int]) -> list[int]:
    """Alignments that already exist for the pairs ``align_work`` would make of these renderings."""
    ids = list(rendering_ids)
    pairs = [(ids[0], ids[1])] if len(ids) == 2 else [(ids[0], ids[1]), (ids[0], ids[2]), (ids[1], ids[2])]
    found = [find_alignment(ws, a, b) for a, b in pairs]
    return [f for f in found if f is not None]


def change_marker(ws: Workspace) -> int:
    """The newest audit entry id: every operation writes one, so a new value means something changed."""
    with ws.session() as s:
        return int(s.scalar(select(func.max(AuditEntry.id))) or 0)


@dataclass(frozen=True)
class AuditInfo:
    id: int
    user: str
    action: str
    entity: str
    entity_id: int | None


def changes_since(ws: Workspace, marker: int) -> list[AuditInfo]:
    """Audit entries newer than ``marker`` (who changed what, for the status bar)."""
    with ws.session() as s:
        rows = s.execute(
            select(AuditEntry.id, AuditEntry.user, AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id)
            .where(AuditEntry.id > marker).order_by(AuditEntry.id).limit(200)
        ).all()
    return [AuditInfo(*r) for r in rows]


def rendering_text(ws: Workspace, rendering_id: int) -> str:
    with ws.session() as s:
        return s.scalar(select(Rendering.text).where(Rendering.id == rendering_id)) or ""


def rendering_metadata(ws: Workspace, rendering_id: int) -> tuple[dict[str, str], int] | None:
    """The editable metadata fields of a rendering and its version (None if it is gone)."""
    with ws.session() as s:
        r = s.get(Rendering, rendering_id)
        if r is None:
            return None
        return {k: str(getattr(r, k) or "") for k in METADATA_FIELDS}, r.version


@dataclass(frozen=True)
class SegmentInfo:
    id: int
    rendering_id: int
    start: int
    end: int
    text: str


def segment(ws: Workspace, segment_id: int) -> SegmentInfo | None:
    with ws.session() as s:
        seg = s.get(Segment, segment_id)
        if seg is None:
            return None
        text = s.scalar(select(Rendering.text).where(Rendering.id == seg.rendering_id)) or ""
        return SegmentInfo(seg.id, seg.rendering_id, seg.start, seg.end, text[seg.start : seg.end])


def link_holding(ws: Workspace, alignment_id: int, segment_id: int) -> int | None:
    """The link of ``alignment_id`` that holds this segment."""
    with ws.session() as s:
        return s.scalar(
            select(LinkSegment.link_id).join(Link, Link.id == LinkSegment.link_id)
            .where(Link.alignment_id == alignment_id, LinkSegment.segment_id == segment_id)
        )
