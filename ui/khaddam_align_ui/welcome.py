"""The welcome page shown on an empty workspace: Open demo, Import files, Paste text, Align."""

from __future__ import annotations

from khaddam_align_ui.qt import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

WELCOME_HTML = """
<h1 style="font-weight:300">Welcome to khaddam-align</h1>
<p dir="rtl" align="right" style="font-family:'Amiri'; font-size:17pt; color:#1565c0">قارِن الأصل العربي بترجماته الإنجليزية، جملةً جملة</p>
<p style="font-size:12pt">Compare an Arabic original with its English renderings sentence by sentence,
see where they diverge — numbers, names, speakers, omissions, negations — and record your verdicts.</p>
<p style="color:#555">Start with the demo (an Arabic minute and two English renderings with deliberate
differences), or import your own files: plain text, HTML or DOCX. You can also drop files on this window.</p>
"""



class WelcomePage(QWidget):
    """Its buttons (demo, importer, paste, align) are connected by the main window."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("welcome")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        inner = QVBoxLayout()
        self.text = QLabel(WELCOME_HTML)
        self.text.setWordWrap(True)
        self.text.setMaximumWidth(720)
        inner.addWidget(self.text)
        buttons = QHBoxLayout()
        self.demo = QPushButton("Open demo")
        self.demo.setObjectName("open-demo")
        self.demo.setDefault(True)
        self.demo.setMinimumHeight(40)
        self.demo.setStyleSheet("QPushButton { background:#1565c0; color:white; border-radius:4px; padding:0 18px;"
                                " font-weight:bold } QPushButton:hover { background:#1976d2 }")
        self.importer = QPushButton("Import files…")
        self.importer.setMinimumHeight(40)
        self.paste = QPushButton("Paste text…")
        self.paste.setMinimumHeight(40)
        self.align = QPushButton("Align renderings…")
        self.align.setMinimumHeight(40)
        for b in (self.demo, self.importer, self.paste, self.align):
            buttons.addWidget(b)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(inner)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
