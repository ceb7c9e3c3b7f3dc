"""Painting grid cells: text through a QTextDocument with highlighted word-diff spans,
Arabic right-to-left, and the state column's number, confidence bar and divergence badges.

Arabic is given to Qt as logical text; Qt shapes and orders it itself.
"""

from __future__ import annotations

from khaddam_align.text.visible import visible_same_length
from khaddam_align.views.diff import STRONG, WEAK
from khaddam_align.views.grid import Column, RowData
from khaddam_align_ui.divergence_panel import VERDICT_COLOUR, VERDICT_GLYPH
from khaddam_align_ui.model import COLUMN_ROLE, ROW_ROLE
from khaddam_align_ui.qt import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QModelIndex,
    QPainter,
    QPalette,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWidget,
)
from khaddam_align_ui.services import DiffMark

MARK_COLOURS = {
    "replace": QColor("#ffe08a"),  # changed words
    "delete": QColor("#ffc4c4"),  # only in this (left) English text
    "insert": QColor("#c6f0c2"),  # only in this (right) English text
}
BADGE_COLOURS = {
    "number": "#c0392b", "entity": "#8e44ad", "speaker": "#d35400", "omission": "#7f8c8d",
    "addition": "#16a085", "meaning": "#c0392b", "negation": "#c0392b", "modality": "#2c3e50",
    "quote": "#2980b9", "date": "#b7950b",
}
STATUS_GLYPH = {"confirmed": "✓", "rejected": "✗", "auto": "•"}
EVIDENCE = QColor("#ff9800")  # the selected divergence's evidence: underlined and framed in orange
CLIPPED = "…"


def mark_colour(mark: DiffMark) -> QColor:
    """Facts (numbers, names, negation, modality) in full colour; other changes paler."""
    colour = QColor(MARK_COLOURS.get(mark.kind, MARK_COLOURS["replace"]))
    if mark.weight != STRONG:
        colour = colour.lighter(112)
        colour.setAlpha(120)
    return colour

Index = QModelIndex | QPersistentModelIndex


def build_document(
    text: str,
    marks: tuple[DiffMark, ...],
    *,
    font: QFont,
    rtl: bool,
    width: float,
    strike: bool = False,
    evidence: tuple[tuple[int, int], ...] = (),
) -> QTextDocument:
    """A document with ``text``, its diff ``marks`` highlighted (function words not), laid out at ``width``."""
    doc = QTextDocument()
    doc.setDocumentMargin(4)
    doc.setDefaultFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
    doc.setDefaultTextOption(option)
    doc.setPlainText(visible_same_length(text))  # controls/bidi controls visible and inert, offsets kept
    cursor = QTextCursor(doc)
    for m in marks:
        if m.weight == WEAK:
            continue
        fmt = QTextCharFormat()
        fmt.setBackground(mark_colour(m))
        if m.weight == STRONG:
            fmt.setFontWeight(QFont.Weight.Bold)
        cursor.setPosition(m.start)
        cursor.setPosition(min(m.end, len(text)), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    for start, end in evidence:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(EVIDENCE)
        fmt.setFontUnderline(True)
        fmt.setBackground(QColor(255, 152, 0, 90))
        cursor.setPosition(min(start, len(text)))
        cursor.setPosition(min(end, len(text)), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    if strike:
        fmt = QTextCharFormat()
        fmt.setFontStrikeOut(True)
        fmt.setForeground(QColor("#888888"))
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeCharFormat(fmt)
    doc.setTextWidth(width)
    return doc


class CellDelegate(QStyledItemDelegate):
    """Paints every grid cell; fonts come from the settings (Arabic font, English font)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arabic_font = QFont("Amiri", 13)
        self.english_font = QFont("DejaVu Sans", 10)
        self.show_diff = True  # View → Highlight word differences
        self.evidence: dict[tuple[int, int], list[tuple[int, int]]] = {}  # (link id, column) → cell spans

    def font_for(self, column: Column | None) -> QFont:
        return self.arabic_font if column is not None and column.rtl else self.english_font

    def document_for(self, index: Index, width: float) -> QTextDocument | None:
        """The document a text cell is painted from (tests inspect its highlights)."""
        row: RowData | None = index.data(ROW_ROLE)
        column: Column | None = index.data(COLUMN_ROLE)
        if row is None or column is None:
            return None
        cell = row.cells[index.column() - 1]
        evidence = tuple(self.evidence.get((row.link_id, index.column() - 1), ()))
        return build_document(cell.text, cell.marks if self.show_diff else (), font=self.font_for(column),
                              rtl=column.rtl, width=width, strike=row.status == "rejected", evidence=evidence)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        rect = option.rect
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if background is not None:
            painter.fillRect(rect, background)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            highlight = QColor(option.palette.color(QPalette.ColorRole.Highlight))
            highlight.setAlpha(60)
            painter.fillRect(rect, highlight)
            painter.setPen(QColor(option.palette.color(QPalette.ColorRole.Highlight)))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.setPen(QColor("#d8d8d8"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if index.column() == 0:
            self._paint_state(painter, rect, index)
        else:
            doc = self.document_for(index, rect.width())
            if doc is not None and doc.isEmpty():
                painter.setPen(QColor("#9a9a9a"))
                italic = QFont(self.english_font)
                italic.setItalic(True)
                painter.setFont(italic)
                row: RowData = index.data(ROW_ROLE)
                note = row.cells[index.column() - 1].note or "— not in this rendering —"
                painter.drawText(rect.adjusted(8, 4, -8, -4), Qt.AlignmentFlag.AlignCenter, note)
            elif doc is not None:
                painter.translate(rect.topLeft())
                painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
                ctx = QAbstractTextDocumentLayout.PaintContext()
                doc.documentLayout().draw(painter, ctx)
                if doc.size().height() > rect.height():  # more text than fits: a visible "…" marker
                    painter.fillRect(QRectF(0, rect.height() - 6, rect.width(), 6), QColor(0, 0, 0, 18))
                    small = QFont(self.english_font)
                    small.setBold(True)
                    painter.setFont(small)
                    w = painter.fontMetrics().horizontalAdvance(CLIPPED) + 10
                    h = painter.fontMetrics().height()
                    x = 2 if column_rtl(index) else rect.width() - w - 2
                    box = QRectF(x, rect.height() - h - 2, w, h)
                    painter.fillRect(box, QColor(255, 255, 255, 230))
                    painter.setPen(QColor("#1565c0"))
                    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, CLIPPED)
        painter.restore()

    def _paint_state(self, painter: QPainter, rect: QRect, index: Index) -> None:
        row: RowData | None = index.data(ROW_ROLE)
        if row is None:
            return
        font = QFont(self.english_font)
        painter.setFont(font)
        painter.setPen(QColor("#333333"))
        glyph = STATUS_GLYPH.get(row.status, "•")
        colour = {"confirmed": "#2e7d32", "rejected": "#9e9e9e"}.get(row.status, "#555555")
        line = rect.adjusted(6, 4, -4, 0)
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, f"{row.position + 1}")
        painter.setPen(QColor(colour))
        painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"{row.score:.2f} {glyph}")
        # confidence bar
        bar_y = rect.top() + 24
        width = rect.width() - 12
        painter.fillRect(rect.left() + 6, bar_y, width, 4, QColor("#e0e0e0"))
        score_colour = "#43a047" if row.score >= 0.75 else "#fbc02d" if not row.low else "#e65100"
        painter.fillRect(rect.left() + 6, bar_y, int(width * max(0.0, min(1.0, row.score))), 4, QColor(score_colour))
        # badges
        small = QFont(self.english_font)
        small.setPointSizeF(max(6.5, self.english_font.pointSizeF() * 0.75))
        small.setBold(True)
        painter.setFont(small)
        y = bar_y + 8
        shown = sorted(row.divergences, key=lambda d: (d.verdict != "open", -d.severity))
        for k, div in enumerate(shown):
            metrics = painter.fontMetrics()
            h = metrics.height() + 2
            if y + 2 * h + 3 > rect.bottom() and k < len(shown) - 1:
                painter.setPen(QColor("#555555"))
                painter.drawText(QRectF(rect.left() + 6, y, width, h), Qt.AlignmentFlag.AlignLeft,
                                 f"+{len(shown) - k} more")
                break
            if y + h > rect.bottom():
                break
            # verdict: glyph and colour (open: the type's colour; judged: the verdict's)
            label = f"{VERDICT_GLYPH.get(div.verdict, '')} {div.type}"
            w = min(width, metrics.horizontalAdvance(label) + 10)
            badge = QRectF(rect.left() + 6, y, w, h)
            base = QColor(BADGE_COLOURS.get(div.type, "#555555") if div.verdict == "open"
                          else VERDICT_COLOUR.get(div.verdict, "#555555"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(base)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
            y += h + 3

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(120, 72)


def column_rtl(index: Index) -> bool:
    column: Column | None = index.data(COLUMN_ROLE)
    return column is not None and column.rtl
