"""The demo: import the shipped Arabic minute and its two English renderings, align the
three pairs and detect divergences — the same function for ``khaddam-align demo`` and the
app's "Open demo", so both give the same ids.

Idempotent: files already in the workspace (same sha256) and existing alignments of the
demo's pairs are reused, with their links and verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from khaddam_align import resources
from khaddam_align.naming import view_names
from khaddam_align.progress import Progress, report, scaled
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Alignment, Divergence, Rendering

DEMO_WORK = "Demo: ministers' meeting, 12 May 1998"


@dataclass(frozen=True, slots=True)
class DemoRendering:
    id: int
    name: str
    language: str
    file_name: str


@dataclass(frozen=True, slots=True)
class DemoAlignment:
    id: int
    a_id: int
    b_id: int
    name: str
    created: bool  # False when an existing alignment was reused
    divergences: int  # current (not stale) divergences


@dataclass(frozen=True, slots=True)
class DemoResult:
    renderings: tuple[DemoRendering, DemoRendering, DemoRendering]  # Arabic, English A, English B
    alignments: tuple[DemoAlignment, DemoAlignment, DemoAlignment]  # AR↔A, AR↔B, A↔B

    @property
    def rendering_ids(self) -> tuple[int, int, int]:
        a, b, c = self.renderings
        return a.id, b.id, c.id

    @property
    def alignment_ids(self) -> tuple[int, int, int]:
        a, b, c = self.alignments
        return a.id, b.id, c.id

    def as_dict(self) -> dict[str, list[dict[str, object]]]:
        return {
            "renderings": [
                {"id": r.id, "name": r.name, "language": r.language, "file_name": r.file_name}
                for r in self.renderings
            ],
            "alignments": [
                {"id": a.id, "a": a.a_id, "b": a.b_id, "name": a.name, "created": a.created,
                 "divergences": a.divergences}
                for a in self.alignments
            ],
        }


def open_demo(ws: Workspace, *, progress: Progress | None = None) -> DemoResult:
    """Import the demo (once), align its three pairs (once) and detect divergences."""
    from khaddam_align.align.service import align_renderings, align_work
    from khaddam_align.diverge.service import detect_divergences
    from khaddam_align.ingest.service import import_files

    report(progress, 0.0, "Importing the demo")
    with resources.demo_paths() as paths:
        rep = import_files(ws, paths, work=DEMO_WORK)
    by_name = {r.file_name: r.id for r in rep.imported}
    for already in rep.already:
        by_name[Path(already.file_name).name] = already.ids[0]
    ids = [by_name[name] for name in resources.DEMO_FILES]
    pairs = [(ids[i], ids[j]) for i, j in resources.DEMO_PAIRS]
    found = [_latest_alignment(ws, a, b) for a, b in pairs]
    made: list[int] = []
    if all(i is None for i in found):
        made = list(align_work(ws, ids, progress=scaled(progress, 0.1, 0.8)))
        found = [*made]
    else:
        # Only the pairs someone deleted are aligned again; the others (and their verdicts) are reused.
        for k, ((a, b), have) in enumerate(zip(pairs, found, strict=True)):
            if have is None:
                new_id = align_renderings(ws, a, b, progress=scaled(progress, 0.1 + 0.2 * k, 0.3 + 0.2 * k))
                found[k] = new_id
                made.append(new_id)
    for k, alignment_id in enumerate(made):
        report(progress, 0.8 + 0.2 * k / 3, "Detecting divergences")
        detect_divergences(ws, alignment_id)
    report(progress, 1.0, "Done")
    existing = [int(i) for i in found if i is not None]
    return _result(ws, ids, existing, created=set(made))


def _latest_alignment(ws: Workspace, a_id: int, b_id: int) -> int | None:
    with ws.session() as s:
        return s.scalar(
            select(Alignment.id)
            .where(Alignment.a_id == a_id, Alignment.b_id == b_id)
            .order_by(Alignment.id.desc())
            .limit(1)
        )


def _result(ws: Workspace, ids: list[int], alignment_ids: list[int], *, created: set[int]) -> DemoResult:
    with ws.session() as s:
        rows = [s.get_one(Rendering, i) for i in ids]
        names = view_names(rows)
        renderings = [DemoRendering(r.id, n, r.language, r.file_name) for r, n in zip(rows, names, strict=True)]
        query = (
            select(Divergence.alignment_id, func.count())
            .where(Divergence.alignment_id.in_(alignment_ids), Divergence.stale.is_(False))
            .group_by(Divergence.alignment_id)
        )
        counts = {int(aid): int(n) for aid, n in s.execute(query)}
    by_id = {r.id: r for r in renderings}
    alignments = [
        DemoAlignment(aid, a, b, f"{by_id[a].name} ↔ {by_id[b].name}", aid in created, counts.get(aid, 0))
        for aid, (a, b) in zip(alignment_ids, ((ids[i], ids[j]) for i, j in resources.DEMO_PAIRS), strict=True)
    ]
    return DemoResult(
        (renderings[0], renderings[1], renderings[2]), (alignments[0], alignments[1], alignments[2])
    )
