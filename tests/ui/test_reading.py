"""Reading: the current row grows to its full text, clipped cells show "…", the word diff weighs
facts over function words and can be switched off."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from khaddam_align.ops import store_alignment
from khaddam_align.storage import Workspace
from khaddam_align_ui.main_window import MainWindow
from khaddam_align_ui.qt import QColor, QImage, QPainter, QStyleOptionViewItem, Qt, QTextCursor
from tests.ui.ui_fixtures import add_rendering, build_trio

LONG = ("The minister then spoke at length about the negotiations, the positions of every delegation, the "
        "history of the dispute since 1973, the water of the Euphrates, the pipeline, the border crossings "
        "and the prisoners, and said the talks would continue next month in the same city.")


def long_pair(ws: Workspace) -> int:
    a = add_rendering(ws, ["Short first row.", LONG, "Short last row."], language="en", publisher="Long A")
    b = add_rendering(ws, ["Short first row.", LONG.replace("1973", "1937"), "Short last row."],
                      language="en", publisher="Long B")
    return store_alignment(ws, a, b, [([0], [0], 0.9), ([1], [1], 0.9), ([2], [2], 0.9)])


def paint(window: MainWindow, row: int, col: int) -> QImage:
    assert window.model is not None
    index = window.model.index(row, col)
    rect = window.table.visualRect(index)
    image = QImage(rect.width(), rect.height(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = image.rect()
    window.delegate.paint(painter, option, index)
    painter.end()
    return image


def has_colour(image: QImage, colour: str) -> bool:
    want = QColor(colour)
    return any(image.pixelColor(x, y) == want for x in range(0, image.width(), 1) for y in range(image.height()))


def test_current_row_grows_and_other_clipped_cells_show_a_marker(qtbot: QtBot, window: MainWindow,
                                                                 ws: Workspace) -> None:
    aid = long_pair(ws)
    window.resize(1280, 800)
    window.open_alignment(aid)
    default = window.table.verticalHeader().defaultSectionSize()
    window.go_to_row(0)
    assert window.table.rowHeight(1) == default
    assert has_colour(paint(window, 1, 1), "#1565c0")  # the "…" marker on the clipped long row
    window.go_to_row(1)
    assert window.table.rowHeight(1) > default  # the current row shows all of its text
    assert window.table.rowHeight(0) == default
    assert not has_colour(paint(window, 1, 1), "#1565c0")
    window.go_to_row(2)
    assert window.table.rowHeight(1) == default


def test_word_diff_emphasises_facts_and_can_be_switched_off(window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    assert window.model is not None
    doc = window.delegate.document_for(window.model.index(1, 2), 500)
    assert doc is not None
    text = doc.toPlainText()
    cursor = QTextCursor(doc)
    cursor.setPosition(text.index("2,500") + 1)
    assert cursor.charFormat().fontWeight() >= 700  # the number: bold, full colour
    window.diff_action.trigger()  # View → Highlight word differences: off
    doc = window.delegate.document_for(window.model.index(1, 2), 500)
    assert doc is not None
    cursor = QTextCursor(doc)
    cursor.setPosition(text.index("2,500") + 1)
    assert cursor.charFormat().fontWeight() < 700
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush
    window.diff_action.trigger()
    assert window.delegate.show_diff
