"""Migration 0003 on a workspace that already holds the same file twice (made by the old import race)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, func, select, text

from khaddam_align.storage import open_workspace
from khaddam_align.storage.migrate import alembic_config
from khaddam_align.storage.models import ImportedFile


def test_upgrade_registers_each_file_once_and_keeps_old_duplicates(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    command.upgrade(alembic_config(engine), "0002")
    with engine.begin() as conn:
        for _ in range(2):
            conn.execute(text(
                "INSERT INTO rendering (title, publisher, author, published, language, url, series, part, file_name,"
                " file_format, encoding, sha256, text, imported, extra, version)"
                " VALUES ('', '', '', '', 'en', '', '', '', 'a.txt', 'text', 'utf-8', :sha, 'Text.', '2026-01-01', '{}', 1)"
            ), {"sha": "f" * 64})
    engine.dispose()
    ws = open_workspace(tmp_path / "old.sqlite")
    try:
        with ws.session() as s:
            rows = s.execute(select(ImportedFile.sha256, ImportedFile.rendering_id)).all()
            assert [(sha, rid) for sha, rid in rows] == [("f" * 64, 1)]
            assert s.scalar(select(func.count()).select_from(ImportedFile)) == 1
    finally:
        ws.close()
