"""The document overview strip: where divergences and low-confidence links are along the text; click to jump."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

DIVERGENCE = QColor("#c62828")
LOW = QColor("#ef9a00")
VIEWPORT = QColor(33, 150, 243, 60)


class OverviewStrip(QWidget):
    """A narrow vertical bar; ``rowClicked(row)`` when the user clicks a place in it."""

    rowClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overview")
        self.setToolTip("Overview: red = divergence, orange = low confidence. Click to jump.")
        self.setMinimumWidth(18)
        self.setMaximumWidth(22)
        self._marks: list[tuple[bool, bool]] = []
        self._visible = (0, 0)

    def sizeHint(self) -> QSize:
        return QSize(20, 400)

    def set_marks(self, marks: list[tuple[bool, bool]]) -> None:
        """Per row in order: (diverges, low confidence)."""
        self._marks = marks
        self.update()

    def set_visible_rows(self, first: int, last: int) -> None:
        self._visible = (first, last)
        self.update()

    def row_at(self, y: float) -> int:
        n = len(self._marks)
        if n == 0 or self.height() <= 0:
            return -1
        return max(0, min(n - 1, int(y / self.height() * n)))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#f4f4f4"))
        n = len(self._marks)
        if n:
            h = self.height()
            mark_h = max(2.0, h / n)
            for i, (div, low) in enumerate(self._marks):
                if not (div or low):
                    continue
                y = int(i / n * h)
                if low:
                    p.fillRect(2, y, self.width() // 2 - 2, int(mark_h), LOW)
                if div:
                    p.fillRect(self.width() // 2, y, self.width() // 2 - 2, int(mark_h), DIVERGENCE)
            first, last = self._visible
            if last >= first:
                p.fillRect(0, int(first / n * h), self.width(), max(3, int((last - first + 1) / n * h)), VIEWPORT)
        p.setPen(QColor("#cccccc"))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            row = self.row_at(event.position().y())
            if row >= 0:
                self.rowClicked.emit(row)
