"""The main window: sources panel, alignment grid with overview strip, detail pane,
menus with every action and its shortcut, undo/redo, background jobs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from khaddam_align import edit
from khaddam_align.edit import Changes, History
from khaddam_align.errors import KhaddamError
from khaddam_align.progress import Progress
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import LinkStatus, Verdict
from khaddam_align_ui import services
from khaddam_align_ui.data import RowSource, ViewSpec, view_for_alignment, view_for_three
from khaddam_align_ui.delegate import CellDelegate
from khaddam_align_ui.detail import DetailPane
from khaddam_align_ui.dialogs import (
    ExportDialog,
    MetadataDialog,
    PasteDialog,
    SettingsDialog,
    SplitSegmentDialog,
    show_error,
)
from khaddam_align_ui.model import AlignmentModel
from khaddam_align_ui.overview import OverviewStrip
from khaddam_align_ui.sources_panel import SourcesPanel
from khaddam_align_ui.welcome import WELCOME_HTML, WelcomePage
from khaddam_align_ui.worker import Job, run_job

LEGEND = (
    '<span style="color:#666">word differences between the English texts:</span> '
    '<span style="background-color:#ffe08a">&nbsp;changed&nbsp;</span> '
    '<span style="background-color:#ffc4c4">&nbsp;only in the left&nbsp;</span> '
    '<span style="background-color:#c6f0c2">&nbsp;only in the right&nbsp;</span>'
)


def settings() -> QSettings:
    return QSettings("khaddam-align", "khaddam-align")


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.history = History(ws)
        self.source: RowSource | None = None
        self.model: AlignmentModel | None = None
        self._nav: list[tuple[int, bool, bool, bool]] = []  # id, divergent, low, unconfirmed
        self._matches: list[int] = []
        self.jobs: list[Job] = []
        self.setAcceptDrops(True)
        self.setObjectName("main-window")
        self.delegate = CellDelegate(self)
        self._build_widgets()
        self._build_actions()
        self._load_settings()
        self.refresh_sources()
        self._show_start()

    # ------------------------------------------------------------------ layout
    def _build_widgets(self) -> None:
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.demo.clicked.connect(self.open_demo)
        self.welcome.importer.clicked.connect(self.import_files_dialog)
        self.welcome.paste.clicked.connect(self.paste_text)
        self.welcome.align.clicked.connect(self.align_dialog)
        self.stack.addWidget(self.welcome)
        grid_page = QWidget()
        gl = QVBoxLayout(grid_page)
        gl.setContentsMargins(0, 0, 0, 0)
        self.view_label = QLabel("")
        self.view_label.setObjectName("view-label")
        self.view_label.setContentsMargins(6, 4, 6, 2)
        gl.addWidget(self.view_label)
        row = QHBoxLayout()
        self.table = QTableView()
        self.table.setObjectName("alignment-grid")
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._update_strip_viewport())
        row.addWidget(self.table, 1)
        self.strip = OverviewStrip()
        self.strip.rowClicked.connect(self.go_to_row)
        row.addWidget(self.strip)
        gl.addLayout(row)
        self.stack.addWidget(grid_page)
        self.setCentralWidget(self.stack)

        self.sources = SourcesPanel(self.ws)
        self.sources.alignmentChosen.connect(self.open_alignment)
        self.sources.threeChosen.connect(lambda ids: self.open_three(*ids))
        self.sources.editMetadata.connect(self.edit_metadata)
        self.sources.rangeToggled.connect(self.toggle_range)
        self.sources_dock = QDockWidget("Sources", self)
        self.sources_dock.setObjectName("sources-dock")
        self.sources_dock.setWidget(self.sources)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.sources_dock)

        self.detail = DetailPane()
        self.detail.verdictChosen.connect(self.set_verdict)
        self.detail_dock = QDockWidget("Details", self)
        self.detail_dock.setObjectName("detail-dock")
        self.detail_dock.setWidget(self.detail)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.detail_dock)
        self.table.doubleClicked.connect(lambda _i: self.detail_dock.raise_())
        self.counts = QLabel("")
        self.counts.setObjectName("counts")
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().showMessage("Ready")

    def _action(self, menu: QMenu, text: str, slot: Callable[[], Any], shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
                *, name: str | None = None, tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        act.setObjectName(name or text)
        menu.addAction(act)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        bar = self.menuBar()
        f = bar.addMenu("&File")
        self._action(f, "&Open workspace…", self.open_workspace_dialog, QKeySequence.StandardKey.Open)
        f.addSeparator()
        self._action(f, "&Import files…", self.import_files_dialog, "Ctrl+I")
        self._action(f, "&Paste text…", self.paste_text, "Ctrl+Shift+V")
        self._action(f, "Open &demo", self.open_demo)
        f.addSeparator()
        self._action(f, "&Align renderings…", self.align_dialog, "Ctrl+Shift+A")
        self._action(f, "&Detect divergences", self.detect_current, "Ctrl+Shift+D")
        self.export_action = self._action(f, "&Export…", self.export_dialog, "Ctrl+E")
        f.addSeparator()
        self._action(f, "&Settings…", self.settings_dialog, "Ctrl+,")
        self._action(f, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        e = self.edit_menu = bar.addMenu("&Edit")
        self.undo_action = self._action(e, "&Undo", self.undo, QKeySequence.StandardKey.Undo, name="undo")
        self.redo_action = self._action(e, "&Redo", self.redo, "Ctrl+Shift+Z", name="redo")
        e.addSeparator()
        self._action(e, "&Confirm link", lambda: self._status_edit(edit.confirm_link), "C")
        self._action(e, "Confirm and &move on", self.confirm_and_next, "Space", name="confirm-next")
        self._action(e, "&Reject link", lambda: self._status_edit(edit.reject_link), "R")
        self._action(e, "Reset link to au&tomatic",
                     lambda: self._status_edit(lambda ws, link, history: edit.set_status(ws, link, LinkStatus.AUTO,
                                                                                         history=history)))
        e.addSeparator()
        self._action(e, "Merge with &next row", lambda: self._row_edit(edit.merge_with_next), "M")
        self._action(e, "Merge with &previous row", lambda: self._row_edit(edit.merge_with_previous), "Shift+M")
        self._action(e, "&Split row", lambda: self._row_edit(edit.split_link), "S")
        self._action(e, "Move first segment &up", lambda: self._side_edit(edit.move_first_up), "Alt+Up",
                     tip="Move the first segment of the current cell to the row above (shift)")
        self._action(e, "Move last segment &down", lambda: self._side_edit(edit.move_last_down), "Alt+Down",
                     tip="Move the last segment of the current cell to the row below (pop)")
        self._action(e, "Insert &empty cell", lambda: self._side_edit(edit.insert_empty_cell), "E",
                     tip="Move the current cell's text to a row of its own (content the other side lacks)")
        e.addSeparator()
        self._action(e, "Split se&gment…", self.split_segment, "Ctrl+Shift+S")
        self._action(e, "Merge segment with ne&xt", self.merge_segment, "Ctrl+Shift+M")
        e.addSeparator()
        self._action(e, "Realign rows &below", lambda: self.realign(between=False), "Ctrl+R")
        self._action(e, "Realign between &anchors", lambda: self.realign(between=True), "Ctrl+Shift+R")

        r = bar.addMenu("&Review")
        self._action(r, "&Confirm divergence (it is real)", lambda: self.verdict_key("confirmed"), "Y")
        self._action(r, "&Dismiss divergence (not one)", lambda: self.verdict_key("dismissed"), "N")
        self._action(r, "Divergence needs a look at the &source", lambda: self.verdict_key("check-source"), "K")
        self._action(r, "&Reopen divergence", lambda: self.verdict_key("open"), "Shift+K")

        g = bar.addMenu("&Go")
        self._action(g, "Next &low-confidence link", lambda: self.go_next("low", 1), "L")
        self._action(g, "Previous low-confidence link", lambda: self.go_next("low", -1), "Shift+L")
        self._action(g, "Next &divergence", lambda: self.go_next("div", 1), "D")
        self._action(g, "Previous divergence", lambda: self.go_next("div", -1), "Shift+D")
        self._action(g, "Next &unconfirmed link", lambda: self.go_next("unconfirmed", 1), "U")
        self._action(g, "Previous unconfirmed link", lambda: self.go_next("unconfirmed", -1), "Shift+U")
        g.addSeparator()
        self._action(g, "&Find…", self.focus_search, QKeySequence.StandardKey.Find)
        self._action(g, "Find next", lambda: self.find_step(1), QKeySequence.StandardKey.FindNext)
        self._action(g, "Find previous", lambda: self.find_step(-1), QKeySequence.StandardKey.FindPrevious)

        v = bar.addMenu("&View")
        self.filters: dict[str, QAction] = {}
        tools = self.tools = QToolBar("Filters and search")
        tools.setObjectName("filter-toolbar")
        tools.addWidget(QLabel(" Show only: "))
        for key, text, sc in (("divergent", "Divergent", "Ctrl+1"), ("unconfirmed", "Unconfirmed", "Ctrl+2"),
                              ("low", "Low confidence", "Ctrl+3"), ("unmatched", "Unmatched", "Ctrl+4")):
            act = self._action(v, f"Only {text.lower()} rows", self.apply_filters, sc, name=f"filter-{key}")
            act.setCheckable(True)
            act.setIconText(text)
            tools.addAction(act)
            self.filters[key] = act
        tools.addSeparator()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search all renderings (Arabic: diacritics and hamza forms ignored)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.returnPressed.connect(self.run_search)
        tools.addWidget(self.search)
        self.search_info = QLabel("")
        tools.addWidget(self.search_info)
        self.addToolBar(tools)
        v.addSeparator()
        self._action(v, "&Larger text", lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn)
        self._action(v, "&Smaller text", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        v.addSeparator()
        v.addAction(self.sources_dock.toggleViewAction())
        v.addAction(self.detail_dock.toggleViewAction())

        h = bar.addMenu("&Help")
        self._action(h, "&Keyboard shortcuts", self.show_shortcuts, "F1")
        self._action(h, "&About khaddam-align", self.about)
        self._update_undo_actions()

    # ------------------------------------------------------------------ settings
    def _load_settings(self) -> None:
        st = settings()
        geometry = st.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = st.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        arabic = QFont(str(st.value("fonts/arabic", "Amiri")), int(str(st.value("fonts/arabic_size", 14))))
        english = QFont(str(st.value("fonts/english", "DejaVu Sans")), int(str(st.value("fonts/english_size", 10))))
        self.set_fonts(arabic, english)

    def _save_settings(self) -> None:
        st = settings()
        st.setValue("window/geometry", self.saveGeometry())
        st.setValue("window/state", self.saveState())
        if self.model is not None:
            st.setValue(f"grid/header{self.model.columnCount()}", self.table.horizontalHeader().saveState())
            st.setValue("grid/last_view", self._view_key())
        st.setValue("workspace/last", self.ws.url)
        st.sync()

    def set_fonts(self, arabic: QFont, english: QFont) -> None:
        self.delegate.arabic_font, self.delegate.english_font = arabic, english
        self.detail.arabic_font, self.detail.english_font = arabic, english
        lines = max(arabic.pointSizeF() * 1.9 * 2.4, english.pointSizeF() * 1.6 * 4.2)
        self.table.verticalHeader().setDefaultSectionSize(int(lines) + 8)
        st = settings()
        st.setValue("fonts/arabic", arabic.family())
        st.setValue("fonts/arabic_size", arabic.pointSize())
        st.setValue("fonts/english", english.family())
        st.setValue("fonts/english_size", english.pointSize())
        self.table.viewport().update()
        self._show_current()

    def zoom(self, step: int) -> None:
        a, e = QFont(self.delegate.arabic_font), QFont(self.delegate.english_font)
        a.setPointSize(max(6, a.pointSize() + step))
        e.setPointSize(max(6, e.pointSize() + step))
        self.set_fonts(a, e)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_settings()
        super().closeEvent(event)

    # ------------------------------------------------------------------ pages and views
    def _show_start(self) -> None:
        """The welcome page for an empty workspace; otherwise the last (or first) alignment."""
        if services.is_empty(self.ws):
            self.show_welcome()
            return
        last = str(settings().value("grid/last_view", ""))
        works = services.works(self.ws)
        try:
            if last.startswith("three:"):
                ids = [int(x) for x in last[6:].split(",")]
                self.open_three(ids[0], ids[1], ids[2] if len(ids) > 2 and ids[2] else None)
                return
            if last.startswith("pair:"):
                self.open_alignment(int(last[5:]))
                return
        except (LookupError, ValueError):
            pass
        for w in works:  # a three-rendering work first, else the newest alignment
            if w.three is not None:
                self.open_three(*w.three)
                return
        newest = max((al[0] for w in works for al in w.alignments), default=None)
        if newest is not None:
            self.open_alignment(newest)
            return
        self.show_welcome()

    def show_welcome(self) -> None:
        """The welcome page; panels that have nothing to show yet are hidden."""
        self.stack.setCurrentWidget(self.welcome)
        empty = services.is_empty(self.ws)
        self.sources_dock.setVisible(not empty)
        self.detail_dock.setVisible(False)
        self.tools.setVisible(False)

    def _view_key(self) -> str:
        if self.source is None:
            return ""
        v = self.source.view
        if v.third_alignment_id is not None:
            return f"three:{v.alignment_id},{v.third_alignment_id},{v.cross_alignment_id or 0}"
        return f"pair:{v.alignment_id}"

    def refresh_sources(self) -> None:
        self.sources.reload()

    def open_alignment(self, alignment_id: int) -> None:
        self.show_view(view_for_alignment(self.ws, alignment_id))

    def open_three(self, ar_a: int, ar_b: int, a_b: int | None = None) -> None:
        self.show_view(view_for_three(self.ws, ar_a, ar_b, a_b))

    def show_view(self, view: ViewSpec) -> None:
        if self.model is not None:
            settings().setValue(f"grid/header{self.model.columnCount()}", self.table.horizontalHeader().saveState())
        self.source = RowSource(self.ws, view)
        self.model = AlignmentModel(self.source, self.source.filtered(**self._filter_flags()))
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_current())
        header = self.table.horizontalHeader()
        saved = settings().value(f"grid/header{self.model.columnCount()}")
        if not (isinstance(saved, QByteArray) and header.restoreState(saved)):
            self.even_columns()
            QTimer.singleShot(0, self.even_columns)  # again once the window has its size
        names = " | ".join(c.header for c in view.columns)
        self.view_label.setText(f"<b>{names}</b> &nbsp; {LEGEND}")
        self.setWindowTitle(f"{names} — khaddam-align")
        self.stack.setCurrentIndex(1)
        for panel in (self.sources_dock, self.detail_dock, self.tools):
            panel.setVisible(True)
        self._refresh_nav()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 1))
        self._show_current()

    def even_columns(self) -> None:
        """Share the grid's width evenly between the text columns."""
        if self.model is None:
            return
        n = self.model.columnCount() - 1
        self.table.setColumnWidth(0, 92)
        rest = max(300, self.table.viewport().width() - 92)
        for c in range(1, n + 1):
            self.table.setColumnWidth(c, rest // n)

    def _refresh_nav(self) -> None:
        if self.source is None or self.model is None:
            return
        self._nav = self.source.navigation()
        shown = set(self.model.ids)
        self.strip.set_marks([(d, low) for (i, d, low, _u) in self._nav if i in shown])
        self._update_strip_viewport()
        total = len(self._nav)
        confirmed = sum(1 for n in self._nav if not n[3])
        self.counts.setText(
            f"{len(shown)} of {total} rows · {confirmed} confirmed · {sum(1 for n in self._nav if n[2])} low-confidence"
            f" · {sum(1 for n in self._nav if n[1])} divergent  "
        )

    def _update_strip_viewport(self) -> None:
        if self.model is None:
            return
        first = self.table.rowAt(0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        if last < 0:
            last = self.model.rowCount() - 1
        self.strip.set_visible_rows(max(0, first), last)

    # ------------------------------------------------------------------ current row
    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def current_link(self) -> int | None:
        if self.model is None:
            return None
        return self.model.link_id(self.current_row())

    def _show_current(self) -> None:
        if self.model is None or self.source is None:
            return
        row = self.model.row_data(self.current_row())
        self.detail.show_row(row, self.source.view.columns)
        self._update_strip_viewport()

    def go_to_row(self, row: int) -> None:
        if self.model is None or not 0 <= row < self.model.rowCount():
            return
        col = max(1, self.table.currentIndex().column())
        index = self.model.index(row, col)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def go_to_link(self, link_id: int | None) -> bool:
        if self.model is None or link_id is None:
            return False
        row = self.model.row_of(link_id)
        if row < 0:
            return False
        self.go_to_row(row)
        return True

    def go_next(self, kind: str, step: int) -> None:
        """Move to the next (or previous) row that is low-confidence / divergent / unconfirmed."""
        if self.model is None:
            return
        flag = {"div": 1, "low": 2, "unconfirmed": 3}[kind]
        wanted = [n[0] for n in self._nav if n[flag]]
        order = {link: k for k, link in enumerate(self.model.ids)}
        here = self.current_row()
        candidates = sorted(order[i] for i in wanted if i in order)
        after = [r for r in candidates if (r > here if step > 0 else r < here)]
        if not after:
            self.statusBar().showMessage(f"No more {'divergences' if kind == 'div' else kind + ' links'} "
                                         f"{'below' if step > 0 else 'above'}.", 4000)
            return
        self.go_to_row(after[0] if step > 0 else after[-1])

    # ------------------------------------------------------------------ editing
    def _run_edit(self, fn: Callable[[], Changes]) -> None:
        try:
            changes = fn()
        except KhaddamError as exc:
            self.statusBar().showMessage(str(exc), 6000)
            title = "Cannot do that here" if isinstance(exc, edit.EditError) else "Something went wrong"
            show_error(self, exc, title=title)
            return
        self.after_change(changes)
        self.statusBar().showMessage(f"{changes.label} — Ctrl+Z undoes it.", 4000)

    def after_change(self, changes: Changes) -> None:
        if self.model is None or self.source is None:
            return
        keep_col = max(1, self.table.currentIndex().column())
        if changes.rows_changed:
            self.model.set_ids(self.source.filtered(**self._filter_flags()))
        else:
            self.model.refresh_rows()
        self._refresh_nav()
        if not self.go_to_link(changes.focus_link_id):
            self.go_to_row(min(self.current_row(), self.model.rowCount() - 1))
        index = self.model.index(self.current_row(), keep_col)
        self.table.setCurrentIndex(index)
        self._show_current()
        self._update_undo_actions()

    def _status_edit(self, op: Callable[..., Changes]) -> None:
        link = self.current_link()
        if link is not None:
            self._run_edit(lambda: op(self.ws, link, history=self.history))

    def confirm_and_next(self) -> None:
        link = self.current_link()
        if link is None:
            return
        row = self.current_row()
        self._run_edit(lambda: edit.confirm_link(self.ws, link, history=self.history))
        if self.model is not None and self.model.row_of(link) >= 0:
            self.go_to_row(self.model.row_of(link) + 1)
        elif self.model is not None:
            self.go_to_row(min(row, self.model.rowCount() - 1))

    def _row_edit(self, op: Callable[..., Changes]) -> None:
        link = self.current_link()
        if link is not None:
            self._run_edit(lambda: op(self.ws, link, history=self.history))

    def _side(self) -> str | None:
        """The side of the primary alignment the current column shows ("a", "b"; None for others)."""
        col = self.table.currentIndex().column()
        if col in (1, 2):
            return "a" if col == 1 else "b"
        if col != 3:
            self.statusBar().showMessage("Click a text cell first (the side to act on).", 4000)
        return None

    def _third_link(self, *, last: bool) -> int | None:
        """In the three-column view, the Arabic ↔ English B link holding the current B cell's first (last) segment."""
        if self.model is None or self.source is None or self.source.view.third_alignment_id is None:
            return None
        row = self.model.row_data(self.current_row())
        ids = row.cells[2].segment_ids if row is not None else ()
        if not ids:
            self.statusBar().showMessage("This cell is empty.", 4000)
            return None
        from sqlalchemy import select

        from khaddam_align.storage.models import Link, LinkSegment

        with self.ws.session() as s:
            return s.scalar(
                select(LinkSegment.link_id).join(Link, Link.id == LinkSegment.link_id)
                .where(Link.alignment_id == self.source.view.third_alignment_id,
                       LinkSegment.segment_id == (ids[-1] if last else ids[0]))
            )

    def _side_edit(self, op: Callable[..., Changes]) -> None:
        """Shift, pop or empty cell on the current cell's side (English B: on the Arabic ↔ English B alignment)."""
        if self.table.currentIndex().column() == 3:
            third = self._third_link(last=op is edit.move_last_down)
            if third is not None:
                self._run_edit(lambda: op(self.ws, third, "b", history=self.history))
            return
        link, side = self.current_link(), self._side()
        if link is not None and side is not None:
            self._run_edit(lambda: op(self.ws, link, side, history=self.history))

    def _current_segment(self, *, last: bool) -> tuple[int, str, bool] | None:
        """(segment id, its text, rtl) of the current cell's first (or last) segment."""
        if self.model is None or self.source is None:
            return None
        col = self.table.currentIndex().column() - 1
        row = self.model.row_data(self.current_row())
        if row is None or not 0 <= col < len(row.cells):
            self.statusBar().showMessage("Click a text cell first (the side to act on).", 4000)
            return None
        ids = row.cells[col].segment_ids
        if not ids:
            self.statusBar().showMessage("This cell is empty.", 4000)
            return None
        from khaddam_align.storage.models import Segment

        seg_id = ids[-1] if last else ids[0]
        with self.ws.session() as s:
            seg = s.get(Segment, seg_id)
            assert seg is not None
            text = self.source.text(seg.rendering_id)[seg.start : seg.end]
        return seg_id, text, self.source.view.columns[col].rtl

    def split_segment(self) -> None:
        found = self._current_segment(last=False)
        if found is None:
            return
        seg_id, text, rtl = found
        dialog = SplitSegmentDialog(text, rtl=rtl, parent=self)
        if dialog.exec() != SplitSegmentDialog.DialogCode.Accepted:
            return
        from khaddam_align.storage.models import Segment

        with self.ws.session() as s:
            seg = s.get(Segment, seg_id)
            start = seg.start if seg is not None else 0
        link = self.current_link()
        self._run_edit(lambda: edit.split_segment(self.ws, seg_id, start + dialog.offset(), history=self.history,
                                                  link_id=link))

    def merge_segment(self) -> None:
        """Join the cell's first segment with the one after it (the cell's second, or the next row's first)."""
        found = self._current_segment(last=False)
        if found is None:
            return
        link = self.current_link()
        self._run_edit(lambda: edit.merge_segment_with_next(self.ws, found[0], history=self.history, link_id=link))

    def realign(self, *, between: bool) -> None:
        link = self.current_link()
        if link is None:
            return
        op = edit.realign_between if between else edit.realign_below
        self.run_background("Realigning", lambda p: op(self.ws, link, history=self.history, progress=p),
                            self.after_change)

    def undo(self) -> None:
        if self.history.can_undo():
            self._run_edit(self.history.undo)

    def redo(self) -> None:
        if self.history.can_redo():
            self._run_edit(self.history.redo)

    def _update_undo_actions(self) -> None:
        u, r = self.history.undo_label, self.history.redo_label
        self.undo_action.setText(f"&Undo {u}" if u else "&Undo")
        self.undo_action.setEnabled(u is not None)
        self.redo_action.setText(f"&Redo {r}" if r else "&Redo")
        self.redo_action.setEnabled(r is not None)

    def set_verdict(self, divergence_id: int, verdict: str, note: str) -> None:
        """A verdict button in the detail pane: recorded (and undoable) like every edit."""
        self._run_edit(lambda: edit.set_verdict(self.ws, divergence_id, Verdict(verdict), note=note,
                                                history=self.history))

    def verdict_key(self, verdict: str) -> None:
        """Verdict on the current row's first open divergence (or its first one), from the keyboard."""
        if self.model is None:
            return
        row = self.model.row_data(self.current_row())
        if row is None or not row.divergences:
            self.statusBar().showMessage("This row has no divergence. D goes to the next one.", 4000)
            return
        target = next((d for d in row.divergences if d.verdict == "open"), row.divergences[0])
        self.set_verdict(target.id, verdict, target.note)

    def _context_menu(self, pos: QPoint) -> None:
        """Right-click on a cell: the Edit menu's row and segment actions, for that cell."""
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.setCurrentIndex(index)
        menu = QMenu(self)
        for act in self.edit_menu.actions():
            if act not in (self.undo_action, self.redo_action):
                menu.addAction(act)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------------ filters and search
    def _filter_flags(self) -> dict[str, bool]:
        return {k: a.isChecked() for k, a in getattr(self, "filters", {}).items()}

    def apply_filters(self) -> None:
        if self.model is None or self.source is None:
            return
        link = self.current_link()
        self.model.set_ids(self.source.filtered(**self._filter_flags()))
        self._refresh_nav()
        if not self.go_to_link(link):
            self.go_to_row(0)
        self._show_current()
        active = [a.iconText() for a in self.filters.values() if a.isChecked()]
        self.statusBar().showMessage(
            f"Showing {self.model.rowCount()} rows" + (f" ({', '.join(active)})" if active else ""), 4000)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def run_search(self) -> None:
        if self.source is None:
            return
        self._matches = self.source.search(self.search.text())
        self.search_info.setText(f" {len(self._matches)} match{'es' if len(self._matches) != 1 else ''} ")
        if self._matches:
            if not self.go_to_link(self._matches[0]):
                self.statusBar().showMessage("The matches are hidden by the filters.", 4000)
            self.table.setFocus()

    def find_step(self, step: int) -> None:
        if not self._matches or self.model is None:
            return
        here = self.current_row()
        rows = sorted(r for r in (self.model.row_of(i) for i in self._matches) if r >= 0)
        after = [r for r in rows if (r > here if step > 0 else r < here)]
        target = (after[0] if step > 0 else after[-1]) if after else (rows[0] if step > 0 else rows[-1])
        self.go_to_row(target)

    # ------------------------------------------------------------------ background work
    def run_background(self, title: str, work: Callable[[Progress], Any], on_done: Callable[[Any], None],
                       *, show_dialog: bool = True) -> Job:
        self.statusBar().showMessage(f"{title}…")
        job = run_job(self, title, work, on_done=on_done, on_error=self._job_failed, show_dialog=show_dialog)
        self.jobs.append(job)
        return job

    def _job_failed(self, exc: BaseException, tb: str) -> None:
        self.statusBar().showMessage("Failed.", 4000)
        show_error(self, exc, tb)

    def open_demo(self) -> None:
        def done(result: services.DemoResult) -> None:
            self.history.clear()
            self._update_undo_actions()
            self.refresh_sources()
            self.open_three(*result.alignment_ids)
            self.statusBar().showMessage("Demo ready: Arabic | English A | English B. Press D for the next divergence.",
                                         8000)

        self.run_background("Opening the demo", lambda p: services.open_demo(self.ws, progress=p), done)

    def import_files_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Import sources", str(Path.home()),
                                                "Sources (*.txt *.html *.htm *.docx);;All files (*)")
        if names:
            self.import_paths(names)

    def import_paths(self, paths: list[str]) -> None:
        def done(ids: list[int]) -> None:
            self.refresh_sources()
            if self.stack.currentWidget() is self.welcome:
                self.sources_dock.setVisible(True)
                self.welcome.align.setStyleSheet(self.welcome.demo.styleSheet())  # the next step stands out
                self.welcome.text.setText(WELCOME_HTML + f"<p><b>Imported {len(ids)} rendering(s).</b> "
                                          "Now align them: File → Align renderings…</p>")
            self.statusBar().showMessage(f"Imported {len(ids)} rendering(s).", 6000)

        self.run_background("Importing", lambda p: services.import_paths(self.ws, paths, progress=p), done)

    def paste_text(self) -> None:
        dialog = PasteDialog(self)
        if dialog.exec() != PasteDialog.DialogCode.Accepted:
            return
        text, name, lang = dialog.text.toPlainText(), dialog.name.text() or "pasted text", dialog.lang.currentText()
        def done(ids: list[int]) -> None:
            self.refresh_sources()
            self.sources_dock.setVisible(True)
            self.statusBar().showMessage(f"Imported {len(ids)} rendering(s).", 6000)

        self.run_background("Importing", lambda _p: services.import_text(self.ws, text, name=name, lang=lang), done)

    def align_dialog(self) -> None:
        from khaddam_align_ui.align_dialog import AlignDialog

        dialog = AlignDialog(services.works(self.ws), self)
        if dialog.exec() != AlignDialog.DialogCode.Accepted:
            return
        ids = dialog.chosen()
        if len(ids) < 2:
            return

        def work(p: Progress) -> list[int]:
            aligned = services.align_work(self.ws, ids, progress=p)
            for aid in aligned:
                services.detect(self.ws, aid)
            return aligned

        def done(aligned: list[int]) -> None:
            self.history.clear()
            self._update_undo_actions()
            self.refresh_sources()
            if len(aligned) == 3:
                self.open_three(*aligned)
            else:
                self.open_alignment(aligned[0])

        self.run_background("Aligning", work, done)

    def detect_current(self) -> None:
        if self.source is None:
            return
        v = self.source.view
        ids = [i for i in (v.alignment_id, v.third_alignment_id, v.cross_alignment_id) if i is not None]

        def work(p: Progress) -> int:
            return sum(services.detect(self.ws, aid, progress=p) for aid in ids)

        def done(n: int) -> None:
            if self.model is not None:
                self.model.refresh_rows()
            self._refresh_nav()
            self._show_current()
            self.statusBar().showMessage(f"{n} divergence(s) found.", 6000)

        self.run_background("Detecting divergences", work, done)

    def export_dialog(self) -> None:
        if self.source is None:
            QMessageBox.information(self, "Export", "Open an alignment first.")
            return
        dialog = ExportDialog(Path.home(), services.EXPORT_FORMATS, self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        self.export_to(dialog.path.text(), fmt=dialog.format.currentText(),
                       only_divergences=dialog.only_div.isChecked(), only_confirmed=dialog.only_conf.isChecked())

    def export_to(self, path: str, *, fmt: str, only_divergences: bool = False, only_confirmed: bool = False) -> None:
        """Export the current alignment in the background."""
        if self.source is None:
            return
        aid = self.source.view.alignment_id
        self.run_background(
            "Exporting",
            lambda _p: services.export(self.ws, aid, path, fmt=fmt, only_divergences=only_divergences,
                                       only_confirmed=only_confirmed),
            lambda out: self.statusBar().showMessage(f"Exported to {out}", 8000),
        )

    # ------------------------------------------------------------------ sources
    def edit_metadata(self, rendering_id: int) -> None:
        from khaddam_align.storage.models import Rendering

        with self.ws.session() as s:
            r = s.get(Rendering, rendering_id)
            if r is None:
                return
            values = {k: getattr(r, k) for k in ("title", "publisher", "author", "published", "url")}
        dialog = MetadataDialog(values, self)
        if dialog.exec() != MetadataDialog.DialogCode.Accepted:
            return
        try:
            services.update_metadata(self.ws, rendering_id, **dialog.values())
        except KhaddamError as exc:
            show_error(self, exc)
            return
        self.refresh_sources()
        self.sources.show_rendering(rendering_id)

    def toggle_range(self, range_id: int, active: bool) -> None:
        try:
            services.set_range_active(self.ws, range_id, active)
        except KhaddamError as exc:
            show_error(self, exc)
        rid = getattr(self.sources, "_rendering_id", None)
        if rid is not None:
            QTimer.singleShot(0, lambda: self.sources.show_rendering(rid))

    def open_workspace_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Open or create a workspace", str(Path.home()),
                                              "khaddam-align workspace (*.sqlite *.db)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return
        from khaddam_align.storage import open_workspace

        try:
            ws = open_workspace(name)
        except KhaddamError as exc:
            show_error(self, exc)
            return
        self._save_settings()
        self.ws = ws
        self.history = History(ws)
        self.sources.ws = ws
        self.source = None
        self.model = None
        self.table.setModel(None)
        self.refresh_sources()
        self._update_undo_actions()
        settings().setValue("workspace/last", name)
        self._show_start()

    def settings_dialog(self) -> None:
        dialog = SettingsDialog(self.delegate.arabic_font, self.delegate.english_font, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.set_fonts(*dialog.fonts())

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ------------------------------------------------------------------ help
    def show_shortcuts(self) -> None:
        lines = []
        for menu in self.menuBar().findChildren(QMenu):
            for act in menu.actions():
                if act.shortcut().toString():
                    lines.append(f"<tr><td>{act.text().replace('&', '')}</td>"
                                 f"<td><b>{act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}</b></td></tr>")
        QMessageBox.information(self, "Keyboard shortcuts", "<table>" + "".join(lines) + "</table>")

    def about(self) -> None:
        QMessageBox.about(self, "About khaddam-align",
                          "<b>khaddam-align</b><br>Align an Arabic original with its English renderings, see where "
                          f"they diverge, record verdicts.<br>Workspace: {self.ws.url}")
