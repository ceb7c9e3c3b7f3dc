"""Reading the audit log: the history of what reviewers recorded on a divergence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from khaddam_align.errors import NotFound
from khaddam_align.ops.actions import DIVERGENCE_RECORD, Action, normalize
from khaddam_align.storage.db import Workspace
from khaddam_align.storage.models import AuditEntry, Divergence
from khaddam_align.timestamps import iso_utc


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One change of a divergence's verdict or note."""

    at: datetime
    user: str
    action: str
    verdict: str  # after the change ("" when unknown)
    note: str
    before_verdict: str
    before_note: str
    recorded_by: str = ""  # an imported alignment's change: the reviewer named in the file (``user`` imported it)

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": iso_utc(self.at), "user": self.user, "action": self.action, "verdict": self.verdict,
            "note": self.note, "before_verdict": self.before_verdict, "before_note": self.before_note,
            "recorded_by": self.recorded_by,
        }


def _value(v: Any) -> str:
    return "" if v is None else str(getattr(v, "value", v))


def divergence_history(ws: Workspace, divergence_id: int) -> list[RecordChange]:
    """Every verdict and note change of a divergence, oldest first, from the audit log."""
    key = str(divergence_id)
    out: list[RecordChange] = []
    with ws.session() as s:
        found = s.get(Divergence, divergence_id)
        if found is None:
            raise NotFound(f"There is no divergence {divergence_id}.",
                           hint="List them with: khaddam-align divergences ALIGNMENT_ID")
        # SQLite reuses the ids of deleted rows: entries from before this divergence's alignment
        # (same id) was last deleted are about an earlier divergence with this id, not this one.
        cut = max((e.id for e in s.scalars(select(AuditEntry).where(
            AuditEntry.action.in_([Action.ALIGNMENT_DELETE.value, Action.RENDERING_DELETE.value])))
            if isinstance(e.detail, dict) and found.alignment_id in (e.detail.get("alignments") or [])), default=0)
        own = s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "divergence", AuditEntry.entity_id == divergence_id)
        ).all()
        wide = s.scalars(
            select(AuditEntry).where(AuditEntry.action.in_([a.value for a in DIVERGENCE_RECORD] + ["undo", "redo"]))
        ).all()
        entries = {e.id: e for e in [*own, *wide]}
        for entry in sorted((e for e in entries.values() if e.id > cut), key=lambda e: e.id):
            detail = entry.detail if isinstance(entry.detail, dict) else {}
            action = normalize(entry.action)
            changes = detail.get("divergence_changes") or {}
            if key in changes:
                before, after = changes[key].get("before", {}), changes[key].get("after", {})
                if before.get("verdict") == after.get("verdict") and before.get("note") == after.get("note"):
                    continue
                out.append(RecordChange(entry.at, entry.user, action, _value(after.get("verdict")),
                                        _value(after.get("note")), _value(before.get("verdict")),
                                        _value(before.get("note"))))
            elif entry.entity == "divergence" and entry.entity_id == divergence_id and action in {
                Action.DIVERGENCE_VERDICT, Action.DIVERGENCE_NOTE, Action.DIVERGENCE_MARK, Action.DIVERGENCE_UNMARK,
            }:
                before = detail.get("before") or {}
                out.append(RecordChange(entry.at, entry.user, action, _value(detail.get("verdict")),
                                        _value(detail.get("note")), _value(before.get("verdict")),
                                        _value(before.get("note"))))
            elif action == Action.ALIGNMENT_IMPORT and divergence_id in (detail.get("divergences") or []):
                taken = (detail.get("verdicts_taken") or {}).get(key, {})
                out.append(RecordChange(entry.at, entry.user, action, _value(taken.get("verdict")),
                                        _value(taken.get("note")), _value(taken.get("before_verdict")),
                                        _value(taken.get("before_note")), _value(taken.get("reviewer"))))
    return out
