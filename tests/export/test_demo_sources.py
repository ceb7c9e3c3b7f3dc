"""Every format for real files: the demo Arabic minute and its two English renderings.

The sources are imported with the real import service and the hand-made
reference alignments (alignments/*.json, written in the alignment document
format) are read with import-alignment, so this goes through the whole path:
files → segments → document → every writer.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from lxml import etree
from openpyxl import load_workbook

from khaddam_align.export.document import build_document
from khaddam_align.export.merge import import_alignment
from khaddam_align.export.service import ExportOptions, export_alignment
from khaddam_align.storage import Workspace

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "sources" / "demo"
REFERENCE = ROOT / "alignments"
DTD = Path(__file__).parent / "data" / "tmx14.dtd"


@pytest.fixture
def demo_ws(ws: Workspace) -> dict[str, int]:
    from khaddam_align.ingest.service import import_files

    if not (DEMO / "demo_ar.txt").is_file() or not (REFERENCE / "demo_ar__en_a.json").is_file():
        pytest.skip("demo sources not present")
    import_files(ws, [DEMO / "demo_ar.txt", DEMO / "demo_en_a.txt", DEMO / "demo_en_b.txt"])
    ids = {}
    for name in ("demo_ar__en_a", "demo_en_a__en_b"):
        report = import_alignment(ws, REFERENCE / f"{name}.json")
        assert report.created
        assert report.conflicts == ()
        ids[name] = report.alignment_id
    return ids


def test_reference_round_trip(ws: Workspace, demo_ws: dict[str, int]) -> None:
    original = json.loads((REFERENCE / "demo_ar__en_a.json").read_text(encoding="utf-8"))
    with ws.session() as s:
        doc = build_document(s, demo_ws["demo_ar__en_a"])
    assert [(lk["a"], lk["b"], lk["status"]) for lk in doc["links"]] == [
        (lk["a"], lk["b"], lk["status"]) for lk in original["links"]
    ]
    assert doc["segments"] == original["segments"]


@pytest.mark.parametrize("name", ["demo_ar__en_a", "demo_en_a__en_b"])
def test_every_format(
    ws: Workspace, demo_ws: dict[str, int], tmp_path: Path, name: str, chromium: Callable[[Path], Any]
) -> None:
    alignment_id = demo_ws[name]
    with ws.session() as s:
        doc = build_document(s, alignment_id)
    arabic = doc["renderings"]["a"]["language"] == "ar"

    html = export_alignment(ws, alignment_id, tmp_path / "r.html")
    seen = chromium(html)
    assert seen.page_requests == []
    assert seen.console == []
    dom = lxml.html.document_fromstring(seen.dom)
    assert len(dom.xpath("//tr[starts-with(@id, 'link-')]")) == len(doc["links"])
    if arabic:
        assert {td.get("dir") for td in dom.xpath("//td[@lang='ar']")} == {"rtl"}
    else:
        assert dom.xpath("//span[@class='chg']")  # word differences are highlighted

    tmx = export_alignment(ws, alignment_id, tmp_path / "r.tmx")
    tree = etree.parse(str(tmx))
    assert etree.DTD(str(DTD)).validate(tree)
    confirmed = [lk for lk in doc["links"] if lk["status"] == "confirmed" and lk["a"] and lk["b"]]
    assert len(tree.findall("body/tu")) == len(confirmed)

    csv_path = export_alignment(ws, alignment_id, tmp_path / "r.csv")
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.reader(fh))) == len(doc["links"]) + 1

    xlsx = export_alignment(ws, alignment_id, tmp_path / "r.xlsx")
    assert load_workbook(xlsx).active.max_row == len(doc["links"]) + 1  # type: ignore[union-attr]

    pdf = export_alignment(ws, alignment_id, tmp_path / "r.pdf", options=ExportOptions())
    from shutil import which
    from subprocess import run

    if which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = unicodedata.normalize("NFKC", run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    found = set(re.findall(r"\w+", text))
    for side in ("a", "b"):
        words = {w for seg in doc["segments"][side] for w in re.findall(r"\w+", seg["text"]) if len(w) > 3}
        assert len(words & found) / len(words) > 0.95, sorted(words - found)[:20]
