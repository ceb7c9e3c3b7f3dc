"""Realign: recompute the unconfirmed rows of an alignment — the one path for the CLI and the app.

Confirmed links stay as they are and act as anchors; every run of other links
(inside the chosen range) is aligned again from its segments. The computation
runs outside any transaction on a snapshot of the alignment; the write then
locks the alignment and checks its version. If anyone changed the alignment
meanwhile (e.g. confirmed a row), the snapshot is taken again and the runs are
recomputed around the new confirmations; after ``attempts`` tries it refuses
with ``ConflictError`` and writes nothing. A confirmation made while realign
computed is never lost.

``length_align`` (``by_length``) is a small length-based (Gale–Church style)
aligner, handy in tests; the default is the full aligner
(``khaddam_align.align.align_texts``) with the alignment's method and settings.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from khaddam_align.errors import NotFound
from khaddam_align.ops.actions import Action
from khaddam_align.ops.change import Draft, Row
from khaddam_align.ops.conflict import conflict
from khaddam_align.ops.core import OpChanges
from khaddam_align.ops.history import EditError, History, run_edit
from khaddam_align.progress import Progress, report
from khaddam_align.storage.db import Workspace
from khaddam_align.storage.models import (
    Alignment,
    Divergence,
    Link,
    LinkSegment,
    LinkStatus,
    Rendering,
    Segment,
)

Bead = tuple[list[int], list[int], float]  # A indices, B indices, confidence
Piece = tuple[str, str, int]  # a segment's text, kind, paragraph number
Aligner = Callable[[Sequence[Piece], Sequence[Piece]], Sequence[Sequence[object]]]  # beads, maybe with a note

_BEADS: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.0),
    (1, 0, 4.5),
    (0, 1, 4.5),
    (2, 1, 2.3),
    (1, 2, 2.3),
    (2, 2, 3.5),
)


def length_align(a: Sequence[str], b: Sequence[str]) -> list[Bead]:
    """Align two sentence lists by length alone (a fallback; O(len(a) * len(b)))."""
    la, lb = [len(x) + 1 for x in a], [len(x) + 1 for x in b]
    ratio = (sum(lb) / sum(la)) if la and lb else 1.0
    n, m = len(a), len(b)
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float]]] = [[(0, 0, 0.0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for da, db, penalty in _BEADS:
                ii, jj = i + da, j + db
                if ii > n or jj > m:
                    continue
                sa, sb = sum(la[i:ii]) * ratio, sum(lb[j:jj])
                step = abs(sa - sb) / math.sqrt((sa + sb) / 2 + 1) + penalty
                if cost[i][j] + step < cost[ii][jj]:
                    cost[ii][jj] = cost[i][j] + step
                    back[ii][jj] = (da, db, step)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        da, db, step = back[i][j]
        beads.append(
            (list(range(i - da, i)), list(range(j - db, j)), round(math.exp(-step / 3), 3))
        )
        i, j = i - da, j - db
    beads.reverse()
    return beads


def by_length(a: Sequence[Piece], b: Sequence[Piece]) -> list[Bead]:
    """``length_align`` as an ``Aligner``."""
    return length_align([p[0] for p in a], [p[0] for p in b])


def _default_aligner(method: str, settings: dict[str, object], a_language: str, b_language: str) -> Aligner:
    """The full aligner (``khaddam_align.align``) with the alignment's method and stored settings."""
    from khaddam_align.align import SideInput, align_texts
    from khaddam_align.align.core import AlignSettings

    chosen = method if method in {"lexical", "length", "semantic"} else "auto"
    max_side = settings.get("max_side", 3)
    config = AlignSettings(
        max_side=int(max_side) if isinstance(max_side, int | float | str) else 3,
        semantic_model=str(settings.get("semantic_model", "")),
    )

    def run(a: Sequence[Piece], b: Sequence[Piece]) -> list[tuple[list[int], list[int], float, str]]:
        sides = [
            SideInput([p[0] for p in side], lang, [p[1] for p in side], [p[2] for p in side])
            for side, lang in ((a, a_language), (b, b_language))
        ]
        links = align_texts(sides[0], sides[1], method=chosen, settings=config)
        return [(list(x.a), list(x.b), x.score, x.note) for x in links]

    return run


@dataclass(frozen=True)
class _Snapshot:
    version: int
    start: int  # positions [start, end) are realigned
    end: int
    link_ids: list[int]  # links in the range, in order
    runs: list[list[int]]  # maximal runs of unconfirmed link ids
    beads: dict[int, list[tuple[list[int], list[int], float, str]]]  # first link of a run → its new beads
    spans: dict[tuple[str, int], tuple[int, int]]  # (side, segment position) → offsets in that side's text


class _Changed(Exception):
    """The alignment changed between the snapshot and the write."""


def _range(rows: list[tuple[int, int, LinkStatus]], *, start: int | None, end: int | None,
           link_id: int | None, between: bool) -> tuple[int, int]:
    count = len(rows)
    if link_id is None:
        return (0 if start is None else max(0, start)), (count if end is None else min(count, end))
    here = next((p for (i, p, _s) in rows if i == link_id), None)
    if here is None:
        raise EditError(f"Row (link {link_id}) no longer exists.", hint="Reload the alignment.")
    if not between:
        return here, count
    above = [p for (_i, p, st) in rows if p < here and st == LinkStatus.CONFIRMED]
    below = [p for (_i, p, st) in rows if p > here and st == LinkStatus.CONFIRMED]
    return (above[-1] + 1 if above else 0), (below[0] if below else count)


def _snapshot(
    ws: Workspace, alignment_id: int, *, start: int | None, end: int | None, link_id: int | None, between: bool,
    aligner: Aligner | None, progress: Progress | None,
) -> _Snapshot:
    with ws.session() as s:
        alignment = s.get(Alignment, alignment_id)
        if alignment is None:
            raise NotFound(f"There is no alignment {alignment_id}.", hint="List them with: khaddam-align alignments")
        version, method, settings = alignment.version, alignment.method, dict(alignment.settings or {})
        rows = [(int(i), int(p), LinkStatus(st)) for i, p, st in s.execute(
            select(Link.id, Link.position, Link.status).where(Link.alignment_id == alignment_id).order_by(Link.position)
        )]
        lo, hi = _range(rows, start=start, end=end, link_id=link_id, between=between)
        in_range = [(i, st) for (i, p, st) in rows if lo <= p < hi]
        runs: list[list[int]] = []
        current: list[int] = []
        for i, st in in_range:
            if st == LinkStatus.CONFIRMED:
                if current:
                    runs.append(current)
                current = []
            else:
                current.append(i)
        if current:
            runs.append(current)
        free = [i for run in runs for i in run]
        members = s.execute(
            select(LinkSegment.link_id, LinkSegment.side, LinkSegment.segment_position, Segment.start, Segment.end,
                   Segment.kind, Segment.paragraph, Segment.rendering_id)
            .join(Segment, Segment.id == LinkSegment.segment_id)
            .where(LinkSegment.link_id.in_(free))
        ).all() if free else []
        pair = s.execute(
            select(Rendering.id, Rendering.text, Rendering.language).where(Rendering.id.in_([alignment.a_id, alignment.b_id]))
        ).all()
        texts = {int(r[0]): str(r[1]) for r in pair}
        langs = {int(r[0]): str(r[2]) for r in pair}
        a_lang, b_lang = langs[alignment.a_id], langs[alignment.b_id]
    align = aligner or _default_aligner(method, settings, a_lang, b_lang)
    by_link: dict[int, list[tuple[str, int, Piece]]] = {}
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    for m in members:
        lid, side, pos, lo_, hi_, kind, para, rid = (m[0], m[1], int(m[2]), int(m[3]), int(m[4]), m[5], int(m[6]), int(m[7]))
        spans[(str(getattr(side, "value", side)), pos)] = (lo_, hi_)
        piece: Piece = (texts[rid][lo_:hi_], str(getattr(kind, "value", kind)), para)
        by_link.setdefault(int(lid), []).append((str(getattr(side, "value", side)), pos, piece))
    beads: dict[int, list[tuple[list[int], list[int], float, str]]] = {}
    for k, run in enumerate(runs):
        report(progress, 0.9 * k / max(1, len(runs)), "Realigning")
        pieces = [m for lid in run for m in by_link.get(lid, [])]
        side_a = [m[2] for m in sorted((m for m in pieces if m[0] == "a"), key=lambda m: m[1])]
        side_b = [m[2] for m in sorted((m for m in pieces if m[0] == "b"), key=lambda m: m[1])]
        found = align(side_a, side_b)
        beads[run[0]] = [
            (list(map(int, b[0])), list(map(int, b[1])), float(b[2]), str(b[3]) if len(b) > 3 else "")  # type: ignore[call-overload,arg-type]
            for b in found
        ]
    return _Snapshot(version, lo, hi, [i for i, _st in in_range], runs, beads, spans)


def realign(
    ws: Workspace,
    alignment_id: int,
    *,
    start: int | None = None,
    end: int | None = None,
    link_id: int | None = None,
    between: bool = False,
    expected: int | None = None,
    history: History | None = None,
    progress: Progress | None = None,
    aligner: Aligner | None = None,
    attempts: int = 3,
) -> OpChanges:
    """Recompute the unconfirmed links of an alignment; confirmed links stay as anchors.

    The range is positions ``start <= p < end`` (0-based; default all), or,
    given ``link_id``, from that row to the end (``between``: between the
    confirmed rows around it). ``expected`` is the alignment version the
    caller's screen showed.
    """
    label = "Realign between anchors" if between else ("Realign rows below" if link_id is not None else "Realign")
    for attempt in range(max(1, attempts)):
        snap = _snapshot(ws, alignment_id, start=start, end=end, link_id=link_id, between=between,
                         aligner=aligner, progress=progress)
        if attempt == 0 and expected is not None and snap.version != expected:
            with ws.session() as s:
                raise conflict(s, "alignment", alignment_id, f"Alignment {alignment_id}")
        if not snap.runs:
            if link_id is not None:
                raise EditError("Every row here is confirmed: there is nothing to realign.")
            return OpChanges(label, Action.ALIGNMENT_REALIGN.value, alignment_ids=frozenset({alignment_id}))
        try:
            changes = _write(ws, alignment_id, snap, label=label, history=history, focus=link_id)
        except _Changed:
            continue
        report(progress, 1.0, "Realigned")
        return changes
    with ws.session() as s:
        raise conflict(
            s, "alignment", alignment_id, f"Alignment {alignment_id}", since=f"during each of {attempts} realign attempts",
            hint="Realign again when the other edits are done.",
        )


def _write(ws: Workspace, aid: int, snap: _Snapshot, *, label: str, history: History | None,
           focus: int | None) -> OpChanges:
    def plan(d: Draft) -> int | None:
        now = d.session.scalar(select(Alignment.version).where(Alignment.id == aid))
        if now != snap.version + 1:  # run_edit's lock counted one change
            raise _Changed
        d.alignment_ids.add(aid)
        links = d.rows("link", snap.link_ids)
        grouped = d.members_of([lid for run in snap.runs for lid in run])
        replaced: dict[int, list[Row]] = {}
        old_notes = {int(row["id"]): str(row["note"] or "") for row in links}
        for run in snap.runs:
            members = [m for lid in run for m in grouped[lid]]
            side_a = sorted((m for m in members if m["side"] == "a"), key=lambda m: m["segment_position"])
            side_b = sorted((m for m in members if m["side"] == "b"), key=lambda m: m["segment_position"])
            new_links: list[Row] = []
            heir: dict[int, int] = {}  # old link -> the new link that took its first segment
            held: list[tuple[int, list[tuple[str, int, int]]]] = []  # new link -> (side, start, end) it holds
            for ai, bi, score, note in snap.beads[run[0]]:
                link = d.new("link", alignment_id=aid, position=-1, score=min(1.0, max(0.0, score)),
                             status=LinkStatus.AUTO, note=note)
                notes: list[str] = []
                held.append((int(link["id"]), []))
                for m in [side_a[i] for i in ai] + [side_b[j] for j in bi]:
                    side = str(getattr(m["side"], "value", m["side"]))
                    if (side, int(m["segment_position"])) in snap.spans:
                        held[-1][1].append((side, *snap.spans[(side, int(m["segment_position"]))]))
                    heir.setdefault(int(m["link_id"]), int(link["id"]))
                    kept = old_notes.get(int(m["link_id"]), "")
                    if kept and kept not in notes:
                        notes.append(kept)  # a reviewer's note follows its segments
                    m["link_id"] = link["id"]
                if note and note not in notes:
                    notes.append(note)
                link["note"] = " / ".join(notes)
                new_links.append(link)
            for old in run:
                # A divergence goes to the new row that holds its evidence (else the one that took
                # its old row's first segment), never simply to the first row of the run.
                fallback = heir.get(old, new_links[0]["id"] if new_links else None)
                for div_id, a_spans, b_spans in d.session.execute(
                    select(Divergence.id, Divergence.a_spans, Divergence.b_spans).where(Divergence.link_id == old)
                ).all():
                    d.divergence(int(div_id))["link_id"] = _holder(held, a_spans, b_spans) or fallback
                d.delete("link", old)
            replaced[run[0]] = new_links
        position = snap.start
        first_new: int | None = None
        for link in links:
            if link["id"] in replaced:
                for new in replaced[link["id"]]:
                    new["position"] = position
                    position += 1
                    first_new = first_new if first_new is not None else new["id"]
            elif link["status"] == LinkStatus.CONFIRMED:
                link["position"] = position
                position += 1
        d.shift("link", aid, snap.end, position - snap.end)
        return first_new if first_new is not None else focus

    written = sum(len(b) for b in snap.beads.values())
    return run_edit(
        ws, label, plan, history=history, action=Action.ALIGNMENT_REALIGN, entity="alignment", entity_id=aid,
        alignments=[aid], focus_before=focus, summary=f"realigned rows {snap.start + 1}-{snap.end}: {written} rows",
        start=snap.start, end=snap.end, rows_written=written,
    )


def _holder(held: list[tuple[int, list[tuple[str, int, int]]]], a_spans: object, b_spans: object) -> int | None:
    """The first new link whose segments overlap the divergence's evidence."""
    evidence = [
        (side, int(span[0]), int(span[1]))
        for side, spans in (("a", a_spans), ("b", b_spans)) if isinstance(spans, list)
        for span in spans if isinstance(span, list | tuple) and len(span) == 2
    ]
    for link_id, ranges in held:
        if any(s == side and lo < end and start < hi for side, lo, hi in evidence for s, start, end in ranges):
            return link_id
    return None


def realign_below(
    ws: Workspace, link_id: int, *, history: History | None = None, progress: Progress | None = None,
    aligner: Aligner | None = None,
) -> OpChanges:
    """Recompute every unconfirmed row from this one to the end; confirmed rows stay as anchors."""
    return realign(ws, _alignment_of(ws, link_id), link_id=link_id, history=history, progress=progress,
                   aligner=aligner)


def realign_between(
    ws: Workspace, link_id: int, *, history: History | None = None, progress: Progress | None = None,
    aligner: Aligner | None = None,
) -> OpChanges:
    """Recompute the unconfirmed rows between the confirmed rows above and below this one."""
    return realign(ws, _alignment_of(ws, link_id), link_id=link_id, between=True, history=history,
                   progress=progress, aligner=aligner)


def _alignment_of(ws: Workspace, link_id: int) -> int:
    with ws.session() as s:
        aid = s.scalar(select(Link.alignment_id).where(Link.id == link_id))
    if aid is None:
        raise EditError(f"Row (link {link_id}) no longer exists.", hint="Reload the alignment.")
    return int(aid)
