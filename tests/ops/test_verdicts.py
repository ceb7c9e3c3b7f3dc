"""Verdicts and notes through the operations layer: replace rules, stale screens, history, one audit entry each."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from khaddam_align import ops
from khaddam_align.ops import ConflictError, ReplaceRefused
from khaddam_align.storage.models import AuditEntry
from tests.ops.ops_fixtures import as_user, build, divergence


def _audit_count(ws: object) -> int:
    with ws.session() as s:  # type: ignore[attr-defined]
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_another_reviewers_verdict_needs_replace(ws_url: str) -> None:
    alice, bob = as_user(ws_url, "alice"), as_user(ws_url, "bob")
    try:
        built = build(alice)
        d = built.divergence_ids[0]
        changes = ops.set_verdict(alice, d, "confirmed", note="the number is wrong")
        assert changes.divergence_ids == frozenset({d})
        assert changes.action == "divergence.verdict"
        assert changes.version("divergence", d) == 2
        ops.set_verdict(alice, d, "check-source")  # one's own verdict: no --replace needed
        before = _audit_count(alice)
        with pytest.raises(ReplaceRefused) as refused:
            ops.set_verdict(bob, d, "dismissed", note="fine")
        message = str(refused.value)
        assert "\n" not in message
        assert "alice set verdict check-source, note 'the number is wrong' at 20" in message
        assert "--replace" in message
        assert divergence(bob, d)[:3] == ("check-source", "the number is wrong", "alice")
        assert _audit_count(alice) == before  # refused: nothing written, not even the audit entry
        ops.set_verdict(bob, d, "dismissed", note="fine", replace=True)
        assert divergence(alice, d)[:3] == ("dismissed", "fine", "bob")
        # An open divergence nobody judged is free for anyone.
        ops.set_verdict(bob, built.divergence_ids[1], "confirmed")
    finally:
        alice.close()
        bob.close()


def test_stale_screen_cannot_overwrite_a_colleagues_verdict(ws_url: str) -> None:
    alice, bob = as_user(ws_url, "alice"), as_user(ws_url, "bob")
    try:
        d = build(alice).divergence_ids[0]
        shown = divergence(bob, d)[3]  # bob's screen shows version 1, verdict open
        ops.set_verdict(alice, d, "confirmed", note="the number is wrong")
        with pytest.raises(ConflictError) as stale:
            ops.set_verdict(bob, d, "dismissed", note="fine", expected=shown, replace=True)
        assert stale.value.who == "alice"
        assert stale.value.when is not None
        assert "verdict confirmed" in stale.value.what
        assert "Divergence" in str(stale.value)
        assert "alice" in str(stale.value)
        assert divergence(alice, d)[:3] == ("confirmed", "the number is wrong", "alice")
        # With the version now shown, a deliberate replacement goes through.
        ops.set_verdict(bob, d, "dismissed", note="fine", expected=divergence(bob, d)[3], replace=True)
        assert divergence(alice, d)[:2] == ("dismissed", "fine")
    finally:
        alice.close()
        bob.close()


def test_history_lists_every_verdict_and_note_change(ws_url: str) -> None:
    alice, bob = as_user(ws_url, "alice"), as_user(ws_url, "bob")
    try:
        d = build(alice).divergence_ids[0]
        h = ops.History(alice)
        ops.set_verdict(alice, d, "confirmed", history=h)
        ops.set_note(alice, d, "checked in the Arabic", history=h)
        h.undo()
        ops.set_verdict(bob, d, "dismissed", note="transliteration only", replace=True)
        changes = ops.divergence_history(alice, d)
        assert [(c.user, c.action, c.before_verdict, c.verdict, c.note) for c in changes] == [
            ("alice", "divergence.verdict", "open", "confirmed", ""),
            ("alice", "divergence.note", "confirmed", "confirmed", "checked in the Arabic"),
            ("alice", "edit.undo", "confirmed", "confirmed", ""),
            ("bob", "divergence.verdict", "confirmed", "dismissed", "transliteration only"),
        ]
    finally:
        alice.close()
        bob.close()


def test_undo_refuses_after_a_colleagues_verdict(ws_url: str) -> None:
    alice, bob = as_user(ws_url, "alice"), as_user(ws_url, "bob")
    try:
        d = build(alice).divergence_ids[0]
        h = ops.History(alice)
        ops.set_verdict(alice, d, "confirmed", note="wrong number", history=h)
        ops.set_verdict(bob, d, "dismissed", note="fine", replace=True)
        with pytest.raises(ConflictError) as refused:
            h.undo()
        assert "Cannot undo" in str(refused.value)
        assert "bob" in str(refused.value)
        assert divergence(alice, d)[:3] == ("dismissed", "fine", "bob")  # bob's verdict stays
        assert h.can_undo()  # nothing was consumed
    finally:
        alice.close()
        bob.close()
