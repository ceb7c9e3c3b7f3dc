"""Store a new alignment from beads (lists of segment indices per side)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from khaddam_align.storage.db import Workspace
from khaddam_align.storage.links import NewLink, insert_links
from khaddam_align.storage.models import Alignment, LinkStatus, Segment

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
        statuses = statuses or [LinkStatus.AUTO] * len(beads)
        insert_links(
            s,
            al.id,
            [
                NewLink(
                    a=[(seg_ids[(a_id, p)], p) for p in a_pos],
                    b=[(seg_ids[(b_id, p)], p) for p in b_pos],
                    score=score,
                    status=status,
                )
                for (a_pos, b_pos, score), status in zip(beads, statuses, strict=True)
            ],
        )
        ws.audit(s, "alignment.create", "alignment", al.id, method=method, links=len(beads))
        return al.id
