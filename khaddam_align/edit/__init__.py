"""Alignment editing with undo/redo kept in the core.

Each operation runs in one transaction, writes an audit entry, and (given a
``History``) can be undone and redone. Operations return ``Changes``: which
alignments and renderings changed and which row to focus.
"""

from khaddam_align.edit.history import Changes, EditError, History
from khaddam_align.edit.ops import (
    confirm_link,
    insert_empty_cell,
    merge_segment_with_next,
    merge_with_next,
    merge_with_previous,
    move_first_up,
    move_last_down,
    reject_link,
    set_status,
    set_verdict,
    split_link,
    split_segment,
)
from khaddam_align.edit.realign import by_length, length_align, realign_below, realign_between

__all__ = [
    "Changes",
    "EditError",
    "History",
    "by_length",
    "confirm_link",
    "insert_empty_cell",
    "length_align",
    "merge_segment_with_next",
    "merge_with_next",
    "merge_with_previous",
    "move_first_up",
    "move_last_down",
    "realign_below",
    "realign_between",
    "reject_link",
    "set_status",
    "set_verdict",
    "split_link",
    "split_segment",
]
