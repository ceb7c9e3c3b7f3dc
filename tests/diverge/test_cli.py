import json
from pathlib import Path

from click.testing import CliRunner

from khaddam_align.cli import main
from khaddam_align.storage import open_workspace
from tests.diverge.build import pair
from tests.diverge.samples import A, B


def _setup(db: Path) -> int:
    ws = open_workspace(db)
    try:
        return pair(ws, A, B)
    finally:
        ws.close()


def test_divergences_verdict_quotes_and_diff_commands(db_path: Path) -> None:
    alignment = _setup(db_path)
    runner = CliRunner()
    out = runner.invoke(main, ["--db", str(db_path), "divergences", str(alignment), "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert rows
    assert rows[0]["verdict"] == "open"
    first = rows[0]["id"]

    out = runner.invoke(main, ["--db", str(db_path), "verdict", str(first), "confirmed", "--note", "checked"])
    assert out.exit_code == 0
    assert "confirmed" in out.output

    out = runner.invoke(main, ["--db", str(db_path), "divergences", str(alignment), "--type", "number"])
    assert out.exit_code == 0
    assert "300" in out.output
    assert "speaker" not in out.output

    out = runner.invoke(main, ["--db", str(db_path), "divergences", str(alignment), "--redetect", "--json"])
    assert {r["id"]: r["verdict"] for r in json.loads(out.output)}[first] == "confirmed"

    out = runner.invoke(main, ["--db", str(db_path), "quotes", "1", "--json"])
    assert out.exit_code == 0
    assert json.loads(out.output)[0]["speaker"] == "karimi"

    out = runner.invoke(main, ["--db", str(db_path), "diff", str(alignment), "--row", "4"])
    assert out.exit_code == 0
    assert "might" in out.output
    assert "will" in out.output


def test_errors_are_one_line(db_path: Path) -> None:
    _setup(db_path)
    runner = CliRunner()
    out = runner.invoke(main, ["--db", str(db_path), "verdict", "777", "confirmed"])
    assert out.exit_code == 1
    assert out.output.strip().startswith("Error: There is no divergence 777.")
    out = runner.invoke(main, ["--db", str(db_path), "divergences", "42"])
    assert out.exit_code == 1
    assert "no alignment 42" in out.output


def test_coverage_lists_what_lies_outside_the_shared_stretch(db_path: Path) -> None:
    ws = open_workspace(db_path)
    try:
        intro = "Our paper introduces the series with background on the author and his long career abroad.\n\n"
        alignment = pair(ws, intro + A, B)
    finally:
        ws.close()
    out = CliRunner().invoke(main, ["--db", str(db_path), "coverage", str(alignment), "--json"])
    assert out.exit_code == 0, out.output
    runs = json.loads(out.output)
    assert runs["a"] == [[0, len(intro.strip())]]
    assert runs["b"] == []
