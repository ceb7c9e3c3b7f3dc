"""What one edit does to the database, as data: row images and position shifts.

An edit is planned on a ``Draft`` (load rows, change copies, add, delete, shift
positions) which yields a ``Change``: the before and after images of every row
it touches, the position shifts of the rows it does not touch, and divergence
re-pointing. Doing, undoing and redoing are the same ``apply`` with the before
or after side, so undo restores exactly what was there (same ids).

Tables covered: ``segment``, ``link``, ``link_segment`` (whole rows) and a
divergence's ``link_id``, verdict, note and reviewer.

Versions: a link whose status, score, note or members change gets
``version + 1`` in the after image (a position moved by a neighbour's edit is
not a change of the row); a divergence whose verdict or note changes too.
Undo and redo first ``verify`` that every row is still exactly as the change
left it (same version; same values for segments and memberships) and refuse
with ``ConflictError`` otherwise: they never write over someone else's edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from khaddam_align.storage.db import allocate_ids
from khaddam_align.storage.models import Divergence, Link, LinkSegment, Segment

TableName = Literal["segment", "link", "link_segment"]
Key = tuple[TableName, int]
Row = dict[str, Any]

TABLES: dict[TableName, Table] = {
    "segment": Segment.__table__,  # type: ignore[dict-item]
    "link": Link.__table__,  # type: ignore[dict-item]
    "link_segment": LinkSegment.__table__,  # type: ignore[dict-item]
}


@dataclass(frozen=True, slots=True)
class Shift:
    """Move the positions of untouched rows: ``position >= start`` gets ``+ delta``.

    ``table`` "link" shifts one alignment's rows (``scope_id`` = alignment id);
    "segment" shifts one rendering's segments and their link memberships.
    """

    table: Literal["link", "segment"]
    scope_id: int
    start: int
    delta: int

    def inverse(self) -> Shift:
        return Shift(self.table, self.scope_id, self.start + self.delta, -self.delta)


@dataclass(frozen=True)
class Change:
    """Everything one edit changed; ``apply(session, change, undo=...)`` does or undoes it."""

    before: Mapping[Key, Row | None]
    after: Mapping[Key, Row | None]
    shifts: tuple[Shift, ...] = ()
    div_before: Mapping[int, Row] = field(default_factory=dict)  # divergence id → fields (link_id, verdict, note…)
    div_after: Mapping[int, Row] = field(default_factory=dict)
    alignment_ids: frozenset[int] = frozenset()
    rendering_ids: frozenset[int] = frozenset()

    def is_empty(self) -> bool:
        return self.before == self.after and not self.shifts and self.div_before == self.div_after


def apply(session: Session, change: Change, *, undo: bool = False) -> None:
    """Write the after side of ``change`` (or, with ``undo``, its before side).

    Rows present on both sides are updated in place (deleting a link would
    cascade to members the change does not cover); the order below keeps
    foreign keys and unique positions valid at every step.
    """
    target = change.before if undo else change.after
    current = change.after if undo else change.before
    shifts = [s.inverse() for s in reversed(change.shifts)] if undo else list(change.shifts)
    divs = change.div_before if undo else change.div_after

    def keys(table: TableName, kind: str) -> list[int]:
        out = []
        for (t, i), row in target.items():
            if t != table:
                continue
            was = current.get((t, i))
            if (
                (kind == "delete" and row is None and was is not None)
                or (kind == "insert" and row is not None and was is None)
                or (kind == "update" and row is not None and was is not None)
            ):
                out.append(i)
        return sorted(out)

    _delete(session, "link_segment", keys("link_segment", "delete"))
    _insert(session, "link", [target[("link", i)] for i in keys("link", "insert")])
    _update(
        session,
        "link_segment",
        [target[("link_segment", i)] for i in keys("link_segment", "update")],
        current,
    )
    _delete(session, "link", keys("link", "delete"))
    _delete(session, "segment", keys("segment", "delete"))
    imaged = {t: {i for (tt, i) in target if tt == t} for t in ("link", "segment", "link_segment")}
    for shift in shifts:
        _apply_shift(session, shift, imaged)
    _insert(session, "segment", [target[("segment", i)] for i in keys("segment", "insert")])
    _update(session, "segment", [target[("segment", i)] for i in keys("segment", "update")], current)
    _update(session, "link", [target[("link", i)] for i in keys("link", "update")], current)
    _insert(
        session,
        "link_segment",
        [target[("link_segment", i)] for i in keys("link_segment", "insert")],
    )
    was_divs = change.div_after if undo else change.div_before
    for div_id, fields in divs.items():
        changed = {k: v for k, v in fields.items() if was_divs.get(div_id, {}).get(k) != v}
        if changed:
            session.execute(update(Divergence).where(Divergence.id == div_id).values(**changed))


def _delete(session: Session, name: TableName, ids: list[int]) -> None:
    table = TABLES[name]
    for chunk in _chunks(ids):
        session.execute(delete(table).where(table.c.id.in_(chunk)))


def _insert(session: Session, name: TableName, rows: list[Row | None]) -> None:
    values = [dict(r) for r in rows if r is not None]
    if values:
        session.execute(insert(TABLES[name]), values)


def _update(session: Session, name: TableName, rows: list[Row | None], current: Mapping[Key, Row | None]) -> None:
    """Write the columns that differ from the current image (a neighbour may have moved the row since).

    Rows changing the same columns go in one executemany.
    """
    table = TABLES[name]
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        if row is None:
            continue
        was = current.get((name, row["id"])) or {}
        changed = {k: v for k, v in row.items() if k != "id" and was.get(k) != v}
        if changed:
            groups.setdefault(tuple(sorted(changed)), []).append({"_id": row["id"], **{f"_{k}": v for k, v in changed.items()}})
    for columns, params in groups.items():
        statement = update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(f"_{c}") for c in columns})
        session.connection().execute(statement, params)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A row that is no longer as a change left it (for the conflict message)."""

    table: str  # "link" | "segment" | "link_segment" | "divergence"
    row_id: int
    alignment_id: int | None


def verify(session: Session, change: Change, *, undo: bool, versions: Mapping[Key | tuple[str, int], int]) -> Mismatch | None:
    """Check that the rows ``change`` touched are as it left them (undo) or found them (redo).

    Links and divergences are compared by version (a position moved by a
    neighbour's edit does not count), segments and memberships by value; a row
    the change removed must still be absent.
    """
    expected = change.after if undo else change.before
    for name in ("link", "segment", "link_segment"):
        ids = [i for (t, i) in expected if t == name]
        table = TABLES[name]
        found: dict[int, Row] = {}
        for chunk in _chunks(sorted(ids)):
            for r in session.execute(select(table).where(table.c.id.in_(chunk))).mappings():
                found[int(r["id"])] = dict(r)
        for i in ids:
            want, have = expected[(name, i)], found.get(i)
            if want is None and have is None:
                continue
            if want is None or have is None:
                return Mismatch(name, i, _alignment_of(session, name, want or have))
            if name == "link":
                if versions.get(("link", i)) != have.get("version"):
                    return Mismatch(name, i, want["alignment_id"])
            elif {k: v for k, v in want.items() if k != "segment_position" and k != "position"} != {
                k: v for k, v in have.items() if k != "segment_position" and k != "position"
            }:
                return Mismatch(name, i, _alignment_of(session, name, want))
    divs = change.div_after if undo else change.div_before
    for div_id in divs:
        have_v = session.scalar(select(Divergence.version).where(Divergence.id == div_id))
        if have_v is None or versions.get(("divergence", div_id)) != int(have_v):
            return Mismatch("divergence", div_id, None)
    return None


def written_versions(change: Change) -> dict[tuple[str, int], int]:
    """The versions an edit left on its links and divergences (what undo expects to find)."""
    out: dict[tuple[str, int], int] = {}
    for (t, i), row in change.after.items():
        if t == "link" and row is not None:
            out[("link", i)] = int(row.get("version") or 1)
    for div_id, fields in change.div_after.items():
        out[("divergence", div_id)] = int(fields.get("version") or 1)
    return out


def found_versions(change: Change) -> dict[tuple[str, int], int]:
    """The versions an edit found on the links and divergences it changed."""
    out: dict[tuple[str, int], int] = {}
    for (t, i), row in change.before.items():
        if t == "link" and row is not None:
            out[("link", i)] = int(row.get("version") or 1)
    for div_id, fields in change.div_before.items():
        out[("divergence", div_id)] = int(fields.get("version") or 1)
    return out


def bump_versions(
    session: Session, change: Change, *, undo: bool, current: Mapping[tuple[str, int], int]
) -> dict[tuple[str, int], int]:
    """After undo / redo: count one more change on every row written (versions only grow)."""
    target = change.before if undo else change.after
    divs = change.div_before if undo else change.div_after
    out: dict[tuple[str, int], int] = {}
    for (t, i), row in target.items():
        if t != "link" or row is None:
            continue
        base = current.get(("link", i), int(row.get("version") or 1))
        out[("link", i)] = base + 1
        session.execute(update(Link).where(Link.id == i).values(version=base + 1))
    for div_id in divs:
        base = current.get(("divergence", div_id), 1)
        out[("divergence", div_id)] = base + 1
        session.execute(update(Divergence).where(Divergence.id == div_id).values(version=base + 1))
    return out


def _alignment_of(session: Session, name: str, row: Row | None) -> int | None:
    if row is None:
        return None
    if name == "link":
        return int(row["alignment_id"])
    if name == "link_segment":
        return session.scalar(select(Link.alignment_id).where(Link.id == row["link_id"]))
    return None


def _apply_shift(session: Session, shift: Shift, imaged: dict[str, set[int]]) -> None:
    """Shift the positions of rows the change does not carry images of."""
    if shift.delta == 0:
        return
    if shift.table == "link":
        session.execute(
            update(Link)
            .where(
                Link.alignment_id == shift.scope_id,
                Link.position >= shift.start,
                Link.id.not_in(imaged["link"]),
            )
            .values(position=Link.position + shift.delta)
        )
        return
    # Segment positions are unique per rendering: move them through negative
    # numbers so no intermediate state collides.
    in_rendering = (
        select(Segment.id).where(Segment.rendering_id == shift.scope_id).scalar_subquery()
    )
    session.execute(
        update(LinkSegment)
        .where(
            LinkSegment.segment_id.in_(in_rendering),
            LinkSegment.segment_position >= shift.start,
            LinkSegment.id.not_in(imaged["link_segment"]),
        )
        .values(segment_position=LinkSegment.segment_position + shift.delta)
    )
    session.execute(
        update(Segment)
        .where(
            Segment.rendering_id == shift.scope_id,
            Segment.position >= shift.start,
            Segment.id.not_in(imaged["segment"]),
        )
        .values(position=-(Segment.position + shift.delta) - 1)
    )
    session.execute(
        update(Segment)
        .where(Segment.rendering_id == shift.scope_id, Segment.position < 0)
        .values(position=-Segment.position - 1)
    )


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


class Draft:
    """A plan for one edit: copies of rows to change, rows to add or delete, shifts."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._before: dict[Key, Row | None] = {}
        self._after: dict[Key, Row | None] = {}
        self._shifts: list[Shift] = []
        self._div_before: dict[int, Row] = {}
        self._div_after: dict[int, Row] = {}
        self._last_id: dict[TableName, int] = {}
        self.alignment_ids: set[int] = set()
        self.rendering_ids: set[int] = set()

    # -- rows ---------------------------------------------------------------
    def row(self, table: TableName, row_id: int) -> Row:
        """The (mutable) planned state of an existing row; loaded on first use."""
        key = (table, row_id)
        if key in self._after:
            current = self._after[key]
            if current is None:
                raise KeyError(f"{table} {row_id} is deleted in this edit")
            return current
        t = TABLES[table]
        found = self.session.execute(select(t).where(t.c.id == row_id)).mappings().first()
        if found is None:
            raise KeyError(f"{table} {row_id} does not exist")
        self._before[key] = dict(found)
        self._after[key] = dict(found)
        return self._after[key]  # type: ignore[return-value]

    def rows(self, table: TableName, row_ids: list[int]) -> list[Row]:
        """``row`` for many ids, loading the missing ones in a few queries."""
        missing = sorted({i for i in row_ids if (table, i) not in self._after})
        t = TABLES[table]
        for chunk in _chunks(missing):
            for found in self.session.execute(select(t).where(t.c.id.in_(chunk))).mappings():
                key = (table, int(found["id"]))
                self._before[key] = dict(found)
                self._after[key] = dict(found)
        return [self.row(table, i) for i in row_ids]

    def members_of(self, link_ids: list[int]) -> dict[int, list[Row]]:
        """Planned members of many links at once (each in side, segment_position order)."""
        wanted = set(link_ids)
        ids: list[int] = []
        for chunk in _chunks(sorted(wanted)):
            ids += self.session.scalars(select(LinkSegment.id).where(LinkSegment.link_id.in_(chunk))).all()
        self.rows("link_segment", ids)
        out: dict[int, list[Row]] = {i: [] for i in link_ids}
        for (t, _i), r in self._after.items():
            if t == "link_segment" and r is not None and r["link_id"] in wanted:
                out[r["link_id"]].append(r)
        for found in out.values():
            found.sort(key=lambda r: (r["side"], r["segment_position"]))
        return out

    def new(self, table: TableName, **values: Any) -> Row:
        """A new row with an id allocated now (so redo recreates the same id)."""
        (allocated,) = allocate_ids(self.session, table)
        # Rows planned earlier in this draft are not in the table yet: stay above them.
        row_id = max(allocated, self._last_id.get(table, 0) + 1)
        self._last_id[table] = row_id
        row: Row = {"id": row_id, **values}
        if table == "link":
            row.setdefault("version", 1)
        self._before[(table, row_id)] = None
        self._after[(table, row_id)] = row
        return row

    def delete(self, table: TableName, row_id: int) -> None:
        self.row(table, row_id)  # make sure its before image is recorded
        self._after[(table, row_id)] = None

    def shift(
        self, table: Literal["link", "segment"], scope_id: int, start: int, delta: int
    ) -> None:
        """Shift positions ``>= start`` by ``delta`` (loaded rows too, unless the plan set their position)."""
        self._shifts.append(Shift(table, scope_id, start, delta))

    # -- links and members --------------------------------------------------
    def members(self, link_id: int) -> list[Row]:
        """Planned members of a link (side, segment_position order)."""
        ids = self.session.scalars(
            select(LinkSegment.id).where(LinkSegment.link_id == link_id)
        ).all()
        for i in ids:
            if ("link_segment", i) not in self._after:
                self.row("link_segment", i)
        found = [
            r
            for (t, _i), r in self._after.items()
            if t == "link_segment" and r is not None and r["link_id"] == link_id
        ]
        return sorted(found, key=lambda r: (r["side"], r["segment_position"]))

    def side(self, link_id: int, side: str) -> list[Row]:
        return [m for m in self.members(link_id) if m["side"] == side]

    def repoint_divergences(self, old_link_id: int, new_link_id: int | None) -> None:
        ids = self.session.scalars(
            select(Divergence.id).where(Divergence.link_id == old_link_id)
        ).all()
        for div_id in ids:
            self.divergence(div_id)["link_id"] = new_link_id

    def divergence(self, div_id: int) -> Row:
        """The planned fields of a divergence (link_id, verdict, note, reviewer); loaded on first use."""
        if div_id not in self._div_after:
            found = self.session.execute(
                select(Divergence.link_id, Divergence.verdict, Divergence.note, Divergence.reviewer,
                       Divergence.alignment_id, Divergence.version).where(Divergence.id == div_id)
            ).first()
            if found is None:
                raise KeyError(f"divergence {div_id} does not exist")
            link_id, verdict, note, reviewer, alignment_id, version = found
            self.alignment_ids.add(alignment_id)
            self._div_before[div_id] = {
                "link_id": link_id, "verdict": verdict, "note": note, "reviewer": reviewer, "version": version,
            }
            self._div_after[div_id] = dict(self._div_before[div_id])
        return self._div_after[div_id]

    def _shift_loaded_rows(self) -> None:
        """Shift loaded rows as the database shifts the others, unless the plan set their position."""
        moved: dict[Key, int] = {}

        def bump(key: Key, column: str, shift: Shift) -> None:
            before, after = self._before.get(key), self._after.get(key)
            if before is None or after is None:
                return
            now = before[column] + moved.get(key, 0)
            if now >= shift.start and after[column] == now:
                after[column] += shift.delta
                moved[key] = moved.get(key, 0) + shift.delta

        for shift in self._shifts:
            if shift.table == "link":
                for key, row in list(self._after.items()):
                    if (
                        key[0] == "link"
                        and row is not None
                        and row["alignment_id"] == shift.scope_id
                    ):
                        bump(key, "position", shift)
                continue
            in_rendering = set(
                self.session.scalars(
                    select(Segment.id).where(Segment.rendering_id == shift.scope_id)
                )
            )
            for key, row in list(self._after.items()):
                if row is None:
                    continue
                if key[0] == "segment" and row["rendering_id"] == shift.scope_id:
                    bump(key, "position", shift)
                elif key[0] == "link_segment" and row["segment_id"] in in_rendering:
                    bump(key, "segment_position", shift)

    def _bump_versions(self) -> None:
        """Count a change on every link whose own values or members changed, and every divergence record."""
        skip = {"position", "version"}
        for (table, i), after in self._after.items():
            before = self._before.get((table, i))
            if table != "link" or after is None or before is None:
                continue
            own_changed = {k: v for k, v in after.items() if k not in skip} != {
                k: v for k, v in before.items() if k not in skip
            }
            if own_changed or self._members_changed(i):
                after["version"] = int(before.get("version") or 1) + 1
        for div_id, after in self._div_after.items():
            before = self._div_before[div_id]
            if any(after.get(k) != before.get(k) for k in ("verdict", "note", "reviewer")):
                after["version"] = int(before.get("version") or 1) + 1

    def _members_changed(self, link_id: int) -> bool:
        def ids(images: dict[Key, Row | None]) -> set[tuple[int, str]]:
            return {
                (int(r["segment_id"]), str(r["side"]))
                for (t, _i), r in images.items()
                if t == "link_segment" and r is not None and r["link_id"] == link_id
            }

        return ids(self._before) != ids(self._after)

    def changed_link_ids(self) -> set[int]:
        return {i for (t, i) in self._after if t == "link"}

    def change(self) -> Change:
        self._shift_loaded_rows()
        self._bump_versions()
        return Change(
            before=dict(self._before),
            after={k: (dict(v) if v is not None else None) for k, v in self._after.items()},
            shifts=tuple(self._shifts),
            div_before={k: dict(v) for k, v in self._div_before.items()},
            div_after={k: dict(v) for k, v in self._div_after.items()},
            alignment_ids=frozenset(self.alignment_ids),
            rendering_ids=frozenset(self.rendering_ids),
        )
