"""``khaddam_align.demo``: the one demo function behind ``khaddam-align demo`` and "Open demo"."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from khaddam_align.cli import main
from khaddam_align.demo import open_demo
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Alignment, Divergence, Rendering


def _count(ws: Workspace, model: type) -> int:
    with ws.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_demo_imports_aligns_detects_and_is_idempotent(ws: Workspace) -> None:
    first = open_demo(ws)
    assert first.rendering_ids == (1, 2, 3)
    assert first.alignment_ids == (1, 2, 3)
    assert [r.language for r in first.renderings] == ["ar", "en", "en"]
    assert [(a.a_id, a.b_id) for a in first.alignments] == [(1, 2), (1, 3), (2, 3)]
    assert all(a.created for a in first.alignments)
    divergences = _count(ws, Divergence)
    assert divergences > 0
    assert sum(a.divergences for a in first.alignments) == divergences
    again = open_demo(ws)
    assert again.rendering_ids == first.rendering_ids
    assert again.alignment_ids == first.alignment_ids
    assert not any(a.created for a in again.alignments)
    assert (_count(ws, Rendering), _count(ws, Alignment), _count(ws, Divergence)) == (3, 3, divergences)


def test_demo_command_json_and_text(db_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["--db", str(db_path), "demo", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert [r["id"] for r in data["renderings"]] == [1, 2, 3]
    assert [r["file_name"] for r in data["renderings"]] == ["demo_ar.txt", "demo_en_a.txt", "demo_en_b.txt"]
    assert all(r["name"] for r in data["renderings"])
    assert [(a["id"], a["a"], a["b"]) for a in data["alignments"]] == [(1, 1, 2), (2, 1, 3), (3, 2, 3)]
    assert all(" ↔ " in a["name"] for a in data["alignments"])
    text = runner.invoke(main, ["--db", str(db_path), "demo"])
    assert text.exit_code == 0, text.output
    assert "Alignment 1:" in text.output
    assert "reused" in text.output
    assert "Next: khaddam-align divergences 1" in text.output
