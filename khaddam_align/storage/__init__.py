"""Workspace storage: SQLAlchemy 2 models, engine set-up and migrations.

Only ``storage.db`` knows which database it talks to (SQLite pragmas live
there); everything else uses portable SQLAlchemy so the same code runs on
PostgreSQL for a team sharing one database.
"""

from khaddam_align.storage.db import Workspace, default_db_path, open_workspace, resolve_url
from khaddam_align.storage.models import (
    Alignment,
    AuditEntry,
    Base,
    Divergence,
    ExcludedRange,
    Link,
    LinkSegment,
    Rendering,
    Segment,
    Work,
)

__all__ = [
    "Alignment",
    "AuditEntry",
    "Base",
    "Divergence",
    "ExcludedRange",
    "Link",
    "LinkSegment",
    "Rendering",
    "Segment",
    "Work",
    "Workspace",
    "default_db_path",
    "open_workspace",
    "resolve_url",
]
