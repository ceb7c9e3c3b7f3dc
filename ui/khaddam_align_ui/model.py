"""The alignment grid's table model: it holds only link ids and fetches rows lazily, in batches."""

from __future__ import annotations

from html import escape
from typing import Any

from khaddam_align.views.grid import RowData, RowSource
from khaddam_align_ui.qt import QAbstractTableModel, QColor, QModelIndex, QPersistentModelIndex, Qt

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the RowData of the row
COLUMN_ROLE = Qt.ItemDataRole.UserRole + 2  # the khaddam_align.views.grid.Column of a text column (None for the state column)
BATCH = 100

# Row colours: status first, then confidence.
COLOURS = {
    "confirmed": QColor("#e3f4e1"),
    "rejected": QColor("#eeeeee"),
    "low": QColor("#fde8d4"),
    "mid": QColor("#fdf6dc"),
    "auto": QColor("#ffffff"),
}

Index = QModelIndex | QPersistentModelIndex


def row_colour_key(row: RowData) -> str:
    if row.status in ("confirmed", "rejected"):
        return row.status
    if row.low:
        return "low"
    if row.score < 0.75:
        return "mid"
    return "auto"


class AlignmentModel(QAbstractTableModel):
    """Column 0 is the row's state (number, confidence, badges); then one column per rendering."""

    def __init__(self, source: RowSource, ids: list[int] | None = None) -> None:
        super().__init__()
        self.source = source
        self._ids: list[int] = ids if ids is not None else source.link_ids()
        self._rows: dict[int, RowData] = {}

    # -- structure ------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.source.view.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "Row" if section == 0 else self.source.view.columns[section - 1].header
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            return self.source.view.columns[section - 1].label
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- data ---------------------------------------------------------------
    def row_data(self, row: int) -> RowData | None:
        if not 0 <= row < len(self._ids):
            return None
        link_id = self._ids[row]
        if link_id not in self._rows:
            lo = max(0, row - BATCH // 4)
            batch = [i for i in self._ids[lo : lo + BATCH] if i not in self._rows]
            self._rows.update(self.source.fetch(batch))
        return self._rows.get(link_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        col = index.column()
        if role == ROW_ROLE:
            return row
        if role == COLUMN_ROLE:
            return None if col == 0 else self.source.view.columns[col - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{row.position + 1}"
            return row.cells[col - 1].text
        if role == Qt.ItemDataRole.ToolTipRole and col > 0:
            text = row.cells[col - 1].text
            if not text:
                return None
            direction = "rtl" if self.source.view.columns[col - 1].rtl else "ltr"
            return f'<p dir="{direction}" style="max-width:520px">{escape(text)}</p>'  # rich text wraps
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            bits = [f"confidence {row.score:.2f}", row.status]
            bits += [f"{d.type}: {d.description}" for d in row.divergences]
            if row.note:
                bits.append(row.note)
            return "\n".join(bits)
        if role == Qt.ItemDataRole.BackgroundRole:
            return COLOURS[row_colour_key(row)]
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            rtl = self.source.view.columns[col - 1].rtl
            horizontal = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        return None

    # -- ids ----------------------------------------------------------------
    def link_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, link_id: int) -> int:
        try:
            return self._ids.index(link_id)
        except ValueError:
            return -1

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def set_ids(self, ids: list[int]) -> None:
        """Show these rows (after a filter or an edit that added/removed rows)."""
        self.beginResetModel()
        self._ids = ids
        self._rows.clear()
        self.source.invalidate()
        self.endResetModel()

    def refresh_rows(self, link_ids: set[int] | None = None) -> None:
        """Re-read rows whose content changed but not their number (e.g. status)."""
        if link_ids is None:
            self._rows.clear()
        else:
            for i in link_ids:
                self._rows.pop(i, None)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))
