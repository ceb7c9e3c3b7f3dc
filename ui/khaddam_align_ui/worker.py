"""Long work off the GUI thread: a QRunnable running a core function with a progress callback.

Every job runs on ONE background worker thread (a pool of one, as Anki's
``CollectionOp`` queue), one after the other, so two database writes of the app
never race each other and the GUI thread never waits on the database for them.
The function must not touch widgets; it talks to the database through the
workspace (each core call opens its own session).
Progress and the result come back by signal; the progress dialog's Cancel
makes the callback return False, which the core turns into ``Cancelled``.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from khaddam_align.errors import Cancelled, KhaddamError
from khaddam_align.progress import Progress
from khaddam_align_ui.qt import (
    QObject,
    QProgressDialog,
    QRunnable,
    Qt,
    QThreadPool,
    QWidget,
    Signal,
    Slot,
)


class _Signals(QObject):
    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(object, str)  # the exception, formatted traceback


class Job(QRunnable):
    """Runs ``work(progress)``; emits ``done(result)`` or ``failed(exc, tb)`` on the GUI thread."""

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self.cancel_event = threading.Event()
        self.setAutoDelete(False)

    def progress(self, fraction: float, label: str) -> bool:
        self.signals.progress.emit(fraction, label)
        return not self.cancel_event.is_set()

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except BaseException as exc:  # reported to the GUI thread, shown in a dialog
            self.signals.failed.emit(exc, "" if isinstance(exc, KhaddamError) else traceback.format_exc())
        else:
            self.signals.done.emit(result)


class _Relay(QObject):
    """Lives on the GUI thread, so signals from the pool thread reach it queued."""

    def __init__(self, progress: Callable[[float, str], None], done: Callable[[Any], None],
                 failed: Callable[[BaseException, str], None], parent: QObject) -> None:
        super().__init__(parent)
        self._progress, self._done, self._failed = progress, done, failed

    @Slot(float, str)
    def on_progress(self, fraction: float, label: str) -> None:
        self._progress(fraction, label)

    @Slot(object)
    def on_done(self, result: Any) -> None:
        self._done(result)

    @Slot(object, str)
    def on_failed(self, exc: BaseException, tb: str) -> None:
        self._failed(exc, tb)


_running: set[Job] = set()  # keep jobs (and their signal objects) alive until they finish
_worker: QThreadPool | None = None


def worker_pool() -> QThreadPool:
    """The app's single background worker."""
    global _worker
    if _worker is None:
        _worker = QThreadPool()
        _worker.setMaxThreadCount(1)
        _worker.setObjectName("khaddam-align-worker")
    return _worker


def busy() -> bool:
    return bool(_running)


def wait_idle(msecs: int = 30000) -> bool:
    """Wait for queued jobs to finish (tests, closing the window)."""
    return worker_pool().waitForDone(msecs)


def run_job(
    parent: QWidget,
    title: str,
    work: Callable[[Progress], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException, str], None],
    show_dialog: bool = True,
    on_cancel: Callable[[], None] | None = None,
) -> Job:
    """Start ``work`` on the thread pool with a modal progress dialog that can cancel it."""
    job = Job(work)
    dialog: QProgressDialog | None = None
    if show_dialog:
        dialog = QProgressDialog(title, "Cancel", 0, 1000, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(job.cancel_event.set)

    def progress(fraction: float, label: str) -> None:
        if dialog is not None:
            dialog.setValue(int(fraction * 1000))
            dialog.setLabelText(label)

    def finish() -> None:
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        _running.discard(job)
        relay.deleteLater()

    def done(result: Any) -> None:
        finish()
        on_done(result)

    def failed(exc: BaseException, tb: str) -> None:
        finish()
        if not isinstance(exc, Cancelled):
            on_error(exc, tb)
        elif on_cancel is not None:
            on_cancel()

    relay = _Relay(progress, done, failed, parent)
    job.signals.progress.connect(relay.on_progress)
    job.signals.done.connect(relay.on_done)
    job.signals.failed.connect(relay.on_failed)
    job.relay = relay  # type: ignore[attr-defined]
    _running.add(job)
    worker_pool().start(job)
    return job
