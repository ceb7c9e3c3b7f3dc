"""``ws_url``: one workspace, on a SQLite file and on the PostgreSQL test server, that several reviewers open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.edit.edit_fixtures import aligned  # noqa: F401  (the fixture)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def ws_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'team.sqlite'}"
    else:
        yield request.getfixturevalue("pg_url")
