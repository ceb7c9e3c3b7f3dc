"""What the alignment grid shows, read from the workspace in batches (Qt-free read model).

A ``ViewSpec`` names the columns: the two renderings of one alignment, or three
(Arabic original | first English | second English) where the third column comes
from the Arabic ↔ second-English alignment, mapped onto the rows of the
Arabic ↔ first-English one. ``RowSource`` lists the row (link) ids, fetches rows
by id on demand, filters and searches. Rows and divergences carry their
``version`` so the app can name the version it showed when it changes them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select

from khaddam_align.align.confidence import LOW_CONFIDENCE, is_low
from khaddam_align.naming import view_names
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import (
    Alignment,
    Divergence,
    Link,
    LinkSegment,
    LinkStatus,
    Rendering,
    Segment,
    Verdict,
)
from khaddam_align.views.diff import DiffMark, word_diff
from khaddam_align.views.names import name_sides
from khaddam_align.views.search import fold


@dataclass(frozen=True)
class Column:
    rendering_id: int
    label: str  # the rendering's name (``khaddam_align.naming``), e.g. "Daily Courier (English)"
    language: str

    @property
    def header(self) -> str:
        """Column title: the rendering's name."""
        return self.label

    @property
    def rtl(self) -> bool:
        return self.language in {"ar", "fa", "ur", "he"}


@dataclass(frozen=True)
class ViewSpec:
    """The alignment shown: ``alignment_id`` gives columns 0 and 1; ``extra`` alignments add or annotate."""

    alignment_id: int
    columns: tuple[Column, ...]
    third_alignment_id: int | None = None  # columns[0] ↔ columns[2]
    cross_alignment_id: int | None = None  # columns[1] ↔ columns[2] (divergences only)


@dataclass(frozen=True)
class DivInfo:
    id: int
    alignment_id: int
    type: str
    severity: float
    description: str
    verdict: str
    note: str
    version: int = 1
    pair: str = ""  # "Daily Courier (English) ↔ Weekly Review (English)"
    origin: str = "detected"  # or "reviewer"
    created_by: str = ""
    a_spans: tuple[tuple[int, int], ...] = ()
    b_spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class CellData:
    text: str
    segment_ids: tuple[int, ...] = ()
    marks: tuple[DiffMark, ...] = ()
    note: str = ""  # shown in an empty cell instead of "not in this rendering"
    offsets: tuple[tuple[int, int], ...] = ()  # each segment's [start, end) in the rendering's text

    def local(self, start: int, end: int) -> tuple[int, int] | None:
        """A span of the rendering's text as offsets into this cell's text (None: not in this cell)."""
        pos = 0
        lo = hi = None
        for a, b in self.offsets:
            if start < b and end > a:
                s0, e0 = max(start, a) - a + pos, min(end, b) - a + pos
                lo = s0 if lo is None else lo
                hi = e0
            pos += b - a + 1
        return (lo, hi) if lo is not None and hi is not None and hi > lo else None


@dataclass(frozen=True)
class RowData:
    link_id: int
    position: int
    score: float
    status: str
    note: str
    cells: tuple[CellData, ...]
    divergences: tuple[DivInfo, ...] = ()
    version: int = 1

    @property
    def unmatched(self) -> bool:
        return not self.cells[0].text or not self.cells[1].text

    @property
    def low(self) -> bool:
        return is_low(self.score, self.status)


def _columns(renderings: Sequence[Rendering]) -> tuple[Column, ...]:
    """Columns named by ``khaddam_align.naming``: the first is the original when the others differ in language."""
    return tuple(Column(r.id, name, r.language) for r, name in zip(renderings, view_names(renderings), strict=True))


def view_for_alignment(ws: Workspace, alignment_id: int) -> ViewSpec:
    """Two columns: the alignment's two renderings."""
    with ws.session() as s:
        al = s.get(Alignment, alignment_id)
        if al is None:
            raise LookupError(f"alignment {alignment_id}")
        cols = _columns([al.a, al.b])
    return ViewSpec(alignment_id, cols)


def view_for_three(ws: Workspace, ar_en_a: int, ar_en_b: int, en_a_en_b: int | None = None) -> ViewSpec:
    """Three columns: the original | its first rendering | its second rendering."""
    with ws.session() as s:
        p, t = s.get(Alignment, ar_en_a), s.get(Alignment, ar_en_b)
        if p is None or t is None:
            raise LookupError("alignment")
        cols = _columns([p.a, p.b, t.b])
    return ViewSpec(ar_en_a, cols, ar_en_b, en_a_en_b)


def pair_columns(view: ViewSpec) -> dict[int, tuple[int, int]]:
    """Alignment id → the two column indexes its sides are shown in."""
    out = {view.alignment_id: (0, 1)}
    if view.third_alignment_id is not None:
        out[view.third_alignment_id] = (0, 2)
    if view.cross_alignment_id is not None:
        out[view.cross_alignment_id] = (1, 2)
    return out


def pair_names(view: ViewSpec) -> dict[int, str]:
    """Alignment id → "first name ↔ second name" for the view's alignments."""
    c = view.columns
    out = {view.alignment_id: f"{c[0].label} ↔ {c[1].label}"}
    if view.third_alignment_id is not None and len(c) > 2:
        out[view.third_alignment_id] = f"{c[0].label} ↔ {c[2].label}"
    if view.cross_alignment_id is not None and len(c) > 2:
        out[view.cross_alignment_id] = f"{c[1].label} ↔ {c[2].label}"
    return out


@dataclass
class RowSource:
    """Row ids of the primary alignment in order, and rows fetched by id."""

    ws: Workspace
    view: ViewSpec
    _texts: dict[int, str] = field(default_factory=dict)
    _pivot: dict[int, dict[int, list[int]]] | None = None  # alignment id → primary link id → its link ids
    _joined: dict[int, int] = field(default_factory=dict)  # primary row → the row its third cell is rendered in
    # the app reads on its worker thread while the GUI thread paints: the pivot cache is built under a lock
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def link_ids(self) -> list[int]:
        with self.ws.session() as s:
            return list(
                s.scalars(select(Link.id).where(Link.alignment_id == self.view.alignment_id).order_by(Link.position))
            )

    def invalidate(self) -> None:
        with self._lock:
            self._pivot = None

    def text(self, rendering_id: int) -> str:
        if rendering_id not in self._texts:
            with self.ws.session() as s:
                self._texts[rendering_id] = s.scalar(select(Rendering.text).where(Rendering.id == rendering_id)) or ""
        return self._texts[rendering_id]

    # -- mapping the extra alignments onto primary rows ------------------------------
    def _extra(self) -> list[tuple[int, int, str]]:
        """(alignment id, primary column index shared, that alignment's side for it)."""
        out = []
        if self.view.third_alignment_id is not None:
            out.append((self.view.third_alignment_id, 0, "a"))
        if self.view.cross_alignment_id is not None:
            out.append((self.view.cross_alignment_id, 1, "a"))
        return out

    def pivot(self) -> dict[int, dict[int, list[int]]]:
        """For each extra alignment: primary link id → the extra links shown in that row."""
        with self._lock:
            if self._pivot is None:
                self._pivot, self._joined = self._build_pivot()
            return self._pivot

    def _build_pivot(self) -> tuple[dict[int, dict[int, list[int]]], dict[int, int]]:
        pivot: dict[int, dict[int, list[int]]] = {}
        joined: dict[int, int] = {}
        with self.ws.session() as s:
            for aid, column, side in self._extra():
                primary_side = "a" if column == 0 else "b"
                owner = dict(
                    s.execute(
                        select(LinkSegment.segment_id, LinkSegment.link_id)
                        .join(Link, Link.id == LinkSegment.link_id)
                        .where(Link.alignment_id == self.view.alignment_id, LinkSegment.side == primary_side)
                    ).all()
                )
                links = s.scalars(select(Link.id).where(Link.alignment_id == aid).order_by(Link.position)).all()
                members: dict[int, list[int]] = {}
                for link_id, seg_id in s.execute(
                    select(LinkSegment.link_id, LinkSegment.segment_id)
                    .join(Link, Link.id == LinkSegment.link_id)
                    .where(Link.alignment_id == aid, LinkSegment.side == side)
                    .order_by(LinkSegment.segment_position)
                ):
                    members.setdefault(link_id, []).append(seg_id)
                first_row = s.scalar(
                    select(Link.id).where(Link.alignment_id == self.view.alignment_id).order_by(Link.position).limit(1)
                )
                mapping: dict[int, list[int]] = {}
                current = first_row
                for link_id in links:
                    rows_here = [owner[x] for x in members.get(link_id, []) if x in owner]
                    if rows_here:
                        current = rows_here[0]
                    if rows_here and aid == self.view.third_alignment_id:
                        # the other rows this link's shared side spans are rendered together with the first
                        joined.update({r: rows_here[0] for r in rows_here[1:] if r != rows_here[0]})
                    if current is not None:
                        mapping.setdefault(current, []).append(link_id)
                pivot[aid] = mapping
        return pivot, joined

    # -- rows ---------------------------------------------------------------------
    def fetch(self, link_ids: Sequence[int]) -> dict[int, RowData]:
        """Rows for these link ids (of the primary alignment), in one go."""
        if not link_ids:
            return {}
        cols = self.view.columns
        pivot = self.pivot() if self._extra() else {}
        third = pivot.get(self.view.third_alignment_id or -1, {})
        with self.ws.session() as s:
            links = {
                i: (p, sc, st, n, v)
                for (i, p, sc, st, n, v) in s.execute(
                    select(Link.id, Link.position, Link.score, Link.status, Link.note, Link.version)
                    .where(Link.id.in_(link_ids))
                )
            }
            extra_ids = [x for i in link_ids for x in third.get(i, [])]
            members = s.execute(
                select(LinkSegment.link_id, LinkSegment.side, Segment.id, Segment.start, Segment.end)
                .join(Segment, Segment.id == LinkSegment.segment_id)
                .where(LinkSegment.link_id.in_([*link_ids, *extra_ids]))
                .order_by(LinkSegment.segment_position)
            ).all()
            div_links: dict[int, int] = {i: i for i in link_ids}
            for mapping in pivot.values():
                for row_id in link_ids:
                    for x in mapping.get(row_id, []):
                        div_links[x] = row_id
            divs = s.execute(
                select(Divergence).where(Divergence.link_id.in_(list(div_links)), Divergence.stale.is_(False))
            ).scalars().all()
            div_by_row: dict[int, list[DivInfo]] = {}
            names = pair_names(self.view)
            for d in divs:
                assert d.link_id is not None
                div_by_row.setdefault(div_links[d.link_id], []).append(div_info(d, names))
        spans: dict[tuple[int, str], list[tuple[int, int, int]]] = {}
        for link_id, side, seg_id, start, end in members:
            spans.setdefault((link_id, side), []).append((seg_id, start, end))

        def cell(column: Column, parts: Iterable[tuple[int, int, int]]) -> CellData:
            text = self.text(column.rendering_id)
            items = list(parts)
            return CellData(" ".join(text[a:b] for (_i, a, b) in items), tuple(i for (i, _a, _b) in items),
                            offsets=tuple((a, b) for (_i, a, b) in items))

        out: dict[int, RowData] = {}
        for i in link_ids:
            if i not in links:
                continue
            pos, score, status, note, version = links[i]
            cells = [cell(cols[0], spans.get((i, "a"), [])), cell(cols[1], spans.get((i, "b"), []))]
            if len(cols) > 2:
                third_cell = cell(cols[2], [p for x in third.get(i, []) for p in spans.get((x, "b"), [])])
                if not third_cell.text and i in self._joined:
                    third_cell = CellData("", (), (), note="↑ rendered together with the row above")
                cells.append(third_cell)
            cells = _with_diff(cols, cells)
            out[i] = RowData(i, pos, score, LinkStatus(status).value, note, tuple(cells),
                             tuple(sorted(div_by_row.get(i, []), key=lambda d: (d.pair, -d.severity))), version)
        return out

    # -- filters and search ---------------------------------------------------------
    def filtered(self, *, divergent: bool = False, unconfirmed: bool = False, low: bool = False,
                 unmatched: bool = False) -> list[int]:
        """Row ids passing every chosen filter, in order."""
        ids = self.link_ids()
        if not (divergent or unconfirmed or low or unmatched):
            return ids
        keep = set(ids)
        with self.ws.session() as s:
            aid = self.view.alignment_id
            if unconfirmed:
                keep &= set(s.scalars(select(Link.id).where(Link.alignment_id == aid, Link.status != LinkStatus.CONFIRMED)))
            if low:
                keep &= set(s.scalars(select(Link.id).where(Link.alignment_id == aid, Link.score < LOW_CONFIDENCE,
                                                              Link.status != LinkStatus.CONFIRMED)))
            if unmatched:
                keep &= set(
                    s.scalars(
                        select(LinkSegment.link_id)
                        .join(Link, Link.id == LinkSegment.link_id)
                        .where(Link.alignment_id == aid)
                        .group_by(LinkSegment.link_id)
                        .having(func.count(func.distinct(LinkSegment.side)) == 1)
                    )
                )
            if divergent:
                keep &= self.divergent_rows()
        return [i for i in ids if i in keep]

    def divergent_rows(self) -> set[int]:
        """Rows with a (current) divergence in any of the view's alignments."""
        with self.ws.session() as session:
            rows = set(
                session.scalars(
                    select(Divergence.link_id).where(Divergence.alignment_id == self.view.alignment_id,
                                                     Divergence.stale.is_(False))
                )
            )
            others = session.execute(
                select(Divergence.alignment_id, Divergence.link_id).where(
                    Divergence.alignment_id.in_([a for (a, _c, _s) in self._extra()]), Divergence.stale.is_(False))
            ).all()
        row_of = self.extra_row_of()
        rows.update(row_of[(aid, link_id)] for aid, link_id in others if link_id is not None and (aid, link_id) in row_of)
        return {r for r in rows if r is not None}

    def extra_row_of(self) -> dict[tuple[int, int], int]:
        """(extra alignment id, its link id) → the primary row it is shown in."""
        if not self._extra():
            return {}
        return {(aid, x): row for aid, mapping in self.pivot().items() for row, xs in mapping.items() for x in xs}

    def search(self, query: str) -> list[int]:
        """Rows whose text (any column) contains ``query``, folded (see ``khaddam_align.views.search.fold``)."""
        needle = fold(query).strip()
        if not needle:
            return []
        hits: set[int] = set()
        cols = self.view.columns
        with self.ws.session() as s:
            for k, col in enumerate(cols):
                text = self.text(col.rendering_id)
                segs = s.execute(
                    select(Segment.id, Segment.start, Segment.end).where(Segment.rendering_id == col.rendering_id)
                ).all()
                found = {i for (i, a, b) in segs if needle in fold(text[a:b])}
                if not found:
                    continue
                aid = self.view.third_alignment_id if k == 2 else self.view.alignment_id
                side = "b" if k >= 1 else "a"
                owners = s.execute(
                    select(LinkSegment.link_id)
                    .join(Link, Link.id == LinkSegment.link_id)
                    .where(Link.alignment_id == aid, LinkSegment.side == side, LinkSegment.segment_id.in_(found))
                ).scalars().all()
                if k == 2:
                    row_of = self.extra_row_of()
                    owners = [row_of[(aid or -1, x)] for x in owners if (aid or -1, x) in row_of]
                hits.update(owners)
        return [i for i in self.link_ids() if i in hits]

    def navigation(self) -> list[tuple[int, bool, bool, bool]]:
        """Per row in order: id, diverges, low confidence (and not confirmed), unconfirmed."""
        div = self.divergent_rows()
        with self.ws.session() as s:
            rows = s.execute(
                select(Link.id, Link.score, Link.status).where(Link.alignment_id == self.view.alignment_id)
                .order_by(Link.position)
            ).all()
        return [
            (i, i in div, is_low(sc, st), st != LinkStatus.CONFIRMED)
            for (i, sc, st) in rows
        ]


def div_info(d: Divergence, names: dict[int, str]) -> DivInfo:
    """A stored divergence as the grid and the detail pane show it (sides named, never "A"/"B")."""
    pair = names.get(d.alignment_id, "")
    sides = pair.split(" ↔ ") if pair else []
    description = name_sides(d.description, sides[0], sides[1]) if len(sides) == 2 else d.description
    return DivInfo(
        d.id, d.alignment_id, d.type, d.severity, description, Verdict(d.verdict).value, d.note, d.version,
        names.get(d.alignment_id, ""), d.origin or "detected", d.created_by or "",
        tuple((int(a), int(b)) for a, b in d.a_spans or []), tuple((int(a), int(b)) for a, b in d.b_spans or []),
    )


def _with_diff(cols: Sequence[Column], cells: list[CellData]) -> list[CellData]:
    """Word-diff marks between the two English columns of a row (if it has two)."""
    english = [k for k, c in enumerate(cols) if c.language == "en"]
    if len(english) < 2:
        return cells
    i, j = english[-2], english[-1]
    if not cells[i].text or not cells[j].text:
        return cells
    ma, mb = word_diff(cells[i].text, cells[j].text)
    out = list(cells)
    out[i] = replace(cells[i], marks=tuple(ma))
    out[j] = replace(cells[j], marks=tuple(mb))
    return out
