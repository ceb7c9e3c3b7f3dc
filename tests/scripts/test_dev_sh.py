"""scripts/dev.sh: pip runs only when pyproject.toml (or setup.py) changed since the last install.

The script runs in a copy of the repository's top level with a stand-in virtualenv whose
``python`` and ``khaddam-align`` only log their calls, so no network and no real install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FAKE_PYTHON = """#!/usr/bin/env bash
echo "python $*" >> "$(dirname "$0")/../calls.log"
exit 0
"""
FAKE_APP = """#!/usr/bin/env bash
echo "app $*" >> "$(dirname "$0")/../calls.log"
echo "the app started"
"""


def _checkout(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    (root / ".ci").mkdir()
    shutil.copy(ROOT / "scripts" / "dev.sh", root / "scripts" / "dev.sh")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copy(ROOT / "setup.py", root / "setup.py")
    (root / ".ci" / "apt-packages.txt").write_text("# none: the stand-in needs no system packages\n")
    venv = root / ".venv" / "bin"
    venv.mkdir(parents=True)
    for name, body in (("python", FAKE_PYTHON), ("khaddam-align", FAKE_APP)):
        (venv / name).write_text(body)
        (venv / name).chmod(0o755)
    return root


def _app(root: Path, *args: str) -> tuple[str, list[str]]:
    log = root / ".venv" / "calls.log"
    log.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("KHADDAM_VENV", "KHADDAM_REINSTALL")}
    out = subprocess.run(["bash", "scripts/dev.sh", "app", *args], cwd=root, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout, log.read_text().splitlines()


def _pip_ran(calls: list[str]) -> bool:
    return any(c.startswith("python -m pip install") for c in calls)


def test_app_installs_once_then_starts_at_once(tmp_path: Path) -> None:
    root = _checkout(tmp_path)
    out, calls = _app(root, "--db", "x.sqlite")
    assert _pip_ran(calls)
    assert "the app started" in out
    assert calls[-1] == "app --db x.sqlite"
    assert (root / ".venv" / ".khaddam-install-stamp").is_file()

    out, calls = _app(root)
    assert not _pip_ran(calls), calls
    assert "the app started" in out

    with (root / "pyproject.toml").open("a") as fh:
        fh.write("\n# a new dependency would go here\n")
    _out, calls = _app(root)
    assert _pip_ran(calls), calls
    _out, calls = _app(root)
    assert not _pip_ran(calls), calls
