"""A reviewer's verdict and note on a divergence: the one write path (CLI, app, scripts).

Rules (``docs/concurrency.md``):

- ``expected``: the version the reviewer's screen showed; a different version
  now raises ``ConflictError`` naming who changed it, when and to what.
- A verdict or note recorded by **another** reviewer is replaced only with
  ``replace=True`` (``--replace``); otherwise ``ReplaceRefused`` says who set
  what and when. Your own verdicts you may change freely.
- The reviewer is the workspace user (``KHADDAM_ALIGN_USER``, else the OS user).
"""

from __future__ import annotations

from sqlalchemy import select

from khaddam_align.errors import KhaddamError, NotFound
from khaddam_align.ops.actions import Action
from khaddam_align.ops.change import Draft
from khaddam_align.ops.conflict import ConflictError, LastChange, conflict, last_change, when_text
from khaddam_align.ops.core import OpChanges
from khaddam_align.ops.history import History, run_edit
from khaddam_align.storage.db import Workspace
from khaddam_align.storage.models import Divergence, Verdict

_LABELS = {
    Verdict.OPEN: "Reopen divergence",
    Verdict.CONFIRMED: "Confirm divergence",
    Verdict.DISMISSED: "Dismiss divergence",
    Verdict.CHECK_SOURCE: "Mark divergence: check source",
}


class ReplaceRefused(ConflictError):
    """Another reviewer's verdict or note would be replaced without ``replace=True``."""

    def __init__(self, divergence_id: int, reviewer: str, state: str, last: LastChange | None) -> None:
        super().__init__(f"Divergence {divergence_id}", entity="divergence", entity_id=divergence_id, last=last, now=state)
        when = f" at {when_text(last.when)}" if last and last.when else ""
        self.who = reviewer
        self.message = f"Divergence {divergence_id}: {reviewer} set {state}{when}; not replaced."
        self.hint = "Add --replace to replace another reviewer's verdict or note."
        self.args = (self.message,)


def parse_verdict(verdict: str | Verdict) -> Verdict:
    try:
        return Verdict(verdict)
    except ValueError:
        choices = ", ".join(v.value for v in Verdict)
        raise KhaddamError(f"Unknown verdict {verdict!r}.", hint=f"Use one of: {choices}.") from None


def set_verdict(
    ws: Workspace,
    divergence_id: int,
    verdict: str | Verdict | None,
    *,
    note: str | None = None,
    expected: int | None = None,
    replace: bool = False,
    history: History | None = None,
) -> OpChanges:
    """Record the workspace user's verdict (None: keep it) and note (None: keep it) on a divergence."""
    value = parse_verdict(verdict) if verdict is not None else None
    with ws.session() as s:
        current = s.scalar(select(Divergence.verdict).where(Divergence.id == divergence_id))
    if current is None:
        raise NotFound(
            f"There is no divergence {divergence_id}.", hint="List them with: khaddam-align divergences ALIGNMENT_ID"
        )
    only_note = value is None or value == current
    label = "Edit divergence note" if only_note and note is not None else _LABELS[value or current]
    action = Action.DIVERGENCE_NOTE if only_note and note is not None else Action.DIVERGENCE_VERDICT

    def plan(d: Draft) -> int | None:
        div = d.divergence(divergence_id)
        if expected is not None and div["version"] != expected:
            raise conflict(d.session, "divergence", divergence_id, f"Divergence {divergence_id}", now=_state(div))
        new_verdict = value or Verdict(div["verdict"])
        changing = new_verdict != div["verdict"] or (note is not None and note != div["note"])
        theirs = div["reviewer"] not in ("", ws.user)
        recorded = div["verdict"] != Verdict.OPEN or bool(div["note"])
        if changing and theirs and recorded and not replace:
            last = last_change(d.session, "divergence", divergence_id)
            raise ReplaceRefused(divergence_id, str(div["reviewer"]), _state(div), last)
        div["verdict"] = new_verdict
        div["reviewer"] = ws.user
        if note is not None:
            div["note"] = note
        link_id = div["link_id"]
        return int(link_id) if link_id is not None else None

    shown = value.value if value is not None else (current.value if hasattr(current, "value") else str(current))
    summary = f"verdict {shown}" + (f", note {note!r}" if note is not None else "")
    return run_edit(
        ws, label, plan, history=history, action=action, entity="divergence", entity_id=divergence_id,
        rows=[("divergence", divergence_id)], rows_changed=False, summary=summary,
        verdict=shown, note=note, replace=replace,
    )


def set_note(
    ws: Workspace,
    divergence_id: int,
    note: str,
    *,
    expected: int | None = None,
    replace: bool = False,
    history: History | None = None,
) -> OpChanges:
    """Set the note on a divergence, keeping its verdict."""
    return set_verdict(ws, divergence_id, None, note=note, expected=expected, replace=replace, history=history)


def _state(div: dict[str, object]) -> str:
    verdict = div["verdict"]
    text = f"verdict {getattr(verdict, 'value', verdict)}"
    if div.get("note"):
        text += f", note {div['note']!r}"
    return text
