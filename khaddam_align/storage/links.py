"""Bulk-writing the links of an alignment (one place, portable SQL).

Ids come from the database's own allocator, never from a ``max(id) + 1`` read
before writing (on PostgreSQL explicit ids would not advance the sequence, and
two users writing at once would collide):

- PostgreSQL: all ids at once from the table's sequence (``nextval`` over
  ``generate_series``, one statement);
- SQLite: the first link is inserted with ``RETURNING``, which takes the
  database's write lock; no other writer can insert until the transaction
  ends, and SQLite gives a new row an id above every id in the table, so the
  following ids are free.

Then the links and their segments are written with two ``executemany``
statements (no ORM object, no per-row ``RETURNING``); on SQLite the rows go to
the driver as plain tuples, without SQLAlchemy's per-row bind processing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert
from sqlalchemy.orm import Session

from khaddam_align.storage.db import allocate_ids
from khaddam_align.storage.models import Link, LinkSegment, LinkStatus, Side

SegmentRef = tuple[int, int]  # (segment id, segment position)
_LINK = cast(Table, Link.__table__)
_LINK_SEGMENT = cast(Table, LinkSegment.__table__)


@dataclass(frozen=True, slots=True)
class NewLink:
    """A link to insert: the segments of each side, its confidence, status and note."""

    a: Sequence[SegmentRef]
    b: Sequence[SegmentRef]
    score: float
    status: LinkStatus = LinkStatus.AUTO
    note: str = ""


def _new_ids(s: Session, first_row: dict[str, Any], count: int) -> list[int]:
    """Ids for ``count`` new links; on SQLite ``first_row`` is inserted here (see the module doc)."""
    if s.get_bind().dialect.name == "postgresql":
        return allocate_ids(s, Link.__tablename__, count)
    first = int(s.execute(insert(_LINK).returning(_LINK.c.id), first_row).scalar_one())
    return list(range(first, first + count))


def _insert_many(s: Session, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """``INSERT`` of ``rows`` (values in ``columns`` order, plain Python values) in one executemany."""
    if not rows:
        return
    stmt = insert(table).values({c: bindparam(c) for c in columns})
    dialect = s.get_bind().dialect
    if dialect.name == "sqlite":
        compiled = stmt.compile(dialect=dialect)
        if tuple(compiled.positiontup or ()) == columns:  # no column default to fill in
            s.connection().exec_driver_sql(str(compiled), rows)
            return
    s.execute(stmt, [dict(zip(columns, row, strict=True)) for row in rows])


_LINK_COLUMNS = ("id", "alignment_id", "position", "score", "status", "note", "version")
_MEMBER_COLUMNS = ("link_id", "segment_id", "side", "segment_position")


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
            "score": min(1.0, max(0.0, float(link.score))),
            "status": LinkStatus(link.status).value,
            "note": link.note,
            "version": 1,
        }
        for k, link in enumerate(links)
    ]
    ids = _new_ids(s, rows[0], len(rows))
    first = 0 if s.get_bind().dialect.name == "postgresql" else 1  # SQLite: the first row is in
    _insert_many(
        s, _LINK, _LINK_COLUMNS, [(i, *row.values()) for i, row in zip(ids[first:], rows[first:], strict=True)]
    )
    a_side, b_side = Side.A.value, Side.B.value
    members = [
        (link_id, seg_id, side, pos)
        for link_id, link in zip(ids, links, strict=True)
        for side, refs in ((a_side, link.a), (b_side, link.b))
        for seg_id, pos in refs
    ]
    _insert_many(s, _LINK_SEGMENT, _MEMBER_COLUMNS, members)
    return ids
