"""The workspace stays current (other processes' changes appear), File → Open uses an open
dialog, re-aligning a pair asks, conflicts are shown, and the window fits 1280×800."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from khaddam_align import ops
from khaddam_align.storage import Workspace, open_workspace
from khaddam_align.storage.models import Divergence, Verdict
from khaddam_align_ui.detail import DivergenceBox
from khaddam_align_ui.main_window import MainWindow
from khaddam_align_ui.qt import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    Qt,
    QWidget,
)
from tests.ui.ui_fixtures import build_trio


def test_a_change_made_by_another_process_appears(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                                  db_path: Path) -> None:
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    assert [i.div.verdict for i in window.panel.ordered()] == ["open"]
    with ws.session() as s:
        div_id = s.scalars(select(Divergence.id)).one()
    # a colleague's command line, in another process
    done = subprocess.run([sys.executable, "-c", "import sys; from khaddam_align.cli import main; sys.exit(main())",
                           "--db", str(db_path), "verdict", str(div_id), "dismissed", "--note", "fine"],
                          env={**os.environ, "KHADDAM_ALIGN_USER": "colleague"}, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    window.poll()  # the timer does this every 2 s
    qtbot.waitUntil(lambda: [i.div.verdict for i in window.panel.ordered()] == ["dismissed"], timeout=10000)
    assert "colleague" in window.statusBar().currentMessage()
    assert window.poll_timer.isActive()


def test_open_workspace_uses_an_open_dialog(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    open_workspace(other).close()
    asked: list[str] = []

    def fake_open(*_a: object, **_k: object) -> tuple[str, str]:
        asked.append("open")
        return str(other), ""

    def fake_save(*_a: object, **_k: object) -> tuple[str, str]:
        asked.append("save")
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    window.open_workspace_dialog()
    assert asked == ["open"]
    assert str(other) in window.ws.url


def test_aligning_an_aligned_pair_asks_open_or_new(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from khaddam_align_ui import align_dialog

    trio = build_trio(ws)
    monkeypatch.setattr(align_dialog.AlignDialog, "exec", lambda _self: align_dialog.AlignDialog.DialogCode.Accepted)
    monkeypatch.setattr(align_dialog.AlignDialog, "chosen", lambda _self: [trio.ar, trio.en_a, trio.en_b])
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        box.buttons()[0].click()  # "Open it"
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    window.align_dialog()
    assert shown
    assert "already aligned" in shown[0]
    assert window.source is not None
    assert window.source.view.alignment_id == trio.ar_a
    assert window.source.view.third_alignment_id == trio.ar_b
    assert not window.jobs  # nothing was aligned again


def test_a_colleagues_change_since_the_screen_showed_it_is_a_conflict(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A colleague (another connection, another reviewer) changes the divergence after the window read it:
    the window's verdict is refused by the operations layer, the user is told who and what, the row refreshed."""
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    item = window.panel.ordered()[0]
    colleague = open_workspace(Path(ws.url.split("///", 1)[1]), user="colleague")
    try:
        ops.set_verdict(colleague, item.div.id, Verdict.CONFIRMED, note="colleague's note")  # behind the window
    finally:
        colleague.close()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warned.append(f"{title}: {text}"))
    window.set_verdict(item.div.id, "dismissed", "")
    assert warned
    assert "colleague" in warned[0]
    assert window.statusBar().currentMessage().startswith("Not saved:")
    with ws.session() as s:
        stored = s.get(Divergence, item.div.id)
        assert stored is not None
        assert (stored.verdict, stored.note, stored.reviewer) == (Verdict.CONFIRMED, "colleague's note", "colleague")
    refreshed = next(i for i in window.panel.ordered() if i.div.id == item.div.id)
    assert (refreshed.div.verdict, refreshed.div.note) == ("confirmed", "colleague's note")


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_replacing_a_colleagues_verdict_asks_first(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                                   monkeypatch: pytest.MonkeyPatch, answer: str) -> None:
    trio = build_trio(ws)
    colleague = open_workspace(Path(ws.url.split("///", 1)[1]), user="colleague")
    with ws.session() as s:
        div_id = s.scalars(select(Divergence.id)).first()
    assert div_id is not None
    try:
        ops.set_verdict(colleague, div_id, Verdict.CONFIRMED, note="the number is wrong")
    finally:
        colleague.close()
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)  # the screen shows the colleague's verdict
    asked: list[str] = []

    def question(_p: object, title: str, text: str, *a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes if answer == "yes" else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    window.set_verdict(div_id, "dismissed", "fine")
    assert asked
    assert "colleague" in asked[0]
    with ws.session() as s:
        stored = s.get(Divergence, div_id)
        assert stored is not None
        if answer == "yes":
            assert (stored.verdict, stored.note) == (Verdict.DISMISSED, "fine")
        else:
            assert (stored.verdict, stored.note, stored.reviewer) == (Verdict.CONFIRMED, "the number is wrong",
                                                                      "colleague")


def test_word_diff_legend_only_where_two_texts_share_a_language(qtbot: QtBot, window: MainWindow,
                                                                 ws: Workspace) -> None:
    """The legend of the word differences is shown over views that have them (two English texts),
    not over an Arabic ↔ English pair, where no words are compared."""
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    qtbot.wait(50)
    assert "word differences" in window.view_label.text()
    window.open_alignment(trio.ar_a)
    qtbot.wait(50)
    assert "word differences" not in window.view_label.text()
    assert "Arabic original" in window.view_label.text()
    window.open_alignment(trio.a_b)
    qtbot.wait(50)
    assert "word differences" in window.view_label.text()


def test_fits_1280_by_800_without_sideways_scrolling(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.resize(1280, 800)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    qtbot.wait(50)
    assert window.model is not None
    total = sum(window.table.columnWidth(c) for c in range(window.model.columnCount()))
    assert total <= window.table.viewport().width()
    assert window.table.horizontalScrollBar().maximum() == 0 or not window.table.horizontalScrollBar().isVisible()
    assert window.width() <= 1280
    assert window.view_label.wordWrap()
    # the user widens a column: the others still fit
    window.table.setColumnWidth(1, 900)
    qtbot.wait(50)
    assert sum(window.table.columnWidth(c) for c in range(window.model.columnCount())) <= window.table.viewport().width() + 2
    # the shortcuts dialog fits the screen and its OK button is inside it
    window.show_shortcuts()
    dialog = window._shortcuts_dialog
    qtbot.waitExposed(dialog)
    screen = window.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    ok = dialog.findChild(QPushButton)
    assert ok is not None
    assert dialog.rect().contains(ok.geometry())
    dialog.accept()


def test_tab_reaches_the_note_field_and_the_verdict_buttons(qtbot: QtBot, window: MainWindow,
                                                           ws: Workspace) -> None:
    trio = build_trio(ws)
    window.resize(1280, 800)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.go_to_row(1)
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    reached = set()
    every: set[QWidget] = set()
    for _ in range(120):
        focus = QApplication.focusWidget()
        assert focus is not None
        parent = focus.parent()
        if isinstance(parent, DivergenceBox):
            reached.add("note" if isinstance(focus, QLineEdit) else "button" if isinstance(focus, QPushButton) else "")
        every.add(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        QApplication.processEvents()  # as between a person's keystrokes
    assert {"note", "button"} <= reached
    # every visible control that takes the keyboard is on the way
    controls = [w for w in window.findChildren(QWidget) if w.isVisible() and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None]
    assert [w.objectName() or type(w).__name__ for w in controls if w not in every] == []


def test_edits_name_the_version_the_screen_showed(window: MainWindow, ws: Workspace,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Operations get ``expected=`` the version of the row as it was shown (the conflict check)."""
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.go_to_row(1)
    seen: list[tuple[str, int | None]] = []
    real = ops.set_verdict

    def versioned_verdict(*args: object, expected: int | None = None, **kwargs: object) -> object:
        seen.append(("verdict", expected))
        return real(*args, expected=expected, **kwargs)  # type: ignore[arg-type]

    real_confirm = ops.confirm_link

    def versioned_confirm(*args: object, expected: int | None = None, **kwargs: object) -> object:
        seen.append(("confirm", expected))
        return real_confirm(*args, expected=expected, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ops, "set_verdict", versioned_verdict)
    monkeypatch.setattr(ops, "confirm_link", versioned_confirm)
    item = window.panel.ordered()[0]
    window.set_verdict(item.div.id, "confirmed", "")
    row = window.model.row_data(1) if window.model is not None else None
    assert row is not None
    window.table.setFocus()
    window.confirm_and_next()
    assert seen == [("verdict", item.div.version), ("confirm", row.version)]


def test_every_dialog_fits_a_1280_by_800_screen(window: MainWindow, ws: Workspace, tmp_path: Path) -> None:
    from khaddam_align_ui import services
    from khaddam_align_ui.align_dialog import AlignDialog
    from khaddam_align_ui.dialogs import (
        ExportDialog,
        MarkDialog,
        MetadataDialog,
        PasteDialog,
        SettingsDialog,
        SplitSegmentDialog,
    )
    from khaddam_align_ui.qt import QFont

    build_trio(ws)
    long = "word " * 400
    dialogs = [
        SettingsDialog(QFont("Amiri", 14), QFont("DejaVu Sans", 10), window),
        PasteDialog(window),
        MetadataDialog({k: "x" for k in ("title", "publisher", "author", "published", "url")}, window),
        SplitSegmentDialog(long, rtl=False, parent=window),
        ExportDialog(tmp_path, services.EXPORT_FORMATS, window),
        MarkDialog([(1, "Asharq Al-Awsat (English) ↔ Al Majalla (English)")], {1: long[:300]},
                   ("number", "note"), window),
        AlignDialog(services.works(ws), window),
    ]
    for dialog in dialogs:
        hint = dialog.sizeHint()
        assert hint.width() <= 1280, type(dialog).__name__
        assert hint.height() <= 760, type(dialog).__name__
        dialog.deleteLater()


def test_export_dialog_follows_the_file_name(window: MainWindow, tmp_path: Path, qtbot: QtBot) -> None:
    """Typing a name ending in a format's extension chooses that format; choosing a format
    renames the file; the two never disagree when the dialog is accepted."""
    from khaddam_align_ui import services
    from khaddam_align_ui.dialogs import ExportDialog

    dialog = ExportDialog(tmp_path, services.EXPORT_FORMATS, window)
    assert dialog.format.currentText() == "html"
    assert dialog.path.text().endswith(".html")
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(tmp_path / "report.pdf"))
    assert dialog.format.currentText() == "pdf"
    dialog.format.setCurrentText("xlsx")
    assert dialog.path.text() == str(tmp_path / "report.xlsx")
    dialog.deleteLater()
