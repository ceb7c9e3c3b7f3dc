"""Undoable edits: plan on a ``Draft``, apply as one operation, keep the change for undo / redo.

``run_edit`` locks what the edit reshapes (renderings, then alignments), plans
it on a ``Draft``, applies it, writes one audit entry and pushes it on the
``History``. ``History.undo()`` / ``redo()`` are operations too (``edit.undo``
/ ``edit.redo``): they first check that every row the edit touched is still as
it left it, and — for edits that moved rows — that nobody else changed the
alignment since; otherwise they raise ``ConflictError`` naming the other
change and write nothing. Undo never replays over a colleague's edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from khaddam_align.errors import KhaddamError
from khaddam_align.ops.actions import Action
from khaddam_align.ops.change import (
    Change,
    Draft,
    apply,
    bump_versions,
    found_versions,
    verify,
    written_versions,
)
from khaddam_align.ops.core import Op, OpChanges, lock_in_order, run_op
from khaddam_align.storage.db import Workspace
from khaddam_align.storage.models import Alignment

Changes = OpChanges  # the name the app used before the operations layer
Scope = tuple[str, int]  # ("alignment" | "rendering", id)


class EditError(KhaddamError):
    """An edit that cannot be done here (e.g. merging the last row with the next)."""


@dataclass
class _Entry:
    label: str
    action: Action
    change: Change
    focus_before: int | None
    focus_after: int | None
    rows_changed: bool
    prior: dict[Scope, int] = field(default_factory=dict)  # versions before the last write of this entry
    expect: dict[Scope, int] = field(default_factory=dict)  # versions right after it
    written: dict[tuple[str, int], int] = field(default_factory=dict)  # link/divergence versions it left
    found: dict[tuple[str, int], int] = field(default_factory=dict)  # … and found, when last done (not undone)
    undo_found: dict[tuple[str, int], int] = field(default_factory=dict)  # … and found when last undone


class History:
    """Bounded undo / redo stacks for one window (or one script)."""

    def __init__(self, ws: Workspace, *, limit: int = 200) -> None:
        self.ws = ws
        self.limit = limit
        self._undo: list[_Entry] = []
        self._redo: list[_Entry] = []

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def clear(self) -> None:
        """Forget history (after changes made outside it, e.g. a fresh alignment)."""
        self._undo.clear()
        self._redo.clear()

    def push(self, entry: _Entry) -> None:
        self._undo.append(entry)
        del self._undo[: -self.limit]
        self._redo.clear()

    def undo(self) -> OpChanges:
        """Undo the last edit; ``ConflictError`` (nothing written) if its rows changed since."""
        if not self._undo:
            raise EditError("Nothing to undo.")
        entry = self._undo[-1]
        found = dict(entry.written)
        before, after, changes = self._write(entry, undo=True)
        entry.undo_found = found
        self._undo.pop()
        _rebase([e.expect for e in reversed(self._undo)], entry.prior, after)
        _rebase([e.written for e in reversed(self._undo)], entry.found, entry.written)
        entry.prior, entry.expect = before, after
        self._redo.append(entry)
        return changes

    def redo(self) -> OpChanges:
        """Redo the last undone edit; ``ConflictError`` (nothing written) if its rows changed since."""
        if not self._redo:
            raise EditError("Nothing to redo.")
        entry = self._redo[-1]
        found, prior_undo = dict(entry.written), dict(entry.prior)
        before, after, changes = self._write(entry, undo=False)
        self._redo.pop()
        # The next redo expects the state its undo left: rebase it where nothing came between.
        _rebase([e.expect for e in reversed(self._redo)], prior_undo, after)
        _rebase([e.written for e in reversed(self._redo)], entry.undo_found, entry.written)
        entry.prior, entry.expect = before, after
        entry.found = found
        self._undo.append(entry)
        return changes

    def _write(self, entry: _Entry, *, undo: bool) -> tuple[dict[Scope, int], dict[Scope, int], OpChanges]:
        c = entry.change
        verb = "undo" if undo else "redo"

        def body(op: Op) -> tuple[dict[Scope, int], dict[tuple[str, int], int]]:
            gone = sorted(a for a in c.alignment_ids if op.session.get(Alignment, a) is None)
            if gone:  # someone deleted the whole alignment
                raise op.conflict(
                    "alignment", gone[0], f"Alignment {gone[0]}", now="deleted",
                    prefix=f"Cannot {verb} “{entry.label}”: ", since="after that edit", hint="Reload.",
                )
            rows_moved = bool(c.before or c.after)  # a verdict-only change does not lock its alignment
            before = dict(lock_in_order(op, c.rendering_ids if rows_moved else (), c.alignment_ids if rows_moved else ()))
            for div_id in sorted(c.div_after):
                op.lock("divergence", div_id, bump=False)
            if c.shifts:
                for (kind, scope_id), version in before.items():
                    if entry.expect.get((kind, scope_id)) != version:
                        raise op.conflict(
                            kind, scope_id, f"{kind.capitalize()} {scope_id}",
                            prefix=f"Cannot {verb} “{entry.label}”: ", since="after that edit",
                            hint="Reload; the other change stays as it is.",
                        )
            mismatch = verify(op.session, c, undo=undo, versions=entry.written)
            if mismatch is not None:
                entity = "link" if mismatch.table in {"link", "link_segment"} else mismatch.table
                raise op.conflict(
                    entity, mismatch.row_id, _thing(mismatch.table, mismatch.row_id, mismatch.alignment_id),
                    prefix=f"Cannot {verb} “{entry.label}”: ", since="after that edit",
                    hint="Reload; the other change stays as it is.",
                )
            apply(op.session, c, undo=undo)
            _collect(op, c, rows_changed=entry.rows_changed, undo=undo)
            written = bump_versions(op.session, c, undo=undo, current=entry.written)
            op.versions.update(written)
            op.focus_link_id = entry.focus_before if undo else entry.focus_after
            op.detail.update(label=entry.label, undone=entry.action.value)
            op.summary = f"{verb} {entry.label}"
            return before, written

        scope = _scope(c)
        (before, written), changes = run_op(
            self.ws, Action.EDIT_UNDO if undo else Action.EDIT_REDO, body,
            label=entry.label, entity=scope[0], entity_id=scope[1],
        )
        entry.written = written
        after = {key: v for key, v in changes.versions if key[0] in {"alignment", "rendering"}}
        return before, after, changes


def _rebase(below: list[dict[Any, int]], prior: dict[Any, int], now: dict[Any, int]) -> None:
    """After an undo: the nearest entry below that touched a row expects ``now`` — if nothing came between."""
    for key, version in now.items():
        for versions in below:
            if key in versions:
                if versions[key] == prior.get(key):
                    versions[key] = version
                break


def _thing(table: str, row_id: int, alignment_id: int | None) -> str:
    where = f" of alignment {alignment_id}" if alignment_id is not None else ""
    if table == "link_segment":
        return f"A row{where} (its segments)"
    return f"{table.capitalize()} {row_id}{where}"


def _scope(c: Change) -> tuple[str, int | None]:
    """The audit entity of an edit: its divergence when that is all it changed, else its alignment."""
    if c.div_after and not c.after:
        return "divergence", next(iter(sorted(c.div_after)))
    if c.alignment_ids:
        return "alignment", min(c.alignment_ids)
    if c.rendering_ids:
        return "rendering", min(c.rendering_ids)
    return "alignment", None


def _collect(op: Op, c: Change, *, rows_changed: bool, undo: bool = False) -> None:
    """Record what ``c`` changed on ``op`` (ids and new versions) for ``OpChanges`` and the audit entry."""
    for (table, i), row in c.after.items():
        if table == "link" and row != c.before.get((table, i)):
            op.link_ids.add(i)
    for (table, i), row in c.after.items():
        if table == "link" and row is not None and c.before.get((table, i)) is None:
            op.added_link_ids.add(i)
        if table == "link" and row is not None and "version" in row:
            op.versions[("link", i)] = int(row["version"])
    for div_id, fields in c.div_after.items():
        if fields != c.div_before.get(div_id):
            op.divergence_ids.add(div_id)
            if "version" in fields:
                op.versions[("divergence", div_id)] = int(fields["version"])
    op.alignment_ids |= set(c.alignment_ids)
    op.rendering_ids |= set(c.rendering_ids)
    op.rows_changed = rows_changed
    if c.div_before:
        was, now = (c.div_after, c.div_before) if undo else (c.div_before, c.div_after)
        op.detail["divergence_changes"] = {
            str(k): {"before": _plain(was.get(k, {})), "after": _plain(now.get(k, {}))}
            for k in sorted(c.div_before)
            if c.div_before[k] != c.div_after.get(k)
        }


def _plain(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.value if hasattr(v, "value") else v) for k, v in fields.items() if k != "version"}


Planner = Callable[[Draft], int | None]


class _NothingToDo(Exception):
    """The edit would change nothing (e.g. confirming a confirmed row)."""

    def __init__(self, focus: int | None) -> None:
        super().__init__()
        self.focus = focus


def run_edit(
    ws: Workspace,
    label: str,
    planner: Planner,
    *,
    history: History | None,
    action: Action,
    entity: str,
    entity_id: int | None,
    alignments: Iterable[int] = (),
    renderings: Iterable[int] = (),
    rows: Iterable[Scope] = (),
    focus_before: int | None = None,
    rows_changed: bool = True,
    summary: str = "",
    **detail: Any,
) -> OpChanges:
    """Plan an edit, apply it as one operation (locks, audit entry), record it for undo.

    ``alignments`` / ``renderings`` are locked (and their version counted)
    before planning; ``rows`` (e.g. ``("divergence", 7)``) are locked without
    counting. ``planner`` changes the draft and returns the link id to focus.
    """
    locked_a, locked_r = set(alignments), set(renderings)

    def body(op: Op) -> tuple[Change, dict[Scope, int], int | None]:
        before = dict(lock_in_order(op, locked_r, locked_a))
        for kind, row_id in sorted(set(rows)):
            op.lock(kind, row_id, bump=False)
        draft = Draft(op.session)
        focus_after = planner(draft)
        change = draft.change()
        if change.is_empty():
            raise _NothingToDo(focus_after)
        unlocked = (set(change.alignment_ids) - locked_a) if change.shifts else set()
        if unlocked:  # an alignment appeared since the edit looked (e.g. a colleague aligned this rendering)
            aid = min(unlocked)
            raise op.conflict("alignment", aid, f"Alignment {aid}", since="while this edit was prepared",
                              hint="Try again.")
        apply(op.session, change)
        _collect(op, change, rows_changed=rows_changed)
        op.focus_link_id = focus_after
        op.detail.update(label=label, **detail)
        op.summary = summary or label
        return change, before, focus_after

    try:
        (change, before, focus_after), changes = run_op(ws, action, body, label=label, entity=entity, entity_id=entity_id)
    except _NothingToDo as same:  # rolled back: no version counted, no audit entry, nothing to undo
        return OpChanges(label, action.value, focus_link_id=same.focus)
    expect = {key: v for key, v in changes.versions if key[0] in {"alignment", "rendering"}}
    entry = _Entry(
        label,
        action,
        change,
        focus_before if focus_before is not None else entity_id if entity == "link" else focus_after,
        focus_after,
        rows_changed,
        prior=before,
        expect=expect,
        written=written_versions(change),
        found=found_versions(change),
    )
    if history is not None and not change.is_empty():
        history.push(entry)
    return changes
