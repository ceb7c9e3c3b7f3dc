"""One-shot compare: import two or three files, align, detect divergences, write the report.

This is what ``khaddam-align compare`` runs. Files already in the workspace
(same bytes) are reused, not imported twice. With three files (typically an
Arabic text and two English renderings, aligned three-way so the alignments
check each other) every pair is aligned and ONE report is written, the
three-column view of ``export.service.export_view``: the original | first
rendering | second rendering side by side, and the divergences of every pair.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from khaddam_align.errors import KhaddamError
from khaddam_align.export.service import ExportOptions, export_alignment, export_view, format_for
from khaddam_align.ingest.sources import Source, read_source
from khaddam_align.progress import Progress, report, scaled
from khaddam_align.storage.db import Workspace

REPORT_FORMATS = ("html", "pdf", "xlsx", "json", "csv", "tmx")


@dataclass(frozen=True)
class ComparedPair:
    alignment_id: int
    a_id: int
    b_id: int
    report: Path
    links: int
    divergences: int
    reused: bool = False  # an alignment of these files was already in the workspace


@dataclass(frozen=True)
class CompareResult:
    rendering_ids: tuple[int, ...]
    pairs: tuple[ComparedPair, ...]
    notes: tuple[str, ...] = ()  # what the user should know about the reports (characters replaced)
    report: Path | None = None  # the one report written (every pair's report path is this file)


def view_order(ws: Workspace, alignment_ids: Sequence[int]) -> list[int]:
    """The three alignments in the order of the three-column view: original ↔ first, original ↔ second,
    first ↔ second (the original is the first alignment's first rendering)."""
    from khaddam_align.storage.models import Alignment

    if len(alignment_ids) != 3:
        return list(alignment_ids)
    with ws.session() as s:
        sides = {k: (al.a_id, al.b_id) for k in alignment_ids if (al := s.get(Alignment, k)) is not None}
    first = alignment_ids[0]
    original = sides[first][0]
    third = next((k for k in alignment_ids[1:] if original in sides[k]), None)
    if third is None:
        return list(alignment_ids)
    cross = next(k for k in alignment_ids[1:] if k != third)
    return [first, third, cross]


def _rendering_for(ws: Workspace, source: Source, path: Path, progress: Progress | None) -> int:
    from khaddam_align.ingest.service import import_source

    result = import_source(ws, source, progress=progress)
    ids = [r.id for r in result.imported if r.split_from_id is None] or result.ids
    if not ids:
        for already in result.already:
            ids.extend(already.ids)
    if not ids:
        raise KhaddamError(f"{path}: no text was imported.", hint="Check the file with: khaddam-align import FILE")
    return min(ids)


def compare_files(
    ws: Workspace,
    files: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    method: str = "auto",
    options: ExportOptions | None = None,
    new_alignment: bool = False,
    progress: Progress | None = None,
) -> CompareResult:
    """Import ``files`` (2 or 3), align every pair, detect divergences, write the report(s).

    When the workspace already holds an alignment of the same files (an earlier
    ``compare``, or work in the app), the latest one is reused so the links and
    verdicts recorded there are kept; ``new_alignment=True`` aligns afresh.
    """
    from khaddam_align.diverge.service import detect_divergences

    if len(files) not in (2, 3):
        raise KhaddamError(f"compare takes two or three files, not {len(files)}.")
    out = Path(output)
    fmt = format_for(out)
    if fmt not in REPORT_FORMATS:  # pragma: no cover - format_for already checks
        raise KhaddamError(f"Cannot write a {fmt} report.")
    if not out.parent.is_dir():
        raise KhaddamError(
            f"Cannot write {out}: the folder {out.parent} does not exist.",
            hint="Create the folder or choose another report file with -o.",
        )
    paths = [Path(f) for f in files]
    sources = []
    for path in paths:  # every file read and checked before anything is written
        report(progress, 0.0, f"Reading {path.name}")
        sources.append(read_source(path))
    ids = []
    for n, (path, source) in enumerate(zip(paths, sources, strict=True)):
        part = scaled(progress, 0.2 * n / len(paths), 0.2 * (n + 1) / len(paths))
        ids.append(_rendering_for(ws, source, path, part))
    existing = None if new_alignment else _existing_alignments(ws, ids)
    if existing is not None:
        report(progress, 0.7, "Reusing the existing alignment")
        alignment_ids = existing
    else:
        report(progress, 0.2, "Aligning")
        alignment_ids = _align(ws, ids, method=method, progress=scaled(progress, 0.2, 0.7))
    notes: list[str] = []
    for k, alignment_id in enumerate(alignment_ids):
        base = 0.7 + 0.25 * k / len(alignment_ids)
        detect_divergences(ws, alignment_id, progress=scaled(progress, base, base + 0.25 / len(alignment_ids)))
    report(progress, 0.95, f"Writing {out.name}")
    said: list[str] = []
    if len(alignment_ids) == 1:
        export_alignment(ws, alignment_ids[0], out, fmt=fmt, options=options, notes=said)
    else:  # one report, three columns: every pair's links and divergences
        alignment_ids = view_order(ws, alignment_ids)
        export_view(ws, alignment_ids, out, fmt=fmt, options=options, notes=said)
    notes += [f"{out.name}: {n}" for n in said]
    done = [replace(_pair(ws, alignment_id, out), reused=existing is not None) for alignment_id in alignment_ids]
    report(progress, 1.0, "Done")
    return CompareResult(tuple(ids), tuple(done), tuple(notes), out)


def _three_way_order(ws: Workspace, ids: list[int]) -> list[int] | None:
    """Three renderings with exactly one Arabic: the Arabic first, then the others in the order
    given (the order the three-way alignment and its view use); otherwise None (pairwise)."""
    from khaddam_align.storage.models import Rendering

    with ws.session() as s:
        languages = [s.get(Rendering, i).language for i in ids]  # type: ignore[union-attr]
    if len(ids) != 3 or languages.count("ar") != 1:
        return None
    k = languages.index("ar")
    return [ids[k], *(i for n, i in enumerate(ids) if n != k)]


def _align(ws: Workspace, ids: list[int], *, method: str, progress: Progress | None) -> list[int]:
    """Two files: one alignment. Three with one Arabic: the three-way alignment. Otherwise pairwise."""
    from khaddam_align.align.service import align_renderings, align_work

    if len(ids) == 2:
        return [align_renderings(ws, ids[0], ids[1], method=method, progress=progress)]
    ordered = _three_way_order(ws, ids)
    if ordered is not None:
        return align_work(ws, ordered, method=method, progress=progress)
    pairs = [(0, 1), (0, 2), (1, 2)]
    return [
        align_renderings(ws, ids[i], ids[j], method=method, progress=scaled(progress, n / 3, (n + 1) / 3))
        for n, (i, j) in enumerate(pairs)
    ]


def _existing_alignments(ws: Workspace, ids: list[int]) -> list[int] | None:
    """The latest alignment of every pair of ``ids``, or None if one is missing. Two files: either
    order. Three files: each pair the way ``_align`` makes it and the three-column view reads it
    (first ↔ second, first ↔ third, second ↔ third, the Arabic first); one that runs the other
    way would drop its rendering from the report, so then the three are aligned afresh (the old
    alignments stay in the workspace)."""
    from sqlalchemy import and_, or_, select

    from khaddam_align.storage.models import Alignment

    if len(ids) == 2:
        pairs = [(ids[0], ids[1])]
    else:
        order = _three_way_order(ws, ids) or ids
        pairs = [(order[0], order[1]), (order[0], order[2]), (order[1], order[2])]
    found: list[int] = []
    with ws.session() as s:
        for a, b in pairs:
            same_way = and_(Alignment.a_id == a, Alignment.b_id == b)
            either = or_(same_way, and_(Alignment.a_id == b, Alignment.b_id == a)) if len(ids) == 2 else same_way
            latest = s.scalar(select(Alignment.id).where(either).order_by(Alignment.id.desc()).limit(1))
            if latest is None:
                return None
            found.append(latest)
    return found


def _pair(ws: Workspace, alignment_id: int, target: Path) -> ComparedPair:
    from sqlalchemy import func, select

    from khaddam_align.storage.models import Alignment, Divergence, Link

    with ws.session() as s:
        alignment = s.get(Alignment, alignment_id)
        assert alignment is not None
        links = s.scalar(select(func.count()).select_from(Link).where(Link.alignment_id == alignment_id)) or 0
        divs = s.scalar(
            select(func.count()).select_from(Divergence).where(Divergence.alignment_id == alignment_id)
        ) or 0
        return ComparedPair(alignment_id, alignment.a_id, alignment.b_id, target, links, divs)
