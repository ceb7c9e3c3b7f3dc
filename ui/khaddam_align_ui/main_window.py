"""The main window: sources panel, alignment grid with overview strip, detail pane,
menus with every action and its shortcut, undo/redo, background jobs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from khaddam_align import ops
from khaddam_align.demo import DemoResult
from khaddam_align.errors import Cancelled, KhaddamError
from khaddam_align.ops import Changes, History
from khaddam_align.progress import Progress
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Verdict
from khaddam_align.views import workspace as read
from khaddam_align.views.divergences import DivItem, view_divergences
from khaddam_align.views.grid import (
    RowSource,
    ViewSpec,
    pair_columns,
    view_for_alignment,
    view_for_three,
)
from khaddam_align.views.grid import pair_names as services_pair_names
from khaddam_align_ui import services, worker
from khaddam_align_ui.delegate import CellDelegate
from khaddam_align_ui.detail import DetailPane
from khaddam_align_ui.dialogs import (
    ExportDialog,
    MarkDialog,
    MetadataDialog,
    PasteDialog,
    SettingsDialog,
    SplitSegmentDialog,
    show_error,
)
from khaddam_align_ui.divergence_panel import DivergencePanel
from khaddam_align_ui.model import AlignmentModel
from khaddam_align_ui.overview import OverviewStrip
from khaddam_align_ui.qt import (
    QAbstractItemView,
    QAction,
    QByteArray,
    QCloseEvent,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QDragEnterEvent,
    QDropEvent,
    QEvent,
    QEventLoop,
    QFileDialog,
    QFont,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QObject,
    QPoint,
    QResizeEvent,
    QScrollArea,
    QSettings,
    QStackedWidget,
    Qt,
    QTableView,
    QTimer,
    QToolBar,
    QVBoxLayout,
    QWidget,
    Signal,
)
from khaddam_align_ui.sources_panel import SourcesPanel
from khaddam_align_ui.welcome import WELCOME_HTML, WelcomePage
from khaddam_align_ui.worker import Job, run_job

LEGEND = (
    '<span style="color:#666">word differences between the English texts:</span> '
    '<span style="background-color:#ffe08a">&nbsp;changed&nbsp;</span> '
    '<span style="background-color:#ffc4c4">&nbsp;only in the left&nbsp;</span> '
    '<span style="background-color:#c6f0c2">&nbsp;only in the right&nbsp;</span>'
)


POLL_MS = 2000  # how often the change marker is read (a one-row query)


class GridView(QTableView):
    """The alignment grid; ``resized`` lets the window keep its columns inside the width."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


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
        self._divs: list[DivItem] = []
        self._marker = 0  # the workspace's change marker (newest audit id) last seen
        self._waiting = 0  # > 0 while the GUI thread waits (painting) for a worker result
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
        self._marker = self._read_marker()
        self.poll_timer = QTimer(self)
        self.poll_timer.setObjectName("change-poll")
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.poll_timer.start()

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
        self.view_label.setWordWrap(True)  # the legend wraps at 1280 px instead of being cut off
        gl.addWidget(self.view_label)
        row = QHBoxLayout()
        self.table = GridView()
        self.table.setObjectName("alignment-grid")
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        # the text columns share the width: never a sideways scroll bar
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.resized.connect(lambda: QTimer.singleShot(0, self.fit_columns))
        self.table.horizontalHeader().sectionResized.connect(lambda *_a: QTimer.singleShot(0, self.fit_columns))
        self.table.setTabKeyNavigation(False)  # Tab leaves the grid for the panels (note, verdict buttons)
        self.table.setStyleSheet("QTableView:focus { border: 2px solid palette(highlight); }")
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

        self.sources = SourcesPanel(self.ws, run=self.on_worker)
        self.sources.alignmentChosen.connect(self.open_alignment)
        self.sources.threeChosen.connect(lambda ids: self.open_three(*ids))
        self.sources.editMetadata.connect(self.edit_metadata)
        self.sources.rangeToggled.connect(self.toggle_range)
        self.sources_dock = QDockWidget("Sources", self)
        self.sources_dock.setObjectName("sources-dock")
        self.sources_dock.setWidget(self.sources)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.sources_dock)

        self.panel = DivergencePanel()
        self.panel.itemChosen.connect(self.show_divergence)
        self.panel_dock = QDockWidget("Divergences", self)
        self.panel_dock.setObjectName("divergence-dock")
        self.panel_dock.setWidget(self.panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.panel_dock)
        self.tabifyDockWidget(self.sources_dock, self.panel_dock)

        self.detail = DetailPane()
        self.detail.verdictChosen.connect(self.set_verdict)
        self.detail.markRequested.connect(self.mark_up)
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
                *, name: str | None = None, tip: str = "", keys_on: tuple[QWidget, ...] = ()) -> QAction:
        """A menu action. ``keys_on``: its shortcut works only while one of these widgets has focus.

        Every unmodified letter key that changes data is bound to the grid (and, for verdicts,
        the divergence list) this way, so a word typed into a text field never edits the alignment.
        """
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut if keys_on
                                   else Qt.ShortcutContext.WindowShortcut)
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        act.setObjectName(name or text)
        menu.addAction(act)
        for w in keys_on or (self,):
            w.addAction(act)
        return act

    def _build_actions(self) -> None:
        bar = self.menuBar()
        f = bar.addMenu("&File")
        self._action(f, "&Open workspace…", self.open_workspace_dialog, QKeySequence.StandardKey.Open)
        self._action(f, "&New workspace…", self.new_workspace_dialog, QKeySequence.StandardKey.New)
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

        grid = (self.table,)
        judge = (self.table, self.panel.list)
        e = self.edit_menu = bar.addMenu("&Edit")
        self.undo_action = self._action(e, "&Undo", self.undo, QKeySequence.StandardKey.Undo, name="undo")
        self.redo_action = self._action(e, "&Redo", self.redo, "Ctrl+Shift+Z", name="redo")
        e.addSeparator()
        self._action(e, "&Confirm link", lambda: self._status_edit(ops.confirm_link), "C", keys_on=grid)
        self._action(e, "Confirm and &move on", self.confirm_and_next, "Space", name="confirm-next", keys_on=grid)
        self._action(e, "&Reject link", lambda: self._status_edit(ops.reject_link), "R", keys_on=grid)
        self._action(e, "Reset link to au&tomatic", lambda: self._status_edit(ops.unconfirm_link))
        e.addSeparator()
        self._action(e, "Merge with &next row", lambda: self._row_edit(ops.merge_with_next), "M", keys_on=grid)
        self._action(e, "Merge with &previous row", lambda: self._row_edit(ops.merge_with_previous), "Shift+M",
                     keys_on=grid)
        self._action(e, "&Split row", lambda: self._row_edit(ops.split_link), "S", keys_on=grid)
        self._action(e, "Move first segment &up", lambda: self._side_edit(ops.move_first_up), "Alt+Up", keys_on=grid,
                     tip="Move the first segment of the current cell to the row above (shift)")
        self._action(e, "Move last segment &down", lambda: self._side_edit(ops.move_last_down), "Alt+Down", keys_on=grid,
                     tip="Move the last segment of the current cell to the row below (pop)")
        self._action(e, "Insert &empty cell", lambda: self._side_edit(ops.insert_empty_cell), "E", keys_on=grid,
                     tip="Move the current cell's text to a row of its own (content the other side lacks)")
        e.addSeparator()
        self._action(e, "Split se&gment…", self.split_segment, "Ctrl+Shift+S")
        self._action(e, "Merge segment with ne&xt", self.merge_segment, "Ctrl+Shift+M")
        e.addSeparator()
        self._action(e, "Realign rows &below", lambda: self.realign(between=False), "Ctrl+R")
        self._action(e, "Realign between &anchors", lambda: self.realign(between=True), "Ctrl+Shift+R")

        r = bar.addMenu("&Review")
        self._action(r, "&Confirm divergence (it is real)", lambda: self.verdict_key("confirmed"), "Y", keys_on=judge)
        self._action(r, "&Dismiss divergence (not one)", lambda: self.verdict_key("dismissed"), "N", keys_on=judge)
        self._action(r, "Divergence needs a look at the &source", lambda: self.verdict_key("check-source"), "K",
                     keys_on=judge)
        self._action(r, "&Reopen divergence", lambda: self.verdict_key("open"), "Shift+K", keys_on=judge)
        self._action(r, "Edit the &note", self.focus_note, "Ctrl+Shift+N",
                     tip="Put the cursor in the note of the selected divergence (Enter saves it)")
        self._action(r, "Divergence &list", self.focus_panel, "Ctrl+Shift+L",
                     tip="Show the ranked divergence list and put the keyboard there")
        r.addSeparator()
        self._action(r, "&Mark up a finding…", lambda: self.mark_up(None), "Ctrl+Shift+F",
                     tip="Add a divergence of your own on the current row (select words in the detail pane first)")

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
        self.search.setMinimumWidth(220)
        self.search.returnPressed.connect(self.run_search)
        tools.addWidget(self.search)
        self.search_info = QLabel("")
        tools.addWidget(self.search_info)
        self.addToolBar(tools)
        v.addSeparator()
        self.diff_action = self._action(v, "&Highlight word differences", self.toggle_diff, "Ctrl+Shift+H")
        self.diff_action.setCheckable(True)
        self.diff_action.setChecked(True)
        self._action(v, "&Larger text", lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn)
        self._action(v, "&Smaller text", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        v.addSeparator()
        v.addAction(self.sources_dock.toggleViewAction())
        v.addAction(self.detail_dock.toggleViewAction())
        v.addAction(self.panel_dock.toggleViewAction())

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
        self.poll_timer.stop()
        self._save_settings()
        super().closeEvent(event)

    # ------------------------------------------------------------------ pages and views
    def _read_marker(self) -> int:
        """The workspace's change marker, read on the worker."""
        ws = self.ws
        marker: int = self.on_worker(lambda: read.change_marker(ws))
        return marker

    def _show_start(self) -> None:
        """The welcome page for an empty workspace; otherwise the last (or first) alignment."""
        ws = self.ws
        empty, works = self.on_worker(lambda: (services.is_empty(ws), services.works(ws)))
        if empty:
            self.show_welcome()
            return
        last = str(settings().value("grid/last_view", ""))
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
        ws = self.ws
        empty = self.on_worker(lambda: services.is_empty(ws))
        self.sources_dock.setVisible(not empty)
        self.detail_dock.setVisible(False)
        self.panel_dock.setVisible(False)
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
        ws = self.ws
        self.show_view(self.on_worker(lambda: view_for_alignment(ws, alignment_id)))

    def open_three(self, ar_a: int, ar_b: int, a_b: int | None = None) -> None:
        ws = self.ws
        self.show_view(self.on_worker(lambda: view_for_three(ws, ar_a, ar_b, a_b)))

    def show_view(self, view: ViewSpec) -> None:
        if self.model is not None:
            settings().setValue(f"grid/header{self.model.columnCount()}", self.table.horizontalHeader().saveState())
        self.source = RowSource(self.ws, view)
        self.model = AlignmentModel(self.source, self._filtered_ids(), run=self.on_worker, run_async=self.read_async)
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_current())
        header = self.table.horizontalHeader()
        saved = settings().value(f"grid/header{self.model.columnCount()}")
        if not (isinstance(saved, QByteArray) and header.restoreState(saved)):
            self.even_columns()
            QTimer.singleShot(0, self.even_columns)  # again once the window has its size
        names = " | ".join(c.header for c in view.columns)
        languages = [c.language for c in view.columns]
        same_language = len(set(languages)) < len(languages)  # word differences need two texts in one language
        self.view_label.setText(f"<b>{names}</b> &nbsp; {LEGEND}" if same_language else f"<b>{names}</b>")
        self.setWindowTitle(f"{names} — khaddam-align")
        self.stack.setCurrentIndex(1)
        for panel in (self.sources_dock, self.detail_dock, self.tools, self.panel_dock):
            panel.setVisible(True)
        self.panel_dock.raise_()
        self._refresh_nav()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 1))
        self._show_current()
        self._marker = self._read_marker()

    def even_columns(self) -> None:
        """Share the grid's width evenly between the text columns (they stretch with the window)."""
        if self.model is None:
            return
        n = self.model.columnCount() - 1
        self.table.setColumnWidth(0, 92)
        rest = max(3 * n * 20, self.table.viewport().width() - 92)
        for c in range(1, n + 1):
            self.table.setColumnWidth(c, rest // n)

    def fit_columns(self) -> None:
        """Keep every column inside the grid (no sideways scrolling): shrink the text columns proportionally
        when the window gets narrower; the last column takes what is left."""
        if self.model is None or not self.table.isVisible():
            return  # not laid out yet: its width means nothing
        n = self.model.columnCount()
        width = self.table.viewport().width()
        widths = [self.table.columnWidth(c) for c in range(n)]
        if n < 2 or width <= 0 or sum(widths) <= width:
            return
        spare = max(60 * (n - 1), width - widths[0])
        text = sum(widths[1:]) or 1
        for c in range(1, n - 1):
            self.table.setColumnWidth(c, max(60, widths[c] * spare // text))


    def _refresh_nav(self) -> None:
        if self.source is None or self.model is None:
            return
        source = self.source
        self._nav, self._divs = self.on_worker(lambda: (source.navigation(), view_divergences(source)))
        self.panel.set_items(self._divs)
        by_row: dict[int, list[DivItem]] = {}
        for item in self._divs:
            if item.row_id is not None:
                by_row.setdefault(item.row_id, []).append(item)
        shown = set(self.model.ids)
        marks = []
        for (i, _d, low, _u) in self._nav:
            if i not in shown:
                continue
            items = by_row.get(i, [])
            open_items = [x.div.severity for x in items if x.is_open]
            verdicts = {x.div.verdict for x in items}
            verdict = "open" if open_items else next((v for v in ("confirmed", "check-source", "dismissed")
                                                      if v in verdicts), "")
            marks.append((max(open_items, default=max((x.div.severity for x in items), default=0.0)), verdict, low))
        self.strip.set_marks(marks)
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
        sel = self.panel.selected()
        if sel is not None and row is not None and sel.row_id == row.link_id:
            self.detail.highlight(sel.div.id)
        self._grow_current_row()
        self._update_strip_viewport()

    def _grow_current_row(self) -> None:
        """The current row grows to show its whole text; the row it grew before goes back to the default height."""
        if self.model is None:
            return
        default = self.table.verticalHeader().defaultSectionSize()
        grown = getattr(self, "_grown_row", -1)
        if 0 <= grown < self.model.rowCount():
            self.table.setRowHeight(grown, default)
        row = self.current_row()
        if row < 0:
            return
        need = default
        for col in range(1, self.model.columnCount()):
            doc = self.delegate.document_for(self.model.index(row, col), self.table.columnWidth(col))
            if doc is not None:
                need = max(need, int(doc.size().height()) + 6)
        need = min(need, max(default, self.table.viewport().height() - 20))
        self.table.setRowHeight(row, need)
        self._grown_row = row

    def show_divergence(self, item: DivItem) -> None:
        """A divergence chosen in the panel: its row in the grid, its evidence highlighted, its box in the details."""
        if self.model is None or self.source is None:
            return
        self.delegate.evidence = {}
        if item.row_id is not None:
            if self.model.row_of(item.row_id) < 0 and any(a.isChecked() for a in self.filters.values()):
                for a in self.filters.values():
                    a.setChecked(False)  # the row is hidden by a filter: show everything
                self.apply_filters()
            row = self.model.row_data(self.model.row_of(item.row_id))
            cols = pair_columns(self.source.view).get(item.div.alignment_id)
            if row is not None and cols is not None:
                for col, spans in zip(cols, (item.div.a_spans, item.div.b_spans), strict=True):
                    local = [x for x in (row.cells[col].local(a, b) for a, b in spans) if x is not None]
                    if local:
                        self.delegate.evidence[(row.link_id, col)] = local
            self.go_to_link(item.row_id)
        self._show_current()
        self.detail.highlight(item.div.id)
        self.table.viewport().update()

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
        """Move to the next (or previous) row that is low-confidence / unconfirmed, or divergence in list order."""
        if self.model is None:
            return
        if kind == "div":
            if self.panel.step(step) is None:
                self.statusBar().showMessage(f"No more divergences {'below' if step > 0 else 'above'} in the list.",
                                             4000)
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
    def _run_edit(self, fn: Callable[[], Changes], *, done: str | None = None,
                  replace: Callable[[], Changes] | None = None) -> Changes | None:
        """Run one edit on the background worker; ``done`` is the status line afterwards (default: what it
        did and that Ctrl+Z undoes it). ``replace``: the same edit replacing another reviewer's verdict or
        note, run only if the user says so when the first attempt is refused for that reason."""
        try:
            changes: Changes = self.on_worker(fn)
        except KhaddamError as exc:
            if replace is not None and type(exc).__name__ == "ReplaceRefused":
                answer = QMessageBox.question(
                    self, "Replace a colleague's verdict?",
                    f"{getattr(exc, 'message', exc)}\n\nReplace it with yours? (Their verdict stays in the history.)",
                )
                if answer == QMessageBox.StandardButton.Yes:
                    return self._run_edit(replace, done=done)
                self.refresh_view()
                self.statusBar().showMessage("Not saved: the colleague's verdict stays.", 6000)
                return None
            if is_conflict(exc):
                self.show_conflict(exc)
                return None
            self.statusBar().showMessage(str(exc), 6000)
            title = "Cannot do that here" if isinstance(exc, ops.EditError) else "Something went wrong"
            show_error(self, exc, title=title)
            return None
        self.after_change(changes)
        self.statusBar().showMessage(done or f"{changes.label} — done. Ctrl+Z undoes it.", 6000)
        return changes

    def _filtered_ids(self) -> list[int]:
        """The rows passing the filters, read on the worker."""
        assert self.source is not None
        source, flags = self.source, self._filter_flags()
        ids: list[int] = self.on_worker(lambda: source.filtered(**flags))
        return ids

    def on_worker(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` (a database write) on the background worker and return its result.

        The GUI thread does not wait idle: a local event loop keeps painting and answering the
        window system while the worker writes; user input is held back until the write is done, so
        no second edit starts on top of it. Exceptions are raised here, on the GUI thread.
        """
        outcome: dict[str, Any] = {}
        direct: dict[str, Any] = {}  # filled on the worker: read if the loop is stopped from outside
        loop = QEventLoop(self)

        def finished(key: str, value: Any) -> None:
            outcome[key] = value
            loop.quit()

        def work(_p: Progress) -> Any:
            try:
                direct["result"] = fn()
            except BaseException as exc:
                direct["error"] = exc
                raise
            return direct["result"]

        run_job(self, "Saving", work, on_done=lambda r: finished("result", r),
                on_error=lambda e, _tb: finished("error", e), show_dialog=False,
                on_cancel=lambda: finished("error", Cancelled()))
        held = _HoldQuit()
        if not outcome:
            self._waiting += 1
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(held)  # a quit now would stop this loop before the result is back
            try:
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            finally:
                self._waiting -= 1
                if app is not None:
                    app.removeEventFilter(held)
        if not outcome:  # the loop was stopped from outside: wait for the job itself and take its result
            worker.wait_idle()
            outcome.update(direct)
        if held.quit:
            QTimer.singleShot(0, QCoreApplication.quit)  # the quit asked for meanwhile, once a loop runs
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("result")

    def read_async(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run the read ``fn`` on the background worker and hand its result to ``done`` on the GUI thread
        (the grid's row batches: the GUI keeps painting "loading…" meanwhile)."""

        def failed(exc: BaseException, _tb: str) -> None:
            self.statusBar().showMessage(f"Could not read rows: {exc}", 6000)

        run_job(self, "Reading", lambda _p: fn(), on_done=done, on_error=failed, show_dialog=False)

    def show_conflict(self, exc: BaseException) -> None:
        """Someone else changed the row since this screen showed it: say who, when and what; show the new state."""
        self.refresh_view()
        self.statusBar().showMessage(f"Not saved: {exc}", 10000)
        hint = getattr(exc, "hint", "") or "The row now shows their version; do it again if you still want to."
        QMessageBox.warning(self, "Changed by someone else", f"{exc}\n\n{hint}")

    def refresh_view(self) -> None:
        """Re-read everything the open view shows (after a conflict or another process's change)."""
        if self.model is None or self.source is None:
            return
        link = self.current_link()
        self.source.invalidate()
        self.model.set_ids(self._filtered_ids())
        self._refresh_nav()
        if not self.go_to_link(link):
            self.go_to_row(min(max(0, self.current_row()), self.model.rowCount() - 1))
        self._show_current()

    def after_change(self, changes: Changes) -> None:
        self._marker = self._read_marker()
        if self.model is None or self.source is None:
            return
        self.delegate.evidence = {}
        keep_col = max(1, self.table.currentIndex().column())
        here = self.current_row()  # a reset forgets the current row
        if changes.rows_changed:
            self.model.set_ids(self._filtered_ids())
        else:
            self.model.refresh_rows()
        self._refresh_nav()
        if not self.go_to_link(changes.focus_link_id):
            self.go_to_row(min(max(here, 0), self.model.rowCount() - 1))
        index = self.model.index(self.current_row(), keep_col)
        self.table.setCurrentIndex(index)
        self._show_current()
        self._update_undo_actions()
        label = getattr(changes, "label", "")
        if label:
            self.statusBar().showMessage(f"{label} — done. Ctrl+Z undoes it.", 6000)

    def _shown_version(self) -> int | None:
        """The version of the current row as the grid shows it (the edit names it: conflict check)."""
        row = self.model.row_data(self.current_row()) if self.model is not None else None
        return row.version if row is not None else None

    def _status_edit(self, op: Callable[..., Changes]) -> None:
        link, shown = self.current_link(), self._shown_version()
        if link is not None:
            self._run_edit(lambda: services.call_op(op, self.ws, link, history=self.history, expected_version=shown))

    def confirm_and_next(self) -> None:
        link = self.current_link()
        if link is None:
            return
        row = self.current_row()
        shown = self._shown_version()
        self._run_edit(lambda: services.call_op(ops.confirm_link, self.ws, link, history=self.history,
                                                expected_version=shown))
        if self.model is not None and self.model.row_of(link) >= 0:
            self.go_to_row(self.model.row_of(link) + 1)
        elif self.model is not None:
            self.go_to_row(min(row, self.model.rowCount() - 1))

    def _row_edit(self, op: Callable[..., Changes]) -> None:
        link, shown = self.current_link(), self._shown_version()
        if link is not None:
            self._run_edit(lambda: services.call_op(op, self.ws, link, history=self.history, expected_version=shown))

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
        ws, aid, seg = self.ws, self.source.view.third_alignment_id, ids[-1] if last else ids[0]
        found: int | None = self.on_worker(lambda: read.link_holding(ws, aid, seg))
        return found

    def _side_edit(self, op: Callable[..., Changes]) -> None:
        """Shift, pop or empty cell on the current cell's side (English B: on the Arabic ↔ English B alignment)."""
        if self.table.currentIndex().column() == 3:
            third = self._third_link(last=op is ops.move_last_down)
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
        seg_id = ids[-1] if last else ids[0]
        ws = self.ws
        seg = self.on_worker(lambda: read.segment(ws, seg_id))
        if seg is None:
            self.statusBar().showMessage("This segment no longer exists; the view was reloaded.", 4000)
            self.refresh_view()
            return None
        return seg_id, seg.text, self.source.view.columns[col].rtl

    def split_segment(self) -> None:
        found = self._current_segment(last=False)
        if found is None:
            return
        seg_id, text, rtl = found
        dialog = SplitSegmentDialog(text, rtl=rtl, parent=self)
        if dialog.exec() != SplitSegmentDialog.DialogCode.Accepted:
            return
        ws = self.ws
        seg = self.on_worker(lambda: read.segment(ws, seg_id))
        start = seg.start if seg is not None else 0
        link = self.current_link()
        self._run_edit(lambda: ops.split_segment(self.ws, seg_id, start + dialog.offset(), history=self.history,
                                                  link_id=link))

    def merge_segment(self) -> None:
        """Join the cell's first segment with the one after it (the cell's second, or the next row's first)."""
        found = self._current_segment(last=False)
        if found is None:
            return
        link = self.current_link()
        self._run_edit(lambda: ops.merge_segment_with_next(self.ws, found[0], history=self.history, link_id=link))

    def realign(self, *, between: bool) -> None:
        """Realign in the background, then re-detect divergences on the rows it made (anchored by their evidence)."""
        link = self.current_link()
        if link is None or self.source is None:
            return
        op = ops.realign_between if between else ops.realign_below
        source = RowSource(self.ws, self.source.view)
        aid = self.source.view.alignment_id

        def work(p: Progress) -> Changes:
            from khaddam_align.diverge.service import redetect_links

            before = set(source.link_ids())
            changes = op(self.ws, link, history=self.history, progress=p)
            made = set(source.link_ids()) - before
            if made:
                redetect_links(self.ws, aid, made)
            return changes

        self.run_background("Realigning", work, self.after_change)

    def mark_up(self, _unused: object = None) -> None:
        """A finding of the reviewer's own on the current row, from the words selected in the detail pane."""
        if self.model is None or self.source is None:
            return
        row = self.model.row_data(self.current_row())
        if row is None:
            self.statusBar().showMessage("Choose a row first.", 4000)
            return
        from khaddam_align.ops.markup import FINDING_TYPES, mark_finding

        view = self.source.view
        cols = pair_columns(view)
        names = services_pair_names(view)
        picked = self.detail.selections()
        chosen = next((aid for aid, (x, y) in cols.items() if set(picked) <= {x, y} and picked), view.alignment_id)
        dialog = MarkDialog([(aid, names[aid]) for aid in cols], {k: v[2] for k, v in picked.items()},
                            FINDING_TYPES, self, chosen_pair=chosen)
        if dialog.exec() != MarkDialog.DialogCode.Accepted:
            return
        aid, type_, severity, note = dialog.values()
        x, y = cols[aid]
        spans: list[list[tuple[int, int]]] = [[], []]
        for side, col in enumerate((x, y)):
            if col in picked:
                start, end, _w = picked[col]
                span = _to_text(row.cells[col].offsets, start, end)
                if span is not None:
                    spans[side] = [span]
        link_id = row.link_id if aid == view.alignment_id else self._pair_link(aid, row, x if picked.get(x) else y)
        if link_id is None:
            self.statusBar().showMessage("This row has no text of that pair to mark.", 6000)
            return
        self._run_edit(lambda: mark_finding(self.ws, link_id, type=type_, severity=severity, note=note,
                                            a_spans=spans[0], b_spans=spans[1], history=self.history).changes)

    def _pair_link(self, alignment_id: int, row: Any, col: int) -> int | None:
        """The link of another alignment of the view that holds this row's text in column ``col``."""
        ids = row.cells[col].segment_ids
        ws = self.ws
        found: int | None = self.on_worker(lambda: read.link_holding(ws, alignment_id, ids[0])) if ids else None
        return found

    def undo(self) -> None:
        if self.history.can_undo():
            label = self.history.undo_label
            self._run_edit(self.history.undo, done=f"Undid {label}.")

    def redo(self) -> None:
        if self.history.can_redo():
            label = self.history.redo_label
            self._run_edit(self.history.redo, done=f"Redid {label}.")

    def _update_undo_actions(self) -> None:
        u, r = self.history.undo_label, self.history.redo_label
        self.undo_action.setText(f"&Undo {u}" if u else "&Undo")
        self.undo_action.setEnabled(u is not None)
        self.redo_action.setText(f"&Redo {r}" if r else "&Redo")
        self.redo_action.setEnabled(r is not None)

    def set_verdict(self, divergence_id: int, verdict: str, note: str) -> None:
        """A verdict (or a note): recorded, undoable; the selection then moves to the next open item in the list."""
        sel = self.panel.selected()
        was_open = next((i.is_open for i in self._divs if i.div.id == divergence_id), False)
        shown = next((i.div.version for i in self._divs if i.div.id == divergence_id), None)
        def attempt(replace: bool) -> Changes:
            return services.call_op(ops.set_verdict, self.ws, divergence_id, Verdict(verdict), note=note,
                                    history=self.history, expected_version=shown, replace=replace)

        if self._run_edit(lambda: attempt(False), replace=lambda: attempt(True)) is None:
            return
        name = {"confirmed": "confirmed", "dismissed": "dismissed", "check-source": "marked check source",
                "open": "reopened"}[verdict]
        msg = f"Divergence {name}" + (" (note saved)" if note else "") + " — Ctrl+Z undoes it."
        if verdict != "open" and (was_open or sel is not None) and sel is not None and sel.div.id == divergence_id:
            nxt = self.panel.select_next_open(divergence_id)
            msg += " Next open divergence selected." if nxt is not None else " No open divergence left in the list."
        elif sel is not None:
            self.panel.select_id(sel.div.id, emit=False)
        self.statusBar().showMessage(msg, 6000)

    def _verdict_target(self) -> tuple[int, str] | None:
        """The divergence Y/N/K act on: the one selected in the list, else the current row's first open one."""
        sel = self.panel.selected()
        row = self.model.row_data(self.current_row()) if self.model is not None else None
        if sel is not None and (row is None or sel.row_id in (None, row.link_id)):
            return sel.div.id, sel.div.note
        if row is None or not row.divergences:
            return None
        target = next((d for d in row.divergences if d.verdict == "open"), row.divergences[0])
        return target.id, target.note

    def verdict_key(self, verdict: str) -> None:
        """Verdict from the keyboard on the selected divergence (see ``_verdict_target``), keeping its note."""
        if self.model is None:
            return
        target = self._verdict_target()
        if target is None:
            self.statusBar().showMessage("This row has no divergence. D goes to the next one.", 4000)
            return
        box = self.detail.box_for(target[0])
        note = box.note.text() if box is not None else target[1]
        self.set_verdict(target[0], verdict, note)

    def focus_note(self) -> None:
        target = self._verdict_target()
        box = self.detail.box_for(target[0]) if target is not None else None
        if box is None:
            self.statusBar().showMessage("No divergence selected: choose one in the list (Ctrl+Shift+L).", 4000)
            return
        self.detail_dock.raise_()
        box.note.setFocus()
        box.note.selectAll()

    def focus_panel(self) -> None:
        self.panel_dock.setVisible(True)
        self.panel_dock.raise_()
        self.panel.list.setFocus()
        if self.panel.selected() is None:
            self.panel.step(1)

    def toggle_diff(self) -> None:
        self.delegate.show_diff = self.diff_action.isChecked()
        self.detail.show_diff = self.diff_action.isChecked()
        self.table.viewport().update()
        self._show_current()

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
        self.model.set_ids(self._filtered_ids())
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
        source, query = self.source, self.search.text()
        self._matches = self.on_worker(lambda: source.search(query))
        self.search_info.setText(f" {len(self._matches)} match{'es' if len(self._matches) != 1 else ''} ")
        # the keyboard stays in the search box: a word typed next is text, never a shortcut
        if self._matches and not self.go_to_link(self._matches[0]):
            self.statusBar().showMessage("The matches are hidden by the filters.", 4000)

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
        """Run ``work`` on the background worker; the status bar says it runs, then that it finished."""
        self.statusBar().showMessage(f"{title}…")

        def done(result: Any) -> None:
            self.statusBar().showMessage(f"{title} — done.", 6000)  # on_done may say more
            on_done(result)
            self._marker = self._read_marker()

        def cancelled() -> None:
            self.statusBar().showMessage(f"{title} — cancelled; nothing changed.", 6000)

        job = run_job(self, title, work, on_done=done, on_error=self._job_failed, show_dialog=show_dialog,
                      on_cancel=cancelled)
        self.jobs.append(job)
        return job

    def _job_failed(self, exc: BaseException, tb: str) -> None:
        if is_conflict(exc):
            self.show_conflict(exc)
            return
        self.statusBar().showMessage("Failed.", 6000)
        show_error(self, exc, tb)

    def open_demo(self) -> None:
        def done(result: DemoResult) -> None:
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

        ws = self.ws
        dialog = AlignDialog(self.on_worker(lambda: services.works(ws)), self)
        if dialog.exec() != AlignDialog.DialogCode.Accepted:
            return
        ids = dialog.chosen()
        if len(ids) < 2:
            return
        existing = self.on_worker(lambda: read.existing_alignments(ws, ids))
        if len(existing) == (1 if len(ids) == 2 else 3):
            box = QMessageBox(QMessageBox.Icon.Question, "Already aligned",
                              "These renderings are already aligned. Open that alignment (with its verdicts and "
                              "notes), or make a new one next to it?", parent=self)
            open_it = box.addButton("Open it", QMessageBox.ButtonRole.AcceptRole)
            box.addButton("Align again", QMessageBox.ButtonRole.DestructiveRole)
            cancel = box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(open_it)
            box.exec()
            if box.clickedButton() is cancel:
                return
            if box.clickedButton() is open_it:
                if len(existing) == 3:
                    self.open_three(*existing)
                else:
                    self.open_alignment(existing[0])
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
        view = self.source.view
        aid = view.alignment_id
        also = [a for a in (view.third_alignment_id, view.cross_alignment_id) if a is not None]
        self.run_background(
            "Exporting",
            lambda _p: services.export(self.ws, aid, path, fmt=fmt, only_divergences=only_divergences,
                                       only_confirmed=only_confirmed, also=also),
            lambda out: self.statusBar().showMessage(f"Exported to {out}", 8000),
        )

    # ------------------------------------------------------------------ other processes' changes
    def poll(self) -> None:
        """Read the change marker on the background worker; if another process changed the workspace, reload."""
        if worker.busy():
            return  # our own work is running; its end updates the marker
        ws = self.ws
        run_job(self, "Checking for changes", lambda _p: (ws, read.change_marker(ws)), on_done=self._polled,
                on_error=lambda _e, _tb: None, show_dialog=False)

    def _polled(self, result: tuple[Workspace, int]) -> None:
        ws, marker = result
        if ws is not self.ws or marker <= self._marker or self._waiting:
            return  # nothing new, or in the middle of another read/write: the next poll sees it
        since = self._marker
        others = [c for c in self.on_worker(lambda: read.changes_since(ws, since)) if c.user != ws.user]
        self._marker = marker
        self.refresh_sources()
        self.refresh_view()
        if others:
            who = ", ".join(sorted({c.user for c in others}))
            self.statusBar().showMessage(f"Updated: {len(others)} change(s) by {who} (another window or the command "
                                         "line).", 8000)


    # ------------------------------------------------------------------ sources
    def edit_metadata(self, rendering_id: int) -> None:
        ws = self.ws
        found = self.on_worker(lambda: read.rendering_metadata(ws, rendering_id))
        if found is None:
            return
        values, version = found
        dialog = MetadataDialog(values, self)
        if dialog.exec() != MetadataDialog.DialogCode.Accepted:
            return
        try:
            changed = dialog.values()
            self.on_worker(lambda: services.update_metadata(ws, rendering_id, expected=version, **changed))
        except KhaddamError as exc:
            show_error(self, exc)
            return
        self.refresh_sources()
        self.sources.show_rendering(rendering_id)

    def toggle_range(self, range_id: int, active: bool) -> None:
        try:
            ws = self.ws
            self.on_worker(lambda: services.set_range_active(ws, range_id, active))
        except KhaddamError as exc:
            show_error(self, exc)
        rid = getattr(self.sources, "_rendering_id", None)
        if rid is not None:
            QTimer.singleShot(0, lambda: self.sources.show_rendering(rid))

    def open_workspace_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a workspace", str(Path.home()),
                                              "khaddam-align workspace (*.sqlite *.db);;All files (*)")
        if name:
            self.switch_workspace(name)

    def new_workspace_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New workspace", str(Path.home() / "workspace.sqlite"),
                                              "khaddam-align workspace (*.sqlite *.db)")
        if name:
            self.switch_workspace(name)

    def switch_workspace(self, name: str) -> None:
        from khaddam_align.storage import open_workspace

        try:
            ws: Workspace = self.on_worker(lambda: open_workspace(name))  # creates / upgrades the file
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
        """Every shortcut, in a dialog that scrolls and always fits the screen."""
        lines = []
        for menu in self.menuBar().findChildren(QMenu):
            for act in menu.actions():
                if act.shortcut().toString():
                    lines.append(f"<tr><td>{act.text().replace('&', '')}</td>"
                                 f"<td><b>{act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}</b></td></tr>")
        dialog = QDialog(self)
        dialog.setObjectName("shortcuts-dialog")
        dialog.setWindowTitle("Keyboard shortcuts")
        lay = QVBoxLayout(dialog)
        label = QLabel("<p>Letter keys act only while the grid (or the divergence list) has the keyboard: "
                       "it then has a blue frame.</p><table cellspacing=4>" + "".join(lines) + "</table>")
        scroll = QScrollArea()
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        lay.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(dialog.accept)
        lay.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        height = min(700, (screen.height() - 80) if screen is not None else 600)
        dialog.resize(min(560, label.sizeHint().width() + 60), height)
        self._shortcuts_dialog = dialog
        dialog.open()

    def about(self) -> None:
        QMessageBox.about(self, "About khaddam-align",
                          "<b>khaddam-align</b><br>Align an Arabic original with its English renderings, see where "
                          f"they diverge, record verdicts.<br>Workspace: {self.ws.url}")


class _HoldQuit(QObject):
    """Application event filter: holds back a Quit while ``on_worker`` waits (it is asked again afterwards)."""

    def __init__(self) -> None:
        super().__init__()
        self.quit = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit:
            self.quit = True
            return True
        return False


def is_conflict(exc: BaseException) -> bool:
    """A write refused because the row changed since it was read (the operations layer's ``ConflictError``)."""
    return any(c.__name__ == "ConflictError" for c in type(exc).__mro__)


def _to_text(offsets: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[int, int] | None:
    """Cell offsets (segments joined by one space) → offsets in the rendering's text."""
    pos = 0
    lo = hi = None
    for a, b in offsets:
        n = b - a
        if lo is None and start < pos + n:
            lo = a + max(0, start - pos)
        if end <= pos + n:
            hi = a + max(0, end - pos)
            break
        pos += n + 1
    if lo is None or hi is None or hi <= lo:
        return None
    return lo, hi
