"""`demo` after an alignment was deleted: only that pair is aligned again (found trying the CLI).

Before, deleting one demo alignment made the next `demo` align all three pairs again, so the
workspace held two alignments of the same pair and `demo` printed new ids for the ones whose
verdicts the reviewer had recorded.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from khaddam_align.cli import main


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "--bidi", "off", *args], env={"KHADDAM_ALIGN_USER": "alice"})
    return result.exit_code, result.output


def test_demo_realigns_only_the_deleted_pair_and_keeps_the_others(db_path: Path) -> None:
    first = json.loads(run(db_path, "demo", "--json")[1])
    ids = [a["id"] for a in first["alignments"]]
    assert [a["created"] for a in first["alignments"]] == [True, True, True]
    judged = json.loads(run(db_path, "divergences", str(ids[1]), "--json")[1])[0]["id"]
    assert run(db_path, "verdict", str(judged), "confirmed", "--note", "kept")[0] == 0
    assert run(db_path, "delete-alignment", str(ids[0]))[0] == 0

    again = json.loads(run(db_path, "demo", "--json")[1])
    assert [a["id"] for a in again["alignments"]][1:] == ids[1:]
    assert [a["created"] for a in again["alignments"]] == [True, False, False]
    assert again["alignments"][0]["divergences"] == first["alignments"][0]["divergences"]
    listed = json.loads(run(db_path, "alignments", "--json")[1])
    assert len(listed) == 3
    assert sorted((a["a"], a["b"]) for a in listed) == sorted((a["a"], a["b"]) for a in first["alignments"])
    kept = json.loads(run(db_path, "divergences", str(ids[1]), "--json")[1])
    assert [(d["verdict"], d["note"]) for d in kept if d["id"] == judged] == [("confirmed", "kept")]

    # Nothing deleted: everything reused, nothing new.
    third = json.loads(run(db_path, "demo", "--json")[1])
    assert third["alignments"] == [{**a, "created": False} for a in again["alignments"]]
