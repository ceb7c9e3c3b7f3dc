"""Fixtures for the reliability tests: the export tests' stored alignments (real SQLite workspace)."""

from __future__ import annotations

from tests.export.conftest import ar_en, store  # noqa: F401  (fixtures, re-used)
