"""Application entry point: ``khaddam-align`` / ``khaddam-align gui``."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from khaddam_align.errors import KhaddamError
from khaddam_align.storage import open_workspace
from ui.main_window import MainWindow


def main(db: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("khaddam-align")
    app.setOrganizationName("khaddam-align")
    try:
        ws = open_workspace(db)
    except KhaddamError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Cannot open workspace", str(exc))
        return 1
    window = MainWindow(ws)
    window.show()
    return app.exec()
