"""The one vocabulary of audit actions: every change to a workspace is logged under one of these.

An action name is ``<thing>.<verb>``; the thing is the audit entry's ``entity``
(or the alignment, for edits that reshape rows). ``docs/concurrency.md`` lists
them with what each one records in ``detail``. Older workspaces used other
names; ``LEGACY`` maps them so the history reads the same.
"""

from __future__ import annotations

import enum


class Action(enum.StrEnum):
    # renderings
    RENDERING_IMPORT = "rendering.import"
    RENDERING_METADATA = "rendering.metadata"
    RENDERING_DELETE = "rendering.delete"
    RANGE_EXCLUDE = "range.exclude"
    RANGE_INCLUDE = "range.include"
    # alignments
    ALIGNMENT_CREATE = "alignment.create"
    ALIGNMENT_IMPORT = "alignment.import"
    ALIGNMENT_REALIGN = "alignment.realign"
    ALIGNMENT_DELETE = "alignment.delete"
    # links (rows)
    LINK_CONFIRM = "link.confirm"
    LINK_UNCONFIRM = "link.unconfirm"
    LINK_REJECT = "link.reject"
    LINK_NOTE = "link.note"
    LINK_MERGE = "link.merge"
    LINK_SPLIT = "link.split"
    LINK_MOVE_UP = "link.move_up"
    LINK_MOVE_DOWN = "link.move_down"
    LINK_INSERT_EMPTY = "link.insert_empty"
    # segments
    SEGMENT_SPLIT = "segment.split"
    SEGMENT_MERGE = "segment.merge"
    # divergences
    DIVERGENCE_DETECT = "divergence.detect"
    DIVERGENCE_VERDICT = "divergence.verdict"
    DIVERGENCE_NOTE = "divergence.note"
    DIVERGENCE_MARK = "divergence.mark"  # a reviewer marked a finding the detectors missed
    DIVERGENCE_UNMARK = "divergence.unmark"
    # undo / redo of any of the edits above
    EDIT_UNDO = "edit.undo"
    EDIT_REDO = "edit.redo"


# Names written by earlier versions → today's action.
LEGACY: dict[str, Action] = {
    "import": Action.RENDERING_IMPORT,
    "exclude": Action.RANGE_EXCLUDE,
    "include": Action.RANGE_INCLUDE,
    "align": Action.ALIGNMENT_CREATE,
    "align-work": Action.ALIGNMENT_CREATE,
    "import-alignment": Action.ALIGNMENT_IMPORT,
    "realign": Action.ALIGNMENT_REALIGN,
    "link.realign": Action.ALIGNMENT_REALIGN,
    "link.confirmed": Action.LINK_CONFIRM,
    "link.auto": Action.LINK_UNCONFIRM,
    "link.rejected": Action.LINK_REJECT,
    "link.shift": Action.LINK_MOVE_UP,
    "link.pop": Action.LINK_MOVE_DOWN,
    "detect-divergences": Action.DIVERGENCE_DETECT,
    "set-verdict": Action.DIVERGENCE_VERDICT,
    "undo": Action.EDIT_UNDO,
    "redo": Action.EDIT_REDO,
}

# Actions that change what a reviewer recorded on a divergence (the ``history`` command lists them).
DIVERGENCE_RECORD = frozenset(
    {
        Action.DIVERGENCE_VERDICT,
        Action.DIVERGENCE_NOTE,
        Action.DIVERGENCE_MARK,
        Action.DIVERGENCE_UNMARK,
        Action.ALIGNMENT_IMPORT,
        Action.EDIT_UNDO,
        Action.EDIT_REDO,
    }
)


def normalize(name: str) -> str:
    """Today's name for an action read from the log (old names mapped, unknown ones kept)."""
    if name in LEGACY:
        return LEGACY[name].value
    return name
