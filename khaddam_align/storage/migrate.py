"""Schema migrations with Alembic, run programmatically on open.

A workspace whose schema revision this version does not know was written by a
newer khaddam-align: we refuse to touch it rather than risk damage.

Opening a workspace that is already at the head revision does not import
Alembic (a tenth of a second of every command's start-up): the head is read
from the revision files themselves and compared with ``alembic_version``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from khaddam_align.errors import WorkspaceError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"""^revision\s*(?::\s*str\s*)?=\s*['"]([^'"]+)['"]""", re.M)
_DOWN = re.compile(r"""^down_revision\s*(?::[^=]*)?=\s*(None|['"]([^'"]+)['"])\s*$""", re.M)


def head_from_files() -> str | None:
    """The single head revision, read from the revision files (None if they cannot be read
    that simply: several heads, merges, an unusual file; Alembic then decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN.search(source)
        if rev is None or down is None:
            return None
        revisions.add(rev.group(1))
        if down.group(2):
            parents.add(down.group(2))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stored_revisions(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return []
        return [str(r[0]) for r in conn.execute(text("SELECT version_num FROM alembic_version"))]


def at_head(engine: Engine) -> bool:
    """Whether the workspace is at this version's schema; no Alembic import when it is (the common case)."""
    stored = _stored_revisions(engine)
    head = head_from_files()
    if head is not None and stored == [head]:
        return True
    return current_revision(engine) == head_revision()


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    stored = _stored_revisions(engine)
    if len(stored) == 1 and stored[0] == head_from_files():
        return  # already at head: nothing to do, no Alembic import
    from alembic import command
    from alembic.script import ScriptDirectory

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
