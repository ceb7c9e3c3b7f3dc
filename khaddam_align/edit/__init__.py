"""Alignment editing with undo/redo — now part of the operations layer (``khaddam_align.ops``).

This package keeps the names the app and scripts import (``edit.confirm_link``,
``edit.History``, ``edit.Changes``…); every one of them is the operation in
``khaddam_align.ops``, with its version checks, locks and audit entry.
"""

from khaddam_align.ops import (
    Changes,
    ConflictError,
    EditError,
    History,
    by_length,
    confirm_link,
    insert_empty_cell,
    length_align,
    merge_segment_with_next,
    merge_with_next,
    merge_with_previous,
    move_first_up,
    move_last_down,
    realign_below,
    realign_between,
    reject_link,
    set_link_note,
    set_status,
    set_verdict,
    split_link,
    split_segment,
    store_alignment,
    unconfirm_link,
)

__all__ = [
    "Changes",
    "ConflictError",
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
    "set_link_note",
    "set_status",
    "set_verdict",
    "split_link",
    "split_segment",
    "store_alignment",
    "unconfirm_link",
]
