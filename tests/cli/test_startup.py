"""Start-up: ``--help``, ``--version`` and argument errors import nothing heavy.

Each check runs in a fresh interpreter and looks at ``sys.modules`` afterwards. Every
``cli/*_cmd.py`` module is imported by ``khaddam_align.cli``, so a new command module that
imports the core at its top fails here (docs/architecture.md, "CLI start-up").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from khaddam_align.cli import choices, command_modules, main

HEAVY = (
    "sqlalchemy", "alembic", "numpy", "rapidfuzz", "jinja2", "trafilatura", "lxml", "docx",
    "openpyxl", "charset_normalizer", "arabic_reshaper", "bidi", "platformdirs", "PySide6",
)  # fmt: skip

_PROBE = """
import json, sys
from khaddam_align.cli import main
try:
    main(sys.argv[1:], prog_name="khaddam-align")
except SystemExit as exc:
    code = exc.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(HEAVY)))
core = sorted(m for m in sys.modules if m.startswith("khaddam_align.") and not m.startswith(("khaddam_align.cli", "khaddam_align.errors")))
print(json.dumps({"code": code, "heavy": heavy, "core": core}))
"""


def _probe(*args: str) -> dict[str, object]:
    code = _PROBE.replace("json.loads(HEAVY)", repr(list(HEAVY)))
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


ARGS = [
    ["--help"],
    ["--version"],
    ["align", "x", "2"],  # not an integer
    ["export", "1", "--format", "nope", "-o", "x.html"],  # not a format
    ["verdict", "5", "maybe"],  # not a verdict
    ["no-such-command"],
    *([name, "--help"] for name in sorted(main.commands)),
]


@pytest.mark.parametrize("args", ARGS, ids=" ".join)
def test_help_version_and_argument_errors_import_nothing_heavy(args: list[str]) -> None:
    result = _probe(*args)
    assert result["code"] in (0, 2), result
    assert result["heavy"] == [], result
    assert result["core"] == [], result


def test_every_command_module_is_registered() -> None:
    modules = command_modules()
    assert "khaddam_align.cli.demo_cmd" in modules
    for name in modules:
        assert name in sys.modules


def test_cli_choices_are_the_cores() -> None:
    from khaddam_align.align.core import METHODS
    from khaddam_align.diverge.model import DivergenceType
    from khaddam_align.export.service import FORMATS
    from khaddam_align.storage.models import Verdict

    assert tuple(METHODS) == choices.ALIGN_METHODS
    assert tuple(FORMATS) == choices.EXPORT_FORMATS
    assert tuple(t.value for t in DivergenceType) == choices.DIVERGENCE_TYPES
    assert tuple(v.value for v in Verdict) == choices.VERDICTS
    from khaddam_align.ops.markup import FINDING_TYPES

    assert FINDING_TYPES == choices.MARK_TYPES


_EXIT_PROBE = """
import atexit, gc, json, os, sys
registered = []
atexit.register = lambda f, *a, **k: registered.append(f) or f
import khaddam_align.cli as cli
cli.run_frontend = lambda *a, **k: None  # the app itself is not opened here
main = cli.main
try:
    main(sys.argv[1:], prog_name="khaddam-align")
except SystemExit:
    pass
print(json.dumps({"freeze": gc.freeze in registered, "blas": os.environ.get("OPENBLAS_NUM_THREADS")}))
"""


@pytest.mark.parametrize(("args", "freeze"), [(["--db", "{db}", "sources"], True), (["--db", "{db}"], False),
                                              (["--db", "{db}", "gui"], False)], ids=["command", "app", "gui"])
def test_a_command_skips_the_exit_collection_and_blas_threads(args: list[str], freeze: bool, tmp_path: Path) -> None:
    """Commands freeze the garbage collector at exit (the interpreter's last collections would
    walk every imported object) and run numpy's OpenBLAS on one thread; the app does neither
    freeze (Qt's objects get the collection they expect)."""
    args = [a.replace("{db}", str(tmp_path / "w.sqlite")) for a in args]
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", _EXIT_PROBE, *args], capture_output=True, text=True, check=True, env=env)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"freeze": freeze, "blas": "1"}, out.stderr


_RUN = "import sys; from khaddam_align.cli import main; main(sys.argv[1:], prog_name='khaddam-align')"


def test_a_command_leaves_the_workspace_file_whole(tmp_path: Path) -> None:
    """The workspace is closed when a command ends: SQLite folds its write-ahead log into the
    file, so copying the one file copies everything (nothing left in ``-wal`` / ``-shm``)."""
    text = tmp_path / "a.txt"
    text.write_text("الجملة الأولى. الجملة الثانية.\n", encoding="utf-8")
    db = tmp_path / "w.sqlite"
    done = subprocess.run([sys.executable, "-c", _RUN, "--db", str(db), "import", str(text)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "w.sqlite"]
