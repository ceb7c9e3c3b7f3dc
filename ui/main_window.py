"""The main window (first version: welcome screen on an empty workspace)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from khaddam_align.storage import Workspace


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.setWindowTitle(f"khaddam-align — {ws.url}")
        welcome = QLabel(
            "<h2>Welcome to khaddam-align</h2>"
            "<p>Import an Arabic original and its English renderings to compare them.</p>"
        )
        welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        welcome.setObjectName("welcome")
        self.setCentralWidget(welcome)
        self.resize(1200, 800)
