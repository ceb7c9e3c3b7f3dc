"""Render the README's screenshots of the desktop app, offscreen, into docs/img/.

    python scripts/screenshots.py

Uses a scratch workspace (the demo is imported and aligned in it) and scratch
settings, so your own workspace and window layout are untouched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    tmp = Path(tempfile.mkdtemp(prefix="khaddam-shots-"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    app = QApplication.instance() or QApplication(["khaddam-align"])
    from khaddam_align.storage import open_workspace
    from khaddam_align_ui import services
    from khaddam_align_ui.main_window import MainWindow

    ws = open_workspace(tmp / "demo.sqlite", user="screenshots")
    OUT.mkdir(parents=True, exist_ok=True)
    window = MainWindow(ws)
    window.resize(1500, 940)
    window.show()
    app.processEvents()
    window.grab().save(str(OUT / "app-welcome.png"))
    print(f"wrote {OUT / 'app-welcome.png'}")

    demo = services.open_demo(ws)
    window.refresh_sources()
    window.open_three(*demo.alignment_ids)
    app.processEvents()
    window.even_columns()
    assert window.model is not None
    target = next((r for r in range(window.model.rowCount())
                   if any(d.type == "number" for d in (window.model.row_data(r) or _none()).divergences)), 4)
    window.go_to_row(target)
    app.processEvents()
    window.grab().save(str(OUT / "app-three-renderings.png"))
    print(f"wrote {OUT / 'app-three-renderings.png'}")

    window.open_alignment(demo.alignment_ids[2])
    app.processEvents()
    window.even_columns()
    window.filters["divergent"].trigger()
    app.processEvents()
    window.go_to_row(1)
    app.processEvents()
    window.grab().save(str(OUT / "app-divergent-filter.png"))
    print(f"wrote {OUT / 'app-divergent-filter.png'}")
    window.filters["divergent"].trigger()
    window.close()
    ws.close()


def _none() -> object:
    class Empty:
        divergences: tuple[object, ...] = ()

    return Empty()


if __name__ == "__main__":
    main()
