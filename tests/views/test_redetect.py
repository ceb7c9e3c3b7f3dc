"""Realign re-detects divergences on the links it changed and anchors each to the link that holds
its evidence (not to the first realigned row)."""

from __future__ import annotations

from sqlalchemy import select

from khaddam_align import ops
from khaddam_align.diverge.service import redetect_links
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Divergence, Link
from tests.ui.test_divergence_panel import add_div, offset
from tests.ui.ui_fixtures import ENGLISH_A, ENGLISH_B, build_trio


def positions(ws: Workspace, aid: int) -> dict[int, int]:
    """divergence id → the position of its link."""
    with ws.session() as s:
        pos = dict(s.execute(select(Link.id, Link.position).where(Link.alignment_id == aid)).all())
        return {d.id: pos.get(d.link_id, -1) for d in s.scalars(select(Divergence).where(Divergence.alignment_id == aid))}


def test_realign_then_redetect_anchors_each_divergence_on_its_evidence(ws: Workspace) -> None:
    trio = build_trio(ws)
    entity = add_div(ws, trio.a_b, 2, "entity", 0.95, a=offset(ENGLISH_A, 2, "Cairo"),
                     b=offset(ENGLISH_B, 2, "Amman"), key="manual-entity")
    hours = add_div(ws, trio.a_b, 4, "meaning", 0.3, a=offset(ENGLISH_A, 3, "meeting"),
                    b=offset(ENGLISH_B, 4, "talks"), key="manual-hours")
    with ws.session() as s:
        first = s.scalars(select(Link.id).where(Link.alignment_id == trio.a_b, Link.position == 0)).one()
        before = set(s.scalars(select(Link.id).where(Link.alignment_id == trio.a_b)))
    ops.realign_below(ws, first, aligner=ops.by_length)
    with ws.session() as s:
        after = set(s.scalars(select(Link.id).where(Link.alignment_id == trio.a_b)))
    made = after - before
    assert made
    moved = positions(ws, trio.a_b)
    assert moved[entity] != moved[hours]  # the realign itself re-anchors each on its evidence (ops.realign)
    summary = redetect_links(ws, trio.a_b, made)
    assert summary.found > 0
    where = positions(ws, trio.a_b)
    with ws.session() as s:
        links = {link.position: link.id for link in s.scalars(select(Link).where(Link.alignment_id == trio.a_b))}
        rows = {p: [m.segment_position for m in s.get(Link, i).members if m.side == "b"]  # type: ignore[union-attr]
                for p, i in links.items()}
    assert 2 in rows[where[entity]]  # the row holding "Amman" (second paper's sentence 3)
    assert 4 in rows[where[hours]]  # the row holding "The talks lasted two hours."
    # the detector's own finding on the number lands on the row with 2,500 / 250
    with ws.session() as s:
        number = [d for d in s.scalars(select(Divergence).where(Divergence.alignment_id == trio.a_b,
                                                               Divergence.type == "number",
                                                               Divergence.stale.is_(False)))]
    assert number
    assert all(1 in rows[where[d.id]] for d in number)
