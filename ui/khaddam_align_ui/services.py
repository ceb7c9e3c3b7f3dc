"""The app's one door to the core: every call the window makes to import, align,
detect, judge and export goes through here, so swapping a core function is one edit.

All functions are Qt-free and may run on a worker thread (they open their own
sessions through the workspace).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from khaddam_align.demo import DemoResult
from khaddam_align.errors import KhaddamError
from khaddam_align.progress import Progress
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Alignment, Rendering, Work

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
    """The newest alignment of exactly these two renderings (A, B order)."""
    with ws.session() as s:
        return s.scalar(
            select(Alignment.id).where(Alignment.a_id == a_id, Alignment.b_id == b_id).order_by(Alignment.id.desc()).limit(1)
        )


# -- divergences -------------------------------------------------------------


def detect(ws: Workspace, alignment_id: int, *, progress: Progress | None = None) -> int:
    """Detect divergences in an alignment (keeping verdicts); returns how many were found."""
    from khaddam_align.diverge.service import detect_divergences

    return detect_divergences(ws, alignment_id, progress=progress).found


@dataclass(frozen=True)
class DiffMark:
    """A highlighted span in one cell's text: ``kind`` is "insert", "delete" or "replace"."""

    start: int
    end: int
    kind: str


def word_diff(a: str, b: str) -> tuple[list[DiffMark], list[DiffMark]]:
    """Word-level differences of two English passages, as marks on each text."""
    from khaddam_align.diverge.worddiff import diff_texts

    marks_a: list[DiffMark] = []
    marks_b: list[DiffMark] = []
    for run in diff_texts(a, b).changed:
        if run.a_span[1] > run.a_span[0]:
            marks_a.append(DiffMark(run.a_span[0], run.a_span[1], run.kind))
        if run.b_span[1] > run.b_span[0]:
            marks_b.append(DiffMark(run.b_span[0], run.b_span[1], run.kind))
    return marks_a, marks_b


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
) -> Path:
    from khaddam_align.export.service import ExportOptions, export_alignment

    options = ExportOptions(only_divergences=only_divergences, only_confirmed=only_confirmed)
    return export_alignment(ws, alignment_id, path, fmt=fmt, options=options)


# -- the demo ----------------------------------------------------------------


def open_demo(ws: Workspace, *, progress: Progress | None = None) -> DemoResult:
    """Import the demo (once), align its three renderings (once) and detect divergences.

    The same function as ``khaddam-align demo`` (khaddam_align.demo), so both give the same ids.
    """
    from khaddam_align.demo import open_demo as core_open_demo

    return core_open_demo(ws, progress=progress)


def is_empty(ws: Workspace) -> bool:
    with ws.session() as s:
        return not s.scalar(select(func.count()).select_from(Rendering))


@dataclass(frozen=True)
class WorkInfo:
    id: int | None
    name: str
    renderings: tuple[tuple[int, str, str], ...]  # id, label, language
    alignments: tuple[tuple[int, int, int, str], ...]  # id, a_id, b_id, label

    @property
    def three(self) -> tuple[int, int, int | None] | None:
        """(original↔A, original↔B, A↔B or None): the newest pair of alignments sharing their A side."""
        newest = sorted(self.alignments, key=lambda al: -al[0])
        for first in newest:
            for second in newest:
                if second[1] == first[1] and first[2] < second[2]:
                    cross = next((al[0] for al in newest if (al[1], al[2]) == (first[2], second[2])), None)
                    return first[0], second[0], cross
        return None


def works(ws: Workspace) -> list[WorkInfo]:
    """Works with their renderings and alignments, for the sources panel."""
    with ws.session() as s:
        rens = s.scalars(select(Rendering).order_by(Rendering.id)).all()
        names = {w.id: w.name for w in s.scalars(select(Work))}
        labels = {r.id: r.label for r in rens}
        aligns = s.scalars(select(Alignment).order_by(Alignment.id)).all()
        groups: dict[int | None, list[Rendering]] = {}
        for r in rens:
            groups.setdefault(r.work_id, []).append(r)
        out = []
        for wid, members in groups.items():
            ids = {r.id for r in members}
            al = tuple(
                (a.id, a.a_id, a.b_id, f"{labels.get(a.a_id, a.a_id)} ↔ {labels.get(a.b_id, a.b_id)}")
                for a in aligns
                if a.a_id in ids or a.b_id in ids
            )
            name = names.get(wid, "") if wid else ""
            name = name or f"Renderings of “{members[0].title or members[0].file_name}” (no work set)"
            out.append(WorkInfo(wid, name,
                                tuple((r.id, r.label, r.language) for r in members), al))
        return out
