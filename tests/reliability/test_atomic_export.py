"""Exports replace the target all at once: a failure leaves the previous file and no temporary file."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from khaddam_align.cli import main
from khaddam_align.export import atomic
from khaddam_align.export.service import ExportError, export_alignment
from khaddam_align.storage import Workspace

CORE_FORMATS = ("json", "html", "csv", "xlsx", "tmx")
ALL_FORMATS = (*CORE_FORMATS, "pdf")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))


def test_write_replaces_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("old")
    target.chmod(0o640)
    atomic.write_text(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("unnamed", [True, False], ids=["o_tmpfile", "named_temp"])
def test_failure_mid_write_keeps_previous(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed: bool) -> None:
    if not unnamed:
        monkeypatch.setattr(atomic, "_open_unnamed", lambda folder: None)
    target = tmp_path / "r.bin"
    target.write_bytes(b"previous")
    def crash() -> None:
        with atomic.atomic_file(target, "wb") as fh:
            fh.write(b"x" * 100_000)
            raise RuntimeError("crash mid-write")

    with pytest.raises(RuntimeError):
        crash()
    assert target.read_bytes() == b"previous"
    assert _leftovers(tmp_path) == []
    atomic.write_bytes(target, b"new")  # the named fallback still produces the file
    assert target.read_bytes() == b"new"


def test_stale_temp_of_a_dead_process_is_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    stale = tmp_path / f".r.xlsx.{pid}.deadbeef{atomic.TEMP_SUFFIX}"
    stale.write_bytes(b"x" * 1000)
    alive = tmp_path / f".r.xlsx.{os.getppid()}.cafe{atomic.TEMP_SUFFIX}"  # a live process's: kept
    alive.write_bytes(b"y")
    atomic.write_text(tmp_path / "other.html", "<p>new</p>")
    assert not stale.exists()
    assert alive.exists()


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_writer_crash_keeps_previous_export(
    ws: Workspace, ar_en: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    target = tmp_path / f"report.{fmt}"
    export_alignment(ws, ar_en.alignment_id, target)
    good = target.read_bytes()

    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:  # the disk fails right before the rename
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(ExportError, match="No space left on device"):
        export_alignment(ws, ar_en.alignment_id, target)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert target.read_bytes() == good
    assert _leftovers(tmp_path) == []


_FULL_DISK = """
import resource, signal, sys
from khaddam_align.storage import open_workspace
from khaddam_align.export.service import export_alignment, ExportError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
ws = open_workspace(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
try:
    export_alignment(ws, int(sys.argv[4]), sys.argv[2])
except ExportError as exc:
    print(exc)
    sys.exit(3)
"""


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_file_size_limit_mid_write_keeps_previous(
    ws: Workspace, store: Any, db_path: Path, tmp_path: Path, fmt: str
) -> None:
    """A write that runs out of room (RLIMIT_FSIZE: EFBIG, like a full disk) fails cleanly."""
    long = ["word " * 4000 + f"sentence {i}." for i in range(20)]
    pair = store(ws, long, long, a_lang="en", links=[([i], [i], 1.0, "confirmed") for i in range(20)])
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"report.{fmt}"
    target.write_bytes(b"previous report")
    limit = 1_000 if fmt == "pdf" else 30_000  # smaller than the export (a PDF compresses the repeated words)
    assert resource.RLIMIT_FSIZE
    proc = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(db_path), str(target), str(limit), str(pair.alignment_id)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 3, proc.stderr
    assert "Cannot write" in proc.stdout
    assert target.read_bytes() == b"previous report"
    assert _leftovers(out) == []
    assert signal.SIGXFSZ


def test_xlsx_with_characters_xml_forbids(ws: Workspace, store: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    hostile = ["non\ufffe character\uffff and nul\x00 here", "vt\x0b"]
    pair = store(ws, hostile, hostile, a_lang="en")
    target = tmp_path / "r.xlsx"
    notes: list[str] = []
    export_alignment(ws, pair.alignment_id, target, notes=notes)
    book = load_workbook(target)
    texts = [row[4] for row in book["links"].iter_rows(min_row=2, values_only=True)]
    assert texts == ["non\ufffd character\ufffd and nul\ufffd here", "vt\ufffd"]
    assert len(notes) == 1
    assert "8 character(s)" in notes[0]  # both sides
    assert "replaced by U+FFFD" in str(book["notes"]["A1"].value)


def test_cli_export_notes_the_replacement(ws: Workspace, store: Any, db_path: Path, tmp_path: Path) -> None:
    pair = store(ws, ["a\uffffb"], ["c"], a_lang="en", links=[([0], [0], 1.0, "confirmed")])
    target = tmp_path / "r.tmx"
    result = CliRunner().invoke(main, ["--db", str(db_path), "export", str(pair.alignment_id), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Note: 1 character(s) that XML does not allow" in result.output


def test_xml_safe_replaces_one_for_one() -> None:
    from khaddam_align.export.rows import XmlCleaner, xml_safe

    assert xml_safe("a\ud800b\udfffc\x01\t\n\r") == "a\ufffdb\ufffdc\ufffd\t\n\r"
    clean = XmlCleaner()
    clean("\ufffe\uffff ok")
    assert clean.replaced == 2
