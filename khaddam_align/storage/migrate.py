"""Schema migrations with Alembic, run programmatically on open.

A workspace whose schema revision this version does not know was written by a
newer khaddam-align: we refuse to touch it rather than risk damage.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from khaddam_align.errors import WorkspaceError

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise WorkspaceError(
            f"This workspace was written by a newer version of khaddam-align (schema {current}).",
            hint="Upgrade khaddam-align to open it; the workspace was not changed.",
        )
    if current != script.get_current_head():
        command.upgrade(alembic_config(engine), "head")
