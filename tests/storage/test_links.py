"""Links get their ids from the database, so every writer can interleave (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select

from khaddam_align.align.service import align_renderings
from khaddam_align.ops import store_alignment
from khaddam_align.storage import Link, LinkSegment, Rendering, Segment, Workspace
from khaddam_align.storage.links import NewLink, insert_links
from khaddam_align.storage.models import Alignment

SENTENCES = ["Khaddam met Khatami in Tehran.", "They spoke about Iraq.", "The talks lasted two hours."]


def _rendering(ws: Workspace, sha: str) -> int:
    text = " ".join(SENTENCES)
    with ws.transaction() as s:
        r = Rendering(language="en", sha256=sha * 64, text=text)
        pos = 0
        for i, sentence in enumerate(SENTENCES):
            start = text.index(sentence, pos)
            r.segments.append(Segment(position=i, start=start, end=start + len(sentence)))
            pos = start + len(sentence)
        s.add(r)
        s.flush()
        return r.id


def test_writers_interleave_without_id_clashes(any_ws: Workspace) -> None:
    a, b = _rendering(any_ws, "a"), _rendering(any_ws, "b")
    first = store_alignment(any_ws, a, b, [([i], [i], 0.9) for i in range(3)])
    second = align_renderings(any_ws, a, b)
    third = store_alignment(any_ws, a, b, [([0, 1], [0], 0.5), ([2], [1, 2], 0.4)])
    with any_ws.session() as s:
        ids = s.scalars(select(Link.id)).all()
        assert len(ids) == len(set(ids))
        for alignment_id, expected in ((first, 3), (third, 2)):
            assert s.scalar(select(Alignment).where(Alignment.id == alignment_id)) is not None
            links = s.scalars(select(Link).where(Link.alignment_id == alignment_id).order_by(Link.position)).all()
            assert len(links) == expected
        covered = s.scalars(
            select(LinkSegment.segment_position).join(Link).where(Link.alignment_id == second)
        ).all()
        assert sorted(covered) == [0, 0, 1, 1, 2, 2]  # every segment of both sides exactly once


def test_insert_links_positions_and_members(ws: Workspace) -> None:
    a, b = _rendering(ws, "c"), _rendering(ws, "d")
    with ws.transaction() as s:
        al = Alignment(a_id=a, b_id=b, method="manual")
        s.add(al)
        s.flush()
        seg = {(g.rendering_id, g.position): g.id for g in s.scalars(select(Segment))}
        ids = insert_links(
            s,
            al.id,
            [NewLink(a=[(seg[(a, 0)], 0)], b=[], score=1.7), NewLink(a=[], b=[(seg[(b, 0)], 0)], score=-1)],
            first_position=5,
        )
    with ws.session() as s:
        links = [s.get(Link, i) for i in ids]
        assert [(lk.position, lk.score) for lk in links if lk] == [(5, 1.0), (6, 0.0)]
        assert [m.side for lk in links if lk for m in lk.members] == ["a", "b"]


def test_edits_undo_and_new_alignments_share_the_id_space(any_ws: Workspace) -> None:
    from khaddam_align.ops import History, split_link

    a, b = _rendering(any_ws, "e"), _rendering(any_ws, "f")
    first = store_alignment(any_ws, a, b, [([0, 1], [0, 1], 0.9), ([2], [2], 0.9)])
    with any_ws.session() as s:
        link_id = s.scalars(select(Link.id).where(Link.alignment_id == first, Link.position == 0)).one()
    history = History(any_ws)
    split_link(any_ws, link_id, history=history)  # plans a new link row with its own id
    align_renderings(any_ws, a, b)  # ids from the database's own allocator
    history.undo()
    history.redo()
    split_link(any_ws, link_id, history=history)
    with any_ws.session() as s:
        ids = s.scalars(select(Link.id)).all()
        assert len(ids) == len(set(ids))
        assert len(s.scalars(select(Link).where(Link.alignment_id == first)).all()) == 4
