"""Opening a workspace: URL resolution, engine set-up, migrations, transactions.

This is the only module that knows about SQLite specifics (WAL, foreign
keys). A workspace is any SQLAlchemy URL; a plain path means a SQLite file.
"""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError
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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


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


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[-1]
        if path and path != ":memory:":
            _ensure_folder(Path(path))
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def current_user() -> str:
    try:
        return os.environ.get("KHADDAM_ALIGN_USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "unknown"


class Workspace:
    """An open workspace: an engine, a session factory and the acting user."""

    def __init__(self, engine: Engine, *, user: str | None = None) -> None:
        self.engine = engine
        self.user = user or current_user()
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        """A session for reading; use ``transaction()`` for a user action that writes."""
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action = one transaction: all of it is saved, or none of it."""
        session = self._sessions()
        try:
            with translate_db_errors(self.url):
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


@contextmanager
def translate_db_errors(where: str) -> Iterator[None]:
    """Map the environment's database faults to a ``WorkspaceError`` the user can act on."""
    try:
        yield
    except OperationalError as exc:
        text = str(exc.orig).lower()
        if "locked" in text or "busy" in text:
            raise WorkspaceError(
                f"The workspace {where} is locked by another program.",
                hint="Close the other khaddam-align window or command and try again.",
            ) from exc
        if "disk" in text and "full" in text:
            raise WorkspaceError(f"The disk holding {where} is full.", hint="Free some space and try again.") from exc
        if "not a database" in text or "malformed" in text:
            raise WorkspaceError(
                f"{where} is not a khaddam-align workspace or is damaged.",
                hint="Open another file with --db, or restore a backup.",
            ) from exc
        if "readonly" in text or "read-only" in text:
            raise WorkspaceError(f"The workspace {where} is read-only.", hint="Check the file's permissions.") from exc
        if "unable to open" in text:
            raise WorkspaceError(f"Cannot open the workspace {where}.", hint="Check that the folder exists and is writable.") from exc
        raise WorkspaceError(f"Database error in {where}: {exc.orig}") from exc
    except DBAPIError as exc:
        raise WorkspaceError(f"Database error in {where}: {exc.orig}") from exc


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


def open_workspace(db: str | os.PathLike[str] | None = None, *, user: str | None = None) -> Workspace:
    """Open (creating and migrating as needed) the workspace at ``db``.

    Raises ``WorkspaceError`` with a clear message if the workspace was made by
    a newer version of khaddam-align or is not a workspace at all.
    """
    from khaddam_align.storage.migrate import upgrade_to_head

    url = resolve_url(db)
    engine = make_engine(url)
    shown = engine.url.render_as_string(hide_password=True)
    with translate_db_errors(shown):
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
        if names and "alembic_version" not in names:
            raise WorkspaceError(
                f"{shown} is a database, but not a khaddam-align workspace.",
                hint="Choose another file with --db.",
            )
        upgrade_to_head(engine)
    return Workspace(engine, user=user)
