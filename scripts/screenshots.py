"""Render the README's and docs/app.md's screenshots of the desktop app into docs/img/.

    python scripts/screenshots.py [--corpus ../shared/corpus]

Offscreen (or under ``xvfb-run -a``), at 1280×800 and 1600×1000. Uses a scratch workspace
(the demo, and the real pair 001/002 from the corpus when it is there) and scratch settings,
so your own workspace and window layout are untouched. Writes:

- ``app-welcome.png``: the welcome page (1280×800)
- ``app-three-renderings-{1280,1600}.png``: the demo's three columns with the divergence panel
- ``app-real-pair-{1280,1600}.png``: the two real English renderings (corpus 001/002), the most
  serious divergence selected in the panel, its evidence highlighted
- ``app-three-renderings.png``: a copy of the 1600 three-column shot (the README's first image)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
SIZES = ((1280, 800), (1600, 1000))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "ui"))
    from khaddam_align_ui.qt import QApplication, QSettings

    tmp = Path(tempfile.mkdtemp(prefix="khaddam-shots-"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    app = QApplication.instance() or QApplication(["khaddam-align"])
    from khaddam_align.storage import open_workspace
    from khaddam_align.views import workspace as read
    from khaddam_align_ui import services
    from khaddam_align_ui.main_window import MainWindow

    ws = open_workspace(tmp / "shots.sqlite", user="screenshots")
    OUT.mkdir(parents=True, exist_ok=True)
    window = MainWindow(ws)
    window.poll_timer.stop()

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shot(name: str) -> None:
        settle()
        window.grab().save(str(OUT / name))
        print(f"wrote {OUT / name}")

    window.resize(*SIZES[0])
    window.show()
    shot("app-welcome.png")

    demo = services.open_demo(ws)
    window.refresh_sources()
    real: int | None = None
    pair = sorted(args.corpus.glob("001_*.txt")) + sorted(args.corpus.glob("002_*.txt"))
    if len(pair) == 2:
        ids = services.import_paths(ws, pair)
        real = services.align_pair(ws, ids[0], ids[1])
        services.detect(ws, real)
        window.refresh_sources()
    else:
        print(f"no corpus pair in {args.corpus}: skipping the real-pair shots")

    for width, height in SIZES:
        window.resize(width, height)
        window.open_three(*demo.alignment_ids)
        settle()
        window.even_columns()
        window.panel.set_sort("severity")
        window.panel.step(1)  # the most serious divergence, selected in the panel
        shot(f"app-three-renderings-{width}.png")
        if real is not None:
            started = time.perf_counter()
            window.open_alignment(real)
            settle()
            opened = time.perf_counter() - started
            window.even_columns()
            window.panel.set_sort("severity")
            started = time.perf_counter()
            window.panel.step(1)
            settle()
            selected = time.perf_counter() - started
            started = time.perf_counter()
            for _ in range(100):
                read.change_marker(ws)
            marker = (time.perf_counter() - started) / 100
            assert window.model is not None
            print(f"real pair at {width}×{height}: {window.model.rowCount()} rows, {len(window.panel.ordered())} "
                  f"divergences; open the view {opened * 1000:.0f} ms, select the most serious "
                  f"{selected * 1000:.0f} ms, read the change marker {marker * 1000:.2f} ms")
            shot(f"app-real-pair-{width}.png")
    shutil.copyfile(OUT / "app-three-renderings-1600.png", OUT / "app-three-renderings.png")
    stale = OUT / "app-divergent-filter.png"
    if stale.exists():
        stale.unlink()
    window.close()
    ws.close()
    sys.stdout.flush()
    os._exit(0)  # skip PySide6's teardown at interpreter exit (it can crash after the work is done)


if __name__ == "__main__":
    main()
