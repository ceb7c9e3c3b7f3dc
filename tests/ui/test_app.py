from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from khaddam_align_ui import app


def test_the_gui_entry_point_is_the_app() -> None:
    found = {ep.name: ep for ep in entry_points(group="khaddam_align.frontends")}
    assert found["gui"].load() is app.main


def test_workspace_choice_prefers_db_then_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KHADDAM_ALIGN_DB", raising=False)
    QSettings("khaddam-align", "khaddam-align").setValue("workspace/last", str(tmp_path / "last.sqlite"))
    assert app._workspace_to_open("given.sqlite") == "given.sqlite"
    assert app._workspace_to_open(None) == str(tmp_path / "last.sqlite")
    monkeypatch.setenv("KHADDAM_ALIGN_DB", str(tmp_path / "env.sqlite"))
    assert app._workspace_to_open(None) is None  # the environment variable wins (open_workspace reads it)
