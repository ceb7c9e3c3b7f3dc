"""The edit commands end to end through the CLI: ALIGNMENT:ROW from 1, one-line refusals, listing, history."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from khaddam_align.cli import main
from khaddam_align.storage import open_workspace
from tests.ops.ops_fixtures import build, divergence, link_at

ROOT = Path(__file__).resolve().parents[2]


def run(db: Path, *args: str, user: str = "alice") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args], env={"KHADDAM_ALIGN_USER": user})
    return result.exit_code, result.output


@pytest.fixture
def built(db_path: Path):  # type: ignore[no-untyped-def]
    ws = open_workspace(db_path, user="alice")
    try:
        yield build(ws, rows=6)
    finally:
        ws.close()


def test_rows_are_addressed_from_1_like_the_app(db_path: Path, built) -> None:  # type: ignore[no-untyped-def]
    al = built.alignment_id
    assert run(db_path, "confirm", f"{al}:1", f"{al}:3") == (0, f"Row {al}:1: confirmed.\nRow {al}:3: confirmed.\n")
    ws = open_workspace(db_path)
    try:
        assert [link_at(ws, al, r)[2] for r in (1, 2, 3)] == ["confirmed", "auto", "confirmed"]
        assert run(db_path, "reject", f"{al}:2")[0] == 0
        assert run(db_path, "unconfirm", f"{al}:1")[0] == 0
        assert [link_at(ws, al, r)[2] for r in (1, 2)] == ["auto", "rejected"]
        assert run(db_path, "note", f"{al}:2", "A and B differ here")[0] == 0
        assert run(db_path, "merge", f"{al}:5")[0] == 0
        code, out = run(db_path, "alignments", "--json")
        assert code == 0
        assert json.loads(out)[0]["rows"] == 5
        assert run(db_path, "split", f"{al}:5")[0] == 0
        assert json.loads(run(db_path, "alignments", "--json")[1])[0]["rows"] == 6
    finally:
        ws.close()
    code, out = run(db_path, "confirm", f"{al}:0")
    assert code == 2
    assert "rows count from 1" in out
    code, out = run(db_path, "confirm", f"{al}:99")
    assert code == 1
    assert out.strip() == (
        f"Error: Alignment {al} has no row 99 (it has rows 1–6). "
        f"See the rows with: khaddam-align diff {al}"
    )


def test_verdict_without_replace_names_who_set_what_and_when(db_path: Path, built) -> None:  # type: ignore[no-untyped-def]
    d = built.divergence_ids[0]
    assert run(db_path, "verdict", str(d), "confirmed", "--note", "the number is wrong", user="alice")[0] == 0
    code, out = run(db_path, "verdict", str(d), "dismissed", "--note", "fine", user="bob")
    assert code == 1
    assert len(out.strip().splitlines()) == 1
    assert re.match(
        rf"Error: Divergence {d}: alice set verdict confirmed, note 'the number is wrong' at "
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; not replaced\. Add --replace",
        out,
    )
    ws = open_workspace(db_path)
    try:
        assert divergence(ws, d)[:3] == ("confirmed", "the number is wrong", "alice")
    finally:
        ws.close()
    code, out = run(db_path, "verdict", str(d), "dismissed", "--note", "fine", "--replace", user="bob")
    assert code == 0
    # The line says what was judged (alignment, row, type), so a mistyped id shows at once.
    assert re.fullmatch(rf"Divergence {d} \(alignment {built.alignment_id}, row \d+, \w+\): dismissed — fine\n", out)
    code, out = run(db_path, "history", str(d))
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert "alice" in lines[0]
    assert "open → confirmed" in lines[0]
    assert "bob" in lines[1]
    assert "confirmed → dismissed" in lines[1]
    assert "'fine'" in lines[1]
    assert [c["user"] for c in json.loads(run(db_path, "history", str(d), "--json")[1])] == ["alice", "bob"]


def test_delete_commands(db_path: Path, built) -> None:  # type: ignore[no-untyped-def]
    code, out = run(db_path, "delete-rendering", str(built.a_id))
    assert code == 1
    assert "--cascade" in out
    assert f"alignment {built.alignment_id}" in out
    assert run(db_path, "delete-alignment", str(built.alignment_id)) == (0, f"Alignment {built.alignment_id} deleted.\n")
    assert run(db_path, "delete-rendering", str(built.a_id)) == (0, f"Rendering {built.a_id} deleted.\n")
    code, out = run(db_path, "alignments")
    assert code == 0
    assert "No alignments yet" in out


def test_realign_rows_from_1(db_path: Path, built) -> None:  # type: ignore[no-untyped-def]
    al = built.alignment_id
    assert run(db_path, "confirm", f"{al}:3")[0] == 0
    code, out = run(db_path, "realign", str(al), "--from", "4", "--json")
    assert code == 0
    assert json.loads(out)["links"] >= 1
    ws = open_workspace(db_path)
    try:
        assert link_at(ws, al, 3)[2] == "confirmed"
    finally:
        ws.close()
