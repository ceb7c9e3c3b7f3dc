"""CSV / XLSX / TMX exported from the three-column view of the demo: every pair, named (issue 10, item 6)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook
from sqlalchemy import func, select

from khaddam_align.demo import DemoResult, open_demo
from khaddam_align.export.service import export_view
from khaddam_align.export.tabular import COLUMNS, DIVERGENCE_COLUMNS
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Divergence, Link

DTD = Path(__file__).parent / "data" / "tmx14.dtd"


def _counts(ws: Workspace, demo: DemoResult) -> tuple[dict[int, int], dict[int, int]]:
    with ws.session() as s:
        links = {aid: s.scalar(select(func.count()).where(Link.alignment_id == aid)) or 0
                 for aid in demo.alignment_ids}
        divs = {aid: s.scalar(select(func.count()).where(Divergence.alignment_id == aid)) or 0
                for aid in demo.alignment_ids}
    return links, divs


def _pair_names(demo: DemoResult) -> list[str]:
    ar, a, b = (r.name for r in demo.renderings)
    return [f"{ar} ↔ {a}", f"{ar} ↔ {b}", f"{a} ↔ {b}"]


def test_csv_from_the_three_column_view_has_every_pair(ws: Workspace, tmp_path: Path) -> None:
    demo = open_demo(ws)
    links, _divs = _counts(ws, demo)
    out = export_view(ws, list(demo.alignment_ids), tmp_path / "three.csv")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["pair", *COLUMNS]
    per_pair = Counter(r[0] for r in rows[1:])
    names = _pair_names(demo)
    assert "Arabic original" in names[0]
    assert dict(per_pair) == {name: links[aid] for name, aid in zip(names, demo.alignment_ids, strict=True)}
    # the English ↔ English rows carry English text on both sides
    cross = next(r for r in rows[1:] if r[0] == names[2] and r[5] and r[6])
    assert not any("\u0600" <= ch <= "\u06ff" for ch in cross[5] + cross[6])
    # one pair stays as it was: no pair column
    single = export_view(ws, [demo.alignment_ids[0]], tmp_path / "one.csv")
    assert next(csv.reader(single.read_text(encoding="utf-8-sig").splitlines())) == list(COLUMNS)


def test_xlsx_from_the_three_column_view_has_every_pair_and_their_divergences(ws: Workspace, tmp_path: Path) -> None:
    demo = open_demo(ws)
    links, divs = _counts(ws, demo)
    assert all(divs.values()), "the demo has divergences on every pair"
    out = export_view(ws, list(demo.alignment_ids), tmp_path / "three.xlsx")
    book = load_workbook(out)
    names = _pair_names(demo)
    sheet = book["links"]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == ["pair", *COLUMNS]
    assert Counter(v[0] for v in values[1:]) == {n: links[a] for n, a in zip(names, demo.alignment_ids, strict=True)}
    # Arabic text right to left, English left to right, row by row
    a_text = COLUMNS.index("a_text") + 2
    first_ar = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == names[0] and r[a_text - 1].value)
    first_cross = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == names[2] and r[a_text - 1].value)
    assert first_ar[a_text - 1].alignment.horizontal == "right"
    assert first_cross[a_text - 1].alignment.horizontal == "left"
    div_rows = list(book["divergences"].iter_rows(values_only=True))
    assert list(div_rows[0]) == list(DIVERGENCE_COLUMNS)
    assert Counter(v[0] for v in div_rows[1:]) == {n: divs[a] for n, a in zip(names, demo.alignment_ids, strict=True)}
    assert any(v[9] or v[10] for v in div_rows[1:])  # evidence words are quoted
    about = dict(book["about"].iter_rows(values_only=True))
    assert "rendering c" in about  # the second rendering's file, with its sha256


def test_tmx_from_the_three_column_view_says_it_holds_one_pair(ws: Workspace, tmp_path: Path) -> None:
    demo = open_demo(ws)
    notes: list[str] = []
    out = export_view(ws, list(demo.alignment_ids), tmp_path / "three.tmx", notes=notes)
    names = _pair_names(demo)
    assert any("one pair only" in n and names[0] in n and names[2] in n for n in notes)
    if DTD.is_file():
        tree = etree.parse(str(out), etree.XMLParser(no_network=True))
        assert etree.DTD(str(DTD)).validate(tree), "still valid TMX 1.4"
    header_notes = [n.text for n in etree.parse(str(out)).getroot().iter("note")]
    assert any(t and "one pair only" in t for t in header_notes)
