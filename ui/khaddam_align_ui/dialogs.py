"""Dialogs: errors, settings (fonts), paste text, rendering metadata, split segment, export."""

from __future__ import annotations

from pathlib import Path

from khaddam_align.errors import KhaddamError
from khaddam_align_ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFont,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextCursor,
    QVBoxLayout,
    QWidget,
)


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
            from khaddam_align_ui.qt import Qt

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
        self.path.textEdited.connect(self._path_changed)
        form.addRow("Format", self.format)
        form.addRow("", self.only_div)
        form.addRow("", self.only_conf)
        form.addRow("File", row)
        form.addRow(_buttons(self))

    def _format_changed(self, fmt: str) -> None:
        self.path.setText(str(Path(self.path.text()).with_suffix(f".{fmt}")))

    def _path_changed(self, text: str) -> None:
        """A file name ending in a format's extension chooses that format (the export refuses
        ``x.pdf`` written as HTML)."""
        suffix = Path(text).suffix.lower().lstrip(".")
        found = self.format.findText("html" if suffix == "htm" else suffix)
        if found >= 0:
            self.format.setCurrentIndex(found)

    def _browse(self) -> None:
        fmt = self.format.currentText()
        name, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), f"{fmt.upper()} (*.{fmt})")
        if name:
            self.path.setText(name)
            self._path_changed(name)


class MarkDialog(QDialog):
    """A finding of the reviewer's own: type, severity, note, on a pair of renderings, with the words selected."""

    def __init__(self, pairs: list[tuple[int, str]], words: dict[int, str], types: tuple[str, ...],
                 parent: QWidget | None = None, *, chosen_pair: int | None = None) -> None:
        """``pairs``: (alignment id, "name ↔ name"); ``words``: column index → selected words (for the summary)."""
        super().__init__(parent)
        self.setWindowTitle("Mark up a finding")
        self.setObjectName("mark-dialog")
        form = QFormLayout(self)
        self.pair = QComboBox()
        self.pair.setObjectName("mark-pair")
        for aid, name in pairs:
            self.pair.addItem(name, aid)
        if chosen_pair is not None:
            self.pair.setCurrentIndex(max(0, self.pair.findData(chosen_pair)))
        self.type = QComboBox()
        self.type.setObjectName("mark-type")
        for t in types:
            self.type.addItem(t, t)
        self.severity = QSpinBox()
        self.severity.setObjectName("mark-severity")
        self.severity.setRange(0, 100)
        self.severity.setSingleStep(10)
        self.severity.setValue(60)
        self.severity.setSuffix(" %")
        self.note = QLineEdit()
        self.note.setObjectName("mark-note")
        self.note.setPlaceholderText("What is wrong, what you checked")
        summary = "; ".join(f"“{w}”" for w in words.values()) or "no words selected: the finding is on the whole row"
        info = QLabel(summary)
        info.setWordWrap(True)
        form.addRow("Words", info)
        form.addRow("Pair", self.pair)
        form.addRow("Type", self.type)
        form.addRow("Severity", self.severity)
        form.addRow("Note", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[int, str, float, str]:
        """(alignment id, type, severity 0–1, note)."""
        return (int(self.pair.currentData()), str(self.type.currentData()), self.severity.value() / 100,
                self.note.text().strip())
