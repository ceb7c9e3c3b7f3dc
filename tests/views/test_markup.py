"""Reviewer mark-up: stored as a Divergence (origin reviewer, who, when), survives re-detection and
realign, undoable, in the JSON document and the report; the ``mark`` command finds the words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from khaddam_align import ops
from khaddam_align.cli import main
from khaddam_align.diverge.service import detect_divergences, redetect_links
from khaddam_align.errors import KhaddamError
from khaddam_align.export.document import build_document
from khaddam_align.export.html import render_html
from khaddam_align.ops import History, store_alignment
from khaddam_align.ops.markup import find_words, mark_finding, row_text
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Divergence, Link
from tests.ui.ui_fixtures import ENGLISH_A, ENGLISH_B, add_rendering, build_trio


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args], env={"KHADDAM_ALIGN_USER": "checker"})


def test_a_marked_finding_is_stored_with_its_origin_and_survives_redetection(ws: Workspace) -> None:
    trio = build_trio(ws)
    row = row_text(ws, trio.a_b, 1)
    a = find_words(row.a_text, row.a_segments, "Khaddam replied", side_name="first")
    b = find_words(row.b_text, row.b_segments, "Khaddam answered", side_name="second")
    history = History(ws)
    marked = mark_finding(ws, row.link_id, type="meaning", severity=0.7, note="replied ≠ answered?",
                          a_spans=[a], b_spans=[b], history=history)
    with ws.session() as s:
        d = s.get(Divergence, marked.divergence_id)
        assert d is not None
        assert (d.origin, d.created_by, d.type, d.stale) == ("reviewer", ws.user, "meaning", False)
        assert d.a_spans == [list(a)]
        assert d.created is not None
    detect_divergences(ws, trio.a_b)  # re-detection never touches it
    redetect_links(ws, trio.a_b, [row.link_id])
    with ws.session() as s:
        d = s.get(Divergence, marked.divergence_id)
        assert d is not None
        assert d.stale is False
        assert d.link_id == row.link_id
    doc = _doc(ws, trio.a_b)
    entry = next(x for x in doc["divergences"] if x["id"] == marked.divergence_id)
    assert (entry["origin"], entry["created_by"]) == ("reviewer", ws.user)
    assert f"marked by {ws.user}" in render_html(doc)
    # undo withdraws it, redo brings it back
    assert history.undo_label == "Mark up a finding (meaning)"
    history.undo()
    with ws.session() as s:
        assert s.get(Divergence, marked.divergence_id).stale is True  # type: ignore[union-attr]
    history.redo()
    with ws.session() as s:
        assert s.get(Divergence, marked.divergence_id).stale is False  # type: ignore[union-attr]


def test_a_marked_finding_survives_realign(ws: Workspace) -> None:
    trio = build_trio(ws)
    row = row_text(ws, trio.a_b, 3)
    b = find_words(row.b_text, row.b_segments, "Amman", side_name="second")
    marked = mark_finding(ws, row.link_id, type="entity", b_spans=[b])
    with ws.session() as s:
        first = s.scalars(select(Link.id).where(Link.alignment_id == trio.a_b, Link.position == 0)).one()
    ops.realign_below(ws, first, aligner=ops.by_length)
    with ws.session() as s:
        d = s.get(Divergence, marked.divergence_id)
        assert d is not None
        assert d.stale is False
        assert d.link_id is not None
        new_ids = set(s.scalars(select(Link.id).where(Link.alignment_id == trio.a_b)))
    redetect_links(ws, trio.a_b, new_ids)
    with ws.session() as s:
        d = s.get(Divergence, marked.divergence_id)
        assert d is not None
        assert d.stale is False
        link = s.get(Link, d.link_id)
        assert link is not None
        assert link.position == 2  # anchored on the row holding "Amman"


def test_mark_command_finds_the_words_and_refuses_ambiguity(ws: Workspace, db_path: Path) -> None:
    trio = build_trio(ws)
    ok = run(db_path, "mark", f"{trio.a_b}:2", "--type", "number", "--a-text", "2,500 million",
             "--b-text", "250 million", "--note", "checked the scan", "--json")
    assert ok.exit_code == 0, ok.output
    out = json.loads(ok.output)
    start = len(ENGLISH_A[0]) + 1 + ENGLISH_A[1].index("2,500 million")
    assert out["a_spans"] == [[start, start + len("2,500 million")]]
    with ws.session() as s:
        d = s.get(Divergence, out["divergence"])
        assert d is not None
        assert (d.origin, d.created_by, d.note) == ("reviewer", "checker", "checked the scan")
    a = add_rendering(ws, ["The minister said the plan was the best."], language="en", publisher="Rep A")
    b = add_rendering(ws, ["The minister said the plan was good."], language="en", publisher="Rep B")
    aid = store_alignment(ws, a, b, [([0], [0], 0.9)])
    ambiguous = run(db_path, "mark", f"{aid}:1", "--type", "meaning", "--a-text", "the")
    assert ambiguous.exit_code == 1
    assert "ambiguous" in ambiguous.output
    assert "Traceback" not in ambiguous.output
    whole = run(db_path, "mark", f"{aid}:1", "--type", "meaning", "--a-text", "the best", "--b-text", "good")
    assert whole.exit_code == 0, whole.output
    missing = run(db_path, "mark", f"{trio.a_b}:2", "--type", "number", "--b-text", "2,500")
    assert missing.exit_code == 1
    assert "not in the row" in missing.output
    bad_row = run(db_path, "mark", f"{trio.a_b}:0", "--type", "note", "--note", "x")
    assert bad_row.exit_code == 1
    assert "counted from 1" in bad_row.output
    note = run(db_path, "mark", f"{trio.a_b}:4", "--type", "note", "--note", "only the second paper has this")
    assert note.exit_code == 0, note.output
    assert ENGLISH_B[3] in row_text(ws, trio.a_b, 4).b_text


def test_a_finding_outside_the_row_is_refused(ws: Workspace) -> None:
    trio = build_trio(ws)
    row = row_text(ws, trio.a_b, 1)
    with pytest.raises(KhaddamError, match="not in this row"):
        mark_finding(ws, row.link_id, type="number", a_spans=[(row.a_segments[0][1] + 5, row.a_segments[0][1] + 9)])
    with pytest.raises(KhaddamError, match="Unknown finding type"):
        mark_finding(ws, row.link_id, type="bogus", note="x")


def _doc(ws: Workspace, aid: int) -> dict[str, object]:
    with ws.session() as s:
        return build_document(s, aid)
