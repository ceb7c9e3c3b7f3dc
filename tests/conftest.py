"""Shared fixtures: a fresh workspace file, the shared corpus, offscreen Qt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Must be set before Qt is imported anywhere: without it a headless run aborts
# with a misleading xcb error.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KHADDAM_ALIGN_USER", "tester")

from khaddam_align.storage import Workspace, open_workspace

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KHADDAM_SHARED", ROOT.parent / "shared"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's default workspace or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KHADDAM_ALIGN_DB", str(home / "default.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.sqlite"


@pytest.fixture
def ws(db_path: Path) -> Iterator[Workspace]:
    """A fresh, real SQLite workspace file."""
    workspace = open_workspace(db_path)
    yield workspace
    workspace.close()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def corpus_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus"
    if not path.is_dir():
        pytest.skip("../shared/corpus is not present")
    return path


@pytest.fixture
def devdata_dir(shared_dir: Path) -> Path:
    path = shared_dir / "devdata"
    if not path.is_dir():
        pytest.skip("../shared/devdata is not present")
    return path


def corpus_file(corpus: Path, prefix: str) -> Path:
    """The corpus file whose name starts with ``prefix`` (e.g. "001")."""
    matches = sorted(corpus.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"corpus file {prefix} not present")
    return matches[0]


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the test server (KHADDAM_TEST_PG_URL).

    scripts/dev.sh starts a throwaway server when PostgreSQL is installed; without
    one these tests skip.
    """
    base = os.environ.get("KHADDAM_TEST_PG_URL")
    if not base:
        pytest.skip("no PostgreSQL test server (set KHADDAM_TEST_PG_URL)")
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"khaddam_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_ws(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """The same test on a SQLite file and on a PostgreSQL database (team mode)."""
    if request.param == "sqlite":
        workspace = open_workspace(tmp_path / "ws.sqlite")
    else:
        workspace = open_workspace(request.getfixturevalue("pg_url"))
    yield workspace
    workspace.close()
