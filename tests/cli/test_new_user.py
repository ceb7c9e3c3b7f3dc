"""What a new user meets at the command line: one line per mistake, renderings named, what was judged.

Each case here was found by trying the installed package from an empty workspace.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from khaddam_align.cli import main


def run(db: Path, *args: str, user: str = "alice") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "--bidi", "off", *args], env={"KHADDAM_ALIGN_USER": user},
                                prog_name="khaddam-align")
    return result.exit_code, result.output


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    code, out = run(db_path, "demo")
    assert code == 0, out
    return db_path


@pytest.mark.parametrize(
    ("args", "command", "says"),
    [
        (["confirm", "2:0"], "confirm", "rows count from 1"),
        (["confirm", "3-4"], "confirm", "is not a row address"),
        (["merge", "1:1", "1:2"], "merge", "unexpected extra argument"),
        (["note", "2:1"], "note", "Missing argument 'TEXT'"),
        (["verdict", "5", "maybe"], "verdict", "'maybe' is not one of"),
        (["diff", "1", "--row", "0"], "diff", "--row"),
        (["realign", "1", "--from", "0"], "realign", "--from"),
        (["nosuchcommand"], "", "No such command 'nosuchcommand'"),
        (["--bidi", "maybe", "sources"], "", "--bidi"),
        (["compare", "only-one.txt", "-o", "x.html"], "compare", "takes two or three files"),
    ],
)
def test_an_argument_mistake_is_one_line_naming_the_help_to_read(
    demo_db: Path, args: list[str], command: str, says: str
) -> None:
    code, out = run(demo_db, *args)
    assert code == 2
    lines = out.strip().splitlines()
    assert len(lines) == 1, out
    assert lines[0].startswith("Error: ")
    assert says in lines[0]
    assert lines[0].endswith(f"See: khaddam-align{' ' + command if command else ''} --help")
    assert "Traceback" not in out
    assert "Usage:" not in out
    assert "Invalid value: " not in out


def test_help_still_works(db_path: Path) -> None:
    code, out = run(db_path, "confirm", "--help")
    assert code == 0
    assert "Usage:" in out


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["realign", "2", "--from", "5", "--to", "2"], "Error: --from 5 comes after --to 2. Give the first row, then the last."),
        (["realign", "2", "--from", "99"], "Error: --from 99: alignment 2 has rows 1–14. See the rows with: khaddam-align diff 2"),
        (["realign", "2", "--to", "15"], "Error: --to 15: alignment 2 has rows 1–14. See the rows with: khaddam-align diff 2"),
        (["realign", "9"], "Error: There is no alignment 9. List them with: khaddam-align alignments"),
        (["note", "2:99", "x"], "Error: Alignment 2 has no row 99 (it has rows 1–14). See the rows with: khaddam-align diff 2"),
    ],
)
def test_a_row_range_the_alignment_does_not_have_is_refused(demo_db: Path, args: list[str], line: str) -> None:
    """Before, `realign 2 --from 5 --to 2` and `--from 99` did nothing and exited 0."""
    code, out = run(demo_db, *args)
    assert (code, out.strip()) == (1, line)


def test_the_diff_hint_of_a_missing_row_is_a_command_that_shows_the_rows(demo_db: Path) -> None:
    code, out = run(demo_db, "diff", "2")
    assert code == 0
    assert re.search(r"^row 14 ", out, re.M)


def test_verdict_says_which_alignment_row_and_type_it_judged(demo_db: Path) -> None:
    listed = json.loads(run(demo_db, "divergences", "2", "--json")[1])
    first = listed[0]
    code, out = run(demo_db, "verdict", str(first["id"]), "confirmed", "--note", "2500 in the Arabic")
    assert code == 0
    assert out == (
        f"Divergence {first['id']} (alignment 2, row {first['row']}, {first['type']}): "
        "confirmed — 2500 in the Arabic\n"
    )


def test_diff_and_coverage_name_the_renderings_not_a_and_b(demo_db: Path) -> None:
    code, out = run(demo_db, "diff", "2", "--row", "5")
    assert code == 0
    lines = out.splitlines()
    assert lines[1].startswith("  Arabic original: ")
    assert lines[2].startswith("  Demo Weekly (English): ")
    assert not re.search(r"^\s+[AB]: ", out, re.M)
    code, out = run(demo_db, "coverage", "3")
    assert code == 0
    assert "Demo Daily (English), outside the stretch both cover:" in out
    assert "Demo Weekly (English), outside the stretch both cover:" in out
    assert "Only in A" not in out
    assert "Only in B" not in out


def test_history_json_times_say_utc(demo_db: Path) -> None:
    assert run(demo_db, "verdict", "5", "dismissed")[0] == 0
    code, out = run(demo_db, "history", "5", "--json")
    assert code == 0
    (entry,) = json.loads(out)
    assert entry["at"].endswith("+00:00")


def test_show_and_alignments_json_times_say_utc(demo_db: Path) -> None:
    """Every time in the commands' JSON carries its zone (the workspace stores UTC)."""
    code, out = run(demo_db, "show", "1", "--json")
    assert code == 0
    assert json.loads(out)["imported"].endswith("+00:00")
    code, out = run(demo_db, "alignments", "--json")
    assert code == 0
    listed = json.loads(out)
    assert listed
    assert all(a["updated"].endswith("+00:00") for a in listed)


def test_segments_show_their_offsets_as_the_readme_says(demo_db: Path) -> None:
    code, out = run(demo_db, "segments", "3")
    assert code == 0
    listed = json.loads(run(demo_db, "segments", "3", "--json")[1])
    lines = out.splitlines()
    assert len(lines) == len(listed)
    for line, seg in zip(lines, listed, strict=True):
        assert re.match(rf"\s*{seg['index']}\s+{seg['start']}-{seg['end']}\s+{seg['kind']}\s", line), line


def test_compare_with_a_missing_file_or_a_folder_is_one_line_status_1(db_path: Path, tmp_path: Path) -> None:
    """As `import` does (before, click refused it with the usage block and status 2)."""
    real = tmp_path / "real.txt"
    real.write_text("One sentence here. Another one there.\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    for other, says in ((tmp_path / "nosuch.txt", "no such file"), (tmp_path / "folder", "is a folder")):
        code, out = run(db_path, "compare", "-q", str(real), str(other), "-o", str(tmp_path / "r.html"))
        assert code == 1, out
        lines = out.strip().splitlines()
        assert len(lines) == 1, out
        assert lines[0].startswith("Error: ")
        assert says in lines[0]
    assert not (tmp_path / "r.html").exists()


def test_an_empty_tmx_says_which_command_confirms_rows(demo_db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(demo_db), "export", "2", "-o", str(tmp_path / "a.tmx")])
    assert result.exit_code == 0
    assert "khaddam-align confirm 2:ROW" in result.output
    assert "--all-links" in result.output


def test_a_bad_address_among_several_changes_no_row(demo_db: Path) -> None:
    code, out = run(demo_db, "confirm", "2:1", "2:99")
    assert code == 1
    assert out.strip().splitlines() == [
        "Error: Alignment 2 has no row 99 (it has rows 1–14). See the rows with: khaddam-align diff 2"
    ]
    assert json.loads(run(demo_db, "alignments", "--json")[1])[1]["confirmed"] == 0
    assert run(demo_db, "confirm", "2:3", "2:3") == (0, "Row 2:3: confirmed.\n")


def test_delete_rendering_in_use_says_which_alignment_to_delete(demo_db: Path) -> None:
    assert run(demo_db, "delete-alignment", "1")[0] == 0
    assert run(demo_db, "delete-alignment", "3")[0] == 0
    code, out = run(demo_db, "delete-rendering", "3")
    assert (code, out.strip()) == (1, (
        "Error: Rendering 3 is used by alignment 2 (0 verdicts recorded); not deleted. "
        "Delete it first (khaddam-align delete-alignment 2), or add --cascade to delete it too."
    ))
    assert run(demo_db, "delete-rendering", "3", "--cascade") == (0, "Rendering 3 deleted, with alignment 2.\n")


def test_history_does_not_show_a_deleted_divergence_that_had_the_same_id(demo_db: Path) -> None:
    """SQLite gives a re-created alignment (and its divergences) the ids of the deleted ones."""
    last = max(d["id"] for d in json.loads(run(demo_db, "divergences", "3", "--json")[1]))
    assert run(demo_db, "verdict", str(last), "confirmed", "--note", "about the old one", user="bob")[0] == 0
    assert run(demo_db, "delete-alignment", "3")[0] == 0
    assert run(demo_db, "demo")[0] == 0
    again = {d["id"]: d for d in json.loads(run(demo_db, "divergences", "3", "--json")[1])}
    assert last in again  # the id came back (what makes the check below matter)
    assert again[last]["verdict"] == "open"
    assert run(demo_db, "history", str(last)) == (0, f"Divergence {last}: no verdict or note recorded yet.\n")
    assert run(demo_db, "verdict", str(last), "dismissed", user="carol")[0] == 0
    code, out = run(demo_db, "history", str(last), "--json")
    assert code == 0
    assert [e["user"] for e in json.loads(out)] == ["carol"]
