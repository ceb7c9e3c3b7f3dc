"""The detail pane for the current row: full texts with the word diff, divergences grouped by
pair of renderings with verdict buttons and a note, the quotes with their speakers, and
"Mark up…" for a finding of the reviewer's own (select words in the texts first)."""

from __future__ import annotations

from html import escape

from khaddam_align.text.visible import visible_same_length
from khaddam_align.views.diff import STRONG, WEAK
from khaddam_align.views.grid import Column, DivInfo, RowData
from khaddam_align_ui.delegate import MARK_COLOURS, mark_colour
from khaddam_align_ui.divergence_panel import VERDICT_COLOUR, VERDICT_GLYPH, VERDICT_TEXT
from khaddam_align_ui.qt import (
    QFont,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)
from khaddam_align_ui.services import DiffMark, quotes

VERDICTS = (("confirmed", "Confirm", "It is a real divergence (Y)"), ("dismissed", "Dismiss", "Not a divergence (N)"),
            ("check-source", "Check source", "Needs a look at the original (K)"))


def marked_html(text: str, marks: tuple[DiffMark, ...], *, show: bool = True) -> str:
    """``text`` as HTML with the diff marks as coloured spans (facts bold, function words not marked)."""
    text = visible_same_length(text)  # controls/bidi controls visible and inert, offsets kept
    out, pos = [], 0
    for m in sorted(marks, key=lambda m: m.start) if show else ():
        if m.start < pos or m.weight == WEAK:
            continue
        out.append(escape(text[pos : m.start]))
        colour = mark_colour(m).name()
        weight = "font-weight:bold;" if m.weight == STRONG else ""
        out.append(f'<span style="background-color:{colour};{weight}">{escape(text[m.start : m.end])}</span>')
        pos = m.end
    out.append(escape(text[pos:]))
    return "".join(out)


class DivergenceBox(QFrame):
    """One divergence: type, verdict, description, verdict buttons and a note."""

    verdictChosen = Signal(int, str, str)

    def __init__(self, div: DivInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.div = div
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"divergence-{div.id}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        colour = VERDICT_COLOUR.get(div.verdict, "#555")
        who = f" · marked by {escape(div.created_by)}" if div.origin == "reviewer" else ""
        head = QLabel(f"<b>{escape(div.type)}</b> · severity {div.severity:.2f} · "
                      f"<span style='color:{colour}'><b>{VERDICT_GLYPH.get(div.verdict, '')} "
                      f"{escape(VERDICT_TEXT.get(div.verdict, div.verdict))}</b></span>{who}")
        head.setObjectName("head")
        desc = QLabel(div.description or "—")
        desc.setObjectName("description")
        desc.setTextFormat(Qt.TextFormat.PlainText)
        desc.setWordWrap(True)
        desc.setMinimumHeight(desc.heightForWidth(300))  # wrapped text must not be squashed
        lay.addWidget(head)
        lay.addWidget(desc)
        self.note = QLineEdit(div.note)
        self.note.setObjectName("note")
        self.note.setPlaceholderText("Note (why, source checked, …) — Enter saves it; Ctrl+Shift+N comes here")
        self.note.editingFinished.connect(self._note_done)
        lay.addWidget(self.note)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for value, text, tip in VERDICTS:
            b = QPushButton(text)
            b.setToolTip(tip)
            b.setCheckable(True)
            b.setChecked(div.verdict == value)
            b.clicked.connect(lambda _=False, v=value: self.verdictChosen.emit(self.div.id, v, self.note.text()))
            buttons.addWidget(b)
            self.buttons[value] = b
        reopen = QPushButton("Reopen")
        reopen.setToolTip("Back to open (Shift+K)")
        reopen.clicked.connect(lambda: self.verdictChosen.emit(self.div.id, "open", self.note.text()))
        buttons.addWidget(reopen)
        self.buttons["open"] = reopen
        buttons.addStretch(1)
        lay.addLayout(buttons)

    def _note_done(self) -> None:
        """Save an edited note, keeping the verdict."""
        if self.note.text() != self.div.note:
            self.verdictChosen.emit(self.div.id, self.div.verdict, self.note.text())

    def set_highlighted(self, on: bool) -> None:
        self.setStyleSheet(f"QFrame#{self.objectName()} {{ border: 2px solid #1565c0; background: #eef4fc; }}"
                           if on else "")


class DetailPane(QWidget):
    verdictChosen = Signal(int, str, str)
    markRequested = Signal(object)  # None: the mark-up dialog for the current row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail")
        self.arabic_font = QFont("Amiri", 14)
        self.english_font = QFont("DejaVu Sans", 10)
        self.show_diff = True
        self.columns: tuple[Column, ...] = ()
        self.row: RowData | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.title = QLabel("<i>Select a row to see its texts, differences and divergences.</i>")
        self.title.setWordWrap(True)
        top.addWidget(self.title, 1)
        self.mark = QPushButton("Mark up…")
        self.mark.setObjectName("mark-up")
        self.mark.setToolTip("Add a finding of your own on this row: select words in the texts below first "
                             "(Ctrl+Shift+F)")
        self.mark.clicked.connect(lambda: self.markRequested.emit(None))
        top.addWidget(self.mark)
        outer.addLayout(top)
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.texts_row = QHBoxLayout()
        body.addLayout(self.texts_row, 3)
        self.browsers: list[QTextBrowser] = []
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(300)
        self.side_panel = QWidget()
        self.side_layout = QVBoxLayout(self.side_panel)
        self.side_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        # never squeeze the boxes below their size: scroll instead
        self.side_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        scroll.setWidget(self.side_panel)
        self.side_scroll = scroll
        body.addWidget(scroll, 2)
        self.boxes: list[DivergenceBox] = []

    def _browsers(self, columns: tuple[Column, ...]) -> None:
        while len(self.browsers) < len(columns):
            b = QTextBrowser()
            b.setObjectName(f"detail-text-{len(self.browsers)}")
            self.texts_row.addWidget(b)
            self.browsers.append(b)
        for k, b in enumerate(self.browsers):
            b.setVisible(k < len(columns))

    def box_for(self, div_id: int) -> DivergenceBox | None:
        return next((b for b in self.boxes if b.div.id == div_id), None)

    def highlight(self, div_id: int) -> None:
        """Frame the box of this divergence and scroll to it."""
        for b in self.boxes:
            b.set_highlighted(b.div.id == div_id)
        box = self.box_for(div_id)
        if box is not None:
            self.side_scroll.ensureWidgetVisible(box)

    def selections(self) -> dict[int, tuple[int, int, str]]:
        """Column index → (start, end, text) of the words selected in that column's text (cell offsets)."""
        out: dict[int, tuple[int, int, str]] = {}
        if self.row is None:
            return out
        for k, (browser, cell) in enumerate(zip(self.browsers, self.row.cells, strict=False)):
            cursor = browser.textCursor()
            picked = cursor.selectedText().replace("\u2029", " ").strip()
            if not picked or not cell.text:
                continue
            body = browser.document().firstBlock().next()
            approx = cursor.selectionStart() - (body.position() if body.isValid() else 0)
            found = _nearest(cell.text, picked, approx)
            if found is not None:
                out[k] = (found, found + len(picked), picked)
        return out

    def show_row(self, row: RowData | None, columns: tuple[Column, ...]) -> None:
        self._browsers(columns)
        self.columns, self.row = columns, row
        while self.side_layout.count():
            item = self.side_layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                for child in [w, *w.findChildren(QWidget)]:
                    child.blockSignals(True)  # no late editingFinished from a box being removed
                w.hide()  # not setParent(None): a removed widget must never show as a window of its own
                w.deleteLater()
        self.boxes = []
        self.mark.setEnabled(row is not None)
        if row is None:
            self.title.setText("<i>Select a row to see its texts, differences and divergences.</i>")
            for b in self.browsers:
                b.clear()
            return
        shape = ":".join(str(len(c.segment_ids)) for c in row.cells)
        self.title.setText(
            f"<b>Row {row.position + 1}</b> · {shape} · confidence {row.score:.2f} · "
            f"<b>{row.status}</b>" + (f" · {escape(row.note)}" if row.note else "")
        )
        for col, cell, browser in zip(columns, row.cells, self.browsers, strict=False):
            browser.setFont(self.arabic_font if col.rtl else self.english_font)
            direction = "rtl" if col.rtl else "ltr"
            align = "right" if col.rtl else "left"
            body = marked_html(cell.text, cell.marks, show=self.show_diff) if cell.text else "<i>(nothing: unmatched)</i>"
            browser.setHtml(
                f'<p dir="ltr" align="left" style="color:#666; font-family:\'{self.english_font.family()}\'; '
                f'font-size:{self.english_font.pointSize()}pt">{escape(col.header)}</p>'
                f'<div dir="{direction}" align="{align}">{body}</div>'
            )
            browser.setLayoutDirection(Qt.LayoutDirection.RightToLeft if col.rtl else Qt.LayoutDirection.LeftToRight)
        if row.divergences:
            self.side_layout.addWidget(QLabel(f"<b>Divergences ({len(row.divergences)})</b>"))
        pair = None
        for div in row.divergences:  # sorted by pair, then severity: one heading per pair
            if div.pair and div.pair != pair:
                pair = div.pair
                heading = QLabel(f"<span style='color:#555'>{escape(pair)}</span>")
                heading.setWordWrap(True)
                self.side_layout.addWidget(heading)
            box = DivergenceBox(div)
            box.verdictChosen.connect(self.verdictChosen)
            self.side_layout.addWidget(box)
            self.boxes.append(box)
        # Tab goes from "Mark up…" through each divergence's note and verdict buttons
        previous: QWidget = self.mark
        for box in self.boxes:
            for w in (box.note, *box.buttons.values()):
                QWidget.setTabOrder(previous, w)
                previous = w
        found = []
        for col, cell in zip(columns, row.cells, strict=False):
            if col.language == "en" and cell.text:
                found += [(col.label, q) for q in quotes(cell.text)]
        if found:
            self.side_layout.addWidget(QLabel("<b>Quotes</b>"))
            for label, q in found:
                who = escape(q.speaker) if q.speaker else "<i>speaker not named</i>"
                lab = QLabel(f"“{escape(q.text)}” — {who} <span style='color:#888'>({escape(label)})</span>")
                lab.setWordWrap(True)
                lab.setMinimumHeight(lab.heightForWidth(300))
                self.side_layout.addWidget(lab)
        if not row.divergences and not found:
            self.side_layout.addWidget(QLabel("<i>No divergences recorded for this row.</i>"))


def _nearest(text: str, picked: str, approx: int) -> int | None:
    """Where ``picked`` occurs in ``text``, the occurrence nearest ``approx`` (selection offsets can drift)."""
    hits = []
    start = text.find(picked)
    while start >= 0:
        hits.append(start)
        start = text.find(picked, start + 1)
    return min(hits, key=lambda h: abs(h - approx)) if hits else None


__all__ = ["MARK_COLOURS", "DetailPane", "DivergenceBox", "marked_html"]
