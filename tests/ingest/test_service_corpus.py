"""Importing the five corpus articles (../shared/corpus; skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from khaddam_align.ingest.service import ImportReport, get_rendering, import_files, list_segments
from khaddam_align.storage import Workspace

pytestmark = pytest.mark.corpus

TEHRAN = "Syrian–Iranian meeting in Tehran, 16 March 2003"


@pytest.fixture
def imported(ws: Workspace, corpus_dir: Path) -> ImportReport:
    files = sorted(corpus_dir.glob("00[0-4]_*.txt"))
    if len(files) != 5:
        pytest.skip("the five corpus files are not all present")
    return import_files(ws, files)


def _by_file(report: ImportReport, prefix: str) -> list[int]:
    return [r.id for r in report.imported if r.file_name.startswith(prefix)]


def test_all_five_import_with_metadata_for_001_and_002(ws: Workspace, imported: ImportReport) -> None:
    assert len(imported.imported) == 6  # 004 holds two articles
    assert all(r.language == "en" for r in imported.imported)
    [a] = [r for r in imported.imported if r.file_name.startswith("001")]
    assert (a.publisher, a.author, a.published, a.work) == ("Asharq Al-Awsat", "ابراهيم حميدي", "2021-04-26", TEHRAN)
    assert a.title.startswith("Khaddam : Bashar Assad, Khamenei, Khatami")
    [b] = [r for r in imported.imported if r.file_name.startswith("002")]
    assert (b.publisher, b.published, b.work) == ("Al Majalla", "2024-03-23", TEHRAN)
    detail = get_rendering(ws, b.id)
    assert detail.extra["publisher_raw"] == "المجلة AL Majalla"
    assert (detail.series, detail.part) == ("Khaddam Files", "6 of 7")


def test_002_standfirst_once_and_captions_as_caption_segments(ws: Workspace, imported: ImportReport) -> None:
    [rid] = _by_file(imported, "002")
    segs = list_segments(ws, rid)
    standfirst = [s for s in segs if s.text.startswith("On the eve of America’s invasion of Iraq in March 2003")]
    assert len(standfirst) == 1
    assert not any(s.text == "Al Majalla" for s in segs)
    captions = [s.text for s in segs if s.kind == "caption"]
    assert len(captions) == 3
    assert captions[0].startswith("Iranian President Mohammad Khatami shakes hands with")
    assert segs[0].kind == "title"


def test_004_split_in_two_renderings(ws: Workspace, imported: ImportReport) -> None:
    first, second = _by_file(imported, "004")
    assert any("split off as its own rendering" in m for m in imported.messages)
    one, two = get_rendering(ws, first), get_rendering(ws, second)
    assert two.summary.split_from_id == first
    assert one.sha256 == two.sha256
    assert one.characters == two.characters
    assert one.ranges[-1].reason == f"appended article, split off as rendering #{second}"
    texts1 = [s.text for s in list_segments(ws, first)]
    texts2 = [s.text for s in list_segments(ws, second)]
    assert not any("al-Sharaa met US President Donald Trump" in t for t in texts1)
    assert not any("Remove The Pretexts" in t for t in texts2)
    assert "TT" not in texts1
    assert "20" not in texts1
    title = texts1[0]
    assert texts1.count(title) == 1
    assert two.summary.title.startswith("Angry Groups Emerge and Fade in Syria")


def test_reimporting_the_corpus_adds_nothing(ws: Workspace, corpus_dir: Path, imported: ImportReport) -> None:
    again = import_files(ws, sorted(corpus_dir.glob("00[0-4]_*.txt")))
    assert again.imported == ()
    assert len(again.already) == 5
    assert any("004" in a.file_name and len(a.ids) == 2 for a in again.already)
