from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent, QFont
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from khaddam_align.storage import Workspace
from khaddam_align.storage.models import AuditEntry, Rendering
from khaddam_align_ui import services
from khaddam_align_ui.main_window import MainWindow
from tests.conftest import corpus_file
from tests.ui.ui_fixtures import build_trio

DEMO = Path(__file__).resolve().parents[2] / "sources" / "demo"


def renderings(ws: Workspace) -> int:
    with ws.session() as s:
        return int(s.scalar(select(func.count()).select_from(Rendering)) or 0)


def test_dropping_files_imports_them_in_the_background(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(DEMO / "demo_en_a.txt")), QUrl.fromLocalFile(str(DEMO / "demo_en_b.txt"))])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.sources.tree.topLevelItemCount() == 1, timeout=20000)
    assert renderings(ws) == 2
    work = window.sources.tree.topLevelItem(0)
    assert work is not None
    labels = [work.child(i).text(0) for i in range(work.childCount())]
    assert any("Demo Daily" in x for x in labels)
    assert any("Demo Weekly" in x for x in labels)
    assert window.sources_dock.isVisible()


def test_a_bad_file_shows_what_happened_and_what_to_do(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                                        tmp_path: Path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    window.import_paths([str(bad)])
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error-dialog") is not None, timeout=20000)
    box = window.findChild(QMessageBox, "error-dialog")
    assert box is not None
    assert "broken.txt" in box.text()
    assert box.informativeText().startswith("What to do:")
    assert renderings(ws) == 0


def test_selecting_a_rendering_shows_excluded_ranges_greyed_and_switchable(window: MainWindow, ws: Workspace) -> None:
    services.import_paths(ws, [DEMO / "demo_en_a.txt"])
    window.refresh_sources()
    work = window.sources.tree.topLevelItem(0)
    assert work is not None
    window.sources.tree.setCurrentItem(work.child(0))
    assert window.sources.ranges.count() >= 1  # the header lines
    item = window.sources.ranges.item(0)
    assert item.checkState() == Qt.CheckState.Checked
    assert "#aaaaaa" in window.sources.text.toHtml() or "color:#aaaaaa" in window.sources.text.toHtml()
    item.setCheckState(Qt.CheckState.Unchecked)
    from khaddam_align.ingest.service import get_rendering

    with ws.session() as s:
        rid = s.scalar(select(Rendering.id))
    assert rid is not None
    assert not get_rendering(ws, rid).ranges[0].active


def test_metadata_edit_is_saved_and_audited(window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    services.update_metadata(ws, trio.en_a, publisher="Paper A (corrected)", published="2021-04-26")
    with ws.session() as s:
        r = s.get(Rendering, trio.en_a)
        assert r is not None
        assert (r.publisher, r.published) == ("Paper A (corrected)", "2021-04-26")
        assert s.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)) == "rendering.metadata"
    from khaddam_align.errors import KhaddamError

    with pytest.raises(KhaddamError):
        services.update_metadata(ws, trio.en_a, published="26/04/2021 or so")


def test_fonts_column_widths_and_view_are_remembered(qtbot: QtBot, ws: Workspace) -> None:
    trio = build_trio(ws)
    first = MainWindow(ws)
    qtbot.addWidget(first)
    first.show()
    first.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    first.set_fonts(QFont("DejaVu Serif", 17), QFont("DejaVu Sans", 12))
    first.table.setColumnWidth(2, 333)
    first.close()
    QSettings("khaddam-align", "khaddam-align").sync()
    second = MainWindow(ws)
    qtbot.addWidget(second)
    second.show()
    assert second.model is not None
    assert second.model.columnCount() == 4  # reopened the three-column view
    assert second.table.columnWidth(2) == 333
    assert second.delegate.arabic_font.pointSize() == 17
    assert second.delegate.english_font.pointSize() == 12


def test_larger_text_shortcut(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    before = window.delegate.english_font.pointSize()
    height = window.table.verticalHeader().defaultSectionSize()
    window.zoom(2)
    assert window.delegate.english_font.pointSize() == before + 2
    assert window.table.verticalHeader().defaultSectionSize() > height


@pytest.mark.corpus
def test_the_corpus_pair_aligns_and_shows(qtbot: QtBot, window: MainWindow, ws: Workspace, corpus_dir: Path) -> None:
    ids = services.import_paths(ws, [corpus_file(corpus_dir, "001"), corpus_file(corpus_dir, "002")])
    result: list[list[int]] = []
    window.run_background("Aligning", lambda p: services.align_work(ws, ids[:2], progress=p), result.append,
                          show_dialog=False)
    qtbot.waitUntil(lambda: bool(result), timeout=60000)
    window.open_alignment(result[0][0])
    assert window.model is not None
    assert window.model.rowCount() > 100
    window.filters["unmatched"].trigger()
    unmatched = window.model.rowCount()
    assert 0 < unmatched < 274
    QApplication.processEvents()


def test_export_writes_the_current_alignment(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                             tmp_path: Path) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.a_b)
    out = tmp_path / "report.html"
    window.export_to(str(out), fmt="html", only_divergences=True)
    qtbot.waitUntil(lambda: "Exported to" in window.statusBar().currentMessage(), timeout=20000)
    html = out.read_text(encoding="utf-8")
    assert "250 million" in html
    assert "An extra sentence only B has." not in html  # only rows with divergences


def test_align_dialog_aligns_three_renderings_in_the_background(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QDialog

    from khaddam_align_ui.align_dialog import AlignDialog

    ids = services.import_paths(ws, [DEMO / "demo_en_a.txt", DEMO / "demo_ar.txt", DEMO / "demo_en_b.txt"])
    window.refresh_sources()
    dialog = AlignDialog(services.works(ws))
    chosen = dialog.chosen()
    assert chosen[0] == ids[1]  # the Arabic original first
    assert sorted(chosen) == sorted(ids)
    monkeypatch.setattr(AlignDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.align_dialog()
    qtbot.waitUntil(lambda: window.model is not None and window.model.columnCount() == 4, timeout=60000)
    assert window.model is not None
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, 4)]
    assert headers[0].startswith("Arabic")
    assert window.undo_action.text() == "&Undo"
