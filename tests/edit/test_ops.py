from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from khaddam_align import ops
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import (
    AuditEntry,
    Divergence,
    Link,
    LinkSegment,
    LinkStatus,
    Rendering,
    Segment,
)
from tests.edit.edit_fixtures import Aligned, add_rendering


def rows(ws: Workspace, alignment_id: int) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    """The alignment as the user sees it: per row, A positions, B positions, status."""
    with ws.session() as s:
        links = s.scalars(
            select(Link).where(Link.alignment_id == alignment_id).order_by(Link.position)
        ).all()
        out = []
        for link in links:
            a = tuple(m.segment_position for m in link.members if m.side == "a")
            b = tuple(m.segment_position for m in link.members if m.side == "b")
            out.append((a, b, link.status.value))
        return out


def link_ids(ws: Workspace, alignment_id: int) -> list[int]:
    with ws.session() as s:
        return list(
            s.scalars(
                select(Link.id).where(Link.alignment_id == alignment_id).order_by(Link.position)
            )
        )


def check_invariant(ws: Workspace, al: Aligned) -> None:
    """Every segment of each side in exactly one link, in order; positions contiguous; offsets valid."""
    with ws.session() as s:
        positions = list(
            s.scalars(
                select(Link.position)
                .where(Link.alignment_id == al.alignment_id)
                .order_by(Link.position)
            )
        )
        assert positions == list(range(len(positions)))
        for rid, side in ((al.a_id, "a"), (al.b_id, "b")):
            segs = s.execute(
                select(Segment.id, Segment.position, Segment.start, Segment.end)
                .where(Segment.rendering_id == rid)
                .order_by(Segment.position)
            ).all()
            assert [p for (_i, p, _s, _e) in segs] == list(range(len(segs)))
            text = s.scalar(select(Rendering.text).where(Rendering.id == rid))
            assert text is not None
            for _i, _p, start, end in segs:
                assert 0 <= start < end <= len(text)
                assert text[start:end] == text[start:end].strip()
            seq = s.execute(
                select(LinkSegment.segment_id, LinkSegment.segment_position)
                .join(Link, Link.id == LinkSegment.link_id)
                .where(Link.alignment_id == al.alignment_id, LinkSegment.side == side)
                .order_by(Link.position, LinkSegment.segment_position)
            ).all()
            assert [i for (i, _p) in seq] == [i for (i, _p, _s, _e) in segs]
            assert [p for (_i, p) in seq] == list(range(len(segs)))
        for link in s.scalars(select(Link).where(Link.alignment_id == al.alignment_id)):
            assert link.members, f"link {link.id} is empty"


def test_merge_with_next_and_undo_redo(ws: Workspace, aligned: Aligned) -> None:
    h = ops.History(ws)
    start = rows(ws, aligned.alignment_id)
    first = link_ids(ws, aligned.alignment_id)[0]
    ch = ops.merge_with_next(ws, first, history=h)
    assert ch.label == "Merge rows"
    assert ch.focus_link_id == first
    after = rows(ws, aligned.alignment_id)
    assert after[0][:2] == ((0, 1), (0, 1, 2))
    assert len(after) == len(start) - 1
    assert h.undo_label == "Merge rows"
    h.undo()
    assert rows(ws, aligned.alignment_id) == start
    assert link_ids(ws, aligned.alignment_id)[0] == first
    assert h.redo_label == "Merge rows"
    h.redo()
    assert rows(ws, aligned.alignment_id) == after
    check_invariant(ws, aligned)


def test_confirm_is_audited_and_new_action_clears_redo(ws: Workspace, aligned: Aligned) -> None:
    h = ops.History(ws)
    ids = link_ids(ws, aligned.alignment_id)
    ops.confirm_link(ws, ids[1], history=h)
    assert rows(ws, aligned.alignment_id)[1][2] == "confirmed"
    h.undo()
    assert rows(ws, aligned.alignment_id)[1][2] == "auto"
    assert h.can_redo()
    ops.reject_link(ws, ids[2], history=h)
    assert not h.can_redo()
    assert h.undo_label == "Reject link"
    with ws.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-3:] == ["link.confirm", "edit.undo", "link.reject"]


def test_split_row_and_insert_empty_cell(ws: Workspace, aligned: Aligned) -> None:
    h = ops.History(ws)
    ids = link_ids(ws, aligned.alignment_id)
    ops.split_link(ws, ids[1], history=h)  # ([1], [1, 2]) -> ([1], [1]) + ([], [2])
    r = rows(ws, aligned.alignment_id)
    assert r[1][:2] == ((1,), (1,))
    assert r[2][:2] == ((), (2,))
    ops.insert_empty_cell(ws, ids[0], "b", history=h)  # ([0],[0]) -> ([0],[]) + ([],[0])
    r = rows(ws, aligned.alignment_id)
    assert r[0][:2] == ((0,), ())
    assert r[1][:2] == ((), (0,))
    check_invariant(ws, aligned)
    assert h.undo_label == "Insert empty cell"
    h.undo()
    h.undo()
    assert rows(ws, aligned.alignment_id)[1][:2] == ((1,), (1, 2))


def test_shift_and_pop(ws: Workspace, aligned: Aligned) -> None:
    h = ops.History(ws)
    ids = link_ids(ws, aligned.alignment_id)
    ops.move_first_up(ws, ids[1], "b", history=h)  # B1 joins row 0
    r = rows(ws, aligned.alignment_id)
    assert r[0][:2] == ((0,), (0, 1))
    assert r[1][:2] == ((1,), (2,))
    ops.move_last_down(ws, ids[4], "a", history=h)  # A5 moves into the ([], [5]) row
    r = rows(ws, aligned.alignment_id)
    assert r[4][:2] == ((4,), (4,))
    assert r[5][:2] == ((5,), (5,))
    ops.move_first_up(ws, ids[0], "a", history=h)  # first row: a new row above
    assert rows(ws, aligned.alignment_id)[0][:2] == ((0,), ())
    check_invariant(ws, aligned)
    with pytest.raises(ops.EditError):
        ops.move_first_up(ws, ids[3], "b", history=h)  # empty cell


def test_pop_from_the_last_row_makes_a_new_last_row(ws: Workspace, aligned: Aligned) -> None:
    h = ops.History(ws)
    before = rows(ws, aligned.alignment_id)
    last = link_ids(ws, aligned.alignment_id)[-1]
    ops.merge_with_previous(ws, last, history=h)  # the last row now holds two segments of each side
    merged = rows(ws, aligned.alignment_id)
    ops.move_last_down(ws, link_ids(ws, aligned.alignment_id)[-1], "b", history=h)
    after = rows(ws, aligned.alignment_id)
    assert len(after) == len(merged) + 1
    assert after[-1][:2] == ((), merged[-1][1][-1:])  # the popped B segment, alone in a new last row
    check_invariant(ws, aligned)
    h.undo()
    assert rows(ws, aligned.alignment_id) == merged
    h.undo()
    assert rows(ws, aligned.alignment_id) == before


def test_merge_deletes_row_and_keeps_divergence(ws: Workspace, aligned: Aligned) -> None:
    h = ops.History(ws)
    ids = link_ids(ws, aligned.alignment_id)
    with ws.transaction() as s:
        s.add(
            Divergence(
                alignment_id=aligned.alignment_id,
                link_id=ids[3],
                key="k",
                type="omission",
                severity=0.5,
            )
        )
    ops.merge_with_previous(ws, ids[3], history=h)
    with ws.session() as s:
        assert s.scalar(select(Divergence.link_id)) == ids[2]
    h.undo()
    with ws.session() as s:
        assert s.scalar(select(Divergence.link_id)) == ids[3]


def test_split_and_merge_segments(ws: Workspace, aligned: Aligned) -> None:
    h = ops.History(ws)
    with ws.session() as s:
        seg = s.scalars(
            select(Segment).where(Segment.rendering_id == aligned.a_id, Segment.position == 2)
        ).one()
        text = s.get(Rendering, aligned.a_id).text  # type: ignore[union-attr]
    cut = text.index("of A", seg.start)
    ops.split_segment(ws, seg.id, cut, history=h)
    with ws.session() as s:
        parts = s.execute(
            select(Segment.start, Segment.end)
            .where(Segment.rendering_id == aligned.a_id, Segment.position.in_([2, 3]))
            .order_by(Segment.position)
        ).all()
    assert [text[a:b] for a, b in parts] == ["Sentence number 2", "of A here."]
    assert rows(ws, aligned.alignment_id)[2][:2] == ((2, 3), (3,))
    check_invariant(ws, aligned)
    # merge A3 (="of A here.") back, then merge A4 ("... 3 ...", alone in a 1:0 row) into it
    with ws.session() as s:
        sid = s.scalar(
            select(Segment.id).where(Segment.rendering_id == aligned.a_id, Segment.position == 3)
        )
    assert sid is not None
    ops.merge_segment_with_next(ws, sid, history=h)
    r = rows(ws, aligned.alignment_id)
    assert len(r) == 6  # the 1:0 row of A4 vanished
    check_invariant(ws, aligned)
    h.undo()
    h.undo()
    assert rows(ws, aligned.alignment_id)[2][:2] == ((2,), (3,))
    check_invariant(ws, aligned)
    with ws.session() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(Segment)
                .where(Segment.rendering_id == aligned.a_id)
            )
            == 6
        )


def test_realign_keeps_confirmed_anchors(ws: Workspace) -> None:
    a = add_rendering(
        ws,
        [
            "Short one.",
            "A much longer sentence that goes on and on.",
            "Tiny.",
            "Mid sized sentence here.",
        ],
        language="en",
        publisher="A",
    )
    b = add_rendering(
        ws,
        [
            "Short 1.",
            "A much longer sentence, which goes on and on.",
            "Tiny!",
            "Mid sized sentence there.",
        ],
        language="en",
        publisher="B",
    )
    from khaddam_align.ops import store_alignment

    al = store_alignment(
        ws,
        a,
        b,
        [([0, 1], [0], 0.2), ([], [1], 0.1), ([2], [2], 0.9), ([3], [3], 0.3)],
        statuses=[LinkStatus.AUTO, LinkStatus.AUTO, LinkStatus.CONFIRMED, LinkStatus.AUTO],
    )
    h = ops.History(ws)
    before = rows(ws, al)
    first = link_ids(ws, al)[0]
    ops.realign_between(ws, first, history=h)
    after = rows(ws, al)
    assert after[:2] == [((0,), (0,), "auto"), ((1,), (1,), "auto")]
    assert after[2] == ((2,), (2,), "confirmed")
    assert after[3] == ((3,), (3,), "auto")
    assert h.undo_label == "Realign between anchors"
    h.undo()
    assert rows(ws, al) == before


OPS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "merge_next",
                "merge_prev",
                "split",
                "up",
                "down",
                "empty",
                "confirm",
                "seg_split",
                "seg_merge",
                "undo",
                "redo",
                "realign",
            ]
        ),
        st.integers(0, 30),
        st.sampled_from(["a", "b"]),
    ),
    max_size=14,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=OPS)
def test_random_edits_keep_every_segment_in_exactly_one_link(
    ws: Workspace, steps: list[tuple[str, int, str]]
) -> None:
    a = add_rendering(
        ws, [f"Alpha sentence {i} is here." for i in range(5)], language="en", publisher="A"
    )
    b = add_rendering(ws, [f"Beta {i} there." for i in range(4)], language="en", publisher="B")
    from khaddam_align.ops import store_alignment

    al_id = store_alignment(
        ws, a, b, [([0], [0], 0.5), ([1, 2], [1], 0.5), ([3], [], 0.5), ([4], [2, 3], 0.5)]
    )
    al = Aligned(al_id, a, b)
    h = ops.History(ws)
    for name, k, side in steps:
        ids = link_ids(ws, al_id)
        link = ids[k % len(ids)]
        rid = a if side == "a" else b
        with ws.session() as s:
            segs = s.execute(
                select(Segment.id, Segment.start, Segment.end)
                .where(Segment.rendering_id == rid)
                .order_by(Segment.position)
            ).all()
        sid, s0, s1 = segs[k % len(segs)]
        with contextlib.suppress(ops.EditError):
            _do(ws, h, name, link=link, side=side, segment=(sid, s0 + (s1 - s0) // 2))
        check_invariant(ws, al)
    start = [((0,), (0,), "auto"), ((1, 2), (1,), "auto"), ((3,), (), "auto"), ((4,), (2, 3), "auto")]
    while h.can_undo():
        h.undo()
    assert rows(ws, al_id) == start
    while h.can_redo():  # the whole stack redoes and undoes again: versions stay in step, no false conflict
        h.redo()
        check_invariant(ws, al)
    while h.can_undo():
        h.undo()
    assert rows(ws, al_id) == start


def _do(
    ws: Workspace, h: ops.History, name: str, *, link: int, side: str, segment: tuple[int, int]
) -> None:
    sid, cut = segment
    actions: dict[str, Callable[[], object]] = {
        "merge_next": lambda: ops.merge_with_next(ws, link, history=h),
        "merge_prev": lambda: ops.merge_with_previous(ws, link, history=h),
        "split": lambda: ops.split_link(ws, link, history=h),
        "up": lambda: ops.move_first_up(ws, link, side, history=h),
        "down": lambda: ops.move_last_down(ws, link, side, history=h),
        "empty": lambda: ops.insert_empty_cell(ws, link, side, history=h),
        "confirm": lambda: ops.confirm_link(ws, link, history=h),
        "seg_split": lambda: ops.split_segment(ws, sid, cut, history=h),
        "seg_merge": lambda: ops.merge_segment_with_next(ws, sid, history=h),
        "realign": lambda: ops.realign_below(ws, link, history=h),
        "undo": h.undo,
        "redo": h.redo,
    }
    actions[name]()


def test_verdict_is_undoable_and_keeps_the_reviewer(ws: Workspace, aligned: Aligned) -> None:
    h = ops.History(ws)
    ids = link_ids(ws, aligned.alignment_id)
    with ws.transaction() as s:
        d = Divergence(alignment_id=aligned.alignment_id, link_id=ids[1], key="k", type="number", severity=0.9)
        s.add(d)
        s.flush()
        div_id = d.id
    ch = ops.set_verdict(ws, div_id, "confirmed", note="checked", history=h)
    assert (ch.label, ch.focus_link_id, ch.rows_changed) == ("Confirm divergence", ids[1], False)
    with ws.session() as s:
        row = s.get(Divergence, div_id)
        assert row is not None
        assert (row.verdict.value, row.note, row.reviewer) == ("confirmed", "checked", "tester")
    assert h.undo().focus_link_id == ids[1]
    with ws.session() as s:
        row = s.get(Divergence, div_id)
        assert row is not None
        assert (row.verdict.value, row.note, row.reviewer) == ("open", "", "")
