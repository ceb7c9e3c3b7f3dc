from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from khaddam_align.errors import WorkspaceError
from khaddam_align.storage import AuditEntry, Rendering, Segment, Workspace, open_workspace
from khaddam_align.storage.migrate import current_revision, head_revision


def test_new_workspace_is_migrated_to_head(ws: Workspace, db_path: Path) -> None:
    assert db_path.exists()
    assert current_revision(ws.engine) == head_revision()


def test_sqlite_pragmas_wal_and_foreign_keys(ws: Workspace) -> None:
    with ws.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_transaction_rolls_back_on_error(ws: Workspace) -> None:
    def failing_action() -> None:
        with ws.transaction() as s:
            s.add(Rendering(language="en", sha256="x" * 64, text="abc"))
            s.flush()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        failing_action()
    with ws.session() as s:
        assert s.scalars(select(Rendering)).all() == []


def test_foreign_keys_cascade_segments(ws: Workspace) -> None:
    with ws.transaction() as s:
        r = Rendering(language="en", sha256="y" * 64, text="One. Two.")
        r.segments = [Segment(position=0, start=0, end=4), Segment(position=1, start=5, end=9)]
        s.add(r)
        ws.audit(s, "import", "rendering", None, file="t.txt")
    with ws.transaction() as s:
        s.delete(s.scalars(select(Rendering)).one())
    with ws.session() as s:
        assert s.scalars(select(Segment)).all() == []
        assert s.scalars(select(AuditEntry)).one().user == "tester"


def test_newer_workspace_is_refused_and_left_untouched(db_path: Path) -> None:
    open_workspace(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = db_path.read_bytes()
    with pytest.raises(WorkspaceError, match="newer version"):
        open_workspace(db_path)
    assert db_path.read_bytes() == before


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    with pytest.raises(WorkspaceError, match="not a khaddam-align workspace"):
        open_workspace(other)


def test_non_database_file_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(WorkspaceError):
        open_workspace(junk)


def test_same_code_on_sqlite_and_postgresql(any_ws: Workspace) -> None:
    with any_ws.transaction() as s:
        r = Rendering(language="ar", sha256="z" * 64, text="قال الرئيس: «نعم». ثم خرج.", title="اختبار")
        r.segments = [Segment(position=0, start=0, end=18), Segment(position=1, start=19, end=26)]
        s.add(r)
        any_ws.audit(s, "import", "rendering", None, note="ملاحظة")
    with any_ws.session() as s:
        got = s.scalars(select(Rendering)).one()
        assert got.title == "اختبار"
        assert [seg.text_in(got.text) for seg in got.segments] == ["قال الرئيس: «نعم».", "ثم خرج."]
        assert s.scalars(select(AuditEntry)).one().detail == {"note": "ملاحظة"}
