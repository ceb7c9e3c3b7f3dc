"""PDF reports: the HTML report laid out by QTextDocument and printed with QPdfWriter.

Qt shapes Arabic and lays it out right to left itself (no arabic-reshaper here).
Registered as the ``pdf`` exporter entry point so the Qt-free core and CLI can
find it at run time (``khaddam_align.export.service``).
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

from khaddam_align.export.atomic import write_bytes
from khaddam_align.export.html import render_html

# Points per inch; QPdfWriter's resolution is in dots per inch.
_DPI = 300


def ensure_gui_application() -> QGuiApplication:
    """A Qt application for text layout; offscreen when there is no display (CLI, CI).

    A full QApplication (not a bare QGuiApplication), so the desktop app or a
    widget test can share the same process afterwards.
    """
    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["khaddam-align"])
    assert isinstance(app, QGuiApplication)
    return app


def write_pdf(
    document: dict[str, Any],
    path: str | os.PathLike[str],
    *,
    only_divergences: bool = False,
    only_confirmed: bool = False,
    landscape: bool = True,
) -> None:
    """Write the report of ``document`` (an alignment document dict) as a paginated PDF."""
    ensure_gui_application()
    html = render_html(document, only_divergences=only_divergences, only_confirmed=only_confirmed, for_qt=True)
    # Rendered into memory, then written atomically: a kill mid-render leaves the previous file.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_DPI)
    writer.setTitle("Alignment report")
    writer.setCreator("khaddam-align")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    text = QTextDocument()
    text.setDocumentMargin(0)
    text.setHtml(html)
    # Lay the document out on the page's printable area (in points) so print() paginates it.
    rect = writer.pageLayout().paintRectPoints()
    text.setPageSize(QSizeF(rect.width(), rect.height()))
    text.print_(writer)
    del writer  # finishes the PDF in the buffer
    write_bytes(path, bytes(buffer.data().data()))
