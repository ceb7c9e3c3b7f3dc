"""Application entry point: ``khaddam-align`` / ``khaddam-align gui``."""

from __future__ import annotations

import os
import sys

from khaddam_align.errors import KhaddamError
from khaddam_align.storage import open_workspace
from khaddam_align_ui.main_window import MainWindow
from khaddam_align_ui.qt import (
    QApplication,
    QColor,
    QFont,
    QIcon,
    QMessageBox,
    QPainter,
    QPixmap,
    QRect,
    QSettings,
    Qt,
)


def _workspace_to_open(db: str | None) -> str | None:
    """``--db`` if given, else the last workspace used in the app, else the default one."""
    if db is not None or os.environ.get("KHADDAM_ALIGN_DB"):
        return db
    last = str(QSettings("khaddam-align", "khaddam-align").value("workspace/last", ""))
    return last or None


def app_icon() -> QIcon:
    """A small icon drawn at run time: an Arabic letter and a Latin one side by side."""
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#1565c0"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(2, 2, 60, 60, 12, 12)
    p.setPen(QColor("white"))
    p.setFont(QFont("Amiri", 22, QFont.Weight.Bold))
    p.drawText(QRect(4, 2, 30, 56), Qt.AlignmentFlag.AlignCenter, "خ")
    p.setFont(QFont("DejaVu Sans", 20, QFont.Weight.Bold))
    p.drawText(QRect(30, 2, 30, 58), Qt.AlignmentFlag.AlignCenter, "A")
    p.end()
    return QIcon(pixmap)


def _check_display() -> None:
    """Without a display Qt aborts with a misleading xcb message; say what to do instead."""
    if not sys.platform.startswith("linux") or QApplication.instance() is not None:
        return
    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    raise KhaddamError(
        "No display found: the desktop app needs a graphical session.",
        hint="Run it on your desktop, or over ssh with X forwarding (ssh -X); "
        "the command-line tools (khaddam-align --help) work without a display.",
    )


def main(db: str | None = None) -> int:
    _check_display()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("khaddam-align")
    app.setOrganizationName("khaddam-align")
    app.setApplicationDisplayName("khaddam-align")
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    app.setWindowIcon(app_icon())
    chosen = _workspace_to_open(db)
    try:
        try:
            ws = open_workspace(chosen)
        except KhaddamError:
            if db is not None or chosen is None:
                raise
            ws = open_workspace(None)  # the remembered workspace is gone: use the default one
    except KhaddamError as exc:
        QMessageBox.critical(None, "Cannot open workspace", f"{exc.message}\n\n{exc.hint or ''}")
        return 1
    window = MainWindow(ws)
    window.show()
    return app.exec()
