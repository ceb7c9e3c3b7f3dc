"""The document overview strip: where divergences and low-confidence links are along the text; click to jump.

Open divergences are shaded by severity (dark red serious, orange medium, yellow minor); rows whose
divergences all have a verdict take the verdict's colour (purple confirmed, blue check source,
grey dismissed)."""

from __future__ import annotations

from khaddam_align_ui.divergence_panel import VERDICT_COLOUR, severity_colour
from khaddam_align_ui.qt import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QSize,
    Qt,
    QWidget,
    Signal,
)

DIVERGENCE = QColor("#c62828")
LOW = QColor("#ef9a00")
VIEWPORT = QColor(33, 150, 243, 60)


class OverviewStrip(QWidget):
    """A narrow vertical bar; ``rowClicked(row)`` when the user clicks a place in it."""

    rowClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overview")
        self.setToolTip("Overview — right half: open divergences by severity (dark red = serious, orange, yellow = "
                        "minor); judged: purple = confirmed, blue = check source, grey = dismissed. Left half: "
                        "orange = low confidence. Click to jump.")
        self.setMinimumWidth(18)
        self.setMaximumWidth(22)
        self._marks: list[tuple[float, str, bool]] = []
        self._visible = (0, 0)

    def sizeHint(self) -> QSize:
        return QSize(20, 400)

    def set_marks(self, marks: list[tuple[float, str, bool]]) -> None:
        """Per row in order: (severity, verdict ("open", a verdict, or "" for no divergence), low confidence)."""
        self._marks = marks
        self.update()

    def set_visible_rows(self, first: int, last: int) -> None:
        self._visible = (first, last)
        self.update()

    @staticmethod
    def colour(severity: float, verdict: str) -> QColor:
        return QColor(severity_colour(severity) if verdict == "open" else VERDICT_COLOUR.get(verdict, "#9e9e9e"))

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
            order = sorted(range(n), key=lambda i: (self._marks[i][1] == "open", self._marks[i][0]))
            for i in order:  # serious open marks painted last, on top
                severity, verdict, low = self._marks[i]
                if not (verdict or low):
                    continue
                y = int(i / n * h)
                if low:
                    p.fillRect(2, y, self.width() // 2 - 2, int(mark_h), LOW)
                if verdict:
                    p.fillRect(self.width() // 2, y, self.width() // 2 - 2, int(mark_h), self.colour(severity, verdict))
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
