"""Bulk link writes: ids allocated at once stay unique after deletions, members follow their link."""

from __future__ import annotations

from sqlalchemy import delete, select

from khaddam_align.storage import Link, LinkSegment, Rendering, Segment, Workspace
from khaddam_align.storage.links import NewLink, insert_links
from khaddam_align.storage.models import Alignment, LinkStatus


def _rendering(ws: Workspace, sha: str, count: int) -> list[int]:
    text = " ".join(f"Sentence {k}." for k in range(count))
    with ws.transaction() as s:
        r = Rendering(language="en", sha256=sha * 64, text=text)
        for k in range(count):
            start = text.index(f"Sentence {k}.")
            r.segments.append(Segment(position=k, start=start, end=start + len(f"Sentence {k}.")))
        s.add(r)
        s.flush()
        return [g.id for g in sorted(r.segments, key=lambda g: g.position)]


def _write(ws: Workspace, a: list[int], b: list[int], links: list[NewLink]) -> tuple[int, list[int]]:
    with ws.transaction() as s:
        a_id = s.scalars(select(Segment.rendering_id).where(Segment.id == a[0])).one()
        b_id = s.scalars(select(Segment.rendering_id).where(Segment.id == b[0])).one()
        al = Alignment(a_id=a_id, b_id=b_id, method="manual")
        s.add(al)
        s.flush()
        return al.id, insert_links(s, al.id, links)


def test_ids_are_unique_after_deletions_and_members_follow(any_ws: Workspace) -> None:
    a, b = _rendering(any_ws, "a", 300), _rendering(any_ws, "b", 300)
    one_to_one = [NewLink(a=[(a[k], k)], b=[(b[k], k)], score=0.8) for k in range(300)]
    first_alignment, first = _write(any_ws, a, b, one_to_one)
    with any_ws.transaction() as s:  # the newest links go: their ids must not come back wrongly
        s.execute(delete(Link).where(Link.id.in_(first[-50:])))
    mixed = [
        NewLink(a=[(a[0], 0), (a[1], 1)], b=[(b[0], 0)], score=1.4, status=LinkStatus.CONFIRMED, note="merged"),
        NewLink(a=[], b=[(b[1], 1)], score=-0.2),
        *[NewLink(a=[(a[k], k)], b=[(b[k], k)], score=0.5) for k in range(2, 300)],
    ]
    second_alignment, second = _write(any_ws, a, b, mixed)
    assert len(set(second)) == len(second) == len(mixed)
    assert not set(second) & set(first[:-50])
    with any_ws.session() as s:
        rows = s.execute(
            select(Link.id, Link.position, Link.score, Link.status, Link.note)
            .where(Link.alignment_id == second_alignment)
            .order_by(Link.position)
        ).all()
        assert [r[0] for r in rows] == second
        assert rows[0][1:] == (0, 1.0, LinkStatus.CONFIRMED, "merged")
        assert rows[1][2] == 0.0  # clamped into [0, 1]
        members = s.execute(
            select(LinkSegment.link_id, LinkSegment.side, LinkSegment.segment_position).where(
                LinkSegment.link_id.in_(second[:3])
            )
        ).all()
        assert sorted(members) == sorted(
            [(second[0], "a", 0), (second[0], "a", 1), (second[0], "b", 0), (second[1], "b", 1),
             (second[2], "a", 2), (second[2], "b", 2)]
        )
        assert s.scalar(select(Link.id).where(Link.alignment_id == first_alignment).order_by(Link.id.desc())) == first[-51]
