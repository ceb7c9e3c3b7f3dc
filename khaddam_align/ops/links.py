"""Row (link) and segment edits: confirm, reject, note, merge, split, move, segment split/merge.

Every operation takes the workspace, the link (row) or segment it acts on,
the version the user's screen showed (``expected``, optional) and an optional
``History``; it runs as one operation (``run_edit``: lock, plan, apply, one
audit entry) and returns ``OpChanges``. They keep the alignment invariant:
every segment of each side is in exactly one link, and links are in text order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from khaddam_align.errors import KhaddamError
from khaddam_align.ops.actions import Action
from khaddam_align.ops.change import Draft, Row
from khaddam_align.ops.conflict import conflict, last_change
from khaddam_align.ops.core import OpChanges
from khaddam_align.ops.history import EditError, History, run_edit
from khaddam_align.storage.db import Workspace
from khaddam_align.storage.models import (
    Divergence,
    Link,
    LinkSegment,
    LinkStatus,
    Rendering,
    Segment,
    Side,
)


def _link_at(d: Draft, alignment_id: int, position: int) -> int | None:
    return d.session.scalar(
        select(Link.id).where(Link.alignment_id == alignment_id, Link.position == position).limit(1)
    )


def _gone(session: Session, link_id: int) -> KhaddamError:
    """A row that no longer exists: a conflict naming who removed it, when the log knows."""
    if last_change(session, "link", link_id) is not None:
        return conflict(session, "link", link_id, f"Row (link {link_id})", now="it no longer exists")
    return EditError(f"Row (link {link_id}) no longer exists.", hint="Reload the alignment.")


def _link(d: Draft, link_id: int, expected: int | None = None) -> Row:
    try:
        row = d.row("link", link_id)
    except KeyError:
        raise _gone(d.session, link_id) from None
    if expected is not None and row["version"] != expected:
        raise conflict(
            d.session, "link", link_id, f"Row {row['position'] + 1} of alignment {row['alignment_id']}",
            now=f"now {row['status']}" + (f", note {row['note']!r}" if row["note"] else ""),
        )
    d.alignment_ids.add(row["alignment_id"])
    return row


def alignment_of(ws: Workspace, link_id: int) -> int:
    """The alignment a link belongs to (it never moves to another one)."""
    with ws.session() as s:
        aid = s.scalar(select(Link.alignment_id).where(Link.id == link_id))
        if aid is None:
            raise _gone(s, link_id)
    return int(aid)


def _side(side: Side | str) -> str:
    return Side(side).value


def _row_edit(
    ws: Workspace, link_id: int, label: str, plan: Callable[[Draft], int], *, action: Action,
    history: History | None, **extra: Any,
) -> OpChanges:
    """``run_edit`` for an edit of the row ``link_id``: the audit names the link, the lock its alignment."""
    return run_edit(
        ws, label, plan, history=history, action=action, entity="link", entity_id=link_id,
        alignments=[alignment_of(ws, link_id)], **extra,
    )


# -- status and note -----------------------------------------------------------

_STATUS = {
    LinkStatus.CONFIRMED: ("Confirm link", Action.LINK_CONFIRM),
    LinkStatus.REJECTED: ("Reject link", Action.LINK_REJECT),
    LinkStatus.AUTO: ("Reset link status", Action.LINK_UNCONFIRM),
}


def set_status(
    ws: Workspace,
    link_id: int,
    status: LinkStatus,
    *,
    expected: int | None = None,
    history: History | None = None,
) -> OpChanges:
    """Set a link's status (auto / confirmed / rejected)."""
    status = LinkStatus(status)
    label, action = _STATUS[status]

    def plan(d: Draft) -> int:
        _link(d, link_id, expected)["status"] = status
        return link_id

    return _row_edit(
        ws, link_id, label, plan, action=action, history=history, rows_changed=False,
        summary=f"status {status.value}", status=status.value,
    )


def confirm_link(ws: Workspace, link_id: int, *, expected: int | None = None, history: History | None = None) -> OpChanges:
    return set_status(ws, link_id, LinkStatus.CONFIRMED, expected=expected, history=history)


def unconfirm_link(ws: Workspace, link_id: int, *, expected: int | None = None, history: History | None = None) -> OpChanges:
    return set_status(ws, link_id, LinkStatus.AUTO, expected=expected, history=history)


def reject_link(ws: Workspace, link_id: int, *, expected: int | None = None, history: History | None = None) -> OpChanges:
    return set_status(ws, link_id, LinkStatus.REJECTED, expected=expected, history=history)


def set_link_note(
    ws: Workspace, link_id: int, note: str, *, expected: int | None = None, history: History | None = None
) -> OpChanges:
    """Set (or, with "", clear) a row's note."""

    def plan(d: Draft) -> int:
        _link(d, link_id, expected)["note"] = note
        return link_id

    return _row_edit(
        ws, link_id, "Edit row note", plan, action=Action.LINK_NOTE, history=history, rows_changed=False,
        summary=f"note {note!r}", note=note,
    )


# -- rows --------------------------------------------------------------------


def _merge(d: Draft, keep_id: int, gone_id: int) -> int:
    keep, gone = _link(d, keep_id), _link(d, gone_id)
    for m in d.members(gone_id):
        m["link_id"] = keep_id
    keep["score"] = min(keep["score"], gone["score"])
    keep["status"] = LinkStatus.AUTO
    notes = [n for n in (str(keep["note"] or ""), str(gone["note"] or "")) if n]
    keep["note"] = " / ".join(dict.fromkeys(notes))  # both rows' notes stay (upper first)
    d.repoint_divergences(gone_id, keep_id)
    d.delete("link", gone_id)
    d.shift("link", gone["alignment_id"], gone["position"] + 1, -1)
    if keep["position"] > gone["position"]:
        keep["position"] -= 1
    return keep_id


def merge_with_next(
    ws: Workspace, link_id: int, *, expected: int | None = None, history: History | None = None
) -> OpChanges:
    """Merge this row with the row below it."""

    def plan(d: Draft) -> int:
        row = _link(d, link_id, expected)
        nxt = _link_at(d, row["alignment_id"], row["position"] + 1)
        if nxt is None:
            raise EditError("This is the last row: there is no next row to merge with.")
        return _merge(d, link_id, nxt)

    return _row_edit(ws, link_id, "Merge rows", plan, action=Action.LINK_MERGE, history=history)


def merge_with_previous(
    ws: Workspace, link_id: int, *, expected: int | None = None, history: History | None = None
) -> OpChanges:
    """Merge this row with the row above it."""

    def plan(d: Draft) -> int:
        row = _link(d, link_id, expected)
        prev = (
            _link_at(d, row["alignment_id"], row["position"] - 1) if row["position"] > 0 else None
        )
        if prev is None:
            raise EditError("This is the first row: there is no previous row to merge with.")
        return _merge(d, prev, link_id)

    return _row_edit(ws, link_id, "Merge rows", plan, action=Action.LINK_MERGE, history=history)


def _new_link_below(d: Draft, row: Row) -> Row:
    d.shift("link", row["alignment_id"], row["position"] + 1, 1)
    return d.new(
        "link",
        alignment_id=row["alignment_id"],
        position=row["position"] + 1,
        score=row["score"],
        status=LinkStatus.AUTO,
        note="",
    )


def _follow_evidence(d: Draft, old_id: int, new_id: int, moved: list[Row], *, kept: list[Row]) -> None:
    """Divergences whose evidence lies only in the moved segments go to the new row."""
    seg_ids = [int(m["segment_id"]) for m in moved + kept]
    offsets = {int(i): (int(lo), int(hi)) for i, lo, hi in d.session.execute(
        select(Segment.id, Segment.start, Segment.end).where(Segment.id.in_(seg_ids)))}

    def ranges(members: list[Row]) -> list[tuple[str, int, int]]:
        return [(str(getattr(m["side"], "value", m["side"])), *offsets[int(m["segment_id"])])
                for m in members if int(m["segment_id"]) in offsets]

    def hits(spans: list[tuple[str, int, int]], a_spans: object, b_spans: object) -> bool:
        evidence = [(side, int(sp[0]), int(sp[1])) for side, sps in (("a", a_spans), ("b", b_spans))
                    if isinstance(sps, list) for sp in sps if isinstance(sp, list | tuple) and len(sp) == 2]
        return any(s == side and lo < hi_ and lo_ < hi for side, lo, hi in evidence for s, lo_, hi_ in spans)

    gone, stay = ranges(moved), ranges(kept)
    for div_id, a_spans, b_spans in d.session.execute(
        select(Divergence.id, Divergence.a_spans, Divergence.b_spans).where(Divergence.link_id == old_id)
    ).all():
        if hits(gone, a_spans, b_spans) and not hits(stay, a_spans, b_spans):
            d.divergence(int(div_id))["link_id"] = new_id


def split_link(
    ws: Workspace,
    link_id: int,
    *,
    a_keep: int | None = None,
    b_keep: int | None = None,
    expected: int | None = None,
    history: History | None = None,
) -> OpChanges:
    """Split a row in two: the first ``a_keep`` / ``b_keep`` segments stay, the rest go to a new row below.

    By default one segment of each side stays; a 1:1 row splits into 1:0 and 0:1.
    """

    def plan(d: Draft) -> int:
        row = _link(d, link_id, expected)
        a, b = d.side(link_id, "a"), d.side(link_id, "b")
        ka = min(1, len(a)) if a_keep is None else a_keep
        kb = (min(1, len(b)) if len(a) > 1 or len(b) > 1 else 0) if b_keep is None else b_keep
        if not (0 <= ka <= len(a) and 0 <= kb <= len(b)):
            raise EditError(f"Cannot keep {ka}+{kb} segments of a row that has {len(a)}+{len(b)}.")
        if ka + kb == 0 or ka + kb == len(a) + len(b):
            raise EditError(
                "Splitting here would leave an empty row.",
                hint="Choose a row with more than one segment.",
            )
        new = _new_link_below(d, row)
        for m in a[ka:] + b[kb:]:
            m["link_id"] = new["id"]
        row["status"] = LinkStatus.AUTO
        _follow_evidence(d, link_id, new["id"], a[ka:] + b[kb:], kept=a[:ka] + b[:kb])
        return link_id

    return _row_edit(ws, link_id, "Split row", plan, action=Action.LINK_SPLIT, history=history)


def move_first_up(
    ws: Workspace, link_id: int, side: Side | str, *, expected: int | None = None, history: History | None = None
) -> OpChanges:
    """Move the first segment of one side of this row to the end of the row above (InterText's shift)."""
    s = _side(side)

    def plan(d: Draft) -> int:
        row = _link(d, link_id, expected)
        mine = d.side(link_id, s)
        if not mine:
            raise EditError("This cell is empty: there is no segment to move up.")
        first = mine[0]
        aid, pos = row["alignment_id"], row["position"]
        prev_id = _link_at(d, aid, pos - 1) if pos > 0 else None
        if prev_id is None:
            if len(d.members(link_id)) == 1:
                raise EditError("This segment is already alone in the first row.")
            d.shift("link", aid, 0, 1)
            row["position"] += 1
            target = d.new(
                "link",
                alignment_id=aid,
                position=0,
                score=row["score"],
                status=LinkStatus.AUTO,
                note="",
            )
            target_id = target["id"]
        else:
            target_id = prev_id
            _link(d, prev_id)["status"] = LinkStatus.AUTO
        first["link_id"] = target_id
        row["status"] = LinkStatus.AUTO
        if not d.members(link_id):
            d.repoint_divergences(link_id, target_id)
            d.delete("link", link_id)
            d.shift("link", aid, row["position"] + 1, -1)
            return int(target_id)
        return link_id

    return _row_edit(ws, link_id, "Move segment up", plan, action=Action.LINK_MOVE_UP, history=history, side=s)


def move_last_down(
    ws: Workspace, link_id: int, side: Side | str, *, expected: int | None = None, history: History | None = None
) -> OpChanges:
    """Move the last segment of one side of this row to the start of the row below (InterText's pop)."""
    s = _side(side)

    def plan(d: Draft) -> int:
        row = _link(d, link_id, expected)
        mine = d.side(link_id, s)
        if not mine:
            raise EditError("This cell is empty: there is no segment to move down.")
        last = mine[-1]
        aid, pos = row["alignment_id"], row["position"]
        next_id = _link_at(d, aid, pos + 1)
        emptied = len(d.members(link_id)) == 1
        if next_id is None:
            if emptied:
                raise EditError("This segment is already alone in the last row.")
            target = _new_link_below(d, row)
        else:
            target = _link(d, next_id)
            target["status"] = LinkStatus.AUTO
        last["link_id"] = target["id"]
        row["status"] = LinkStatus.AUTO
        if emptied:
            d.repoint_divergences(link_id, target["id"])
            d.delete("link", link_id)
            d.shift("link", aid, pos + 1, -1)
            target["position"] = pos
            return int(target["id"])
        return link_id

    return _row_edit(ws, link_id, "Move segment down", plan, action=Action.LINK_MOVE_DOWN, history=history, side=s)


def insert_empty_cell(
    ws: Workspace, link_id: int, side: Side | str, *, expected: int | None = None, history: History | None = None
) -> OpChanges:
    """Leave this row's ``side`` cell empty: its segments move to a new row of their own below.

    Use it to mark content that the other rendering does not have (an omission or addition).
    """
    s = _side(side)

    def plan(d: Draft) -> int:
        row = _link(d, link_id, expected)
        mine = d.side(link_id, s)
        others = [m for m in d.members(link_id) if m["side"] != s]
        if not mine or not others:
            raise EditError("One cell of this row is already empty.")
        new = _new_link_below(d, row)
        for m in mine:
            m["link_id"] = new["id"]
        row["status"] = LinkStatus.AUTO
        return link_id

    return _row_edit(ws, link_id, "Insert empty cell", plan, action=Action.LINK_INSERT_EMPTY, history=history, side=s)


# -- segmentation ------------------------------------------------------------


def split_segment(
    ws: Workspace,
    segment_id: int,
    offset: int,
    *,
    history: History | None = None,
    link_id: int | None = None,
) -> OpChanges:
    """Split a segment at ``offset`` (a code-point offset into its rendering's text).

    The second part becomes a new segment right after it, in the same links as the first.
    """

    def plan(d: Draft) -> int | None:
        seg = d.row("segment", segment_id)
        text = (
            d.session.scalar(select(Rendering.text).where(Rendering.id == seg["rendering_id"]))
            or ""
        )
        left, right = offset, offset
        while left > seg["start"] and text[left - 1].isspace():
            left -= 1
        while right < seg["end"] and text[right].isspace():
            right += 1
        if not (seg["start"] < left and right < seg["end"]):
            raise EditError("Split a segment inside its text, not at its start or end.")
        rid, pos = seg["rendering_id"], seg["position"]
        d.rendering_ids.add(rid)
        d.shift("segment", rid, pos + 1, 1)
        new = d.new(
            "segment",
            rendering_id=rid,
            position=pos + 1,
            start=right,
            end=seg["end"],
            kind=seg["kind"],
            paragraph=seg["paragraph"],
        )
        seg["end"] = left
        for ms_id in d.session.scalars(
            select(LinkSegment.id).where(LinkSegment.segment_id == segment_id)
        ).all():
            m = d.row("link_segment", ms_id)
            d.new(
                "link_segment",
                link_id=m["link_id"],
                segment_id=new["id"],
                side=m["side"],
                segment_position=pos + 1,
            )
            d.alignment_ids.add(d.row("link", m["link_id"])["alignment_id"])
        return link_id

    scope = _segment_scope(ws, segment_id)
    return run_edit(
        ws,
        "Split segment",
        plan,
        history=history,
        action=Action.SEGMENT_SPLIT,
        entity="segment",
        entity_id=segment_id,
        renderings=scope[0],
        alignments=scope[1],
        focus_before=link_id,
        offset=offset,
    )


def merge_segment_with_next(
    ws: Workspace, segment_id: int, *, history: History | None = None, link_id: int | None = None
) -> OpChanges:
    """Merge a segment with the next one of the same rendering (both sides of every alignment follow)."""

    def plan(d: Draft) -> int | None:
        seg = d.row("segment", segment_id)
        rid, pos = seg["rendering_id"], seg["position"]
        nxt_id = d.session.scalar(
            select(Segment.id).where(Segment.rendering_id == rid, Segment.position == pos + 1)
        )
        if nxt_id is None:
            raise EditError(
                "This is the last segment of its rendering: there is nothing to merge it with."
            )
        nxt = d.row("segment", nxt_id)
        d.rendering_ids.add(rid)
        seg["end"] = nxt["end"]
        # seg's link in each alignment
        mine: dict[int, int] = {}
        for ms_id in d.session.scalars(
            select(LinkSegment.id).where(LinkSegment.segment_id == segment_id)
        ).all():
            m = d.row("link_segment", ms_id)
            mine[_link(d, m["link_id"])["alignment_id"]] = m["link_id"]
        for ms_id in d.session.scalars(
            select(LinkSegment.id).where(LinkSegment.segment_id == nxt_id)
        ).all():
            m = d.row("link_segment", ms_id)
            link = _link(d, m["link_id"])
            aid = link["alignment_id"]
            if aid not in mine:
                m["segment_id"], m["segment_position"] = segment_id, pos
                continue
            d.delete("link_segment", ms_id)
            if link["id"] != mine[aid] and not d.members(link["id"]):
                d.repoint_divergences(link["id"], mine[aid])
                d.delete("link", link["id"])
                d.shift("link", aid, link["position"] + 1, -1)
        d.delete("segment", nxt_id)
        d.shift("segment", rid, pos + 2, -1)
        return link_id

    scope = _segment_scope(ws, segment_id, with_next=True)
    return run_edit(
        ws,
        "Merge segments",
        plan,
        history=history,
        action=Action.SEGMENT_MERGE,
        entity="segment",
        entity_id=segment_id,
        renderings=scope[0],
        alignments=scope[1],
        focus_before=link_id,
    )


def _segment_scope(ws: Workspace, segment_id: int, *, with_next: bool = False) -> tuple[list[int], list[int]]:
    """What a segment edit locks: its rendering and every alignment with a link holding it (or the next one)."""
    with ws.session() as s:
        seg = s.get(Segment, segment_id)
        if seg is None:
            raise EditError(f"Segment {segment_id} no longer exists.", hint="Reload the alignment.")
        ids = [segment_id]
        if with_next:
            nxt = s.scalar(
                select(Segment.id).where(Segment.rendering_id == seg.rendering_id, Segment.position == seg.position + 1)
            )
            if nxt is not None:
                ids.append(nxt)
        aligned = s.scalars(
            select(Link.alignment_id).join(LinkSegment, LinkSegment.link_id == Link.id).where(LinkSegment.segment_id.in_(ids))
        ).all()
        return [seg.rendering_id], sorted(set(aligned))
