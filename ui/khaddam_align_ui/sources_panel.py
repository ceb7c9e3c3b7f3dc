"""The sources panel: Works with their renderings and alignments; a rendering's text with
its excluded (cleaned) ranges greyed, each switchable."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from khaddam_align.storage import Workspace
from khaddam_align.views import workspace as read
from khaddam_align_ui import services
from khaddam_align_ui.qt import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    Qt,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

KIND_ROLE = Qt.ItemDataRole.UserRole + 10
ID_ROLE = Qt.ItemDataRole.UserRole + 11


class SourcesPanel(QWidget):
    """Emits ``alignmentChosen(id)``, ``threeChosen(work row)`` and ``editMetadata(rendering id)``."""

    alignmentChosen = Signal(int)
    threeChosen = Signal(object)
    editMetadata = Signal(int)
    rangeToggled = Signal(int, bool)

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *,
                 run: Callable[[Callable[[], Any]], Any] | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        # how reads run: in the app on the background worker (``MainWindow.on_worker``), the GUI kept painting
        self.run: Callable[[Callable[[], Any]], Any] = run if run is not None else (lambda fn: fn())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        self.tree = QTreeWidget()
        self.tree.setObjectName("sources-tree")
        self.tree.setHeaderLabels(["Sources"])
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda cur, _prev: self._preview(cur))
        split.addWidget(self.tree)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        self.info = QLabel("")
        self.info.setWordWrap(True)
        ll.addWidget(self.info)
        self.text = QTextBrowser()
        self.text.setObjectName("source-text")
        self.text.setPlaceholderText("Select a rendering to see its text; excluded ranges are greyed.")
        ll.addWidget(self.text, 3)
        ll.addWidget(QLabel("Excluded ranges (uncheck to include the text again):"))
        self.ranges = QListWidget()
        self.ranges.setObjectName("ranges")
        self.ranges.itemChanged.connect(self._range_changed)
        ll.addWidget(self.ranges, 1)
        split.addWidget(lower)
        split.setSizes([300, 400])
        lay.addWidget(split)
        self._loading = False

    def reload(self) -> None:
        ws = self.ws
        works = self.run(lambda: services.works(ws))
        self.tree.clear()
        for work in works:
            top = QTreeWidgetItem([work.name])
            top.setData(0, KIND_ROLE, "work")
            self.tree.addTopLevelItem(top)
            for rid, label, lang in work.renderings:
                item = QTreeWidgetItem([f"{label}"])
                item.setToolTip(0, f"rendering {rid} ({lang}) — double-click to edit metadata")
                item.setData(0, KIND_ROLE, "rendering")
                item.setData(0, ID_ROLE, rid)
                top.addChild(item)
            if work.three is not None:
                item = QTreeWidgetItem(["▤ All three renderings side by side"])
                item.setToolTip(0, "double-click to open the three-column view")
                item.setData(0, KIND_ROLE, "three")
                item.setData(0, ID_ROLE, list(work.three))
                top.addChild(item)
            for aid, _a, _b, label in work.alignments:
                item = QTreeWidgetItem([f"⇄ {label}"])
                item.setToolTip(0, f"alignment {aid} — double-click to open")
                item.setData(0, KIND_ROLE, "alignment")
                item.setData(0, ID_ROLE, aid)
                top.addChild(item)
            top.setExpanded(True)

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind == "alignment":
            self.alignmentChosen.emit(int(item.data(0, ID_ROLE)))
        elif kind == "three":
            self.threeChosen.emit(tuple(item.data(0, ID_ROLE)))
        elif kind == "rendering":
            self.editMetadata.emit(int(item.data(0, ID_ROLE)))

    def _preview(self, item: QTreeWidgetItem | None) -> None:
        if item is None or item.data(0, KIND_ROLE) != "rendering":
            return
        self.show_rendering(int(item.data(0, ID_ROLE)))

    def show_rendering(self, rendering_id: int) -> None:
        from khaddam_align.ingest.service import get_rendering

        ws = self.ws
        detail, text = self.run(lambda: (get_rendering(ws, rendering_id), read.rendering_text(ws, rendering_id)))
        summ = detail.summary
        self.info.setText(
            f"<b>{escape(summ.title or summ.file_name)}</b><br>{escape(summ.publisher)} · {escape(summ.author)} · "
            f"{escape(summ.published or 'no date')} · {summ.language} · {summ.segments} segments"
        )
        rtl = summ.language == "ar"
        parts, pos = [], 0
        for rng in sorted(detail.ranges, key=lambda x: x.start):
            if rng.start < pos:
                continue
            parts.append(escape(text[pos : rng.start]))
            style = "color:#aaaaaa;background:#f0f0f0" if rng.active else "text-decoration:underline dotted"
            parts.append(f'<span style="{style}" title="{escape(rng.reason)}">{escape(text[rng.start : rng.end])}</span>')
            pos = rng.end
        parts.append(escape(text[pos:]))
        body = "".join(parts).replace("\n", "<br>")
        self.text.setHtml(f'<div dir="{"rtl" if rtl else "ltr"}">{body}</div>')
        self._loading = True
        self.ranges.clear()
        for rng in detail.ranges:
            item = QListWidgetItem(f"{rng.reason}: {rng.text[:60]}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if rng.active else Qt.CheckState.Unchecked)
            item.setData(ID_ROLE, rng.id)
            self.ranges.addItem(item)
        self._loading = False
        self._rendering_id = rendering_id

    def _range_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        self.rangeToggled.emit(int(item.data(ID_ROLE)), item.checkState() == Qt.CheckState.Checked)
