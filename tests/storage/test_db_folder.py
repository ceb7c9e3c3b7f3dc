"""--db: a workspace's folder must exist; only the default data folder is created."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from khaddam_align.cli import main
from khaddam_align.errors import WorkspaceError
from khaddam_align.storage import default_db_path, open_workspace


def test_db_in_a_missing_folder_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "x.sqlite"
    result = CliRunner().invoke(main, ["--db", str(target), "sources"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: ")
    assert f"the folder {target.parent} does not exist" in lines[0]
    assert not target.parent.exists()


def test_open_workspace_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="does not exist"):
        open_workspace(tmp_path / "a" / "b" / "w.sqlite")
    assert not (tmp_path / "a").exists()


def test_the_default_data_folder_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KHADDAM_ALIGN_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = default_db_path()
    assert path == tmp_path / "data" / "khaddam-align" / "workspace.sqlite"
    result = CliRunner().invoke(main, ["sources"])
    assert result.exit_code == 0, result.output
    assert path.is_file()
