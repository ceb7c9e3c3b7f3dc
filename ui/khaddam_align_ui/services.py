"""The app's one door to the core: every call the window makes to import, align,
detect, judge and export goes through here, so swapping a core function is one edit.

All functions are Qt-free and may run on a worker thread (they open their own
sessions through the workspace).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from khaddam_align.errors import KhaddamError
from khaddam_align.progress import Progress, report, scaled
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Rendering
from khaddam_align.views import workspace as read
from khaddam_align.views.diff import DiffMark, word_diff
from khaddam_align.views.workspace import WorkInfo

__all__ = ["DiffMark", "WorkInfo", "word_diff"]
T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]
DEMO_DIR = ROOT / "sources" / "demo"
DEMO_FILES = ("demo_ar.txt", "demo_en_a.txt", "demo_en_b.txt")
DEMO_WORK = "Demo: Damascus meeting, 12 May 1998"


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


def update_metadata(ws: Workspace, rendering_id: int, **fields: str) -> None:
    """Edit a rendering's metadata (title, publisher, author, published, url)."""
    allowed = {"title", "publisher", "author", "published", "url"}
    unknown = set(fields) - allowed
    if unknown:
        raise KhaddamError(f"Cannot edit {', '.join(sorted(unknown))}.")
    if fields.get("published"):
        from khaddam_align.ingest.header import check_iso_date

        try:
            fields["published"] = check_iso_date(fields["published"])
        except ValueError:
            raise KhaddamError(f"{fields['published']!r} is not a date.",
                               hint="Write the date as YYYY-MM-DD, e.g. 2021-04-26, or leave it empty.") from None
    with ws.transaction() as s:
        r = s.get(Rendering, rendering_id)
        if r is None:
            raise KhaddamError(f"Rendering {rendering_id} no longer exists.")
        old = {k: getattr(r, k) for k in fields}
        for k, v in fields.items():
            setattr(r, k, v)
        ws.audit(s, "rendering.metadata", "rendering", rendering_id, old=old, new=fields)


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
    """Call an edit operation, naming the version of the row the screen showed when the operation
    takes one (the operations layer's conflict check); older operations are called as they are."""
    if expected_version is not None and "expected_version" in inspect.signature(fn).parameters:
        kwargs["expected_version"] = expected_version
    return fn(*args, **kwargs)


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


@dataclass(frozen=True)
class DemoResult:
    rendering_ids: tuple[int, int, int]  # Arabic, English A, English B
    alignment_ids: tuple[int, int, int]  # AR↔A, AR↔B, A↔B


def open_demo(ws: Workspace, *, progress: Progress | None = None, demo_dir: Path = DEMO_DIR) -> DemoResult:
    """Import the demo (once), align its three renderings (once) and detect divergences."""
    report(progress, 0.0, "Importing the demo")
    from khaddam_align.ingest.service import import_files

    rep = import_files(ws, [demo_dir / f for f in DEMO_FILES], work=DEMO_WORK)
    by_name = {r.file_name: r.id for r in rep.imported}
    for already in rep.already:
        by_name[Path(already.file_name).name] = already.ids[0]
    ar, en_a, en_b = (by_name[f] for f in DEMO_FILES)
    pairs = ((ar, en_a), (ar, en_b), (en_a, en_b))
    found = [find_alignment(ws, a, b) for a, b in pairs]
    if None in found:
        ids = align_work(ws, [ar, en_a, en_b], progress=scaled(progress, 0.1, 0.8))
        for k, aid in enumerate(ids):
            report(progress, 0.8 + 0.2 * k / 3, "Detecting divergences")
            detect(ws, aid)
    else:
        ids = [i for i in found if i is not None]
    report(progress, 1.0, "Done")
    return DemoResult((ar, en_a, en_b), (ids[0], ids[1], ids[2]))


def is_empty(ws: Workspace) -> bool:
    return read.is_empty(ws)


def works(ws: Workspace) -> list[WorkInfo]:
    """Works with their renderings and alignments, for the sources panel."""
    return read.works(ws)
