"""Database faults are one line each; a foreign or damaged file is left byte for byte untouched."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from khaddam_align.errors import WorkspaceError
from khaddam_align.storage import Rendering, open_workspace
from khaddam_align.storage.db import Workspace

CLI = "from khaddam_align.cli import main; main()"
ARTICLE = "\n\n".join(
    f"Sentence {i} of the article: the minister said the talks would continue." for i in range(300)
).replace("Sentence 7 of the article:", "Sentence 7 of the article: 398 soldiers were killed in the capital;")


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, timeout=timeout)


def one_line(proc: subprocess.CompletedProcess[str], *words: str) -> str:
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_unknown_url_scheme() -> None:
    one_line(cli("--db", "foo://somewhere/x", "sources"), "Unknown database type 'foo'")


def test_missing_driver() -> None:
    try:
        import MySQLdb  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        pass
    else:  # pragma: no cover
        pytest.skip("the MySQL driver is installed here")
    one_line(cli("--db", "mysql://user:secret@localhost/db", "sources"), "driver", "not installed")
    assert "secret" not in cli("--db", "mysql://user:secret@localhost/db", "sources").stderr


def test_unreachable_postgresql_server() -> None:
    pytest.importorskip("psycopg")
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    one_line(cli("--db", f"postgresql+psycopg://u@127.0.0.1:{port}/x", "sources"), "cannot be reached")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    other = tmp_path / "contacts.sqlite"
    with contextlib.closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
        conn.execute("INSERT INTO people VALUES ('x')")
        conn.commit()
    before = _files(tmp_path)
    one_line(cli("--db", str(other), "sources"), "not a khaddam-align workspace", "not changed")
    one_line(cli("--db", str(other), "import", str(other)), "not a khaddam-align workspace")
    assert _files(tmp_path) == before  # same bytes, and no -wal/-shm/journal files appeared


def test_non_database_file_is_refused_and_untouched(tmp_path: Path) -> None:
    junk = tmp_path / "notes.sqlite"
    junk.write_bytes(b"not a database at all\n" * 100)
    before = _files(tmp_path)
    one_line(cli("--db", str(junk), "sources"), "not a SQLite database")
    assert _files(tmp_path) == before


def _workspace_with_text(folder: Path) -> Path:
    db = folder / "ws.sqlite"
    article = folder / "article.txt"
    article.write_text(ARTICLE)
    assert cli("--db", str(db), "import", str(article)).returncode == 0
    return db


def test_damaged_pages_are_one_line(tmp_path: Path) -> None:
    db = _workspace_with_text(tmp_path)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'segment'").fetchone()[0]
    with open(db, "r+b") as fh:  # garbage over the segment table's root page
        fh.seek((root - 1) * page_size)
        fh.write(b"\xde\xad\xbe\xef" * (page_size // 4))
    before = db.read_bytes()
    for command in (["sources"], ["segments", "1"], ["show", "1"]):
        proc = cli("--db", str(db), *command)
        if proc.returncode == 0:
            continue  # this command never reads the damaged page
        one_line(proc, "damaged")
    one_line(cli("--db", str(db), "segments", "1"), "damaged", "malformed")
    assert db.read_bytes() == before


@contextlib.contextmanager
def _read_only_folder(folder: Path) -> Iterator[None]:
    """The folder made unwritable: chattr +i when root (root ignores modes), else chmod."""
    if os.geteuid() == 0 and shutil.which("chattr"):
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        try:
            if not made or os.access(folder, os.W_OK):
                pytest.skip("cannot make a folder read-only here")
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        return
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("cannot make a folder read-only here")
        yield
    finally:
        folder.chmod(0o755)


def test_workspace_in_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    db = _workspace_with_text(folder)
    (folder / "article.txt").unlink()
    second = tmp_path / "second.txt"
    second.write_text(ARTICLE.replace("398 soldiers", "399 soldiers"))
    assert cli("--db", str(db), "import", str(second)).returncode == 0
    assert cli("--db", str(db), "align", "1", "2").returncode == 0
    assert cli("--db", str(db), "divergences", "1").returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    other = tmp_path / "other.txt"
    other.write_text("Another article. It has two sentences.")
    before = _files(folder)
    with _read_only_folder(folder):
        listed = cli("--db", str(db), "sources")
        assert listed.returncode == 0, listed.stderr
        assert "article" in listed.stdout
        shown = cli("--db", str(db), "segments", "1")
        assert shown.returncode == 0, shown.stderr
        assert "Sentence 299" in shown.stdout
        listed = cli("--db", str(db), "divergences", "1")
        assert listed.returncode == 0, listed.stderr
        exported = cli("--db", str(db), "export", "1", "-o", str(out / "r.html"))
        assert exported.returncode == 0, exported.stderr
        assert (out / "r.html").stat().st_size > 1000
        one_line(cli("--db", str(db), "import", str(other)), "read-only", "nothing was changed")
        one_line(cli("--db", str(db), "verdict", "1", "confirmed"), "read-only")
        ws = open_workspace(db)
        assert ws.read_only
        with pytest.raises(WorkspaceError, match="read-only"), ws.transaction():
            pass
        ws.close()
        assert _files(folder) == before
    assert _files(folder) == before


_FIRST_OPEN = """
import sys, time
from sqlalchemy import inspect
start = float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
from khaddam_align.storage import open_workspace
ws = open_workspace(sys.argv[1])
with ws.engine.connect() as conn:
    print(len(inspect(conn).get_table_names()))
"""


def test_two_first_opens_at_once(tmp_path: Path) -> None:
    """Two processes open the same new workspace at the same moment: both succeed, one schema."""
    for trial in range(5):
        db = tmp_path / f"new{trial}.sqlite"
        start = time.time() + 1.5  # both processes start, then wait for the same instant
        procs = [
            subprocess.Popen([sys.executable, "-c", _FIRST_OPEN, str(db), str(start)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        results = [p.communicate(timeout=120) for p in procs]
        for p, (out, err) in zip(procs, results, strict=True):
            assert p.returncode == 0, err
            assert int(out) >= 10
        ws = open_workspace(db)
        with ws.session() as s:
            assert s.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        ws.close()


@pytest.mark.postgres
def test_postgresql_server_gone_mid_command(pg_url: str) -> None:
    ws: Workspace = open_workspace(pg_url)
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")

    def command_losing_its_server() -> None:
        with ws.transaction() as s:
            s.execute(select(Rendering.id)).all()
            pid = s.execute(text("SELECT pg_backend_pid()")).scalar()
            with admin.connect() as conn:
                conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            s.execute(select(Rendering.id)).all()

    try:
        with pytest.raises(WorkspaceError, match="went away"):
            command_losing_its_server()
    finally:
        admin.dispose()
        ws.close()


@pytest.mark.postgres
def test_two_first_opens_at_once_on_postgresql(pg_url: str) -> None:
    start = time.time() + 1.5
    procs = [
        subprocess.Popen([sys.executable, "-c", _FIRST_OPEN, pg_url, str(start)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert int(out) >= 10


class _LockedTwice:
    """A cursor whose first two WAL switches find the file locked, as when another process is
    creating the same workspace (SQLite then answers at once, without its busy wait)."""

    def __init__(self) -> None:
        self.tries = 0

    def execute(self, sql: str) -> None:
        assert sql == "PRAGMA journal_mode=WAL"
        self.tries += 1
        if self.tries <= 2:
            raise sqlite3.OperationalError("database is locked")


def test_the_wal_switch_waits_for_a_creating_process() -> None:
    from khaddam_align.storage.db import _journal_wal

    cur = _LockedTwice()
    _journal_wal(cur)
    assert cur.tries == 3
