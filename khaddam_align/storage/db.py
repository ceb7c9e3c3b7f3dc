"""Opening a workspace: URL resolution, engine set-up, migrations, transactions.

This is the only module that knows about SQLite specifics (WAL, foreign
keys). A workspace is any SQLAlchemy URL; a plain path means a SQLite file.
"""

from __future__ import annotations

import getpass
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker

from khaddam_align.errors import WorkspaceError
from khaddam_align.storage.models import AuditEntry

log = logging.getLogger(__name__)

APP_NAME = "khaddam-align"


def default_db_path() -> Path:
    """The default workspace file in the user's data directory (overridable by KHADDAM_ALIGN_DB)."""
    env = os.environ.get("KHADDAM_ALIGN_DB")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "workspace.sqlite"


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """Turn ``--db`` (a path, a SQLAlchemy URL or None) into a SQLAlchemy URL."""
    if db is None:
        db = default_db_path()
    text = os.fspath(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().absolute()}"


WAL_SWITCH_WAIT = 10.0  # seconds a new connection waits for another process's lock to switch to WAL


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=5000")  # first: the statements below may have to wait for a lock
    cur.execute("PRAGMA foreign_keys=ON")
    _journal_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _journal_wal(cur: Any) -> None:
    """Switch to WAL (it stays so in the file). While another process creates the same new
    workspace, SQLite can answer "locked" at once, without its busy wait: wait and try again."""
    deadline = time.monotonic() + WAL_SWITCH_WAIT
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _ensure_folder(path: Path) -> None:
    """Only the default data folder is created; any other workspace's folder must exist."""
    parent = path.parent
    if parent.is_dir():
        return
    default = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if parent.absolute() != default.absolute():
        raise WorkspaceError(
            f"Cannot open the workspace {path}: the folder {parent} does not exist.",
            hint="Create the folder first, or choose another path with --db PATH.",
        )
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(
            f"Cannot create the workspace folder {parent}: {exc.strerror}.",
            hint="Choose another location with --db PATH.",
        ) from exc


def _sqlite_read_only_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[-1].split("?", 1)[0]
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path)


def _show_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: show it without anything after '@'
        return url.split("@", 1)[-1]


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for ``url``; an unknown scheme or a missing driver is a ``WorkspaceError``."""
    path = sqlite_path(url)
    if path is not None and read_only:
        # mode=ro: SQLite never writes. In a read-only folder a WAL file cannot get its
        # shared-memory index, so a workspace without a pending WAL is opened as immutable.
        wal = Path(f"{path}-wal")
        pending = wal.exists() and wal.stat().st_size > 0
        query = "mode=ro" if pending else "mode=ro&immutable=1"
        engine = _create(f"sqlite:///file:{quote(os.fspath(path))}?{query}&uri=true", url)
        event.listen(engine, "connect", _sqlite_read_only_pragmas)
        return engine
    if path is not None:
        _ensure_folder(path)
    if url.startswith("sqlite"):
        engine = _create(url, url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return _create(url, url, pool_pre_ping=True)


def _create(url: str, shown: str, **options: Any) -> Engine:
    try:
        return create_engine(url, **options)
    except NoSuchModuleError as exc:
        scheme = shown.split("://", 1)[0]
        raise WorkspaceError(
            f"Unknown database type {scheme!r} in --db {_show_url(shown)}.",
            hint="Give a SQLite file path, or a URL such as postgresql://user@host/dbname.",
        ) from exc
    except ArgumentError as exc:
        raise WorkspaceError(
            f"Cannot read the database URL {_show_url(shown)!r}: {exc}.",
            hint="Give a SQLite file path, or a URL such as postgresql://user@host/dbname.",
        ) from exc
    except ImportError as exc:
        driver = exc.name or str(exc)
        extra = " (pip install 'khaddam-align[postgres]')" if shown.startswith("postgres") else ""
        raise WorkspaceError(
            f"The database driver {driver!r} for {_show_url(shown)} is not installed.",
            hint=f"Install it{extra}, or use a SQLite workspace file.",
        ) from exc


def current_user() -> str:
    try:
        return os.environ.get("KHADDAM_ALIGN_USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "unknown"


class Workspace:
    """An open workspace: an engine, a session factory and the acting user."""

    def __init__(
        self, engine: Engine, *, user: str | None = None, read_only: bool = False, url: str | None = None
    ) -> None:
        self.engine = engine
        self._url = url  # as the user named it (a read-only engine's URL is a file: URI)
        self.user = user or current_user()
        self.read_only = read_only  # opened from a read-only folder or file: reading only
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self._url or self.engine.url.render_as_string(hide_password=True)

    @property
    def where(self) -> str:
        """The workspace as messages name it: its file for SQLite, else its URL (no password)."""
        path = sqlite_path(self.url)
        return os.fspath(path) if path is not None else self.url

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        """A session for reading; use ``transaction()`` for a user action that writes."""
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action = one transaction: all of it is saved, or none of it."""
        if self.read_only:
            raise read_only_error(self.where)
        session = self._sessions()
        try:
            with translate_db_errors(self.where):
                yield session
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def audit(
        self,
        session: Session,
        action: str,
        entity: str,
        entity_id: int | None = None,
        **detail: Any,
    ) -> None:
        """Record a user action in the audit log (inside the action's transaction)."""
        session.add(
            AuditEntry(user=self.user, action=action, entity=entity, entity_id=entity_id, detail=detail)
        )

    def close(self) -> None:
        self.engine.dispose()


def read_only_error(where: str) -> WorkspaceError:
    return WorkspaceError(
        f"The workspace {where} is read-only (its folder or file cannot be written); nothing was changed.",
        hint="Reading commands work; to change it, copy it to a writable folder or fix the permissions.",
    )


_SERVER_GONE = (
    "server closed the connection",
    "terminating connection",
    "connection refused",
    "could not connect",
    "connection to server",
    "connection is closed",
    "connection already closed",
    "the connection is lost",
    "ssl syscall error",
    "no route to host",
    "timeout expired",
    "name or service not known",
    "could not translate host name",
)


def database_error(exc: SQLAlchemyError, where: str) -> WorkspaceError:
    """The one line a database fault is shown as: what happened to the workspace and what to do."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if (isinstance(exc, DBAPIError) and exc.connection_invalidated) or any(s in text for s in _SERVER_GONE):
        return WorkspaceError(
            f"The database server of {where} cannot be reached or went away; the interrupted command saved nothing.",
            hint="Check that the server is running and reachable, then run the command again.",
        )
    if "locked" in text or "busy" in text:
        return WorkspaceError(
            f"The workspace {where} is locked by another program.",
            hint="Close the other khaddam-align window or command and try again.",
        )
    if ("disk" in text and "full" in text) or "no space left" in text:
        return WorkspaceError(f"The disk holding {where} is full.", hint="Free some space and try again.")
    if "malformed" in text or "disk i/o error" in text:
        return WorkspaceError(
            f"The workspace {where} is damaged ({text.strip()}).",
            hint="Restore a backup, or rescue what is readable with: sqlite3 FILE .recover | sqlite3 NEW_FILE",
        )
    if "not a database" in text:
        return WorkspaceError(
            f"{where} is not a khaddam-align workspace (not a database file).",
            hint="Open another file with --db.",
        )
    if "readonly" in text or "read-only" in text:
        return read_only_error(where)
    if "unable to open" in text:
        return WorkspaceError(f"Cannot open the workspace {where}.", hint="Check that the folder exists and is writable.")
    if "authentication failed" in text or "password" in text or "permission denied" in text:
        return WorkspaceError(
            f"The database server refused access to {where}: {text.strip()}.",
            hint="Check the user name and password in the --db URL, and the user's rights.",
        )
    detail = getattr(exc, "orig", None) or exc
    first = str(detail).strip().splitlines()[0] if str(detail).strip() else type(detail).__name__
    return WorkspaceError(f"Database error in {where}: {first}")


@contextmanager
def translate_db_errors(where: str) -> Iterator[None]:
    """Map the environment's database faults to a ``WorkspaceError`` the user can act on."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise database_error(exc, where) from exc


def allocate_ids(session: Session, table: str, count: int = 1) -> list[int]:
    """Reserve ``count`` new primary keys of ``table`` before inserting rows with explicit ids.

    The editing core plans rows (and their undo images) with known ids. On
    PostgreSQL the ids come from the table's sequence, so they never clash with
    rows another writer inserts; elsewhere (SQLite, one writer at a time) they
    follow the largest id in use.
    """
    if count <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
            {"t": table, "n": count},
        )
        return [int(r[0]) for r in rows]
    top = session.execute(text(f'SELECT max(id) FROM "{table}"')).scalar() or 0
    return list(range(int(top) + 1, int(top) + 1 + count))


def open_workspace(
    db: str | os.PathLike[str] | None = None, *, user: str | None = None, read_only: bool | None = None
) -> Workspace:
    """Open (creating and migrating as needed) the workspace at ``db``.

    Raises ``WorkspaceError`` with a clear message if the workspace was made by
    a newer version of khaddam-align or is not a workspace at all; such a file is
    left byte for byte as it was (it is inspected read-only before anything else).
    A SQLite workspace whose folder or file cannot be written opens read-only
    (``read_only=None`` decides so; ``True``/``False`` force it). Two processes
    creating the same new workspace at once take turns (``_creation_lock``).
    """
    from khaddam_align.storage.migrate import at_head, upgrade_to_head

    url = resolve_url(db)
    path = sqlite_path(url)
    shown = _show_url(url)
    if path is not None:
        shown = os.fspath(path)
        _check_sqlite_file(path)
        if read_only is None:
            read_only = not _writable(path)
        if read_only and not path.exists():
            raise WorkspaceError(
                f"The workspace {path} does not exist and its folder cannot be written.",
                hint="Choose a file in a writable folder with --db PATH.",
            )
    read_only = bool(read_only)
    engine = make_engine(url, read_only=read_only)
    with translate_db_errors(shown):
        if not at_head(engine):
            if read_only:
                _refuse_foreign(engine, shown)
                raise WorkspaceError(
                    f"The workspace {shown} needs an upgrade to this version of khaddam-align, but it is read-only.",
                    hint="Copy it to a writable folder and open it there once.",
                )
            with _creation_lock(engine, path):
                _refuse_foreign(engine, shown)
                upgrade_to_head(engine)
    return Workspace(engine, user=user, read_only=read_only, url=_show_url(url))


def _refuse_foreign(engine: Engine, shown: str) -> None:
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
    if names and "alembic_version" not in names:
        raise WorkspaceError(
            f"{shown} is a database, but not a khaddam-align workspace.",
            hint="Choose another file with --db.",
        )


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_sqlite_file(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not a SQLite database or not a workspace.

    Runs before the engine exists (whose connections switch the file to WAL mode).
    """
    if path.is_dir():
        raise WorkspaceError(f"{path} is a folder, not a workspace file.", hint="Give a file name with --db.")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return  # a new workspace
    except OSError as exc:
        raise WorkspaceError(f"Cannot read the workspace {path}: {exc.strerror}.", hint="Check its permissions.") from exc
    if not head:
        return  # an empty file is an empty database
    if head != _SQLITE_MAGIC:
        raise WorkspaceError(
            f"{path} is not a khaddam-align workspace (not a SQLite database file); it was not changed.",
            hint="Open another file with --db.",
        )
    try:
        conn = sqlite3.connect(f"file:{quote(os.fspath(path))}?mode=ro", uri=True)
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if "malformed" in text or "not a database" in text:
            raise WorkspaceError(
                f"The workspace {path} is damaged ({exc}); it was not changed.",
                hint="Restore a backup, or rescue what is readable with: sqlite3 FILE .recover | sqlite3 NEW_FILE",
            ) from exc
        return  # e.g. a WAL file in a read-only folder: the engine decides how to open it
    if names and "alembic_version" not in names:
        raise WorkspaceError(
            f"{path} is a database, but not a khaddam-align workspace; it was not changed.",
            hint="Choose another file with --db.",
        )


def _writable(path: Path) -> bool:
    """Whether a SQLite workspace can be written: its folder (journal, WAL files) and the file itself."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


@contextmanager
def _creation_lock(engine: Engine, path: Path | None) -> Iterator[None]:
    """Serialise creating/migrating a workspace between processes.

    SQLite: an exclusive ``flock`` on the workspace's folder (no extra file; SQLite's
    own locks are on the database file). PostgreSQL: a transaction-independent
    advisory lock. Elsewhere (no ``fcntl``) nothing: one process at a time is assumed.
    """
    if path is not None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on Linux/macOS
            yield
            return
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock
        return
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(726561)"))  # an arbitrary key for "schema"
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(726561)"))
                conn.commit()
        return
    yield
