"""Conflicts: a row changed since the user's screen (or undo history) read it.

``ConflictError`` names who changed it, when and to what, from the row itself
and the audit log; the operation that raised it changed nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from khaddam_align.errors import KhaddamError
from khaddam_align.storage.models import AuditEntry


@dataclass(frozen=True, slots=True)
class LastChange:
    """The latest audit entry that touched a row."""

    who: str
    when: datetime | None
    action: str
    summary: str


class ConflictError(KhaddamError):
    """Someone changed the row since it was read; nothing was changed by this operation."""

    def __init__(
        self,
        thing: str,
        *,
        entity: str,
        entity_id: int | None,
        last: LastChange | None,
        now: str = "",
        prefix: str = "",
        since: str = "since you read it",
        hint: str | None = "Reload to see the change, then decide again.",
    ) -> None:
        self.thing = thing
        self.entity = entity
        self.entity_id = entity_id
        self.who = last.who if last else ""
        self.when = last.when if last else None
        self.what = now or (last.summary if last else "")
        by = f" by {self.who}" if self.who else ""
        at = f" at {when_text(self.when)}" if self.when else ""
        to = f" ({self.what})" if self.what else ""
        super().__init__(f"{prefix}{thing} was changed{by}{at}{to} {since}; nothing was changed.", hint=hint)


def when_text(when: datetime | None) -> str:
    """A timestamp as people read it: '2026-12-03 07:41 UTC'."""
    if when is None:
        return "an unknown time"
    if when.tzinfo is None:  # SQLite hands back naive UTC
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _mentions(detail: dict[str, Any], entity: str, entity_id: int) -> bool:
    ids = detail.get(f"{entity}s") or detail.get(f"{entity}_ids") or []
    return isinstance(ids, list) and entity_id in ids


def last_change(session: Session, entity: str, entity_id: int) -> LastChange | None:
    """The latest audit entry about ``entity`` ``entity_id``: its own, or an alignment-wide edit listing it."""
    found: list[AuditEntry] = []
    own = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if own is not None:
        found.append(own)
    recent = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(200)).all()
    for entry in recent:
        if entry is own:
            continue
        detail = entry.detail if isinstance(entry.detail, dict) else {}
        if _mentions(detail, entity, entity_id):
            found.append(entry)
            break
    if not found:
        return None
    entry = max(found, key=lambda e: e.id)
    detail = entry.detail if isinstance(entry.detail, dict) else {}
    return LastChange(entry.user, entry.at, entry.action, str(detail.get("summary") or entry.action))


def conflict(session: Session, entity: str, entity_id: int, thing: str, **words: str) -> ConflictError:
    """A ``ConflictError`` about a row, naming its last change from the audit log."""
    return ConflictError(thing, entity=entity, entity_id=entity_id, last=last_change(session, entity, entity_id), **words)
