from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from khaddam_align.ops import store_alignment
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Divergence, Link, LinkStatus
from khaddam_align_ui import services, worker
from khaddam_align_ui.delegate import MARK_COLOURS
from khaddam_align_ui.main_window import MainWindow
from khaddam_align_ui.model import COLOURS
from tests.ui.ui_fixtures import ARABIC, ENGLISH_A, ENGLISH_B, add_rendering, build_trio

DEMO = Path(__file__).resolve().parents[2] / "sources" / "demo"


def type_text(widget: QWidget, text: str) -> None:
    """Type characters as key events (QTest.keyClicks cannot type Arabic letters)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def cell(window: MainWindow, row: int, col: int) -> str:
    assert window.model is not None
    return str(window.model.index(row, col).data())


def test_welcome_screen_on_an_empty_workspace(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.welcome
    buttons = {b.text() for b in window.welcome.findChildren(QPushButton)}
    assert {"Open demo", "Import files…"} <= buttons
    # panels with nothing to show yet are hidden
    assert not window.panel_dock.isVisible()
    assert not window.detail_dock.isVisible()


def test_grid_shows_rows_texts_and_arabic_right_to_left(window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    assert window.model is not None
    assert window.model.rowCount() == 4
    assert window.model.columnCount() == 3
    assert cell(window, 1, 1) == ARABIC[1]
    assert cell(window, 1, 2) == ENGLISH_A[1]
    align = window.model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignRight
    doc = window.delegate.document_for(window.model.index(0, 1), 300)
    assert doc is not None
    assert doc.defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    assert doc.toPlainText() == ARABIC[0]  # logical text, never reshaped


def test_row_colours_follow_status_and_confidence(window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    assert window.model is not None
    bg = [window.model.index(r, 1).data(Qt.ItemDataRole.BackgroundRole) for r in range(4)]
    assert bg[0] == COLOURS["confirmed"]
    assert bg[1] == COLOURS["low"]
    assert bg[2] == COLOURS["auto"]


def test_three_columns_with_word_diff_highlighted_in_the_delegate(window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    assert window.model is not None
    assert window.model.columnCount() == 4
    assert cell(window, 1, 3) == ENGLISH_B[1]
    # B's extra sentence (0:1 against the Arabic) is shown in the row before it
    assert ENGLISH_B[3] in cell(window, 2, 3)
    doc = window.delegate.document_for(window.model.index(1, 3), 400)
    assert doc is not None
    text = doc.toPlainText()
    start = text.index("250")
    cursor = QTextCursor(doc)
    cursor.setPosition(start + 1)
    assert cursor.charFormat().background().color() == MARK_COLOURS["replace"]
    cursor.setPosition(text.index("Damascus") + 1)
    assert cursor.charFormat().background().color() != MARK_COLOURS["replace"]
    # the number divergence of the A↔B alignment is a badge on the row
    row = window.model.row_data(1)
    assert row is not None
    assert [d.type for d in row.divergences] == ["number"]


def test_merge_then_undo_label_and_undo_restores_rows(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    assert window.model is not None
    window.go_to_row(1)
    before = [(cell(window, r, 1), cell(window, r, 2)) for r in range(4)]
    qtbot.keyClick(window.table, Qt.Key.Key_M)
    assert window.model.rowCount() == 3
    assert cell(window, 1, 2) == f"{ENGLISH_A[1]} {ENGLISH_A[2]}"
    assert window.undo_action.text() == "&Undo Merge rows"
    assert window.undo_action.isEnabled()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [(cell(window, r, 1), cell(window, r, 2)) for r in range(4)] == before
    assert window.redo_action.text() == "&Redo Merge rows"
    assert window.undo_action.text() == "&Undo"


def test_space_confirms_and_moves_on(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    assert window.model is not None
    window.go_to_row(1)
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    assert window.current_row() == 2
    assert window.model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) == COLOURS["confirmed"]
    with ws.session() as s:
        assert s.scalar(select(Link.status).where(Link.alignment_id == trio.ar_a, Link.position == 1)) == LinkStatus.CONFIRMED


def test_shift_up_uses_the_current_column(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    assert window.model is not None
    window.table.setCurrentIndex(window.model.index(2, 2))  # English A cell of row 3
    qtbot.keyClick(window.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert cell(window, 1, 2) == f"{ENGLISH_A[1]} {ENGLISH_A[2]}"
    assert cell(window, 2, 2) == ""  # row 3 now has an empty English cell: unmatched
    assert cell(window, 2, 1) == ARABIC[2]
    assert window.undo_action.text() == "&Undo Move segment up"


def test_search_finds_arabic_typed_without_diacritics(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    window.go_to_row(3)
    window.search.setFocus()
    type_text(window.search, "قدمت اكثر")  # stored: "قدّمت أكثر" (shadda, hamza on alef)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.current_row() == 1
    assert window.search_info.text().strip() == "1 match"


def test_filters_show_only_low_confidence_rows(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_b)
    assert window.model is not None
    window.filters["unmatched"].trigger()
    assert window.model.rowCount() == 1
    assert cell(window, 0, 2) == ENGLISH_B[3]
    window.filters["unmatched"].trigger()
    assert window.model.rowCount() == 5


def test_keyboard_walks_divergences_and_low_confidence(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.go_to_row(0)
    qtbot.keyClick(window.table, Qt.Key.Key_D)
    assert window.current_row() == 1
    window.go_to_row(2)
    qtbot.keyClick(window.table, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)
    assert window.current_row() == 1  # the 0.3 link, searching upwards


def test_verdict_button_records_the_verdict(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.go_to_row(1)
    assert len(window.detail.boxes) == 1
    box = window.detail.boxes[0]
    box.note.setText("checked the Arabic: 2500")
    qtbot.mouseClick(box.buttons["confirmed"], Qt.MouseButton.LeftButton)
    with ws.session() as s:
        d = s.scalars(select(Divergence)).one()
    assert (d.verdict.value, d.note, d.reviewer) == ("confirmed", "checked the Arabic: 2500", "tester")
    assert window.undo_action.text() == "&Undo Confirm divergence"
    assert window.detail.boxes[0].buttons["confirmed"].isChecked()
    window.undo()
    with ws.session() as s:
        assert s.scalars(select(Divergence.verdict)).one().value == "open"


def test_overview_strip_click_jumps(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    strip = window.strip
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(5, strip.height() - 2))
    assert window.current_row() == 3


def test_gui_stays_responsive_during_alignment(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    a = add_rendering(ws, [f"Sentence {i} about the meeting in Damascus and its {i * 7} delegates." for i in range(300)],
                      language="en", publisher="Big A")
    b = add_rendering(ws, [f"Line {i}: the Damascus meeting had {i * 7} delegates." for i in range(300)],
                      language="en", publisher="Big B")
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    result: list[int] = []

    def work(progress: object) -> int:
        start = time.perf_counter()
        aid = services.align_pair(ws, a, b, progress=progress)  # type: ignore[arg-type]
        while time.perf_counter() - start < 0.6:  # keep the worker busy long enough to measure
            services.align_pair(ws, a, b, progress=progress)  # type: ignore[arg-type]
        return aid

    started = time.perf_counter()
    window.run_background("Aligning", work, result.append, show_dialog=False)
    qtbot.waitUntil(lambda: bool(result), timeout=30000)
    elapsed = time.perf_counter() - started
    timer.stop()
    assert elapsed >= 0.6
    # the GUI thread ran its timer all along: no gap longer than a fraction of the job
    gaps = [y - x for x, y in itertools.pairwise(ticks)]
    assert len(ticks) >= 10
    assert max(gaps) < 0.5  # a frozen GUI thread would show one gap as long as the job (>= 0.6 s)
    with ws.session() as s:
        assert s.scalar(select(Link.id).where(Link.alignment_id == result[0]).limit(1)) is not None


def test_cancel_stops_a_background_job(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    failures: list[BaseException] = []
    done: list[object] = []

    def work(progress: object) -> str:
        from khaddam_align.progress import report

        for i in range(500):
            report(progress, i / 500, "working")  # type: ignore[arg-type]
            time.sleep(0.01)
        return "finished"

    job = window.run_background("Working", work, done.append, show_dialog=False)
    window._job_failed = lambda exc, tb: failures.append(exc)  # type: ignore[method-assign]
    job.cancel_event.set()
    qtbot.waitUntil(lambda: job not in worker._running, timeout=10000)
    assert done == []
    assert [type(e) for e in failures] == []  # a cancelled job is not an error to show


def test_open_demo_imports_aligns_and_shows_three_columns(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    qtbot.mouseClick(window.welcome.demo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None and window.model.columnCount() == 4, timeout=60000)
    assert window.model is not None
    assert window.model.rowCount() >= 13
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    # renderings are named from publisher and language, never "A"/"B"
    assert headers[1].startswith("Arabic original")
    assert headers[2].endswith("(English)")
    assert headers[3].endswith("(English)")
    assert headers[2] != headers[3]
    assert not any(" A" in h.split("(")[0] or " B" in h.split("(")[0] for h in headers[1:])
    assert "عُقد في دمشق" in "".join(cell(window, r, 1) for r in range(3))
    # running it again reuses what is there
    assert window.source is not None
    again = services.open_demo(ws)
    assert again.alignment_ids[0] == window.source.view.alignment_id


def test_model_fetches_rows_lazily(ws: Workspace) -> None:
    a = add_rendering(ws, [f"a{i}." for i in range(1000)], language="en", publisher="A")
    b = add_rendering(ws, [f"b{i}." for i in range(1000)], language="en", publisher="B")
    aid = store_alignment(ws, a, b, [([i], [i], 0.9) for i in range(1000)])
    from khaddam_align.views.grid import RowSource, view_for_alignment
    from khaddam_align_ui.model import BATCH, AlignmentModel

    model = AlignmentModel(RowSource(ws, view_for_alignment(ws, aid)))
    assert model.rowCount() == 1000
    assert len(model._rows) == 0
    assert model.index(600, 1).data() == "a600."
    assert 0 < len(model._rows) <= BATCH


def test_divergence_description_is_shown_as_written(window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    with ws.transaction() as s:
        d = s.scalars(select(Divergence)).one()
        d.description = 'A quotes "Syria will not accept"; B paraphrases'
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.go_to_row(1)
    label = window.detail.boxes[0].findChild(QLabel, "description")
    assert label is not None
    # the sides are named (never "A"/"B"); the quoted source text is left exactly as written
    assert label.text() == 'Paper A (English) quotes "Syria will not accept"; Paper B (English) paraphrases'


def test_menus_list_the_shortcuts(window: MainWindow) -> None:
    menus = {m.title().replace("&", ""): m for m in window.menuBar().findChildren(QMenu) if m.title()}
    edit_keys = {a.text().replace("&", ""): a.shortcut().toString() for a in menus["Edit"].actions() if a.text()}
    assert edit_keys["Merge with next row"] == "M"
    assert edit_keys["Confirm and move on"] == "Space"
    assert edit_keys["Move first segment up"] == "Alt+Up"
    go_keys = {a.text().replace("&", ""): a.shortcut().toString() for a in menus["Go"].actions() if a.text()}
    assert go_keys["Next low-confidence link"] == "L"
    assert go_keys["Next divergence"] == "D"
    assert go_keys["Next unconfirmed link"] == "U"


def test_status_bar_counts_rows(window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    assert window.counts.text().startswith("4 of 4 rows · 1 confirmed · 1 low-confidence")
    window.filters["low"].trigger()
    assert window.counts.text().startswith("1 of 4 rows")


def test_app_icon_is_drawn() -> None:
    from khaddam_align_ui.app import app_icon

    assert not app_icon().isNull()


def test_english_b_column_edits_act_on_the_arabic_english_b_alignment(qtbot: QtBot, window: MainWindow,
                                                                        ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    assert window.model is not None
    window.table.setCurrentIndex(window.model.index(2, 3))  # B: "Rifai mentioned…" + "An extra sentence…"
    qtbot.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # pop the extra sentence
    assert cell(window, 2, 3) == ENGLISH_B[2]
    assert cell(window, 3, 3) == f"{ENGLISH_B[3]} {ENGLISH_B[4]}"
    assert window.undo_action.text() == "&Undo Move segment down"
    window.undo()
    assert cell(window, 2, 3) == f"{ENGLISH_B[2]} {ENGLISH_B[3]}"


def test_english_b_rendered_together_with_the_row_above_says_so(window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    joined = store_alignment(ws, trio.ar, trio.en_b, [([0], [0], 0.9), ([1, 2], [1, 2], 0.9), ([], [3], 0.4),
                                                     ([3], [4], 0.9)])
    window.open_three(trio.ar_a, joined)
    assert window.model is not None
    assert cell(window, 1, 3) == f"{ENGLISH_B[1]} {ENGLISH_B[2]} {ENGLISH_B[3]}"
    row = window.model.row_data(2)
    assert row is not None
    assert row.cells[2].text == ""
    assert row.cells[2].note.startswith("↑ rendered together")
    assert window.model.row_data(3).cells[2].note == ""  # type: ignore[union-attr]


def test_an_aligned_workspace_opens_on_its_three_column_view(qtbot: QtBot, ws: Workspace) -> None:
    trio = build_trio(ws)
    w = MainWindow(ws)
    qtbot.addWidget(w)
    assert w.source is not None
    assert (w.source.view.alignment_id, w.source.view.third_alignment_id, w.source.view.cross_alignment_id) == (
        trio.ar_a, trio.ar_b, trio.a_b)
    tree = w.sources.tree.topLevelItem(0)
    assert tree is not None
    assert any(tree.child(i).text(0).endswith("All three renderings side by side") for i in range(tree.childCount()))


def test_a_divergence_note_is_saved_on_enter(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.go_to_row(1)
    box = window.detail.boxes[0]
    box.note.setFocus()
    qtbot.keyClicks(box.note, "seen in the scan")
    qtbot.keyClick(box.note, Qt.Key.Key_Return)
    with ws.session() as s:
        d = s.scalars(select(Divergence)).one()
    assert (d.verdict.value, d.note) == ("open", "seen in the scan")
    assert window.undo_action.text() == "&Undo Edit divergence note"


def test_an_impossible_edit_explains_itself_and_changes_nothing(qtbot: QtBot, window: MainWindow,
                                                               ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    window.go_to_row(3)
    qtbot.keyClick(window.table, Qt.Key.Key_M)  # the last row has no next row
    box = window.findChild(QMessageBox, "error-dialog")
    assert box is not None
    assert box.windowTitle() == "Cannot do that here"
    assert "last row" in box.text()
    assert window.model is not None
    assert window.model.rowCount() == 4
    assert window.undo_action.text() == "&Undo"


def test_cell_tooltip_holds_the_full_text(window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    assert window.model is not None
    tip = window.model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert 'dir="rtl"' in tip
    assert ARABIC[1] in tip


def test_realign_below_runs_in_the_background_and_is_undoable(qtbot: QtBot, window: MainWindow,
                                                              ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_alignment(trio.ar_b)
    assert window.model is not None
    window.table.setCurrentIndex(window.model.index(2, 1))
    qtbot.keyClick(window.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Realign rows below", timeout=20000)
    texts = [cell(window, r, 2) for r in range(window.model.rowCount())]
    assert " ".join(t for t in texts if t) == " ".join(ENGLISH_B)  # nothing lost, order kept
    window.undo()
    assert [cell(window, r, 2) for r in range(5)] == ENGLISH_B


def test_split_segment_from_the_current_cell(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from khaddam_align_ui.dialogs import SplitSegmentDialog

    trio = build_trio(ws)
    window.open_alignment(trio.ar_a)
    assert window.model is not None
    window.table.setCurrentIndex(window.model.index(0, 2))  # "Khaddam replied that Syria will not accept…"
    monkeypatch.setattr(SplitSegmentDialog, "exec", lambda self: SplitSegmentDialog.DialogCode.Accepted)
    monkeypatch.setattr(SplitSegmentDialog, "offset", lambda self: ENGLISH_A[0].index("that"))
    window.split_segment()
    row = window.model.row_data(0)
    assert row is not None
    assert len(row.cells[1].segment_ids) == 2
    assert row.cells[1].text == ENGLISH_A[0]  # same words, now two segments
    assert window.undo_action.text() == "&Undo Split segment"
    qtbot.keyClick(window.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    row = window.model.row_data(0)
    assert row is not None
    assert len(row.cells[1].segment_ids) == 1


def test_review_divergences_from_the_keyboard(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.go_to_row(0)
    qtbot.keyClick(window.table, Qt.Key.Key_D)  # next divergence
    qtbot.keyClick(window.table, Qt.Key.Key_N)  # dismiss it
    with ws.session() as s:
        assert s.scalars(select(Divergence.verdict)).one().value == "dismissed"
    assert window.undo_action.text() == "&Undo Dismiss divergence"
    assert window.current_row() == 1
