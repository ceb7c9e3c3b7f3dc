"""Database reads of the app run on its one background worker, never on the GUI thread (issue 10, item 11)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from khaddam_align.ops import store_alignment
from khaddam_align.storage import Workspace
from khaddam_align_ui.main_window import MainWindow
from khaddam_align_ui.model import BATCH, LOADING
from tests.ui.ui_fixtures import add_rendering, build_trio


class SessionThreads:
    """Wraps the workspace's session factory: records the thread of every session opened while ``on``."""

    def __init__(self, ws: Workspace) -> None:
        self.inner: Callable[[], Any] = ws._sessions
        self.threads: list[threading.Thread] = []
        self.on = False
        ws._sessions = self  # type: ignore[assignment]

    def __call__(self) -> Any:
        if self.on:
            self.threads.append(threading.current_thread())
        return self.inner()

    def on_gui_thread(self) -> int:
        return sum(1 for t in self.threads if t is threading.main_thread())


def long_pair(ws: Workspace, n: int = 450) -> int:
    a = add_rendering(ws, [f"First rendering sentence {i}." for i in range(n)], language="en", publisher="Alpha")
    b = add_rendering(ws, [f"Second rendering sentence {i}." for i in range(n)], language="en", publisher="Beta")
    return store_alignment(ws, a, b, [([i], [i], 0.9) for i in range(n)])


def test_scrolling_reads_row_batches_on_the_worker(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    aid = long_pair(ws)
    window.open_alignment(aid)
    model = window.model
    assert model is not None
    assert model.rowCount() == 450
    assert not model.loaded(400)  # only the batch around the first row was read
    spy = SessionThreads(ws)
    spy.on = True
    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.loaded(449), timeout=10000)  # painting asked for the batch; it arrived
    # while a batch is on its way the row shows a placeholder, then fills in
    window.table.scrollTo(model.index(250, 1))
    qtbot.waitUntil(lambda: model.loaded(250), timeout=10000)
    assert model.index(250, 2).data() == "Second rendering sentence 250."
    spy.on = False
    assert spy.threads, "the scroll read nothing: the test would prove nothing"
    assert spy.on_gui_thread() == 0
    assert len(model._rows) < 450  # still lazy: rows never shown were not read


def test_unread_rows_show_loading_until_their_batch_arrives(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    aid = long_pair(ws, 3 * BATCH)
    window.open_alignment(aid)
    model = window.model
    assert model is not None
    far = 3 * BATCH - 1
    assert model.index(far, 1).data() == LOADING  # asked for, not read on the GUI thread
    qtbot.waitUntil(lambda: model.index(far, 1).data() == f"First rendering sentence {far}.", timeout=10000)


def test_sources_refresh_and_preview_read_on_the_worker(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    trio = build_trio(ws)
    spy = SessionThreads(ws)
    spy.on = True
    window.refresh_sources()
    window.sources.show_rendering(trio.ar)
    window.open_three(trio.ar_a, trio.ar_b, trio.a_b)
    window.poll()
    qtbot.waitUntil(lambda: not window._waiting, timeout=5000)
    spy.on = False
    assert window.sources.tree.topLevelItemCount() == 1
    assert spy.threads
    assert spy.on_gui_thread() == 0
