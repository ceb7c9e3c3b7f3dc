"""The app's grid cells and detail view show control and bidi characters inert, offsets kept."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui

TEXT = "price \u202e001$ total\x1b[2J end"


def test_cell_document_shows_marks_and_keeps_highlights(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont

    from khaddam_align_ui.delegate import build_document
    from khaddam_align_ui.services import DiffMark

    start = TEXT.index("total")
    doc = build_document(TEXT, (DiffMark(start, start + 5, "replace"),), font=QFont(), rtl=False, width=400)
    shown = doc.toPlainText()
    assert "\u202e" not in shown
    assert "\x1b" not in shown
    assert len(shown) == len(TEXT)
    assert shown[start : start + 5] == "total"  # the highlight still covers the same word
    assert "\u27e8001$" in shown
    assert "\u241b[2J" in shown


def test_detail_html_shows_marks(qtbot: QtBot) -> None:
    from khaddam_align_ui.detail import marked_html
    from khaddam_align_ui.services import DiffMark

    start = TEXT.index("end")
    html = marked_html(TEXT, (DiffMark(start, start + 3, "insert"),))
    assert "\u202e" not in html
    assert "\x1b" not in html
    assert ">end</span>" in html
