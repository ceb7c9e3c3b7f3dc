"""Opening a workspace at head skips Alembic; the head read from the files is Alembic's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from khaddam_align.storage import open_workspace
from khaddam_align.storage.migrate import alembic_config, head_from_files, head_revision


def test_head_from_files_is_alembics_head() -> None:
    assert head_from_files() == head_revision()


def test_open_at_head_does_not_import_alembic(db_path: Path) -> None:
    open_workspace(db_path).close()  # creates and migrates
    code = (
        "import sys; from khaddam_align.storage import open_workspace; "
        f"open_workspace({str(db_path)!r}).close(); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_an_older_workspace_is_still_upgraded(db_path: Path) -> None:
    from alembic import command

    ws = open_workspace(db_path)
    command.downgrade(alembic_config(ws.engine), "-1")
    with ws.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() != head_from_files()
    ws.close()
    ws = open_workspace(db_path)  # not at head: Alembic runs the missing revisions
    with ws.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_from_files()
    ws.close()
