"""Read-only views of the imported sources (for the CLI, the app and tests)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from khaddam_align.errors import NotFound
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import ExcludedRange, Rendering, Segment, Work
from khaddam_align.timestamps import iso_utc


@dataclass(frozen=True, slots=True)
class RenderingSummary:
    id: int
    title: str
    publisher: str
    author: str
    published: str
    language: str
    work: str
    file_name: str
    segments: int
    excluded: int  # active cleaning ranges
    split_from_id: int | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class RangeInfo:
    id: int
    start: int
    end: int
    reason: str
    active: bool
    text: str  # the excluded text (first 200 characters)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class RenderingDetail:
    summary: RenderingSummary
    series: str
    part: str
    url: str
    file_format: str
    encoding: str
    sha256: str
    imported: str  # ISO timestamp
    characters: int
    extra: dict[str, Any]
    ranges: tuple[RangeInfo, ...]

    def as_dict(self) -> dict[str, Any]:
        out = self.summary.as_dict()
        out.update(
            series=self.series,
            part=self.part,
            url=self.url,
            file_format=self.file_format,
            encoding=self.encoding,
            sha256=self.sha256,
            imported=self.imported,
            characters=self.characters,
            extra={k: v for k, v in self.extra.items() if k != "kinds"},
            excluded_ranges=[r.as_dict() for r in self.ranges],
        )
        return out


@dataclass(frozen=True, slots=True)
class SegmentInfo:
    index: int
    start: int
    end: int
    kind: str
    text: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _counts(s: Session, model: type[Segment] | type[ExcludedRange], *extra: Any) -> dict[int, int]:
    rows = s.execute(select(model.rendering_id, func.count()).where(*extra).group_by(model.rendering_id))
    return {rid: n for rid, n in rows}


class _RenderingFields(Protocol):
    """A Rendering, or a row of just the columns a summary needs."""

    id: int
    title: str
    publisher: str
    author: str
    published: str
    language: str
    file_name: str
    split_from_id: int | None


def summarize(r: _RenderingFields, work: str, segments: int, excluded: int) -> RenderingSummary:
    return RenderingSummary(
        id=r.id,
        title=r.title,
        publisher=r.publisher,
        author=r.author,
        published=r.published,
        language=r.language,
        work=work,
        file_name=r.file_name,
        segments=segments,
        excluded=excluded,
        split_from_id=r.split_from_id,
    )


def list_renderings(ws: Workspace) -> list[RenderingSummary]:
    with ws.session() as s:
        segs = _counts(s, Segment)
        excl = _counts(s, ExcludedRange, ExcludedRange.active.is_(True))
        works: dict[int, str] = {wid: name for wid, name in s.execute(select(Work.id, Work.name))}
        # Load the columns needed, not the (possibly large) text.
        rows = s.execute(
            select(
                Rendering.id,
                Rendering.title,
                Rendering.publisher,
                Rendering.author,
                Rendering.published,
                Rendering.language,
                Rendering.work_id,
                Rendering.file_name,
                Rendering.split_from_id,
            ).order_by(Rendering.id)
        ).all()
        return [
            summarize(r, works.get(r.work_id, "") if r.work_id else "", segs.get(r.id, 0), excl.get(r.id, 0))
            for r in rows
        ]


def _rendering(s: Session, rendering_id: int) -> Rendering:
    r = s.get(Rendering, rendering_id)
    if r is None:
        raise NotFound(f"There is no rendering #{rendering_id}.", hint="List them with: khaddam-align sources")
    return r


def get_rendering(ws: Workspace, rendering_id: int) -> RenderingDetail:
    with ws.session() as s:
        r = _rendering(s, rendering_id)
        segs = s.scalar(select(func.count()).where(Segment.rendering_id == r.id)) or 0
        ranges = tuple(
            RangeInfo(e.id, e.start, e.end, e.reason, e.active, r.text[e.start : e.end][:200])
            for e in r.excluded
        )
        active = sum(1 for e in ranges if e.active)
        return RenderingDetail(
            summary=summarize(r, r.work.name if r.work else "", segs, active),
            series=r.series,
            part=r.part,
            url=r.url,
            file_format=r.file_format,
            encoding=r.encoding,
            sha256=r.sha256,
            imported=iso_utc(r.imported),
            characters=len(r.text),
            extra=dict(r.extra),
            ranges=ranges,
        )


def list_segments(ws: Workspace, rendering_id: int) -> list[SegmentInfo]:
    with ws.session() as s:
        r = _rendering(s, rendering_id)
        text = r.text
        rows = s.execute(
            select(Segment.position, Segment.start, Segment.end, Segment.kind)
            .where(Segment.rendering_id == r.id)
            .order_by(Segment.position)
        ).all()
        return [SegmentInfo(pos, a, b, kind.value, text[a:b]) for pos, a, b, kind in rows]
