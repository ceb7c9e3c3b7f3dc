"""Dialogs: errors, settings (fonts), paste text, rendering metadata, split segment, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from khaddam_align.errors import KhaddamError


def show_error(parent: QWidget | None, exc: BaseException, tb: str = "", *, title: str = "Something went wrong") -> None:
    """One place where every failure is shown: what happened and what to do."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    if isinstance(exc, KhaddamError):
        box.setText(exc.message)
        box.setInformativeText(f"What to do: {exc.hint}" if exc.hint else "Nothing was changed; nothing you did was lost.")
    else:
        box.setText(f"Unexpected error: {exc}")
        box.setInformativeText("This is a bug in khaddam-align; nothing already saved was lost. "
                               "Please report it with the details below.")
        if tb:
            box.setDetailedText(tb)
    box.setObjectName("error-dialog")
    box.open()


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class SettingsDialog(QDialog):
    """Fonts for Arabic and English text, and their size."""

    def __init__(self, arabic: QFont, english: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        form = QFormLayout(self)
        self.arabic = QFontComboBox()
        self.arabic.setCurrentFont(arabic)
        self.arabic_size = QSpinBox()
        self.arabic_size.setRange(6, 40)
        self.arabic_size.setValue(int(arabic.pointSize()))
        self.english = QFontComboBox()
        self.english.setCurrentFont(english)
        self.english_size = QSpinBox()
        self.english_size.setRange(6, 40)
        self.english_size.setValue(int(english.pointSize()))
        form.addRow("Arabic font", self.arabic)
        form.addRow("Arabic size", self.arabic_size)
        form.addRow("English font", self.english)
        form.addRow("English size", self.english_size)
        sample = QLabel("عبد الحليم خدام — Abdul Halim Khaddam")
        form.addRow("Sample", sample)
        form.addRow(_buttons(self))

    def fonts(self) -> tuple[QFont, QFont]:
        a = QFont(self.arabic.currentFont())
        a.setPointSize(self.arabic_size.value())
        e = QFont(self.english.currentFont())
        e.setPointSize(self.english_size.value())
        return a, e


class PasteDialog(QDialog):
    """Paste a text as a new rendering."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste text")
        self.resize(640, 480)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit("pasted text")
        self.lang = QComboBox()
        self.lang.addItems(["auto", "ar", "en"])
        form.addRow("Name", self.name)
        form.addRow("Language", self.lang)
        lay.addLayout(form)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Paste an Arabic or English text here (header lines like 'publisher:' are read).")
        lay.addWidget(self.text)
        lay.addWidget(_buttons(self))


class MetadataDialog(QDialog):
    """Edit a rendering's title, publisher, author, date and URL."""

    FIELDS = (("title", "Title"), ("publisher", "Publisher"), ("author", "Author"),
              ("published", "Date (YYYY-MM-DD)"), ("url", "URL"))

    def __init__(self, values: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rendering metadata")
        self.resize(560, 0)
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in self.FIELDS:
            e = QLineEdit(values.get(key, ""))
            self.edits[key] = e
            form.addRow(label, e)
        form.addRow(_buttons(self))

    def values(self) -> dict[str, str]:
        return {k: e.text().strip() for k, e in self.edits.items()}


class SplitSegmentDialog(QDialog):
    """Choose where to split a segment: put the cursor there."""

    def __init__(self, text: str, *, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Split segment")
        self.resize(560, 240)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Click where the new segment should start, then press OK."))
        self.edit = QPlainTextEdit(text)
        self.edit.setReadOnly(True)
        self.edit.setTextInteractionFlags(self.edit.textInteractionFlags())
        if rtl:
            opt = self.edit.document().defaultTextOption()
            from PySide6.QtCore import Qt

            opt.setTextDirection(Qt.LayoutDirection.RightToLeft)
            opt.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.edit.document().setDefaultTextOption(opt)
        cursor = self.edit.textCursor()
        cursor.setPosition(len(text) // 2)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfWord)
        self.edit.setTextCursor(cursor)
        lay.addWidget(self.edit)
        lay.addWidget(_buttons(self))

    def offset(self) -> int:
        return self.edit.textCursor().position()


class ExportDialog(QDialog):
    """Choose a report format, what to include, and where to write it."""

    def __init__(self, default_dir: Path, formats: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        form = QFormLayout(self)
        self.format = QComboBox()
        self.format.addItems(list(formats))
        self.only_div = QCheckBox("Only rows with divergences")
        self.only_conf = QCheckBox("Only confirmed rows")
        row = QHBoxLayout()
        self.path = QLineEdit(str(default_dir / "alignment-report.html"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.path)
        row.addWidget(browse)
        self.format.currentTextChanged.connect(self._format_changed)
        form.addRow("Format", self.format)
        form.addRow("", self.only_div)
        form.addRow("", self.only_conf)
        form.addRow("File", row)
        form.addRow(_buttons(self))

    def _format_changed(self, fmt: str) -> None:
        self.path.setText(str(Path(self.path.text()).with_suffix(f".{fmt}")))

    def _browse(self) -> None:
        fmt = self.format.currentText()
        name, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), f"{fmt.upper()} (*.{fmt})")
        if name:
            self.path.setText(name)
