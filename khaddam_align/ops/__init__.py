"""The operations layer: the only code that changes a workspace.

The CLI, the desktop app, ``import-alignment`` and ``compare`` all call these.
Each operation runs in one transaction, writes one audit entry (action names:
``ops.actions.Action``), checks the versions the caller read (``expected``)
and returns ``OpChanges`` (what changed, for views to refresh). A row changed
since it was read raises ``ConflictError`` (who, when, what) and nothing is
written. Undo / redo (``History``) follow the same rules. See
``docs/concurrency.md``.

Writing a new operation (e.g. ``ops.markup``): ``run_op(ws, Action.X, body,
label=..., entity=..., entity_id=...)`` where ``body(op)`` locks what it
changes first (``op.lock(...)`` / ``lock_in_order``), checks versions
(``op.check`` / ``op.write``), fills ``op.summary`` / ``op.detail`` and records
ids on ``op`` (``op.divergence_ids.add(...)``). Undoable row edits use
``run_edit`` with a planner on a ``Draft`` instead.
"""

from khaddam_align.ops.actions import Action
from khaddam_align.ops.alignments import (
    NewAlignment,
    create_alignments,
    delete_alignment,
    store_alignment,
)
from khaddam_align.ops.conflict import ConflictError, LastChange, last_change
from khaddam_align.ops.core import Op, OpChanges, lock_in_order, run_op
from khaddam_align.ops.history import Changes, EditError, History, run_edit
from khaddam_align.ops.links import (
    confirm_link,
    insert_empty_cell,
    merge_segment_with_next,
    merge_with_next,
    merge_with_previous,
    move_first_up,
    move_last_down,
    reject_link,
    set_link_note,
    set_status,
    split_link,
    split_segment,
    unconfirm_link,
)
from khaddam_align.ops.log import RecordChange, divergence_history
from khaddam_align.ops.realign import (
    by_length,
    length_align,
    realign,
    realign_below,
    realign_between,
)
from khaddam_align.ops.renderings import delete_rendering, update_metadata
from khaddam_align.ops.verdicts import ReplaceRefused, set_note, set_verdict

__all__ = [
    "Action",
    "Changes",
    "ConflictError",
    "EditError",
    "History",
    "LastChange",
    "NewAlignment",
    "Op",
    "OpChanges",
    "RecordChange",
    "ReplaceRefused",
    "by_length",
    "confirm_link",
    "create_alignments",
    "delete_alignment",
    "delete_rendering",
    "divergence_history",
    "insert_empty_cell",
    "last_change",
    "length_align",
    "lock_in_order",
    "merge_segment_with_next",
    "merge_with_next",
    "merge_with_previous",
    "move_first_up",
    "move_last_down",
    "realign",
    "realign_below",
    "realign_between",
    "reject_link",
    "run_edit",
    "run_op",
    "set_link_note",
    "set_note",
    "set_status",
    "set_verdict",
    "split_link",
    "split_segment",
    "store_alignment",
    "unconfirm_link",
    "update_metadata",
]
