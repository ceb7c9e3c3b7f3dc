"""One write path: only the operations layer opens write transactions or writes audit entries; every action is documented."""

from __future__ import annotations

import re
from pathlib import Path

from khaddam_align.ops.actions import LEGACY, Action, normalize

ROOT = Path(__file__).resolve().parents[2]
WRITES = re.compile(r"\.transaction\(\)|\.audit\(")
ALLOWED = {"khaddam_align/storage/db.py"}  # where transaction() and audit() are defined


def test_nothing_outside_the_ops_layer_opens_a_write_transaction() -> None:
    found = []
    for folder in ("khaddam_align", "ui/khaddam_align_ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith("khaddam_align/ops/") or rel in ALLOWED:
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if WRITES.search(line) and not line.lstrip().startswith("#"):
                    found.append(f"{rel}:{n}: {line.strip()}")
    assert found == []


def test_every_action_is_documented_and_old_names_map_to_it() -> None:
    doc = (ROOT / "docs" / "concurrency.md").read_text(encoding="utf-8")
    assert [a.value for a in Action if f"`{a.value}`" not in doc] == []
    assert normalize("set-verdict") == "divergence.verdict"
    assert normalize("divergence.verdict") == "divergence.verdict"
    assert all(isinstance(v, Action) for v in LEGACY.values())
