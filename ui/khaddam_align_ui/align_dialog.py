"""Choose the renderings to align: two (A | B) or three (Arabic | English A | English B)."""

from __future__ import annotations

from khaddam_align_ui.qt import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget
from khaddam_align_ui.services import WorkInfo


class AlignDialog(QDialog):
    def __init__(self, works: list[WorkInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Align renderings")
        form = QFormLayout(self)
        form.addRow(QLabel("Pick the original first. With a third rendering, all three are aligned\n"
                           "pairwise and shown side by side."))
        self.combos: list[QComboBox] = []
        items = [(rid, f"{label}  [{w.name}]", lang) for w in works for (rid, label, lang) in w.renderings]
        items.sort(key=lambda it: it[2] != "ar")  # Arabic first
        for k, title in enumerate(("Original (A)", "Rendering (B)", "Third rendering (optional)")):
            combo = QComboBox()
            if k == 2:
                combo.addItem("—", None)
            for rid, label, _lang in items:
                combo.addItem(label, rid)
            if k < 2 and len(items) > k:
                combo.setCurrentIndex(k)
            if k == 2 and len(items) > 2:
                combo.setCurrentIndex(3)
            form.addRow(title, combo)
            self.combos.append(combo)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def chosen(self) -> list[int]:
        ids = [c.currentData() for c in self.combos]
        out: list[int] = []
        for i in ids:
            if i is not None and i not in out:
                out.append(int(i))
        return out
