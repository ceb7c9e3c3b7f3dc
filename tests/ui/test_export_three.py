"""Export from the three-column view: all three pairs in the HTML and PDF reports and the JSON
document; the PDF never leaves a heading or a table header alone at the bottom of a page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from khaddam_align.storage import Workspace
from khaddam_align_ui.main_window import MainWindow
from khaddam_align_ui.qt import QSizeF, QTextDocument
from tests.ui.test_divergence_panel import ranked_trio


def export(qtbot: QtBot, window: MainWindow, path: Path, fmt: str) -> None:
    window.export_to(str(path), fmt=fmt)
    qtbot.waitUntil(lambda: "Exported to" in window.statusBar().currentMessage(), timeout=60000)


def test_html_from_the_three_column_view_covers_every_pair(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                                           tmp_path: Path) -> None:
    trio, ids = ranked_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.set_verdict(ids["number"], "confirmed", "the Arabic says 2500")
    out = tmp_path / "three.html"
    export(qtbot, window, out, "html")
    html = out.read_text(encoding="utf-8")
    for name in ("Arabic original", "Paper A (English)", "Paper B (English)"):
        assert f"<th>{name}</th>" in html  # three columns side by side, named
    assert "An extra sentence only B has." in re.sub(r"<[^>]+>", "", html)  # the second English column's text
    assert "Paper A (English) ↔ Paper B (English)" in html
    assert "Arabic original ↔ Paper B (English)" in html
    listing = html[html.index("<h2>Divergences</h2>"):]
    for word in ("entity", "number", "addition", "speaker"):  # every pair's divergences in one list
        assert word in listing
    assert listing.index("entity") < listing.index("number") < listing.index("speaker")  # most severe first
    assert "the Arabic says 2500" in listing  # the verdict and note given on the English ↔ English pair
    assert "A: «" not in html
    assert "B: «" not in html


def test_json_from_the_three_column_view_carries_the_three_alignments(qtbot: QtBot, window: MainWindow,
                                                                      ws: Workspace, tmp_path: Path) -> None:
    trio, _ids = ranked_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    out = tmp_path / "three.json"
    export(qtbot, window, out, "json")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["alignment"]["id"] == trio.ar_a
    assert [c["alignment"]["id"] for c in doc["companions"]] == [trio.ar_b, trio.a_b]
    assert doc["renderings"]["b"]["name"] == "Paper A (English)"
    assert doc["companions"][1]["divergences"][0]["origin"] == "detected"


def test_pdf_from_the_three_column_view(qtbot: QtBot, window: MainWindow, ws: Workspace, tmp_path: Path) -> None:
    import subprocess

    trio, _ids = ranked_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    out = tmp_path / "three.pdf"
    export(qtbot, window, out, "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Paper B (English)" in text
    assert "only B has." in text
    assert "Paper A (English) ↔ Paper" in text
    assert "severity 0.95" in text


def test_no_table_header_or_heading_alone_at_the_bottom_of_a_page(qtbot: QtBot) -> None:
    from khaddam_align_ui.pdf_export import _page, _tables, keep_headings_with_content

    table = ("<h2>Divergences</h2><table><thead><tr><th>#</th><th>Type</th></tr></thead>"
             + "".join(f"<tr><td>{i}</td><td>number {i}</td></tr>" for i in range(30)) + "</table>")
    orphans = 0
    for filler in range(0, 60, 2):
        doc = QTextDocument()
        doc.setHtml("".join(f"<p>line {i}</p>" for i in range(filler)) + table)
        doc.setPageSize(QSizeF(400, 300))
        t = _tables(doc)[0]

        def alone() -> bool:
            head, first = (t.cellAt(r, 0).firstCursorPosition().block() for r in (0, 1))  # noqa: B023
            heading = doc.findBlock(t.firstPosition() - 1)  # noqa: B023
            return _page(doc, head) != _page(doc, first) or _page(doc, heading) != _page(doc, head)  # noqa: B023

        if alone():
            orphans += 1
            assert keep_headings_with_content(doc) > 0
            assert not alone()
    assert orphans > 0  # the sweep did produce the bad case the fix removes
