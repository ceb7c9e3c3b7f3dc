"""Times as the workspace's users see them in JSON and reports: ISO 8601 with the zone.

The workspace stores UTC; SQLite drops the zone on the way back, so a naive time read from it
is UTC, and says so once written out (``2026-12-03T10:49:51+00:00``).
"""

from __future__ import annotations

from datetime import UTC, datetime


def iso_utc(moment: datetime) -> str:
    """``moment`` in UTC, ISO 8601 with ``+00:00`` (a naive time is taken as UTC)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
