"""The app's one door to the core: every call the window makes to import, align,
detect, judge and export goes through here, so swapping a core function is one edit.

All functions are Qt-free and may run on a worker thread (they open their own
sessions through the workspace).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from khaddam_align.demo import DemoResult
from khaddam_align.errors import KhaddamError
from khaddam_align.progress import Progress
from khaddam_align.storage import Workspace
from khaddam_align.views import workspace as read
from khaddam_align.views.diff import DiffMark, word_diff
from khaddam_align.views.workspace import WorkInfo

__all__ = ["DiffMark", "WorkInfo", "word_diff"]
T = TypeVar("T")

# -- import ------------------------------------------------------------------


def import_paths(ws: Workspace, paths: Sequence[str | os.PathLike[str]], *, progress: Progress | None = None) -> list[int]:
    """Import files; returns the ids of the renderings (new or already there)."""
    from khaddam_align.ingest.service import import_files

    rep = import_files(ws, list(paths), progress=progress)
    return [*rep.ids, *(i for a in rep.already for i in a.ids)]


def import_text(ws: Workspace, text: str, *, name: str, lang: str = "auto") -> list[int]:
    from khaddam_align.ingest.service import import_text as core_import_text

    return core_import_text(ws, text, name=name, lang=lang).ids


def set_range_active(ws: Workspace, range_id: int, active: bool) -> None:
    from khaddam_align.ingest.service import set_range_active as core_set

    core_set(ws, range_id, active)


def update_metadata(ws: Workspace, rendering_id: int, *, expected: int | None = None, **fields: str) -> None:
    """Edit a rendering's metadata (title, publisher, author, published, url) through the operations layer.

    ``expected``: the rendering version the dialog showed (a colleague's edit since raises ``ConflictError``).
    """
    from khaddam_align.ops.renderings import update_metadata as edit_metadata

    edit_metadata(ws, rendering_id, expected=expected, **fields)


# -- alignment ---------------------------------------------------------------


def align_pair(ws: Workspace, a_id: int, b_id: int, *, progress: Progress | None = None) -> int:
    """Align two renderings and store the result; returns the alignment id."""
    from khaddam_align.align.service import align_renderings

    return align_renderings(ws, a_id, b_id, method="auto", progress=progress)


def align_work(ws: Workspace, rendering_ids: Sequence[int], *, progress: Progress | None = None) -> list[int]:
    """Align two renderings, or three (Arabic, English A, English B: pairwise and reconciled).

    Returns the alignment ids: [A↔B] or [AR↔A, AR↔B, A↔B].
    """
    from khaddam_align.align import service

    ids = list(rendering_ids)
    if len(ids) == 3:
        return service.align_work(ws, ids, progress=progress)
    if len(ids) != 2:
        raise KhaddamError("Choose two renderings to align (or three: Arabic, English A, English B).")
    return [align_pair(ws, ids[0], ids[1], progress=progress)]


def find_alignment(ws: Workspace, a_id: int, b_id: int) -> int | None:
    """The newest alignment of exactly these two renderings (in this order)."""
    return read.find_alignment(ws, a_id, b_id)


# -- edits -------------------------------------------------------------------


def call_op(fn: Callable[..., T], *args: Any, expected_version: int | None = None, **kwargs: Any) -> T:
    """Call an edit operation naming the version of the row the screen showed (the operations layer's
    conflict check: every row and verdict operation takes ``expected``)."""
    return fn(*args, expected=expected_version, **kwargs)


# -- divergences -------------------------------------------------------------


def detect(ws: Workspace, alignment_id: int, *, progress: Progress | None = None) -> int:
    """Detect divergences in an alignment (keeping verdicts); returns how many were found."""
    from khaddam_align.diverge.service import detect_divergences

    return detect_divergences(ws, alignment_id, progress=progress).found


@dataclass(frozen=True)
class QuoteInfo:
    text: str
    speaker: str


def quotes(text: str) -> list[QuoteInfo]:
    """Direct quotes in a passage with their speakers (when the detector names one)."""
    from khaddam_align.diverge.quotes import extract_quotes

    return [QuoteInfo(q.inner(text), q.speaker or "") for q in extract_quotes(text)]


# -- export ------------------------------------------------------------------

EXPORT_FORMATS = ("html", "pdf", "csv", "xlsx", "tmx", "json")


def export(
    ws: Workspace,
    alignment_id: int,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    only_divergences: bool = False,
    only_confirmed: bool = False,
    also: Sequence[int] = (),
) -> Path:
    """Export an alignment; ``also``: the view's other alignments (the three-column view exports all three pairs)."""
    from khaddam_align.export.service import ExportOptions, export_alignment, export_view

    options = ExportOptions(only_divergences=only_divergences, only_confirmed=only_confirmed)
    if also:
        return export_view(ws, [alignment_id, *also], path, fmt=fmt, options=options)
    return export_alignment(ws, alignment_id, path, fmt=fmt, options=options)


# -- the demo ----------------------------------------------------------------


def open_demo(ws: Workspace, *, progress: Progress | None = None) -> DemoResult:
    """Import the demo (once), align its three renderings (once) and detect divergences.

    The same function as ``khaddam-align demo`` (khaddam_align.demo), so both give the same ids.
    """
    from khaddam_align.demo import open_demo as core_open_demo

    return core_open_demo(ws, progress=progress)


def is_empty(ws: Workspace) -> bool:
    return read.is_empty(ws)


def works(ws: Workspace) -> list[WorkInfo]:
    """Works with their renderings and alignments, for the sources panel."""
    return read.works(ws)
