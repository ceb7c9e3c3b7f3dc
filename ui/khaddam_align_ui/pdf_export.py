"""PDF reports: the HTML report laid out by QTextDocument and printed with QPdfWriter.

Qt shapes Arabic and lays it out right to left itself (no arabic-reshaper here).
Registered as the ``pdf`` exporter entry point so the Qt-free core and CLI can
find it at run time (``khaddam_align.export.service``).
"""

from __future__ import annotations

import os
from typing import Any

from khaddam_align.export.atomic import write_bytes
from khaddam_align.export.html import render_html
from khaddam_align_ui.qt import (
    QApplication,
    QBuffer,
    QGuiApplication,
    QIODevice,
    QMarginsF,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QSizeF,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

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
    tool = document.get("generator", {})
    writer.setCreator(f"{tool.get('name', 'khaddam-align')} {tool.get('version', 'unknown')}")
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
    keep_headings_with_content(text)
    text.print_(writer)
    del writer  # finishes the PDF in the buffer
    write_bytes(path, bytes(buffer.data().data()))


def _page(doc: QTextDocument, block: QTextBlock) -> int:
    return int(doc.documentLayout().blockBoundingRect(block).top() // doc.pageSize().height())


def _tables(doc: QTextDocument) -> list[QTextTable]:
    out, todo = [], list(doc.rootFrame().childFrames())
    while todo:
        frame = todo.pop(0)
        if isinstance(frame, QTextTable):
            out.append(frame)
        todo.extend(frame.childFrames())
    return out


def keep_headings_with_content(doc: QTextDocument, *, passes: int = 30) -> int:
    """No heading and no table header row left alone at the bottom of a page.

    A table whose header row and first row fall on different pages starts on a new page;
    so does a heading whose next line is on the next page. Each move shifts what follows,
    so this repeats until nothing moves. Returns how many breaks were added.
    """
    added = 0
    for _ in range(passes):
        moved = False
        for table in _tables(doc):
            if table.rows() < 2 or table.format().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                continue
            head = table.cellAt(0, 0).firstCursorPosition().block()
            first = table.cellAt(1, 0).firstCursorPosition().block()
            if _page(doc, head) != _page(doc, first):
                fmt = table.format()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                table.setFormat(fmt)
                moved = True
                added += 1
                break
        if not moved:
            block = doc.begin()
            while block.isValid():
                nxt = doc.findBlock(block.position() + block.length())
                bfmt = block.blockFormat()
                if (bfmt.headingLevel() > 0 and nxt.isValid()
                        and not bfmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
                        and _page(doc, block) != _page(doc, nxt)):
                    bfmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(block).setBlockFormat(bfmt)
                    moved = True
                    added += 1
                    break
                block = block.next()
        if not moved:
            break
    return added
