"""Marking up a finding in the app: select words in the row's texts, choose type and severity;
it shows in the panel and the grid, and Ctrl+Z withdraws it."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Divergence
from khaddam_align_ui.dialogs import MarkDialog
from khaddam_align_ui.main_window import MainWindow
from khaddam_align_ui.qt import QTextBrowser, QTextCursor
from tests.ui.ui_fixtures import ENGLISH_A, ENGLISH_B, build_trio


def select_words(browser: QTextBrowser, words: str) -> None:
    text = browser.document().toPlainText()
    start = text.rindex(words)  # the cell text comes after the column title
    cursor = QTextCursor(browser.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)


def test_mark_up_from_selected_words(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    trio = build_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.go_to_row(2)
    select_words(window.detail.browsers[1], "Cairo")
    select_words(window.detail.browsers[2], "Amman")
    seen: dict[str, object] = {}

    def accept(dialog: MarkDialog) -> int:
        seen["pair"] = dialog.pair.currentText()
        dialog.type.setCurrentIndex(dialog.type.findData("entity"))
        dialog.severity.setValue(90)
        dialog.note.setText("the summit was in Cairo")
        return int(MarkDialog.DialogCode.Accepted)

    monkeypatch.setattr(MarkDialog, "exec", accept)
    window.mark_up()
    assert seen["pair"] == "Paper A (English) ↔ Paper B (English)"  # chosen from where the words are
    with ws.session() as s:
        d = s.scalars(select(Divergence).where(Divergence.origin == "reviewer")).one()
        a_text = " ".join(ENGLISH_A)
        b_text = " ".join(ENGLISH_B)
        assert (d.alignment_id, d.type, d.severity, d.created_by) == (trio.a_b, "entity", 0.9, "tester")
        assert [a_text[x:y] for x, y in d.a_spans] == ["Cairo"]
        assert [b_text[x:y] for x, y in d.b_spans] == ["Amman"]
    item = next(i for i in window.panel.ordered() if i.div.origin == "reviewer")
    assert item.row_number == 3
    assert window.statusBar().currentMessage().startswith("Mark up a finding (entity) — done.")
    window.undo()
    assert not [i for i in window.panel.ordered() if i.div.origin == "reviewer"]
    window.redo()
    assert [i for i in window.panel.ordered() if i.div.origin == "reviewer"]
