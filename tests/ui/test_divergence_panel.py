"""The divergence panel: every divergence of the view (all three pairs), ranked, filtered, counted;
selection drives the grid, the evidence highlight, Y/N/K and the note; D follows its order."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Divergence, Link, Verdict
from khaddam_align_ui.main_window import MainWindow
from khaddam_align_ui.qt import QApplication, QColor, QPoint, Qt, QTextCursor
from tests.ui.ui_fixtures import ARABIC, ENGLISH_A, ENGLISH_B, Trio, build_trio


def offset(sentences: list[str], k: int, word: str) -> tuple[int, int]:
    """Offsets of ``word`` in sentence ``k`` of a rendering made by joining ``sentences`` with spaces."""
    start = sum(len(s) + 1 for s in sentences[:k]) + sentences[k].index(word)
    return start, start + len(word)


def add_div(ws: Workspace, alignment_id: int, position: int, type_: str, severity: float, *,
            a: tuple[int, int] | None = None, b: tuple[int, int] | None = None, key: str = "") -> int:
    with ws.transaction() as s:
        link = s.scalars(select(Link).where(Link.alignment_id == alignment_id, Link.position == position)).one()
        d = Divergence(alignment_id=alignment_id, link_id=link.id, key=key or f"{type_}-{alignment_id}-{position}",
                       type=type_, severity=severity, description=f"{type_} on row {position + 1}",
                       a_spans=[list(a)] if a else [], b_spans=[list(b)] if b else [])
        s.add(d)
        s.flush()
        return d.id


def ranked_trio(ws: Workspace) -> tuple[Trio, dict[str, int]]:
    """The trio with one divergence per pair: number (A↔B, row 2), entity (A↔B, row 3, most severe),
    speaker (Arabic↔A, row 1, least severe), omission (Arabic↔B)."""
    trio = build_trio(ws)
    with ws.session() as s:
        number = s.scalars(select(Divergence.id)).one()
    ids = {
        "number": number,
        "entity": add_div(ws, trio.a_b, 2, "entity", 0.95, a=offset(ENGLISH_A, 2, "Cairo"),
                          b=offset(ENGLISH_B, 2, "Amman")),
        "speaker": add_div(ws, trio.ar_a, 0, "speaker", 0.4, a=offset(ARABIC, 0, "خدام")),
        "omission": add_div(ws, trio.ar_b, 3, "addition", 0.6, b=offset(ENGLISH_B, 3, "extra sentence")),
    }
    return trio, ids


def test_panel_lists_every_pair_most_severe_first_with_counts(window: MainWindow, ws: Workspace) -> None:
    trio, ids = ranked_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    order = [i.div.id for i in window.panel.ordered()]
    assert order == [ids["entity"], ids["number"], ids["omission"], ids["speaker"]]
    pairs = {i.div.pair for i in window.panel.ordered()}
    assert len(pairs) == 3  # Arabic↔first, Arabic↔second, first↔second
    assert pairs == {"Arabic original ↔ Paper A (English)",
                     "Arabic original ↔ Paper B (English)", "Paper A (English) ↔ Paper B (English)"}
    assert "4 of 4 shown" in window.panel.counts.text()
    assert "4 open" in window.panel.counts.text()
    window.panel.set_sort("position")
    # the second paper's extra sentence has no Arabic: it is shown on the row above it (row 3)
    assert [i.row_number for i in window.panel.ordered()] == [1, 2, 3, 3]
    window.panel.list.header().sectionClicked.emit(1)  # the "Sev." column title
    assert window.panel.sort.currentData() == "severity"
    window.panel.set_sort("type")
    assert [i.div.type for i in window.panel.ordered()] == sorted(["entity", "number", "addition", "speaker"])


def test_panel_filters_by_type_verdict_and_pair(window: MainWindow, ws: Workspace) -> None:
    trio, ids = ranked_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    panel = window.panel
    panel.type.setCurrentIndex(panel.type.findData("entity"))
    assert [i.div.id for i in panel.ordered()] == [ids["entity"]]
    assert "1 of 4 shown" in panel.counts.text()
    panel.type.setCurrentIndex(0)
    pair = next(i.div.pair for i in panel.ordered() if i.div.id == ids["number"])
    panel.pair.setCurrentIndex(panel.pair.findData(pair))
    assert {i.div.id for i in panel.ordered()} == {ids["number"], ids["entity"]}
    panel.pair.setCurrentIndex(0)
    panel.severity.setCurrentIndex(panel.severity.findData(0.7))
    assert {i.div.id for i in panel.ordered()} == {ids["number"], ids["entity"]}
    panel.severity.setCurrentIndex(0)
    window.set_verdict(ids["speaker"], "dismissed", "")
    panel.set_verdict_filter("open")
    assert ids["speaker"] not in [i.div.id for i in panel.ordered()]
    assert "1 dismissed" in panel.counts.text()


def test_selecting_scrolls_the_grid_and_highlights_the_evidence(qtbot: QtBot, window: MainWindow,
                                                                ws: Workspace) -> None:
    trio, ids = ranked_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.go_to_row(0)
    assert window.panel.select_id(ids["entity"])
    assert window.current_row() == 2
    assert window.model is not None
    # the evidence: "Cairo" in the first English column (2), "Amman" in the second (3)
    for col, word in ((2, "Cairo"), (3, "Amman")):
        doc = window.delegate.document_for(window.model.index(2, col), 400)
        assert doc is not None
        text = doc.toPlainText()
        start = text.index(word)
        cursor = QTextCursor(doc)
        cursor.setPosition(start + 1)
        assert cursor.charFormat().fontUnderline(), word
        cursor.setPosition(0 if start > 2 else len(text))
        assert not cursor.charFormat().fontUnderline()
    box = window.detail.box_for(ids["entity"])
    assert box is not None
    assert "#1565c0" in box.styleSheet()


def test_verdict_keys_act_on_the_selected_item_then_move_to_the_next_open_one(qtbot: QtBot, window: MainWindow,
                                                                              ws: Workspace) -> None:
    trio, ids = ranked_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.focus_panel()  # Ctrl+Shift+L: the list has the keyboard, its first (most severe) item selected
    assert window.panel.list.hasFocus()
    sel = window.panel.selected()
    assert sel is not None
    assert sel.div.id == ids["entity"]
    qtbot.keyClick(window.panel.list, Qt.Key.Key_Y)
    sel = window.panel.selected()
    assert sel is not None
    assert sel.div.id == ids["number"]
    qtbot.keyClick(window.panel.list, Qt.Key.Key_K)
    with ws.session() as s:
        verdicts = {i: v for i, v in s.execute(select(Divergence.id, Divergence.verdict))}
    assert verdicts[ids["entity"]] == Verdict.CONFIRMED
    assert verdicts[ids["number"]] == Verdict.CHECK_SOURCE
    assert verdicts[ids["speaker"]] == Verdict.OPEN
    sel = window.panel.selected()
    assert sel is not None
    assert sel.div.id == ids["omission"]
    assert window.current_row() == 2
    # the note field of the selected item is one shortcut away, and Enter saves the note
    window.focus_note()
    box = window.detail.box_for(ids["omission"])
    assert box is not None
    assert QApplication.focusWidget() is box.note
    box.note.setText("only the second paper has it")
    qtbot.keyClick(box.note, Qt.Key.Key_Return)
    with ws.session() as s:
        assert s.get(Divergence, ids["omission"]).note == "only the second paper has it"  # type: ignore[union-attr]


def test_next_divergence_follows_the_panel_order(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio, ids = ranked_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.go_to_row(0)
    window.table.setFocus()
    rows = []
    for _ in range(4):
        qtbot.keyClick(window.table, Qt.Key.Key_D)
        rows.append(window.current_row())
    assert rows == [2, 1, 2, 0]  # most severe first, not document order
    qtbot.keyClick(window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ShiftModifier)
    sel = window.panel.selected()
    assert sel is not None
    assert sel.div.id == ids["omission"]


def test_overview_strip_shades_by_severity_and_verdict_and_jumps(qtbot: QtBot, window: MainWindow,
                                                                ws: Workspace) -> None:
    trio, ids = ranked_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    marks = window.strip._marks
    assert [m[1] for m in marks] == ["open", "open", "open", ""]
    assert marks[2][0] == 0.95
    assert marks[0][0] == 0.4
    serious, minor = (window.strip.colour(m[0], m[1]) for m in (marks[2], marks[0]))
    assert serious != minor
    window.set_verdict(ids["speaker"], "dismissed", "")
    assert window.strip._marks[0][1] == "dismissed"
    assert window.strip.colour(0.4, "dismissed") == QColor("#9e9e9e")
    strip = window.strip
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(15, int(strip.height() * 0.6)))
    assert window.current_row() == 2


def test_verdicts_are_visible_in_the_grid(window: MainWindow, ws: Workspace) -> None:
    from khaddam_align_ui.divergence_panel import VERDICT_GLYPH
    from khaddam_align_ui.qt import QImage, QPainter, QStyleOptionViewItem

    trio, ids = ranked_trio(ws)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    assert window.model is not None

    def state_cell(row: int) -> QImage:
        image = QImage(92, 120, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        option = QStyleOptionViewItem()
        option.rect = image.rect()
        window.delegate.paint(painter, option, window.model.index(row, 0))  # type: ignore[union-attr]
        painter.end()
        return image

    def colours(image: QImage) -> set[str]:
        return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}

    before = colours(state_cell(2))
    window.set_verdict(ids["entity"], "confirmed", "")
    assert "#6a1b9a" in colours(state_cell(2))
    assert "#6a1b9a" not in before
    window.set_verdict(ids["entity"], "check-source", "")
    assert "#1565c0" in colours(state_cell(2))
    assert len(set(VERDICT_GLYPH.values())) == 4


def test_realign_in_the_app_keeps_each_divergence_on_the_row_of_its_evidence(qtbot: QtBot, window: MainWindow,
                                                                             ws: Workspace) -> None:
    trio, _ids = ranked_trio(ws)
    window.open_alignment(trio.a_b)
    assert window.model is not None
    window.go_to_row(0)
    window.realign(between=False)
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo Realign rows below", timeout=30000)
    items = window.panel.ordered()
    assert "number" in {i.div.type for i in items}  # found again by the detector
    for item in items:  # each on the row whose cells hold its evidence
        assert item.row_number is not None
        row = window.model.row_data(item.row_number - 1)
        assert row is not None
        for col, spans in ((0, item.div.a_spans), (1, item.div.b_spans)):
            for a, b in spans:
                assert row.cells[col].local(a, b) is not None, (item.div.type, item.div.description)
