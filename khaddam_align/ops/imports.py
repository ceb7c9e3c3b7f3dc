"""Storing imported files as one operation, with the database keeping each file's bytes unique.

``ingest.service`` reads, cleans and segments the files (no writes) and hands
this module the storing step. The ``imported_file`` table's key is the file's
SHA-256: when two processes import the same file at the same moment, the
second insert fails in the database, the transaction is rolled back, and the
step runs again — now finding the first process's rendering and reporting
"already imported as #N".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from khaddam_align.errors import WorkspaceError
from khaddam_align.ops.actions import Action
from khaddam_align.ops.core import Op, run_op
from khaddam_align.storage.db import Workspace

T = TypeVar("T")


def _duplicate(exc: BaseException) -> bool:
    """Whether ``exc`` is (or wraps) a unique-key violation."""
    while exc is not None:
        if isinstance(exc, IntegrityError):
            return True
        exc = exc.__cause__  # type: ignore[assignment]
    return False


def store_imports(
    ws: Workspace,
    store: Callable[[Session], T],
    *,
    new_ids: Callable[[T], Sequence[int]],
    files: Sequence[str],
    attempts: int = 3,
) -> T:
    """Run ``store`` (which adds renderings and their ``ImportedFile`` rows) as the import operation.

    ``new_ids`` tells which renderings a result created.
    """

    def body(op: Op) -> T:
        result = store(op.session)
        op.session.flush()
        new = list(new_ids(result))
        op.rendering_ids.update(new)
        op.created_id = min(new) if new else None
        op.rows_changed = bool(new)
        op.unchanged = not new  # everything was already imported: nothing to log
        op.detail.update(files=list(files))
        op.summary = f"imported {', '.join(files)}" + (f" as #{', #'.join(map(str, sorted(new)))}" if new else " (nothing new)")
        return result

    for attempt in range(attempts):
        try:
            result, _changes = run_op(ws, Action.RENDERING_IMPORT, body, label="Import", entity="rendering")
            return result
        except (IntegrityError, WorkspaceError) as exc:
            if not _duplicate(exc) or attempt == attempts - 1:
                raise
            # Another process stored one of these files first: run again, it is now "already imported".
    raise AssertionError("unreachable")  # pragma: no cover
