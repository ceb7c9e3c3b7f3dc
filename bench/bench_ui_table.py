"""How fast a 10,000-link alignment opens in the app's grid (offscreen).

    python bench/bench_ui_table.py [--links 10000]

Builds a scratch workspace with three renderings of N sentences and three
N-link alignments, then measures (median of 3 runs):
- grid: RowSource + AlignmentModel over the ids + QTableView.setModel + first paint;
- window: the whole main window opening that alignment (ids, overview strip
  marks, navigation lists, first row in the detail pane) + first paint, and
  the three-column view (Arabic | English A | English B, mapped through the
  Arabic ↔ English B alignment);
- scroll: jumping to the middle and to the end and painting (lazy batch fetches);
- edits in the middle of it: confirm-and-move-on, and merge rows + undo, with repaint.
Goal: opening under 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def build(ws_path: Path, n: int) -> tuple[object, tuple[int, int, int]]:
    from sqlalchemy import insert

    from khaddam_align.ops import store_alignment
    from khaddam_align.storage import open_workspace
    from khaddam_align.storage.models import Rendering, Segment

    ws = open_workspace(ws_path, user="bench")
    ids = []
    for lang, word in (("ar", "جملة عن اللقاء في دمشق رقم"), ("en", "A sentence about the Damascus meeting number"),
                       ("en", "One sentence on the meeting in Damascus, number")):
        sentences = [f"{word} {i}." for i in range(n)]
        text = " ".join(sentences)
        with ws.transaction() as s:
            r = Rendering(language=lang, publisher=f"bench {len(ids)}", sha256=f"bench-{len(ids)}", text=text)
            s.add(r)
            s.flush()
            rows, start = [], 0
            for pos, sent in enumerate(sentences):
                rows.append({"rendering_id": r.id, "position": pos, "start": start, "end": start + len(sent)})
                start += len(sent) + 1
            s.execute(insert(Segment), rows)
            ids.append(r.id)
    beads = [([i], [i], 0.3 if i % 17 == 0 else 0.9) for i in range(n)]
    pairs = ((ids[0], ids[1]), (ids[0], ids[2]), (ids[1], ids[2]))
    return ws, tuple(store_alignment(ws, a, b, beads) for a, b in pairs)  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--links", type=int, default=10_000)
    args = parser.parse_args()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QTableView

    tmp = Path(tempfile.mkdtemp(prefix="khaddam-bench-"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    app = QApplication.instance() or QApplication(["bench"])
    t0 = time.perf_counter()
    ws, trio = build(tmp / "bench.sqlite", args.links)
    aid = trio[0]
    build_s = time.perf_counter() - t0

    from khaddam_align import ops
    from khaddam_align.views.grid import RowSource, view_for_alignment
    from khaddam_align_ui.delegate import CellDelegate
    from khaddam_align_ui.main_window import MainWindow
    from khaddam_align_ui.model import AlignmentModel

    grid, window_t, three, scroll, confirm, merge_undo = [], [], [], [], [], []
    for _ in range(3):
        table = QTableView()
        table.setItemDelegate(CellDelegate(table))
        table.resize(1200, 800)
        table.verticalHeader().setDefaultSectionSize(72)
        t = time.perf_counter()
        model = AlignmentModel(RowSource(ws, view_for_alignment(ws, aid)))  # type: ignore[arg-type]
        table.setModel(model)
        table.show()
        table.grab()
        grid.append(time.perf_counter() - t)

        t = time.perf_counter()
        table.scrollTo(model.index(args.links // 2, 1))
        table.grab()
        table.scrollTo(model.index(args.links - 1, 1))
        table.grab()
        scroll.append(time.perf_counter() - t)
        table.close()

        window = MainWindow(ws)  # type: ignore[arg-type]
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        t = time.perf_counter()
        window.open_alignment(aid)
        window.grab()
        window_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        window.open_three(*trio)
        window.grab()
        three.append(time.perf_counter() - t)
        window.open_alignment(aid)
        window.go_to_row(args.links // 2)
        t = time.perf_counter()
        window.confirm_and_next()
        window.grab()
        confirm.append(time.perf_counter() - t)
        t = time.perf_counter()
        window._row_edit(ops.merge_with_next)
        window.undo()
        window.grab()
        merge_undo.append(time.perf_counter() - t)
        window.close()
        window.deleteLater()
        table.deleteLater()
        app.processEvents()
    ws.close()  # type: ignore[attr-defined]

    print(f"{args.links} links (workspace built in {build_s:.1f} s)")
    print(f"{'measure':<44}{'median s':>10}{'max s':>10}")
    for name, values in (("grid: model over ids + first paint", grid),
                         ("window: open alignment + first paint", window_t),
                         ("window: open three-column view + paint", three),
                         ("scroll: jump to middle and end, paint", scroll),
                         ("edit: confirm and move on (+ repaint)", confirm),
                         ("edit: merge rows, then undo (+ repaint)", merge_undo)):
        print(f"{name:<44}{statistics.median(values):>10.3f}{max(values):>10.3f}")


if __name__ == "__main__":
    main()
