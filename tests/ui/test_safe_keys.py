"""No keystroke meant as text changes data: letter keys act only while the grid (or the divergence
list) has the keyboard; Enter in search keeps focus there; the status bar tells the truth."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from khaddam_align.storage import Workspace
from khaddam_align.storage.models import AuditEntry, Divergence, Link
from khaddam_align_ui.main_window import MainWindow
from khaddam_align_ui.qt import QApplication, Qt, QWidget
from tests.ui.ui_fixtures import ENGLISH_A, build_trio


def snapshot(ws: Workspace) -> tuple[int, int, list[str]]:
    """(audit entries, links, verdicts): anything an edit would change."""
    with ws.session() as s:
        return (s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
                s.scalar(select(func.count()).select_from(Link)) or 0,
                [v.value for v in s.scalars(select(Divergence.verdict))])


def type_into_focus(qtbot: QtBot, text: str) -> None:
    """Type as a user does: each key goes to whatever widget has the keyboard now."""
    for ch in text:
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClicks(focus, ch)


def test_typing_after_a_search_stays_in_the_search_box(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.activateWindow()
    window.search.setFocus()
    qtbot.waitUntil(window.search.hasFocus)
    before = snapshot(ws)
    type_into_focus(qtbot, "Cairo")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.current_row() == 2  # the match is shown …
    assert QApplication.focusWidget() is window.search  # … and the keyboard stays in the box
    type_into_focus(qtbot, " meeting mansky yes no")  # merge, split, confirm, dismiss, check-source letters
    assert window.search.text() == "Cairo meeting mansky yes no"
    assert snapshot(ws) == before


def test_letter_keys_do_nothing_outside_the_grid(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.go_to_row(1)
    before = snapshot(ws)
    targets: list[QWidget] = [window.sources.tree, window.detail.browsers[1]]
    for widget in targets:
        widget.setFocus()
        for key in (Qt.Key.Key_M, Qt.Key.Key_S, Qt.Key.Key_C, Qt.Key.Key_R, Qt.Key.Key_E, Qt.Key.Key_Y,
                    Qt.Key.Key_N, Qt.Key.Key_K, Qt.Key.Key_Space):
            qtbot.keyClick(widget, key)
    assert snapshot(ws) == before
    # the same key with the grid focused does act
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_M)
    assert snapshot(ws) != before


def test_destructive_edits_report_and_undo_redo_keep_the_status_bar_true(qtbot: QtBot, window: MainWindow,
                                                                          ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    assert window.model is not None
    window.go_to_row(1)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_M)
    assert window.statusBar().currentMessage() == "Merge rows — done. Ctrl+Z undoes it."
    assert window.model.rowCount() == 3
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Undid Merge rows."
    assert window.model.rowCount() == 4
    qtbot.keyClick(window.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.statusBar().currentMessage() == "Redid Merge rows."
    window.undo()
    window.go_to_row(1)
    qtbot.keyClick(window.table, Qt.Key.Key_S)
    assert window.statusBar().currentMessage().startswith("Split row — done.")
    assert window.model.rowCount() == 5  # a 1:1 row becomes 1:0 + 0:1
    window.undo()
    assert [str(window.model.index(r, 2).data()) for r in range(4)] == ENGLISH_A


def test_status_bar_after_background_work(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_b)
    assert window.model is not None
    window.table.setCurrentIndex(window.model.index(2, 1))
    window.realign(between=False)
    assert window.statusBar().currentMessage() == "Realigning…"
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Realign rows below", timeout=20000)
    assert window.statusBar().currentMessage() == "Realign rows below — done. Ctrl+Z undoes it."
