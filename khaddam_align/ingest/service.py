"""Importing sources into a workspace; switching cleaning ranges on and off.

This is what the CLI and the desktop app call:

- ``import_files(ws, paths, ...)`` / ``import_file(ws, path, ...)``: read and
  check **all** files first, then store everything in one transaction. A bad
  file raises ``SourceError`` and the workspace is left as it was.
- ``import_text(ws, text, name=...)``: the app's "paste text".
- ``set_range_active(ws, range_id, active)``: switch a cleaning range and
  re-segment its rendering (refused once the rendering is aligned).
- ``list_renderings``, ``get_rendering``, ``list_segments``: read-only views.

Re-importing bytes already in the workspace (same sha256) is reported in
``ImportReport.already``, never duplicated.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from khaddam_align.errors import KhaddamError, NotFound
from khaddam_align.ingest.catalog import Catalog, load_catalog
from khaddam_align.ingest.clean import KindRange, active_kinds
from khaddam_align.ingest.plan import Metadata, PlannedFile, PlannedRendering, plan_source
from khaddam_align.ingest.queries import (
    RenderingDetail,
    RenderingSummary,
    SegmentInfo,
    get_rendering,
    list_renderings,
    list_segments,
    summarize,
)
from khaddam_align.ingest.sources import Source, read_source, text_source
from khaddam_align.progress import Progress, report, scaled
from khaddam_align.segment import Span, segment_text
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import (
    Alignment,
    ExcludedRange,
    ImportedFile,
    Rendering,
    Segment,
    SegmentKind,
    Work,
)

__all__ = [
    "AlreadyImported",
    "ImportReport",
    "ImportedRendering",
    "Metadata",
    "RangeChange",
    "RenderingDetail",
    "RenderingSummary",
    "SegmentInfo",
    "get_rendering",
    "import_file",
    "import_files",
    "import_paths",
    "import_text",
    "list_renderings",
    "list_segments",
    "set_range_active",
]


@dataclass(frozen=True, slots=True)
class ImportedRendering(RenderingSummary):
    """A rendering just imported: its summary and the catalog entry it matched."""

    catalog: str = ""  # key of the matching catalog entry, or ""


@dataclass(frozen=True, slots=True)
class AlreadyImported:
    file_name: str
    ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ImportReport:
    imported: tuple[ImportedRendering, ...]
    already: tuple[AlreadyImported, ...]
    messages: tuple[str, ...]  # one line each, for the user (splits, skips)

    @property
    def ids(self) -> list[int]:
        return [r.id for r in self.imported]


def import_files(
    ws: Workspace,
    paths: Sequence[str | os.PathLike[str]],
    *,
    lang: str = "auto",
    meta: Metadata | None = None,
    work: str | None = None,
    catalog: Catalog | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import files: all are read and checked before anything is written."""
    meta = (meta or Metadata()).checked()
    sources = []
    for n, path in enumerate(paths):
        report(progress, 0.3 * n / max(1, len(paths)), f"Reading {os.fspath(path)}")
        sources.append(read_source(path))
    return _import_sources(
        ws, sources, lang=lang, meta=meta, work=work, catalog=catalog, progress=scaled(progress, 0.3, 1.0)
    )


def import_source(ws: Workspace, source: Source, *, progress: Progress | None = None) -> ImportReport:
    """Import one file already read and checked by ``read_source`` (default options): for callers
    that read several files first so that a bad one stops them before anything is written."""
    return _import_sources(ws, [source], lang="auto", meta=Metadata().checked(), work=None, progress=progress)


def import_file(ws: Workspace, path: str | os.PathLike[str], **options: Any) -> ImportReport:
    """Import one file (same options as ``import_files``)."""
    return import_files(ws, [path], **options)


def import_paths(
    ws: Workspace, paths: Sequence[str | os.PathLike[str]], *, progress: Progress | None = None
) -> ImportReport:
    """The desktop app's import (menu, drag and drop): files with everything detected."""
    return import_files(ws, paths, progress=progress)


def import_text(
    ws: Workspace,
    text: str,
    *,
    name: str = "pasted text",
    lang: str = "auto",
    meta: Metadata | None = None,
    work: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import pasted text as a rendering (``name`` is shown as its file name)."""
    meta = (meta or Metadata()).checked()
    return _import_sources(ws, [text_source(text, name=name)], lang=lang, meta=meta, work=work, progress=progress)


def _import_sources(
    ws: Workspace,
    sources: list[Source],
    *,
    lang: str,
    meta: Metadata,
    work: str | None,
    catalog: Catalog | None = None,
    progress: Progress | None,
) -> ImportReport:
    cat = catalog if catalog is not None else load_catalog()
    plans: list[PlannedFile] = []
    for n, source in enumerate(sources):
        report(progress, 0.6 * n / max(1, len(sources)), f"Cleaning and segmenting {source.name}")
        plans.append(plan_source(source, catalog=cat, lang=lang, meta=meta, work=work))
    report(progress, 0.6, "Saving")
    from khaddam_align.ops.imports import store_imports  # the operations layer writes

    def body(s: Session) -> tuple[list[ImportedRendering], list[AlreadyImported], list[str]]:
        imported: list[ImportedRendering] = []
        already: list[AlreadyImported] = []
        messages: list[str] = []
        known = _existing(s, [p.source.sha256 for p in plans])
        for plan in plans:
            sha = plan.source.sha256
            if sha in known:
                ids = tuple(known[sha])
                already.append(AlreadyImported(plan.source.name, ids))
                messages.append(f"{plan.source.name}: already imported as {_ids(ids)}; not imported again.")
                continue
            stored = _store(ws, s, plan, cat)
            known[sha] = [r.id for r in stored]
            imported.extend(stored)
            for r in stored[1:]:
                messages.append(
                    f"{plan.source.name}: a second article, {r.title!r}, follows the first one;"
                    f" split off as its own rendering #{r.id}."
                )
        report(progress, 0.95, "Saving")
        return imported, already, messages

    imported, already, messages = store_imports(
        ws, body, new_ids=lambda result: [r.id for r in result[0]], files=[p.source.name for p in plans]
    )
    report(progress, 1.0, "Done")
    return ImportReport(tuple(imported), tuple(already), tuple(messages))


def _existing(s: Session, shas: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    rows = s.execute(select(Rendering.sha256, Rendering.id).where(Rendering.sha256.in_(set(shas))).order_by(Rendering.id))
    for sha, rid in rows:
        found.setdefault(sha, []).append(rid)
    return found


def _ids(ids: Sequence[int]) -> str:
    return ", ".join(f"#{i}" for i in ids)


def _work(s: Session, name: str, cat: Catalog) -> Work:
    work = s.scalar(select(Work).where(Work.name == name))
    if work is None:
        work = Work(name=name, note=cat.works.get(name, ""))
        s.add(work)
        s.flush()
    return work


def _store(ws: Workspace, s: Session, plan: PlannedFile, cat: Catalog) -> list[ImportedRendering]:
    rows: list[Rendering] = []
    for pr in plan.renderings:
        rendering = Rendering(**pr.columns)
        if pr.work:
            rendering.work = _work(s, pr.work, cat)
        if rows:
            rendering.split_from_id = rows[0].id
        s.add(rendering)
        s.flush()
        if not rows:  # the file's one row: a second import of the same bytes fails here, in the database
            s.add(ImportedFile(sha256=plan.source.sha256, rendering_id=rendering.id))
            s.flush()
        rows.append(rendering)
    ranges: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    out: list[ImportedRendering] = []
    for pr, rendering in zip(plan.renderings, rows, strict=True):
        mine = [(e.start, e.end, e.reason) for e in pr.exclusions]
        for j, (start, end) in enumerate(plan.articles):
            if j != pr.article and end > start:
                reason = (
                    f"first article of the file, kept as rendering #{rows[0].id}"
                    if j == 0
                    else f"appended article, split off as rendering #{rows[j].id}"
                )
                mine.append((start, end, reason))
        ranges += [
            {"rendering_id": rendering.id, "start": a, "end": b, "reason": why, "active": True}
            for a, b, why in sorted(mine)
        ]
        segments += _segment_rows(rendering.id, pr.spans)
        out.append(_imported(rendering, pr, len(mine)))
    if ranges:
        s.execute(insert(ExcludedRange), ranges)
    if segments:
        s.execute(insert(Segment), segments)
    return out


def _segment_rows(rendering_id: int, spans: Sequence[Span]) -> list[dict[str, Any]]:
    return [
        {
            "rendering_id": rendering_id,
            "position": i,
            "start": sp.start,
            "end": sp.end,
            "kind": sp.kind,
            "paragraph": sp.paragraph,
        }
        for i, sp in enumerate(spans)
    ]


def _imported(r: Rendering, pr: PlannedRendering, excluded: int) -> ImportedRendering:
    summary = summarize(r, pr.work, len(pr.spans), excluded)
    return ImportedRendering(**asdict(summary), catalog=pr.catalog_key)


# -- cleaning ranges ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RangeChange:
    range_id: int
    rendering_id: int
    active: bool
    changed: bool  # False when the range already had that state
    segments: int  # the rendering's segment count afterwards


def set_range_active(ws: Workspace, range_id: int, active: bool) -> RangeChange:
    """Switch a cleaning range on (exclude) or off (include) and re-segment.

    Refused with a ``KhaddamError`` when the rendering is already aligned:
    re-segmenting would silently break the alignment's links.
    """
    from khaddam_align.ops import Action, Op, run_op  # the operations layer writes

    def body(op: Op) -> RangeChange:
        s = op.session
        rendering_id = s.scalar(select(ExcludedRange.rendering_id).where(ExcludedRange.id == range_id))
        if rendering_id is None:
            raise NotFound(f"There is no excluded range #{range_id}.", hint="See the ranges with: khaddam-align show ID")
        op.lock("rendering", rendering_id, bump=False)
        excluded = s.get(ExcludedRange, range_id)
        assert excluded is not None
        rendering = excluded.rendering
        if excluded.active == active:
            count = s.scalar(select(func.count()).where(Segment.rendering_id == rendering.id)) or 0
            op.unchanged = True
            return RangeChange(range_id, rendering.id, active, False, count)
        aligned = s.scalars(
            select(Alignment.id).where(or_(Alignment.a_id == rendering.id, Alignment.b_id == rendering.id))
        ).all()
        if aligned:
            raise KhaddamError(
                f"Rendering #{rendering.id} is already aligned ({_ids(aligned)}); changing its cleaning"
                " would change its segments under the alignment.",
                hint="Delete the alignment first, or import the file again as a new rendering.",
            )
        op.lock("rendering", rendering.id)
        excluded.active = active
        s.flush()
        count = resegment(s, rendering)
        op.rows_changed = True
        op.detail.update(rendering=rendering.id, range=range_id)
        op.summary = f"{'excluded' if active else 'included'} range #{range_id} of rendering #{rendering.id}"
        return RangeChange(range_id, rendering.id, active, True, count)

    result, _changes = run_op(
        ws, Action.RANGE_EXCLUDE if active else Action.RANGE_INCLUDE, body,
        label="Exclude range" if active else "Include range", entity="excluded_range", entity_id=range_id,
    )
    return result


def resegment(s: Session, rendering: Rendering) -> int:
    """Replace the rendering's segments, honouring its active excluded ranges."""
    ranges = s.execute(
        select(ExcludedRange.start, ExcludedRange.end)
        .where(ExcludedRange.rendering_id == rendering.id, ExcludedRange.active.is_(True))
        .order_by(ExcludedRange.start)
    ).all()
    excluded = [(a, b) for a, b in ranges]
    kinds = [KindRange(a, b, SegmentKind(k)) for a, b, k in rendering.extra.get("kinds", [])]
    spans = segment_text(
        rendering.text,
        rendering.language,
        excluded=excluded,
        kinds=[(k.start, k.end, k.kind) for k in active_kinds(kinds, excluded)],
    )
    s.execute(delete(Segment).where(Segment.rendering_id == rendering.id))
    rows = _segment_rows(rendering.id, spans)
    if rows:
        s.execute(insert(Segment), rows)
    s.expire(rendering, ["segments"])
    return len(rows)
