"""`import-alignment` of a colleague's export takes the rows they confirmed (found trying the CLI).

Before, the merge counted "1 updated" but ``session.refresh`` (which cascades to the links)
dropped the unflushed status change: the colleague's confirmation was silently lost.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from khaddam_align.cli import main


def run(db: Path, *args: str, user: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "--bidi", "off", *args], env={"KHADDAM_ALIGN_USER": user})
    return result.exit_code, result.output


def test_a_colleagues_confirmed_rows_and_notes_arrive(tmp_path: Path) -> None:
    bob, alice = tmp_path / "bob.sqlite", tmp_path / "alice.sqlite"
    for db, user in ((bob, "bob"), (alice, "alice")):
        assert run(db, "demo", user=user)[0] == 0
    assert run(bob, "confirm", "2:1", "2:4", user="bob")[0] == 0
    assert run(bob, "reject", "2:6", user="bob")[0] == 0
    assert run(bob, "note", "2:3", "checked against the print edition", user="bob")[0] == 0
    exported = tmp_path / "bob.json"
    assert run(bob, "export", "2", "-o", str(exported), user="bob")[0] == 0

    code, out = run(alice, "import-alignment", str(exported), user="alice")
    assert code == 0, out
    assert "Merged into alignment 2" in out

    doc = tmp_path / "alice.json"
    assert run(alice, "export", "2", "-o", str(doc), user="alice")[0] == 0
    links = json.loads(doc.read_text(encoding="utf-8"))["links"]
    assert [links[i]["status"] for i in (0, 3, 5)] == ["confirmed", "confirmed", "rejected"]
    assert links[2]["note"] == "checked against the print edition"
    assert json.loads(run(alice, "alignments", "--json", user="alice")[1])[1]["confirmed"] == 2

    # Importing the same file again changes nothing more.
    code, out = run(alice, "import-alignment", str(exported), user="alice")
    assert code == 0
    assert "0 links added, 0 replaced, 0 updated" in out


def test_a_verdict_conflict_names_the_divergence_id(tmp_path: Path) -> None:
    bob, alice = tmp_path / "bob.sqlite", tmp_path / "alice.sqlite"
    for db, user in ((bob, "bob"), (alice, "alice")):
        assert run(db, "demo", user=user)[0] == 0
    first = json.loads(run(alice, "divergences", "2", "--json", user="alice")[1])[0]
    assert run(bob, "verdict", str(first["id"]), "dismissed", user="bob")[0] == 0
    assert run(alice, "verdict", str(first["id"]), "confirmed", user="alice")[0] == 0
    exported = tmp_path / "bob.json"
    assert run(bob, "export", "2", "-o", str(exported), user="bob")[0] == 0
    code, out = run(alice, "import-alignment", str(exported), user="alice")
    assert code == 0
    assert f"conflict (divergence) at divergence {first['id']} ({first['type']}): ours 'confirmed (alice)', " \
        "theirs 'dismissed (bob)'" in out


def test_a_document_of_the_demo_into_an_empty_workspace_says_run_demo(tmp_path: Path) -> None:
    bob, empty = tmp_path / "bob.sqlite", tmp_path / "empty.sqlite"
    assert run(bob, "demo", user="bob")[0] == 0
    exported = tmp_path / "bob.json"
    assert run(bob, "export", "2", "-o", str(exported), user="bob")[0] == 0
    code, out = run(empty, "import-alignment", str(exported), user="alice")
    assert code == 1
    (line,) = out.strip().splitlines()
    assert line.startswith(f"Error: {exported}: its first rendering (")
    assert "demo_ar.txt" in line
    assert "rendering A" not in line
    assert line.endswith("It is the demo's: run khaddam-align demo first.")
