"""`khaddam-align` with no command opens the app; without a display it says so in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import sys; from khaddam_align.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_no_display_gives_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = _run(["--db", str(tmp_path / "w.sqlite")], env)
    assert done.returncode == 1
    assert "No display found" in done.stderr
    assert "Traceback" not in done.stderr


def test_gui_command_reaches_the_app_entry_point(tmp_path: Path) -> None:
    # Offscreen, the app opens a window and would run its event loop; quit it at once.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KHADDAM_ALIGN_DB=str(tmp_path / "w.sqlite"))
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['t'])\n"
        # The window reads the workspace on its worker while it opens (local event loops, before
        # app.exec() runs): a quit asked for then is not a quit of the app yet, so ask until it is.
        "timer = QTimer(); timer.timeout.connect(app.quit); timer.start(300)\n"
        "from khaddam_align.cli import main\n"
        "main(['gui'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "w.sqlite").exists()
