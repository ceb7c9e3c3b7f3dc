"""The divergence panel: every divergence of the open view, ranked, filterable, with counts.

Selecting an item emits ``itemChosen(DivItem)`` (the window scrolls the grid to its row and
highlights its evidence). The list order is the order "Next divergence" follows.
"""

from __future__ import annotations

from html import escape

from khaddam_align.views.divergences import (
    SORT_KEYS,
    DivFilter,
    DivItem,
    counts,
    filter_items,
    next_open,
    sort_items,
)
from khaddam_align_ui.qt import (
    QAbstractItemView,
    QColor,
    QComboBox,
    QHBoxLayout,
    QLabel,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

# Verdicts: a glyph and a colour each, the same in the grid, this panel and the overview strip.
VERDICT_GLYPH = {"open": "●", "confirmed": "✔", "dismissed": "✕", "check-source": "?"}
VERDICT_COLOUR = {"open": "#c62828", "confirmed": "#6a1b9a", "dismissed": "#9e9e9e", "check-source": "#1565c0"}
VERDICT_TEXT = {"open": "open", "confirmed": "confirmed", "dismissed": "dismissed", "check-source": "check source"}
ID_ROLE = Qt.ItemDataRole.UserRole + 20
ANY = "(any)"


def severity_colour(severity: float) -> str:
    return "#b71c1c" if severity >= 0.7 else "#e65100" if severity >= 0.4 else "#f9a825"


class DivergencePanel(QWidget):
    itemChosen = Signal(object)  # DivItem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("divergence-panel")
        self._all: list[DivItem] = []
        self._shown: list[DivItem] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        top = QHBoxLayout()
        self.sort = QComboBox()
        self.sort.setObjectName("divergence-sort")
        self.sort.setToolTip("Order of the list (and of Next divergence, D)")
        for key in SORT_KEYS:
            self.sort.addItem(f"by {key}", key)
        self.verdict = self._combo("divergence-verdict", "Show only this verdict")
        self.type = self._combo("divergence-type", "Show only this type")
        top.addWidget(QLabel("Sort"))
        top.addWidget(self.sort, 1)
        lay.addLayout(top)
        filters = QHBoxLayout()
        filters.addWidget(self.verdict, 1)
        filters.addWidget(self.type, 1)
        lay.addLayout(filters)
        self.pair = self._combo("divergence-pair", "Show only this pair of renderings")
        self.severity = QComboBox()
        self.severity.setObjectName("divergence-severity")
        self.severity.setToolTip("Show only divergences at least this serious")
        for text, value in (("any severity", 0.0), ("≥ 0.4", 0.4), ("≥ 0.7 (serious)", 0.7)):
            self.severity.addItem(text, value)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pair, 2)
        bottom.addWidget(self.severity, 1)
        lay.addLayout(bottom)
        self.counts = QLabel("")
        self.counts.setObjectName("divergence-counts")
        self.counts.setWordWrap(True)
        lay.addWidget(self.counts)
        self.list = QTreeWidget()
        self.list.setObjectName("divergence-list")
        self.list.setHeaderLabels(["", "Sev.", "Type", "Row", "Description"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # descriptions elide ("…")
        self.list.header().setStretchLastSection(True)
        for col, width in ((0, 26), (1, 44), (2, 76), (3, 40)):
            self.list.setColumnWidth(col, width)
        self.list.setStyleSheet("QTreeWidget:focus { border: 2px solid palette(highlight); }")
        self.list.currentItemChanged.connect(lambda cur, _prev: self._chosen(cur))
        # clicking a column title sorts by it (verdict, severity, type, row; the description sorts by pair)
        header = self.list.header()
        header.setSectionsClickable(True)
        header.sectionClicked.connect(lambda col: self.set_sort(("verdict", "severity", "type", "position", "pair")[col]))
        lay.addWidget(self.list, 1)
        for combo in (self.sort, self.verdict, self.type, self.pair, self.severity):
            combo.currentIndexChanged.connect(lambda _i: self._rebuild())

    def _combo(self, name: str, tip: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setToolTip(tip)
        box.addItem(ANY, "")
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(8)
        return box

    # -- data ---------------------------------------------------------------
    def set_items(self, items: list[DivItem]) -> None:
        """Show these divergences, keeping the selection, sort and filters."""
        keep = self.selected()
        self._all = list(items)
        self._refill(self.verdict, sorted({i.div.verdict for i in items}, key=list(VERDICT_GLYPH).index))
        self._refill(self.type, sorted({i.div.type for i in items}))
        self._refill(self.pair, sorted({i.div.pair for i in items}))
        self._rebuild(keep.div.id if keep is not None else None)

    def _refill(self, combo: QComboBox, values: list[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(ANY, "")
        for v in values:
            combo.addItem(VERDICT_TEXT.get(v, v) if combo is self.verdict else v, v)
        at = combo.findData(current)
        combo.setCurrentIndex(max(0, at))
        combo.blockSignals(False)

    def current_filter(self) -> DivFilter:
        def one(combo: QComboBox) -> frozenset[str]:
            v = combo.currentData()
            return frozenset({v}) if v else frozenset()

        return DivFilter(types=one(self.type), verdicts=one(self.verdict), pairs=one(self.pair),
                         min_severity=float(self.severity.currentData() or 0.0))

    def set_sort(self, key: str) -> None:
        self.sort.setCurrentIndex(max(0, self.sort.findData(key)))

    def set_verdict_filter(self, verdict: str) -> None:
        self.verdict.setCurrentIndex(max(0, self.verdict.findData(verdict)))

    def _rebuild(self, keep_id: int | None = None) -> None:
        if keep_id is None:
            sel = self.selected()
            keep_id = sel.div.id if sel is not None else None
        self._shown = sort_items(filter_items(self._all, self.current_filter()), str(self.sort.currentData()))
        self.list.blockSignals(True)
        self.list.clear()
        show_pair = len({i.div.pair for i in self._all}) > 1
        for item in self._shown:
            d = item.div
            row = QTreeWidgetItem([
                VERDICT_GLYPH.get(d.verdict, "?"), f"{d.severity:.2f}", d.type,
                str(item.row_number or "—"), d.description or "(no description)",
            ])
            row.setData(0, ID_ROLE, d.id)
            row.setForeground(0, QColor(VERDICT_COLOUR.get(d.verdict, "#555555")))
            row.setForeground(1, QColor(severity_colour(d.severity)))
            tip = (f"{d.type} · severity {d.severity:.2f} · {VERDICT_TEXT.get(d.verdict, d.verdict)}"
                   + (f"\n{d.pair}" if d.pair else "")
                   + (f"\nmarked by {d.created_by}" if d.origin == "reviewer" else "")
                   + (f"\nnote: {d.note}" if d.note else "") + f"\n{d.description}")
            for c in range(5):
                row.setToolTip(c, tip)
            if show_pair:
                row.setText(4, f"[{_short_pair(d.pair)}] {row.text(4)}")
            if d.origin == "reviewer":
                row.setText(2, f"✎ {d.type}")
            self.list.addTopLevelItem(row)
        self.list.blockSignals(False)
        tally = counts(self._all, self._shown)
        self.counts.setText(escape(tally.summary()))
        if keep_id is not None:
            self.select_id(keep_id, emit=False)

    # -- selection ----------------------------------------------------------
    def ordered(self) -> list[DivItem]:
        """The items in the list's order (after filters)."""
        return list(self._shown)

    def selected(self) -> DivItem | None:
        cur = self.list.currentItem()
        if cur is None or not cur.isSelected():
            return None
        wanted = cur.data(0, ID_ROLE)
        return next((i for i in self._shown if i.div.id == wanted), None)

    def select_id(self, div_id: int, *, emit: bool = True) -> bool:
        for k in range(self.list.topLevelItemCount()):
            it = self.list.topLevelItem(k)
            if it is not None and it.data(0, ID_ROLE) == div_id:
                if not emit:
                    self.list.blockSignals(True)
                self.list.setCurrentItem(it)
                it.setSelected(True)
                self.list.scrollToItem(it)
                self.list.blockSignals(False)
                return True
        return False

    def step(self, delta: int) -> DivItem | None:
        """Select the next (delta 1) or previous (-1) item in the list's order."""
        if not self._shown:
            return None
        sel = self.selected()
        ids = [i.div.id for i in self._shown]
        k = ids.index(sel.div.id) + delta if sel is not None else (0 if delta > 0 else len(ids) - 1)
        if not 0 <= k < len(ids):
            return None
        self.select_id(ids[k])
        return self._shown[k]

    def select_next_open(self, after_id: int) -> DivItem | None:
        """After a verdict on ``after_id``: the next open item in the list's order."""
        item = next_open(self._shown, after_id)
        if item is not None:
            self.select_id(item.div.id)
        return item

    def _chosen(self, cur: QTreeWidgetItem | None) -> None:
        if cur is None:
            return
        wanted = cur.data(0, ID_ROLE)
        item = next((i for i in self._shown if i.div.id == wanted), None)
        if item is not None:
            self.itemChosen.emit(item)


def _short_pair(pair: str) -> str:
    """ "Asharq Al-Awsat (English) ↔ Al Majalla (English)" → "Asharq Al-Awsat ↔ Al Majalla"."""
    return " ↔ ".join(p.split(" (")[0] for p in pair.split(" ↔ "))
