"""The operations framework: one transaction, one audit entry, version checks, ``OpChanges``.

Every change to a workspace runs as ``run_op(ws, action, body)``. Inside, the
body gets an ``Op``: the session, lock helpers and version checks. Locking is
the first write of the transaction — on SQLite that takes the database's write
lock (no stale read can precede it), on PostgreSQL the row lock — and always in
the same order (renderings, then alignments, then single rows), so two
operations never deadlock.

A row a person changes carries ``version``: an operation that names the
version it acted on (``expected``) raises ``ConflictError`` when the row has a
different one, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from khaddam_align.errors import NotFound
from khaddam_align.ops.actions import Action
from khaddam_align.ops.conflict import ConflictError, last_change
from khaddam_align.storage.db import Workspace
from khaddam_align.storage.models import Alignment, Divergence, Link, Rendering, utcnow

T = TypeVar("T")

VERSIONED: dict[str, Any] = {"rendering": Rendering, "alignment": Alignment, "link": Link, "divergence": Divergence}


@dataclass(frozen=True)
class OpChanges:
    """What one operation changed, so views refresh only that.

    ``rows_changed`` is True when rows were added or removed (a view must
    reload the alignment's row list); otherwise only the listed rows changed
    in place. ``versions`` gives the new version of every versioned row the
    operation changed, keyed ``(entity, id)``.
    """

    label: str
    action: str = ""
    alignment_ids: frozenset[int] = frozenset()
    rendering_ids: frozenset[int] = frozenset()
    link_ids: frozenset[int] = frozenset()
    divergence_ids: frozenset[int] = frozenset()
    rows_changed: bool = False
    added_link_ids: frozenset[int] = frozenset()  # rows that did not exist before
    focus_link_id: int | None = None  # the row the cursor should go to
    created_id: int | None = None  # the new alignment's or rendering's id, when one was created
    versions: tuple[tuple[tuple[str, int], int], ...] = ()

    def version(self, entity: str, entity_id: int) -> int | None:
        return dict(self.versions).get((entity, entity_id))


@dataclass
class Op:
    """The running operation: its session and what it has changed so far."""

    ws: Workspace
    session: Session
    action: Action
    label: str
    alignment_ids: set[int] = field(default_factory=set)
    rendering_ids: set[int] = field(default_factory=set)
    link_ids: set[int] = field(default_factory=set)
    divergence_ids: set[int] = field(default_factory=set)
    rows_changed: bool = False
    added_link_ids: set[int] = field(default_factory=set)
    focus_link_id: int | None = None
    created_id: int | None = None
    versions: dict[tuple[str, int], int] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)
    summary: str = ""
    unchanged: bool = False  # set by a body that found nothing to do: no audit entry is written
    _locked: set[tuple[str, int]] = field(default_factory=set)

    @property
    def user(self) -> str:
        return self.ws.user

    # -- locks -------------------------------------------------------------
    def lock(self, entity: str, entity_id: int, *, bump: bool = True) -> int:
        """Lock a versioned row for this transaction; with ``bump`` count a change. Returns the version before.

        Raises ``NotFound`` when the row does not exist.
        """
        model = VERSIONED[entity]
        values: dict[str, Any] = {"version": model.version + (1 if bump else 0)}
        if bump and entity in {"alignment", "divergence"}:
            values["updated"] = utcnow()
        new = self.session.execute(
            update(model).where(model.id == entity_id).values(**values).returning(model.version)
        ).scalar()
        if new is None:
            raise NotFound(f"There is no {entity} {entity_id} in this workspace (any more).", hint=_list_hint(entity))
        self._locked.add((entity, entity_id))
        if bump:
            self.versions[(entity, entity_id)] = int(new)
            getattr(self, f"{entity}_ids").add(entity_id)
        return int(new) - (1 if bump else 0)

    def lock_alignment(self, alignment_id: int, *, expected: int | None = None) -> int:
        """Lock an alignment and count a change to its rows (every edit of its links does)."""
        before = self.lock("alignment", alignment_id)
        if expected is not None and before != expected:
            raise self.conflict("alignment", alignment_id, f"Alignment {alignment_id}")
        return before

    # -- versions ----------------------------------------------------------
    def check(self, entity: str, entity_id: int, expected: int | None, thing: str, *, now: str = "") -> int:
        """The row's current version; ``ConflictError`` if it is not ``expected`` (None: any)."""
        model = VERSIONED[entity]
        current = self.session.scalar(select(model.version).where(model.id == entity_id))
        if current is None:
            raise NotFound(f"{thing} no longer exists.", hint=_list_hint(entity))
        if expected is not None and int(current) != expected:
            raise self.conflict(entity, entity_id, thing, now=now)
        return int(current)

    def write(self, entity: str, entity_id: int, expected: int, thing: str, **values: Any) -> int:
        """``UPDATE … SET values, version = version + 1 WHERE id AND version = expected``; the new version.

        Zero rows updated means someone changed the row: ``ConflictError``, and
        the whole operation is rolled back.
        """
        model = VERSIONED[entity]
        stamp = {"updated": utcnow()} if entity in {"alignment", "divergence"} else {}
        new = self.session.execute(
            update(model)
            .where(model.id == entity_id, model.version == expected)
            .values(**values, **stamp, version=model.version + 1)
            .returning(model.version)
        ).scalar()
        if new is None:
            raise self.conflict(entity, entity_id, thing)
        self.versions[(entity, entity_id)] = int(new)
        getattr(self, f"{entity}_ids").add(entity_id)
        return int(new)

    def conflict(self, entity: str, entity_id: int, thing: str, *, hint: str | None = None, **words: str) -> ConflictError:
        """A ``ConflictError`` about the row, naming its last change (``words``: now, prefix, since)."""
        kwargs: dict[str, Any] = dict(words) if hint is None else {"hint": hint, **words}
        return ConflictError(
            thing, entity=entity, entity_id=entity_id, last=last_change(self.session, entity, entity_id), **kwargs
        )

    def changes(self) -> OpChanges:
        return OpChanges(
            label=self.label,
            action=self.action.value,
            alignment_ids=frozenset(self.alignment_ids),
            rendering_ids=frozenset(self.rendering_ids),
            link_ids=frozenset(self.link_ids),
            divergence_ids=frozenset(self.divergence_ids),
            rows_changed=self.rows_changed,
            added_link_ids=frozenset(self.added_link_ids),
            focus_link_id=self.focus_link_id,
            created_id=self.created_id,
            versions=tuple(sorted(self.versions.items())),
        )


def _list_hint(entity: str) -> str:
    return {
        "rendering": "List them with: khaddam-align sources",
        "alignment": "List them with: khaddam-align alignments",
        "link": "Reload the alignment.",
        "divergence": "List them with: khaddam-align divergences ALIGNMENT_ID",
    }.get(entity, "Reload and try again.")


def run_op(
    ws: Workspace,
    action: Action,
    body: Callable[[Op], T],
    *,
    label: str,
    entity: str,
    entity_id: int | None = None,
) -> tuple[T, OpChanges]:
    """Run ``body`` in one transaction and write one audit entry; return its result and ``OpChanges``.

    The audit entry is ``action`` on ``entity``/``entity_id`` (the body may set
    ``op.created_id`` for an entity it creates) with the body's ``op.detail``,
    a one-line ``op.summary`` and the ids of every row it changed.
    """
    with ws.transaction() as s:
        op = Op(ws, s, action, label)
        result = body(op)
        detail: dict[str, Any] = dict(op.detail)
        detail["summary"] = op.summary or label
        for name in ("alignment", "rendering", "link", "divergence"):
            ids = sorted(getattr(op, f"{name}_ids"))
            if ids:
                detail.setdefault(f"{name}s", ids)
        if not op.unchanged:
            ws.audit(s, action.value, entity, entity_id if entity_id is not None else op.created_id, **detail)
    return result, op.changes()


def lock_in_order(op: Op, renderings: Iterable[int] = (), alignments: Iterable[int] = ()) -> Mapping[tuple[str, int], int]:
    """Lock renderings then alignments, each in id order (the one lock order); versions before."""
    before: dict[tuple[str, int], int] = {}
    for rid in sorted(set(renderings)):
        before[("rendering", rid)] = op.lock("rendering", rid)
    for aid in sorted(set(alignments)):
        before[("alignment", aid)] = op.lock("alignment", aid)
    return before
