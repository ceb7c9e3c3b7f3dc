"""``align`` and ``realign`` end to end: real files imported, then aligned through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from khaddam_align.cli import main

EN_A = (
    "The Tehran Minutes\n\n"
    "Assad arrived in Tehran on 16 March 2003. Khatami welcomed the Syrian delegation at the palace.\n\n"
    "The two presidents discussed the coming war in Iraq. Khamenei said America would be bogged down for years.\n"
)
EN_B = (
    "An introduction that only this publisher wrote, about memoirs and papers.\n\n"
    "Bashar al-Assad landed in Tehran on March 16, 2003. Mohammad Khatami greeted the Syrian delegation.\n\n"
    "Both presidents talked about the war coming to Iraq. America would get bogged down for years, Khamenei said.\n"
)


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def _import(db: Path, tmp_path: Path) -> list[int]:
    ids = []
    for name, text in (("a.txt", EN_A), ("b.txt", EN_B)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        res = run(db, "import", str(path), "--json")
        assert res.exit_code == 0, res.output
        ids.append(json.loads(res.stdout)[0]["id"])
    return ids


def test_align_json_prints_the_new_id(db_path: Path, tmp_path: Path) -> None:
    a_id, b_id = _import(db_path, tmp_path)
    res = run(db_path, "align", str(a_id), str(b_id), "--json")
    assert res.exit_code == 0, res.output
    info = json.loads(res.stdout)
    assert isinstance(info["id"], int)
    assert info["matched"] >= 4
    assert info["only_b"] >= 1  # B's introduction
    res = run(db_path, "realign", str(info["id"]), "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["links"] == info["links"]


def test_align_text_output_and_errors(db_path: Path, tmp_path: Path) -> None:
    a_id, b_id = _import(db_path, tmp_path)
    res = run(db_path, "align", str(a_id), str(b_id), "--method", "lexical")
    assert res.exit_code == 0, res.output
    assert res.output.startswith("Alignment 1:")
    assert "to review" in res.output
    res = run(db_path, "align", str(a_id), "77")
    assert res.exit_code == 1
    assert "no rendering 77" in res.output
    assert "Traceback" not in res.output
