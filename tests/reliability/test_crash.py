"""kill -9 during import, align, realign, verdict and every export: a few kills each (the bench runs 20+).

Runs ``bench/crash_trials.py`` in its own process (it forks a child per trial and SIGKILLs it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_kill_nine_at_random_points(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "crash_trials.py"), "--kills", "3", "--sentences", "80",
         "--json", str(out)],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    assert out.exists(), proc.stdout + proc.stderr
    figures = json.loads(out.read_text())
    assert {f["op"] for f in figures} == {
        "import", "align", "realign", "verdict",
        "export-json", "export-html", "export-csv", "export-xlsx", "export-tmx", "export-pdf",
    }
    for f in figures:
        assert f["attempts"] >= 3, f
        assert f["integrity_failures"] == 0, f
        assert f["partial_writes"] == 0, f
        assert f["damaged_previous_exports"] == 0, f
        assert f["temp_left_after_next_export"] == 0, f
        assert f["stray_tmp_files"] == 0, f
    assert sum(f["kills"] for f in figures) >= 10, proc.stdout
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
@pytest.mark.postgres
def test_kill_nine_on_postgresql() -> None:
    import os

    server = os.environ.get("KHADDAM_TEST_PG_URL")
    if not server:
        pytest.skip("no PostgreSQL test server (set KHADDAM_TEST_PG_URL)")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "crash_trials.py"), "--kills", "2", "--sentences", "60",
         "--ops", "import", "align", "realign", "verdict", "--pg-url", server],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "backend: postgresql" in proc.stdout
