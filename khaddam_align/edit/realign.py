"""Realign the rows below a point, or between two confirmed anchors, as one undoable edit.

Confirmed links stay as they are; every run of unconfirmed links between them
is recomputed from its segments. The aligner's pure step function is used
(``khaddam_align.align.align_texts``); ``length_align`` (``by_length``) is a small
length-based (Gale–Church style) fallback, also handy in tests.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from sqlalchemy import select

from khaddam_align.edit.change import Draft, Row
from khaddam_align.edit.history import Changes, EditError, History, run_edit
from khaddam_align.progress import Progress, report
from khaddam_align.storage.db import Workspace
from khaddam_align.storage.models import Alignment, Link, LinkStatus, Rendering, Segment

Bead = tuple[list[int], list[int], float]  # A indices, B indices, confidence
Piece = tuple[str, str, int]  # a segment's text, kind, paragraph number
Aligner = Callable[[Sequence[Piece], Sequence[Piece]], list[Bead]]

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


def _default_aligner(method: str, a_language: str, b_language: str) -> Aligner:
    """The full aligner (``khaddam_align.align``) with the alignment's method, as the aligner's realign does."""
    from khaddam_align.align import SideInput, align_texts

    chosen = method if method in {"lexical", "length", "semantic"} else "auto"

    def run(a: Sequence[Piece], b: Sequence[Piece]) -> list[Bead]:
        sides = [
            SideInput([p[0] for p in side], lang, [p[1] for p in side], [p[2] for p in side])
            for side, lang in ((a, a_language), (b, b_language))
        ]
        links = align_texts(sides[0], sides[1], method=chosen)
        return [(list(x.a), list(x.b), x.score) for x in links]

    return run


def _runs(links: list[Row]) -> list[list[Row]]:
    """Maximal runs of consecutive non-confirmed links."""
    runs: list[list[Row]] = []
    current: list[Row] = []
    for link in links:
        if link["status"] == LinkStatus.CONFIRMED:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(link)
    if current:
        runs.append(current)
    return runs


def _realign(
    ws: Workspace,
    link_id: int,
    label: str,
    *,
    between: bool,
    history: History | None,
    progress: Progress | None,
    aligner: Aligner | None,
) -> Changes:
    def plan(d: Draft) -> int:
        here = d.session.get(Link, link_id)
        if here is None:
            raise EditError(f"Row (link {link_id}) no longer exists.", hint="Reload the alignment.")
        aid, pos = here.alignment_id, here.position
        d.alignment_ids.add(aid)
        ids_positions = d.session.execute(
            select(Link.id, Link.position, Link.status)
            .where(Link.alignment_id == aid)
            .order_by(Link.position)
        ).all()
        start, end = pos, len(ids_positions)
        if between:
            above = [p for (_i, p, st) in ids_positions if p < pos and st == LinkStatus.CONFIRMED]
            below = [p for (_i, p, st) in ids_positions if p > pos and st == LinkStatus.CONFIRMED]
            start = above[-1] + 1 if above else 0
            end = below[0] if below else len(ids_positions)
        links = [d.row("link", i) for (i, p, _s) in ids_positions if start <= p < end]
        alignment = d.session.get(Alignment, aid)
        assert alignment is not None
        texts = {
            r.id: r.text
            for r in d.session.scalars(
                select(Rendering).where(Rendering.id.in_([alignment.a_id, alignment.b_id]))
            )
        }
        langs = dict(
            d.session.execute(
                select(Rendering.id, Rendering.language).where(
                    Rendering.id.in_([alignment.a_id, alignment.b_id])
                )
            ).all()
        )
        align = aligner or _default_aligner(alignment.method, langs[alignment.a_id], langs[alignment.b_id])
        runs = _runs(links)
        if not runs:
            raise EditError("Every row here is confirmed: there is nothing to realign.")
        replaced: dict[int, list[Row]] = {}
        for k, run in enumerate(runs):
            report(progress, k / len(runs), "Realigning")
            members = [m for link in run for m in d.members(link["id"])]
            side_a = sorted(
                (m for m in members if m["side"] == "a"), key=lambda m: m["segment_position"]
            )
            side_b = sorted(
                (m for m in members if m["side"] == "b"), key=lambda m: m["segment_position"]
            )
            piece = _pieces(d, [m["segment_id"] for m in side_a + side_b], texts)
            beads = align(
                [piece[m["segment_id"]] for m in side_a],
                [piece[m["segment_id"]] for m in side_b],
            )
            new_links: list[Row] = []
            for ai, bi, score in beads:
                link = d.new(
                    "link",
                    alignment_id=aid,
                    position=-1,
                    score=float(score),
                    status=LinkStatus.AUTO,
                    note="realigned",
                )
                for m in [side_a[i] for i in ai] + [side_b[j] for j in bi]:
                    m["link_id"] = link["id"]
                new_links.append(link)
            for old in run:
                d.repoint_divergences(old["id"], new_links[0]["id"] if new_links else None)
                d.delete("link", old["id"])
            replaced[run[0]["id"]] = new_links
        position = start
        first_new: int | None = None
        for link in links:
            if link["status"] == LinkStatus.CONFIRMED:
                link["position"] = position
                position += 1
            elif link["id"] in replaced:
                for new in replaced[link["id"]]:
                    new["position"] = position
                    position += 1
                    first_new = first_new if first_new is not None else new["id"]
        d.shift("link", aid, end, position - end)
        report(progress, 1.0, "Realigned")
        return first_new if first_new is not None else link_id

    return run_edit(
        ws, label, plan, history=history, action="link.realign", entity="link", entity_id=link_id
    )


def _pieces(d: Draft, segment_ids: list[int], texts: dict[int, str]) -> dict[int, Piece]:
    rows = d.session.execute(
        select(Segment.id, Segment.rendering_id, Segment.start, Segment.end, Segment.kind, Segment.paragraph)
        .where(Segment.id.in_(segment_ids))
    ).all()
    return {i: (texts[r][s:e], str(kind.value), para) for (i, r, s, e, kind, para) in rows}


def realign_below(
    ws: Workspace,
    link_id: int,
    *,
    history: History | None = None,
    progress: Progress | None = None,
    aligner: Aligner | None = None,
) -> Changes:
    """Recompute every unconfirmed row from this one to the end; confirmed rows stay as anchors."""
    return _realign(
        ws,
        link_id,
        "Realign rows below",
        between=False,
        history=history,
        progress=progress,
        aligner=aligner,
    )


def realign_between(
    ws: Workspace,
    link_id: int,
    *,
    history: History | None = None,
    progress: Progress | None = None,
    aligner: Aligner | None = None,
) -> Changes:
    """Recompute the unconfirmed rows between the confirmed rows above and below this one."""
    return _realign(
        ws,
        link_id,
        "Realign between anchors",
        between=True,
        history=history,
        progress=progress,
        aligner=aligner,
    )
