"""Hostile source files through the whole path: import, align, detect, every format.

The importer refuses control characters, so those are covered at the writer level
(test_html, test_tabular, test_tmx, test_pdf); here the markup, formulas and a very
long line come from real files on disk.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree
from openpyxl import load_workbook

from khaddam_align.cli import main

DTD = Path(__file__).parent / "data" / "tmx14.dtd"
HOSTILE = """Hostile report <script>alert(1)</script>

The minister said <img src=x onerror=alert(1)> that the talks would continue.

=HYPERLINK("http://evil.example/","click") was written in the margin.

+cmd|' /C calc'!A0 and @SUM(1+1) appear in the notes.

-2+3 is what the clerk wrote; </td></table><iframe src="http://127.0.0.1:9/"></iframe> followed.

{long}.

The delegation left Damascus on 16 March 2003.
"""


@pytest.fixture
def hostile_pair(tmp_path: Path, db_path: Path) -> int:
    text = HOSTILE.replace("{long}", "A very long line " * 3000)
    a = tmp_path / "hostile_a.txt"
    b = tmp_path / "hostile_b.txt"
    a.write_text(text, encoding="utf-8")
    b.write_text(text.replace("would continue", "will go on").replace("left", "departed from"), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "compare", str(a), str(b), "-o", str(tmp_path / "r.json"), "-q", "--json"]
    )
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["alignments"][0]["id"])


def _export(db_path: Path, alignment_id: int, out: Path, *extra: str) -> Path:
    result = CliRunner().invoke(main, ["--db", str(db_path), "export", str(alignment_id), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def test_hostile_files_give_safe_valid_outputs(
    hostile_pair: int, db_path: Path, tmp_path: Path, chromium: Callable[[Path], Any]
) -> None:
    html = _export(db_path, hostile_pair, tmp_path / "r.html")
    seen = chromium(html)
    assert seen.page_requests == []
    assert seen.console == []
    dom = lxml.html.document_fromstring(seen.dom)
    assert not dom.xpath("//script | //img | //iframe | //table[@class='pairs']//table")
    assert "<script>alert(1)</script>" in dom.text_content()

    tmx = _export(db_path, hostile_pair, tmp_path / "r.tmx", "--all-links")
    tree = etree.parse(str(tmx))
    assert etree.DTD(str(DTD)).validate(tree)
    assert any("<img src=x onerror=alert(1)>" in (seg.text or "") for seg in tree.iter("seg"))

    with _export(db_path, hostile_pair, tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in list(csv.reader(fh))[1:] for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert any(c.startswith("'=HYPERLINK") for c in cells)

    sheet = load_workbook(_export(db_path, hostile_pair, tmp_path / "r.xlsx")).active
    assert sheet is not None
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)

    pdf = _export(db_path, hostile_pair, tmp_path / "r.pdf")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "<script>alert(1)</script>" in text
