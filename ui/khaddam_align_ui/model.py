"""The alignment grid's table model: it holds only link ids and fetches rows lazily, in batches.

In the app the batches are read on the one background worker (``run_async``): a row not read yet
shows "loading…" and fills in when its batch arrives; the GUI thread never waits on the database
for painting. ``row_data`` (what the window acts on) reads through ``run``, which the window
points at its worker as well.
"""

from __future__ import annotations

from collections.abc import Callable
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
Run = Callable[[Callable[[], Any]], Any]  # runs a read and returns its result
RunAsync = Callable[[Callable[[], Any], Callable[[Any], None]], None]  # runs a read, hands the result back later
LOADING = "loading…"


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

    def __init__(self, source: RowSource, ids: list[int] | None = None, *, run: Run | None = None,
                 run_async: RunAsync | None = None) -> None:
        super().__init__()
        self.source = source
        self._run: Run = run if run is not None else (lambda fn: fn())
        self._run_async = run_async
        self._ids: list[int] = ids if ids is not None else self._run(source.link_ids)
        self._rows: dict[int, RowData] = {}
        self._stale: dict[int, RowData] = {}  # shown while a changed row is being read again
        self._pending: set[int] = set()  # link ids whose batch is on its way
        self._generation = 0  # batches asked for before a reset are dropped

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
    def _batch(self, row: int) -> list[int]:
        lo = max(0, row - BATCH // 4)
        return [i for i in self._ids[lo : lo + BATCH] if i not in self._rows and i not in self._pending]

    def row_data(self, row: int) -> RowData | None:
        """The row, read now if needed (through ``run``: in the app on the worker, the GUI kept painting)."""
        if not 0 <= row < len(self._ids):
            return None
        link_id = self._ids[row]
        if link_id not in self._rows:
            lo = max(0, row - BATCH // 4)
            batch = [i for i in self._ids[lo : lo + BATCH] if i not in self._rows]  # pending ones too: needed now
            source = self.source
            self._rows.update(self._run(lambda: source.fetch(batch)))
        return self._rows.get(link_id)

    def loaded(self, row: int) -> bool:
        return 0 <= row < len(self._ids) and self._ids[row] in self._rows

    def _shown_row(self, row: int) -> RowData | None:
        """For painting: the row if read (or its previous version), else ask for its batch and show "loading…"."""
        if self._run_async is None:
            return self.row_data(row)
        if not 0 <= row < len(self._ids):
            return None
        link_id = self._ids[row]
        if link_id in self._rows:
            return self._rows[link_id]
        if link_id not in self._pending:
            batch = self._batch(row)
            self._pending.update(batch)
            source, generation = self.source, self._generation
            self._run_async(lambda: source.fetch(batch), lambda rows: self._arrived(generation, batch, rows))
        return self._stale.get(link_id)

    def _arrived(self, generation: int, batch: list[int], rows: dict[int, RowData]) -> None:
        if generation != self._generation:
            return  # the model was reset meanwhile; a new batch has been asked for
        self._pending.difference_update(batch)
        fresh = {i: r for i, r in rows.items() if i not in self._rows}
        self._rows.update(fresh)
        for i in fresh:
            self._stale.pop(i, None)
        where = [self._ids.index(i) for i in fresh if i in self._ids]
        if where:
            self.dataChanged.emit(self.index(min(where), 0), self.index(max(where), self.columnCount() - 1))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._shown_row(index.row())
        col = index.column()
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{index.row() + 1}" if col == 0 else LOADING
            if role == COLUMN_ROLE:
                return None
            return None
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
        self._stale.clear()
        self._pending.clear()
        self._generation += 1
        self.source.invalidate()
        self.endResetModel()

    def refresh_rows(self, link_ids: set[int] | None = None) -> None:
        """Re-read rows whose content changed but not their number (e.g. status)."""
        self._generation += 1
        self._pending.clear()
        changed = set(self._rows) if link_ids is None else link_ids & set(self._rows)
        for i in changed:
            self._stale[i] = self._rows.pop(i)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))
