"""The detail pane for the current row: full texts with the word diff, divergences with
verdict buttons and a note, and the quotes with their speakers."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from khaddam_align.text.visible import visible_same_length
from khaddam_align_ui.data import Column, DivInfo, RowData
from khaddam_align_ui.delegate import MARK_COLOURS
from khaddam_align_ui.services import DiffMark, quotes

VERDICTS = (("confirmed", "Confirm", "It is a real divergence"), ("dismissed", "Dismiss", "Not a divergence"),
            ("check-source", "Check source", "Needs a look at the original"))


def marked_html(text: str, marks: tuple[DiffMark, ...]) -> str:
    """``text`` as HTML with the diff marks as coloured spans."""
    text = visible_same_length(text)  # controls/bidi controls visible and inert, offsets kept
    out, pos = [], 0
    for m in sorted(marks, key=lambda m: m.start):
        if m.start < pos:
            continue
        out.append(escape(text[pos : m.start]))
        colour = MARK_COLOURS.get(m.kind, MARK_COLOURS["replace"]).name()
        out.append(f'<span style="background-color:{colour}">{escape(text[m.start : m.end])}</span>')
        pos = m.end
    out.append(escape(text[pos:]))
    return "".join(out)


class DivergenceBox(QFrame):
    """One divergence: type, description, verdict buttons and a note."""

    verdictChosen = Signal(int, str, str)

    def __init__(self, div: DivInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.div = div
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"divergence-{div.id}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        head = QLabel(f"<b>{escape(div.type)}</b> · severity {div.severity:.2f} · verdict: <i>{escape(div.verdict)}</i>")
        desc = QLabel(div.description or "—")
        desc.setObjectName("description")
        desc.setTextFormat(Qt.TextFormat.PlainText)
        desc.setWordWrap(True)
        desc.setMinimumHeight(desc.heightForWidth(300))  # wrapped text must not be squashed
        lay.addWidget(head)
        lay.addWidget(desc)
        self.note = QLineEdit(div.note)
        self.note.setPlaceholderText("Note (why, source checked, …) — Enter saves it")
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
        reopen.clicked.connect(lambda: self.verdictChosen.emit(self.div.id, "open", self.note.text()))
        buttons.addWidget(reopen)
        buttons.addStretch(1)
        lay.addLayout(buttons)


    def _note_done(self) -> None:
        """Save an edited note, keeping the verdict."""
        if self.note.text() != self.div.note:
            self.verdictChosen.emit(self.div.id, self.div.verdict, self.note.text())


class DetailPane(QWidget):
    verdictChosen = Signal(int, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail")
        self.arabic_font = QFont("Amiri", 14)
        self.english_font = QFont("DejaVu Sans", 10)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel("<i>Select a row to see its texts, differences and divergences.</i>")
        outer.addWidget(self.title)
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.texts_row = QHBoxLayout()
        body.addLayout(self.texts_row, 3)
        self.browsers: list[QTextBrowser] = []
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(360)
        self.side_panel = QWidget()
        self.side_layout = QVBoxLayout(self.side_panel)
        self.side_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        # never squeeze the boxes below their size: scroll instead
        self.side_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        scroll.setWidget(self.side_panel)
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

    def show_row(self, row: RowData | None, columns: tuple[Column, ...]) -> None:
        self._browsers(columns)
        while self.side_layout.count():
            item = self.side_layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                for child in [w, *w.findChildren(QWidget)]:
                    child.blockSignals(True)  # no late editingFinished from a box being removed
                w.setParent(None)
                w.deleteLater()
        self.boxes = []
        if row is None:
            self.title.setText("<i>Select a row to see its texts, differences and divergences.</i>")
            for b in self.browsers:
                b.clear()
            return
        kinds = {1: "1:1"}
        shape = f"{len(row.cells[0].segment_ids)}:{len(row.cells[1].segment_ids)}"
        self.title.setText(
            f"<b>Row {row.position + 1}</b> · {kinds.get(0, shape)} · confidence {row.score:.2f} · "
            f"<b>{row.status}</b>" + (f" · {escape(row.note)}" if row.note else "")
        )
        for col, cell, browser in zip(columns, row.cells, self.browsers, strict=False):
            browser.setFont(self.arabic_font if col.rtl else self.english_font)
            direction = "rtl" if col.rtl else "ltr"
            align = "right" if col.rtl else "left"
            body = marked_html(cell.text, cell.marks) if cell.text else "<i>(nothing: unmatched)</i>"
            browser.setHtml(
                f'<p dir="ltr" align="left" style="color:#666; font-family:\'{self.english_font.family()}\'; '
                f'font-size:{self.english_font.pointSize()}pt">{escape(col.header)}</p>'
                f'<div dir="{direction}" align="{align}">{body}</div>'
            )
            browser.setLayoutDirection(Qt.LayoutDirection.RightToLeft if col.rtl else Qt.LayoutDirection.LeftToRight)
        if row.divergences:
            self.side_layout.addWidget(QLabel(f"<b>Divergences ({len(row.divergences)})</b>"))
        for div in row.divergences:
            box = DivergenceBox(div)
            box.verdictChosen.connect(self.verdictChosen)
            self.side_layout.addWidget(box)
            self.boxes.append(box)
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
