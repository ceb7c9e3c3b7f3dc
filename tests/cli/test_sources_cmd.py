"""The source commands end to end: click's runner on a real workspace file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from khaddam_align.cli import main

EN = (
    "Talks Resume in the Capital\n\npublisher: The Daily Example\n\nPublishing date: 2024-05-01\n\n\n"
    "The committee met on Monday. Mr. Smith said the budget was ready.\n\n"
    "The Daily Example\n\nMembers agreed to publish the minutes before the end of the week.\n"
)
AR = "عنوان المقال\n\nالكاتب: إبراهيم\n\nقال الرئيس إن المحادثات كانت مثمرة. ثم غادر القاعة؟\n"


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    en = tmp_path / "en.txt"
    en.write_text(EN, encoding="utf-8")
    ar = tmp_path / "ar.txt"
    ar.write_bytes(AR.encode("utf-16"))
    return en, ar


def test_import_json_then_sources_show_segments(db_path: Path, files: tuple[Path, Path]) -> None:
    res = run(db_path, "import", str(files[0]), str(files[1]), "--json")
    assert res.exit_code == 0, res.output
    new = json.loads(res.stdout)
    assert [r["language"] for r in new] == ["en", "ar"]
    en_id, ar_id = (r["id"] for r in new)

    listed = json.loads(run(db_path, "sources", "--json").stdout)
    assert [r["id"] for r in listed] == [en_id, ar_id]
    assert listed[1]["author"] == "إبراهيم"  # logical order in JSON, never reshaped

    shown = json.loads(run(db_path, "show", str(en_id), "--json").stdout)
    assert shown["publisher"] == "The Daily Example"
    assert shown["published"] == "2024-05-01"
    assert [(r["reason"], r["active"]) for r in shown["excluded_ranges"]] == [
        ("metadata header", True),
        ("publisher credit line", True),
    ]
    assert all({"id", "start", "end", "reason", "active"} <= r.keys() for r in shown["excluded_ranges"])

    segs = json.loads(run(db_path, "segments", str(ar_id), "--json").stdout)
    assert segs[0] == {"index": 0, "start": 0, "end": len("عنوان المقال"), "kind": "title", "text": "عنوان المقال"}
    assert [s["index"] for s in segs] == list(range(len(segs)))
    assert "ثم غادر القاعة؟" in [s["text"] for s in segs]


def test_text_output_and_include_exclude(db_path: Path, files: tuple[Path, Path]) -> None:
    res = run(db_path, "import", str(files[0]), "--work", "Budget talks")
    assert res.exit_code == 0, res.output
    assert "Imported #1: Talks Resume in the Capital" in res.output
    assert "work: Budget talks" in res.output
    assert "The Daily Example" in run(db_path, "sources").output
    show = run(db_path, "show", "1").output
    assert "metadata header" in show
    assert "excluded" in show
    credit = json.loads(run(db_path, "show", "1", "--json").stdout)["excluded_ranges"][1]
    before = len(json.loads(run(db_path, "segments", "1", "--json").stdout))

    res = run(db_path, "include", str(credit["id"]))
    assert res.exit_code == 0
    assert f"Range #{credit['id']} included; rendering #1 now has {before + 1} segments." in res.output
    assert "The Daily Example" in [s["text"] for s in json.loads(run(db_path, "segments", "1", "--json").stdout)]
    assert "already included" in run(db_path, "include", str(credit["id"])).output
    assert run(db_path, "exclude", str(credit["id"])).exit_code == 0
    assert len(json.loads(run(db_path, "segments", "1", "--json").stdout)) == before
    assert "Talks Resume in the Capital" in run(db_path, "segments", "1").output


def test_reimport_is_reported(db_path: Path, files: tuple[Path, Path]) -> None:
    run(db_path, "import", str(files[0]))
    res = run(db_path, "import", str(files[0]), "--json")
    assert res.exit_code == 0
    assert json.loads(res.stdout) == []
    assert "en.txt: already imported as #1; not imported again." in res.stderr
    assert "already imported as #1" in run(db_path, "import", str(files[0])).output


def test_flags_override_header(db_path: Path, files: tuple[Path, Path]) -> None:
    res = run(
        db_path, "import", str(files[0]), "--publisher", "P", "--author", "A", "--title", "T",
        "--date", "2001-02-03", "--lang", "en", "--json",
    )
    [r] = json.loads(res.stdout)
    assert (r["publisher"], r["author"], r["title"], r["published"]) == ("P", "A", "T", "2001-02-03")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "{dir}"], "is a folder, not a file"),
        (["import", "{dir}/missing.txt"], "missing.txt: no such file"),
        (["import", "{dir}/scan.pdf"], r"scan.pdf: cannot import .pdf files"),
        (["import", "{dir}/empty.txt"], "empty.txt: the file is empty"),
        (["import", "{dir}/ok.txt", "--date", "26/04/2021"], "--date 26/04/2021: not a valid date"),
        (["show", "7"], "There is no rendering #7."),
        (["segments", "7"], "There is no rendering #7."),
        (["include", "7"], "There is no excluded range #7."),
    ],
)
def test_user_mistakes_print_one_line_and_exit_non_zero(db_path: Path, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.5")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text(EN, encoding="utf-8")
    res = run(db_path, *[a.format(dir=tmp_path) for a in args])
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: ")
    assert message in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.output
    assert json.loads(run(db_path, "sources", "--json").stdout) == []  # nothing was saved


def test_one_bad_file_stops_the_whole_import(db_path: Path, files: tuple[Path, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine\n" + bytes(range(0x80, 0x100)) * 2)  # no code page reads this as text
    res = run(db_path, "import", str(files[0]), str(bad))
    assert res.exit_code == 1
    assert "bad.txt: line 2:" in res.stderr
    assert "The workspace is empty" in run(db_path, "sources").output


def test_bidi_on_reshapes_arabic_for_terminals_but_json_stays_logical(db_path: Path, files: tuple[Path, Path]) -> None:
    run(db_path, "import", str(files[1]))
    logical = "عنوان المقال"
    shaped = CliRunner().invoke(main, ["--db", str(db_path), "--bidi", "on", "segments", "1"]).output
    assert logical not in shaped
    plain = CliRunner().invoke(main, ["--db", str(db_path), "--bidi", "off", "segments", "1"]).output
    assert logical in plain
    as_json = CliRunner().invoke(main, ["--db", str(db_path), "--bidi", "on", "segments", "1", "--json"]).stdout
    assert logical in as_json
