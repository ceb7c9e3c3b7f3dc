"""Undo / redo kept in the core: a bounded stack of applied ``Change`` values.

Every edit runs through ``run_edit``: plan it on a ``Draft``, apply it in one
``ws.transaction()``, write an audit entry, and push it on the ``History`` (a
new action clears redo). ``History.undo()`` / ``redo()`` apply the recorded
before / after images in their own transaction, audited too. The app only shows
the labels ("Undo Merge rows").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from khaddam_align.edit.change import Change, Draft, apply
from khaddam_align.errors import KhaddamError
from khaddam_align.storage.db import Workspace


class EditError(KhaddamError):
    """An edit that cannot be done here (e.g. merging the last row with the next)."""


@dataclass(frozen=True)
class Changes:
    """What an edit (or its undo) changed, for views to refresh."""

    label: str
    alignment_ids: frozenset[int]
    rendering_ids: frozenset[int]
    focus_link_id: int | None = None  # the row the cursor should go to
    rows_changed: bool = True  # False when only statuses/notes changed (no rows added or removed)


@dataclass(frozen=True)
class _Entry:
    label: str
    change: Change
    focus_before: int | None
    focus_after: int | None
    rows_changed: bool


class History:
    """Bounded undo / redo stacks for one workspace."""

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

    def undo(self) -> Changes:
        if not self._undo:
            raise EditError("Nothing to undo.")
        entry = self._undo[-1]
        self._write(entry, undo=True)
        self._redo.append(self._undo.pop())
        return _changes(entry, entry.focus_before)

    def redo(self) -> Changes:
        if not self._redo:
            raise EditError("Nothing to redo.")
        entry = self._redo[-1]
        self._write(entry, undo=False)
        self._undo.append(self._redo.pop())
        return _changes(entry, entry.focus_after)

    def _write(self, entry: _Entry, *, undo: bool) -> None:
        with self.ws.transaction() as s:
            apply(s, entry.change, undo=undo)
            for aid in sorted(entry.change.alignment_ids):
                self.ws.audit(s, "undo" if undo else "redo", "alignment", aid, label=entry.label)


def _changes(entry: _Entry, focus: int | None) -> Changes:
    c = entry.change
    return Changes(entry.label, c.alignment_ids, c.rendering_ids, focus, entry.rows_changed)


Planner = Callable[[Draft], int | None]


def run_edit(
    ws: Workspace,
    label: str,
    planner: Planner,
    *,
    history: History | None,
    action: str,
    entity: str,
    entity_id: int | None,
    focus_before: int | None = None,
    rows_changed: bool = True,
    **detail: Any,
) -> Changes:
    """Plan an edit, apply it in one transaction with an audit entry, record it for undo.

    ``planner`` changes the draft and returns the link id to focus afterwards.
    """
    with ws.transaction() as s:
        draft = Draft(s)
        focus_after = planner(draft)
        change = draft.change()
        apply(s, change)
        targets: list[int | None] = [*sorted(change.alignment_ids)] or [None]
        for aid in targets:
            ws.audit(s, action, entity, entity_id, label=label, alignment_id=aid, **detail)
    entry = _Entry(
        label,
        change,
        focus_before if focus_before is not None else entity_id if entity == "link" else focus_after,
        focus_after,
        rows_changed,
    )
    if history is not None and not change.is_empty():
        history.push(entry)
    return _changes(entry, focus_after)
