"""Clean news text (../shared/devdata/ntrex-dev) must come through cleaning untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from khaddam_align.ingest.service import get_rendering, import_files, list_segments
from khaddam_align.storage import Workspace

pytestmark = pytest.mark.corpus


def test_ntrex_articles_import_with_language_and_no_false_cleaning(ws: Workspace, devdata_dir: Path) -> None:
    files = sorted((devdata_dir / "ntrex-dev").glob("*.txt"))
    if not files:
        pytest.skip("ntrex-dev is not present")
    report = import_files(ws, files)
    assert len(report.imported) == len(files)  # no file is split into articles
    for r in report.imported:
        assert r.language == r.file_name.rsplit(".", 2)[-2], r.file_name  # <id>.<lang>.txt
        detail = get_rendering(ws, r.id)
        assert [x.reason for x in detail.ranges] == [], r.file_name
        segs = list_segments(ws, r.id)
        assert segs
        assert all(s.kind != "caption" for s in segs), r.file_name
