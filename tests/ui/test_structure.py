"""The app's structure: no SQL in ui/ (reads come from khaddam_align.views), Qt only through the
shim, and jobs on one background worker."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from khaddam_align import ops
from khaddam_align_ui import worker
from khaddam_align_ui.main_window import MainWindow
from khaddam_align_ui.qt import Qt, QThread
from tests.ui.ui_fixtures import build_trio

UI = Path(__file__).resolve().parents[2] / "ui" / "khaddam_align_ui"
SQL = re.compile(r"\bsqlalchemy\b|(?<![.\w])select\(|\.session\(|\.execute\(|\.scalars?\(|\.query\(")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_the_app_runs_no_sql() -> None:
    offenders = [f"{p.name}:{n}: {line.strip()}" for p in sorted(UI.glob("*.py"))
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if SQL.search(line) and not line.lstrip().startswith("#")]
    assert offenders == []


def test_qt_is_imported_only_through_the_shim() -> None:
    offenders = [f"{p.name}: {m}" for p in sorted(UI.glob("*.py")) if p.name != "qt.py"
                 for m in _imports(p) if m.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6")]
    assert offenders == []
    assert any(m.startswith("PySide6") for m in _imports(UI / "qt.py"))


def test_jobs_run_one_at_a_time_off_the_gui_thread(qtbot: QtBot) -> None:
    from khaddam_align_ui.qt import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[object, int]] = []
    running = []

    def work(_p: object) -> None:
        running.append(1)
        seen.append((QThread.currentThread(), len(running)))
        QThread.msleep(30)
        running.pop()

    for _ in range(3):
        worker.run_job(parent, "job", work, on_done=lambda _r: None, on_error=lambda _e, _t: None,
                       show_dialog=False)
    qtbot.waitUntil(lambda: len(seen) == 3 and not worker.busy(), timeout=5000)
    assert all(thread is not QThread.currentThread() for thread, _n in seen)
    assert [n for _t, n in seen] == [1, 1, 1]  # never two at once
    assert worker.worker_pool().maxThreadCount() == 1


def test_edits_run_on_the_worker_not_the_gui_thread(qtbot: QtBot, window: MainWindow,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    trio = build_trio(window.ws)
    window.open_alignment(trio.ar_a)
    window.go_to_row(1)
    threads = []
    real = ops.merge_with_next

    def spy(*args: object, **kwargs: object) -> object:
        threads.append(QThread.currentThread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ops, "merge_with_next", spy)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_M)
    assert len(threads) == 1
    assert threads[0] is not QThread.currentThread()
    assert window.model is not None
    assert window.model.rowCount() == 3
