"""Row edits, realign, undo, deleting and importing through the operations layer, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from khaddam_align import ops
from khaddam_align.errors import KhaddamError, NotFound
from khaddam_align.ingest.service import import_file
from khaddam_align.ops import ConflictError
from khaddam_align.ops.realign import Piece, by_length
from khaddam_align.storage.models import Alignment, AuditEntry, ImportedFile, Link, Rendering
from tests.ops.ops_fixtures import as_user, build, link_at


def test_a_row_edit_is_one_transaction_one_audit_entry_and_says_what_changed(ws_url: str) -> None:
    ws = as_user(ws_url, "alice")
    try:
        built = build(ws)
        link, version, _ = link_at(ws, built.alignment_id, 2)
        changes = ops.confirm_link(ws, link, expected=version)
        assert changes.link_ids == frozenset({link})
        assert changes.alignment_ids == frozenset({built.alignment_id})
        assert not changes.rows_changed
        assert changes.version("link", link) == version + 1
        merged = ops.merge_with_next(ws, link_at(ws, built.alignment_id, 4)[0])
        assert merged.rows_changed
        assert len(merged.link_ids) == 2
        with ws.session() as s:
            entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [e.action for e in entries][-2:] == ["link.confirm", "link.merge"]
        assert entries[-2].entity_id == link
        assert entries[-2].detail["links"] == [link]
        assert ops.confirm_link(ws, link).link_ids == frozenset()  # already confirmed: nothing written
    finally:
        ws.close()


def test_a_stale_row_edit_is_refused_and_names_the_change(ws_url: str) -> None:
    alice, bob = as_user(ws_url, "alice"), as_user(ws_url, "bob")
    try:
        built = build(alice)
        link, shown, _ = link_at(bob, built.alignment_id, 3)
        ops.reject_link(alice, link)
        with pytest.raises(ConflictError) as stale:
            ops.confirm_link(bob, link, expected=shown)
        assert stale.value.who == "alice"
        assert "Row 3 of alignment" in str(stale.value)
        assert "now rejected" in str(stale.value)
        assert link_at(alice, built.alignment_id, 3)[2] == "rejected"
    finally:
        alice.close()
        bob.close()


def test_realign_keeps_a_confirmation_made_while_it_computed(ws_url: str) -> None:
    alice, bob = as_user(ws_url, "alice"), as_user(ws_url, "bob")
    try:
        built = build(alice, rows=8)
        target, _, _ = link_at(alice, built.alignment_id, 5)
        calls: list[int] = []

        def aligner(a: Sequence[Piece], b: Sequence[Piece]) -> list[tuple[list[int], list[int], float]]:
            calls.append(len(a))
            if len(calls) == 1:  # bob confirms row 5 while alice's realign computes
                ops.confirm_link(bob, target)
            return by_length(a, b)

        changes = ops.realign(alice, built.alignment_id, aligner=aligner)
        assert len(calls) == 3  # first try discarded; then the two runs around the new anchor
        assert target not in changes.link_ids or changes.version("link", target) is None
        row = link_at(alice, built.alignment_id, 5)
        assert (row[0], row[2]) == (target, "confirmed")
    finally:
        alice.close()
        bob.close()


def test_undo_after_a_colleagues_realign_is_a_clear_conflict(ws_url: str) -> None:
    alice, bob = as_user(ws_url, "alice"), as_user(ws_url, "bob")
    try:
        built = build(alice, rows=8)
        h = ops.History(alice)
        ops.merge_with_next(alice, link_at(alice, built.alignment_id, 7)[0], history=h)
        ops.realign(bob, built.alignment_id, aligner=by_length)  # the CLI's realign, another process

        def state() -> list[tuple[int, int, int]]:
            with alice.session() as s:
                return [tuple(r) for r in s.execute(  # type: ignore[misc]
                    select(Link.id, Link.position, Link.version).where(Link.alignment_id == built.alignment_id)
                    .order_by(Link.position)
                )]

        after_realign = state()
        with pytest.raises(ConflictError) as refused:
            h.undo()
        text = str(refused.value)
        assert text.startswith("Cannot undo “Merge rows”:")
        assert "bob" in text
        assert "UNIQUE" not in text
        assert state() == after_realign
    finally:
        alice.close()
        bob.close()


def test_undo_of_a_confirm_survives_a_colleagues_unrelated_edit_but_not_a_merge_under_it(ws_url: str) -> None:
    alice, bob = as_user(ws_url, "alice"), as_user(ws_url, "bob")
    try:
        built = build(alice, rows=8)
        h = ops.History(alice)
        first = link_at(alice, built.alignment_id, 1)[0]
        ops.confirm_link(alice, first, history=h)
        ops.merge_with_next(alice, link_at(alice, built.alignment_id, 3)[0], history=h)
        ops.reject_link(bob, link_at(bob, built.alignment_id, 6)[0])  # another row, between alice's edits
        with pytest.raises(ConflictError):
            h.undo()  # the merge moved rows; bob changed the alignment since: refused
        assert h.undo_label == "Merge rows"
    finally:
        alice.close()
        bob.close()


def test_delete_rendering_is_refused_while_aligned_unless_cascade(ws_url: str) -> None:
    ws = as_user(ws_url, "alice")
    try:
        built = build(ws)
        with pytest.raises(KhaddamError, match="used by alignment"):
            ops.delete_rendering(ws, built.a_id)
        changes = ops.delete_rendering(ws, built.a_id, cascade=True)
        assert changes.alignment_ids >= {built.alignment_id}
        with ws.session() as s:
            assert s.get(Alignment, built.alignment_id) is None
            assert s.get(Rendering, built.a_id) is None
        ops.delete_alignment(ws, build(ws, tag="2").alignment_id)
        with pytest.raises(NotFound):
            ops.delete_alignment(ws, 424242)
    finally:
        ws.close()


def test_the_same_bytes_are_unique_in_the_database(ws_url: str, tmp_path: Path) -> None:
    ws = as_user(ws_url, "alice")
    try:
        path = tmp_path / "en.txt"
        path.write_text("The minister said the talks went well. He left at noon.\n", encoding="utf-8")
        first = import_file(ws, path)
        again = import_file(ws, path)
        assert again.imported == ()
        assert again.already[0].ids == tuple(first.ids)
        with ws.session() as s:
            sha = s.scalar(select(Rendering.sha256).where(Rendering.id == first.ids[0]))
        # Not a prior SELECT: the database itself refuses a second row for the same bytes.
        with pytest.raises((IntegrityError, KhaddamError)), ws.transaction() as s:
            s.execute(insert(ImportedFile), [{"sha256": sha, "rendering_id": first.ids[0]}])
    finally:
        ws.close()


def test_undo_walks_back_a_mixed_history_of_one_reviewer(ws_url: str) -> None:
    ws = as_user(ws_url, "alice")
    try:
        built = build(ws, rows=8)
        h = ops.History(ws)
        before = [link_at(ws, built.alignment_id, r)[0] for r in range(1, 9)]
        ops.merge_with_next(ws, before[1], history=h)
        ops.set_verdict(ws, built.divergence_ids[1], "confirmed", note="checked", history=h)
        ops.confirm_link(ws, before[5], history=h)
        ops.split_link(ws, before[1], history=h)
        ops.set_note(ws, built.divergence_ids[1], "checked twice", history=h)
        while h.can_undo():
            h.undo()
        assert [link_at(ws, built.alignment_id, r)[0] for r in range(1, 9)][:2] == before[:2]
        assert [link_at(ws, built.alignment_id, r)[2] for r in range(1, 9)] == ["auto"] * 8
        while h.can_redo():
            h.redo()
        with ws.session() as s:
            assert s.get(Link, before[5]).status.value == "confirmed"  # type: ignore[union-attr]
        assert ops.divergence_history(ws, built.divergence_ids[1])[-1].note == "checked twice"
    finally:
        ws.close()


def test_undo_after_the_alignment_was_deleted_names_the_deletion(ws_url: str) -> None:
    alice, bob = as_user(ws_url, "alice"), as_user(ws_url, "bob")
    try:
        built = build(alice)
        h = ops.History(alice)
        ops.merge_with_next(alice, link_at(alice, built.alignment_id, 2)[0], history=h)
        ops.delete_alignment(bob, built.alignment_id)
        with pytest.raises(ConflictError) as refused:
            h.undo()
        assert str(refused.value).startswith(f"Cannot undo “Merge rows”: Alignment {built.alignment_id} was changed by bob")
        assert "deleted" in str(refused.value)
    finally:
        alice.close()
        bob.close()
