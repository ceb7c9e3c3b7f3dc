"""Storing and deleting alignments as operations.

``create_alignments`` stores one or more computed alignments (the aligner,
``compare``, a three-way alignment) in one transaction with one audit entry;
``store_alignment`` is the same from bead positions (tests, scripts);
``delete_alignment`` removes one with its links and divergences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select

from khaddam_align.errors import NotFound
from khaddam_align.ops.actions import Action
from khaddam_align.ops.core import Op, OpChanges, run_op
from khaddam_align.storage.db import Workspace
from khaddam_align.storage.links import NewLink, insert_links
from khaddam_align.storage.models import Alignment, Divergence, Link, LinkStatus, Rendering, Segment

BeadSpec = tuple[Sequence[int], Sequence[int], float]


@dataclass(frozen=True)
class NewAlignment:
    """An alignment to store: renderings A and B, how it was made, and its links in order."""

    a_id: int
    b_id: int
    method: str
    links: Sequence[NewLink]
    settings: dict[str, Any] = field(default_factory=dict)


def create_alignments(ws: Workspace, alignments: Sequence[NewAlignment], **detail: Any) -> tuple[list[int], OpChanges]:
    """Store the alignments in one transaction (one audit entry); return their ids in order."""

    def body(op: Op) -> list[int]:
        ids = []
        for spec in alignments:
            for rid in (spec.a_id, spec.b_id):
                if op.session.get(Rendering, rid) is None:
                    raise NotFound(f"There is no rendering {rid} in this workspace (any more).",
                                   hint="List them with: khaddam-align sources")
            al = Alignment(a_id=spec.a_id, b_id=spec.b_id, method=spec.method, settings=dict(spec.settings))
            op.session.add(al)
            op.session.flush()
            new = insert_links(op.session, al.id, spec.links)
            op.link_ids.update(new)
            op.alignment_ids.add(al.id)
            op.versions[("alignment", al.id)] = 1
            ids.append(al.id)
        op.created_id = ids[0] if ids else None
        op.rows_changed = True
        pairs = ", ".join(f"{s.a_id}↔{s.b_id}" for s in alignments)
        op.summary = f"aligned {pairs} ({', '.join(s.method for s in alignments)})"
        op.detail.update(
            renderings=sorted({r for s in alignments for r in (s.a_id, s.b_id)}),
            alignment_ids=ids,
            rows=sum(len(s.links) for s in alignments),
            **detail,
        )
        op.link_ids.clear()  # the audit entry lists the alignments, not every new row
        return ids

    return run_op(ws, Action.ALIGNMENT_CREATE, body, label="Align", entity="alignment")


def store_alignment(
    ws: Workspace,
    a_id: int,
    b_id: int,
    beads: Sequence[BeadSpec],
    *,
    method: str = "manual",
    statuses: Sequence[LinkStatus] | None = None,
) -> int:
    """Create an alignment of renderings ``a_id`` and ``b_id`` with one link per bead.

    A bead is ``(a segment positions, b segment positions, confidence)``. Returns the
    new alignment's id.
    """
    with ws.session() as s:
        seg_ids = {
            (r, p): i
            for (i, r, p) in s.execute(
                select(Segment.id, Segment.rendering_id, Segment.position).where(Segment.rendering_id.in_([a_id, b_id]))
            )
        }
    statuses = statuses or [LinkStatus.AUTO] * len(beads)
    links = [
        NewLink(
            a=[(seg_ids[(a_id, p)], p) for p in a_pos],
            b=[(seg_ids[(b_id, p)], p) for p in b_pos],
            score=score,
            status=status,
        )
        for (a_pos, b_pos, score), status in zip(beads, statuses, strict=True)
    ]
    ids, _ = create_alignments(ws, [NewAlignment(a_id, b_id, method, links)])
    return ids[0]


def delete_alignment(ws: Workspace, alignment_id: int, *, expected: int | None = None) -> OpChanges:
    """Delete an alignment with its links and divergences (verdicts included)."""

    def body(op: Op) -> None:
        op.lock_alignment(alignment_id, expected=expected)
        al = op.session.get(Alignment, alignment_id)
        assert al is not None
        links = op.session.scalar(select(func.count()).select_from(Link).where(Link.alignment_id == alignment_id)) or 0
        judged = op.session.scalar(
            select(func.count()).select_from(Divergence).where(
                Divergence.alignment_id == alignment_id, Divergence.verdict != "open"
            )
        ) or 0
        op.detail.update(a=al.a_id, b=al.b_id, method=al.method, rows=links, verdicts=judged)
        op.summary = f"deleted alignment {alignment_id} ({al.a_id}↔{al.b_id}, {links} rows, {judged} verdicts)"
        op.session.execute(delete(Alignment).where(Alignment.id == alignment_id))
        op.rows_changed = True

    _, changes = run_op(ws, Action.ALIGNMENT_DELETE, body, label="Delete alignment", entity="alignment",
                        entity_id=alignment_id)
    return changes
