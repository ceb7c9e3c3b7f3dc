"""Store a new alignment from beads (lists of segment indices per side)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, insert, select

from khaddam_align.storage.db import Workspace
from khaddam_align.storage.models import Alignment, Link, LinkSegment, LinkStatus, Segment, Side

BeadSpec = tuple[Sequence[int], Sequence[int], float]


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
    new alignment's id. One transaction, audited.
    """
    with ws.transaction() as s:
        al = Alignment(a_id=a_id, b_id=b_id, method=method, settings={})
        s.add(al)
        s.flush()
        seg_ids = {
            (r, p): i
            for (i, r, p) in s.execute(
                select(Segment.id, Segment.rendering_id, Segment.position).where(
                    Segment.rendering_id.in_([a_id, b_id])
                )
            )
        }
        next_id = (s.scalar(select(func.max(Link.id))) or 0) + 1
        links: list[dict[str, object]] = []
        members: list[dict[str, object]] = []
        for pos, (a_pos, b_pos, score) in enumerate(beads):
            link_id = next_id + pos
            status = statuses[pos] if statuses is not None else LinkStatus.AUTO
            links.append(
                {
                    "id": link_id,
                    "alignment_id": al.id,
                    "position": pos,
                    "score": score,
                    "status": status,
                    "note": "",
                }
            )
            members += [
                {
                    "link_id": link_id,
                    "segment_id": seg_ids[(a_id, p)],
                    "side": Side.A,
                    "segment_position": p,
                }
                for p in a_pos
            ]
            members += [
                {
                    "link_id": link_id,
                    "segment_id": seg_ids[(b_id, p)],
                    "side": Side.B,
                    "segment_position": p,
                }
                for p in b_pos
            ]
        if links:
            s.execute(insert(Link), links)
        if members:
            s.execute(insert(LinkSegment), members)
        ws.audit(s, "alignment.create", "alignment", al.id, method=method, links=len(beads))
        return al.id
