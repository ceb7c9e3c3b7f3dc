"""PDF: the report printed by Qt, checked with pdftotext (poppler-utils)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from khaddam_align.cli import main
from khaddam_align.export.document import build_document
from khaddam_align.storage import Workspace

pytestmark = pytest.mark.gui


def _pdftotext(path: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    out = subprocess.run([exe, str(path), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    # Arabic comes out as presentation forms (the shaped glyphs); NFKC maps them back to letters.
    return unicodedata.normalize("NFKC", out)


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def _words(sentences: list[str]) -> set[str]:
    return {w for s in sentences for w in re.findall(r"\w+", s) if len(w) > 2}


def test_cli_pdf_contains_both_languages(
    ws: Workspace, ar_en: Any, db_path: Path, tmp_path: Path, english: list[str], arabic: list[str]
) -> None:
    out = tmp_path / "report.pdf"
    result = CliRunner().invoke(main, ["--db", str(db_path), "export", str(ar_en.alignment_id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    text = _pdftotext(out)
    words = set(re.findall(r"\w+", text))
    assert _words(english) <= words
    assert _words(arabic) <= words, _words(arabic) - words
    assert "checked against the scan" in text


def test_long_alignment_is_paginated(
    ws: Workspace, store: Any, tmp_path: Path, english: list[str], arabic: list[str]
) -> None:
    from khaddam_align_ui.pdf_export import write_pdf

    pair = store(ws, arabic * 40, english * 40)
    with ws.session() as s:
        doc = build_document(s, pair.alignment_id)
    out = tmp_path / "long.pdf"
    write_pdf(doc, out)
    assert _pages(out) > 3
    # A row cut by a page break is drawn (clipped) on both pages, so it may be extracted twice.
    assert 40 <= _pdftotext(out).count("Khatami") <= 40 + _pages(out)


def test_hostile_pdf_shows_markup_as_text(ws: Workspace, store: Any, tmp_path: Path) -> None:
    from khaddam_align_ui.pdf_export import write_pdf

    hostile = ["<script>alert(1)</script> start.", "ctrl \x00\x07\x1b end. " + "long " * 3000, "=HYPERLINK(1)"]
    pair = store(ws, hostile, hostile, a_lang="en")
    with ws.session() as s:
        doc = build_document(s, pair.alignment_id)
    out = tmp_path / "hostile.pdf"
    write_pdf(doc, out)
    text = _pdftotext(out)
    assert "<script>alert(1)</script>" in text
    assert "=HYPERLINK(1)" in text
