"""Bulk-writing the links of an alignment (one place, portable SQL).

Ids come from the database (``INSERT … RETURNING``), never from ``max(id) + 1``:
on PostgreSQL explicit ids would not advance the sequence, and two users
writing at once would collide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.orm import Session

from khaddam_align.storage.models import Link, LinkSegment, LinkStatus, Side

SegmentRef = tuple[int, int]  # (segment id, segment position)


@dataclass(frozen=True, slots=True)
class NewLink:
    """A link to insert: the segments of each side, its confidence, status and note."""

    a: Sequence[SegmentRef]
    b: Sequence[SegmentRef]
    score: float
    status: LinkStatus = LinkStatus.AUTO
    note: str = ""


def insert_links(
    s: Session, alignment_id: int, links: Sequence[NewLink], *, first_position: int = 0
) -> list[int]:
    """Insert ``links`` at positions ``first_position, first_position + 1, …``; return their ids in order."""
    if not links:
        return []
    rows = [
        {
            "alignment_id": alignment_id,
            "position": first_position + k,
            "score": float(min(1.0, max(0.0, link.score))),
            "status": link.status,
            "note": link.note,
        }
        for k, link in enumerate(links)
    ]
    ids = list(s.scalars(insert(Link).returning(Link.id, sort_by_parameter_order=True), rows))
    members = [
        {"link_id": link_id, "segment_id": seg_id, "side": side, "segment_position": pos}
        for link_id, link in zip(ids, links, strict=True)
        for side, refs in ((Side.A, link.a), (Side.B, link.b))
        for seg_id, pos in refs
    ]
    if members:
        s.execute(insert(LinkSegment), members)
    return ids
