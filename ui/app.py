"""Application entry point: ``khaddam-align`` / ``khaddam-align gui``."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from khaddam_align.errors import KhaddamError
from khaddam_align.storage import open_workspace
from ui.main_window import MainWindow


def _workspace_to_open(db: str | None) -> str | None:
    """``--db`` if given, else the last workspace used in the app, else the default one."""
    if db is not None or os.environ.get("KHADDAM_ALIGN_DB"):
        return db
    last = str(QSettings("khaddam-align", "khaddam-align").value("workspace/last", ""))
    return last or None


def main(db: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("khaddam-align")
    app.setOrganizationName("khaddam-align")
    app.setApplicationDisplayName("khaddam-align")
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    try:
        ws = open_workspace(_workspace_to_open(db))
    except KhaddamError as exc:
        QMessageBox.critical(None, "Cannot open workspace", f"{exc.message}\n\n{exc.hint or ''}")
        return 1
    window = MainWindow(ws)
    window.show()
    return app.exec()
