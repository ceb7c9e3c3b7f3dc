"""Cleaning on the real scraped corpus (../shared/corpus; skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from khaddam_align.ingest.catalog import load_catalog
from khaddam_align.ingest.clean import Article, analyze
from khaddam_align.storage.models import SegmentKind
from tests.conftest import corpus_file

pytestmark = pytest.mark.corpus


def _analyze(corpus: Path, prefix: str) -> tuple[str, list[Article]]:
    text = corpus_file(corpus, prefix).read_text(encoding="utf-8")
    return text, analyze(text, publishers=load_catalog().publisher_names())


def _lines(text: str, ranges: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in ranges]


def test_002_standfirst_repeated_after_credit_line_is_excluded(corpus_dir: Path) -> None:
    text, [article] = _analyze(corpus_dir, "002")
    by_reason = {e.reason: text[e.start : e.end] for e in article.exclusions}
    repeated = by_reason["repeated standfirst"]
    assert repeated.startswith("On the eve of America")
    assert text.count(repeated) == 2  # the first occurrence stays, the second goes
    first = text.index(repeated)
    assert all(e.start > first for e in article.exclusions if e.reason == "repeated standfirst")
    assert by_reason["publisher credit line"] == "Al Majalla"
    assert by_reason["metadata header"].startswith("publisher:")


def test_002_photo_captions_become_caption_ranges(corpus_dir: Path) -> None:
    text, [article] = _analyze(corpus_dir, "002")
    captions = [text[k.start : k.end] for k in article.kinds if k.kind is SegmentKind.CAPTION]
    assert len(captions) == 3
    assert captions[0].startswith("Iranian President Mohammad Khatami shakes hands with")
    # No body paragraph is mistaken for a caption.
    assert all(not c.startswith(("“", '"')) for c in captions)


def test_004_repeated_title_caption_and_stray_lines_excluded(corpus_dir: Path) -> None:
    text, articles = _analyze(corpus_dir, "004")
    first = articles[0]
    reasons = [(e.reason, text[e.start : e.end]) for e in first.exclusions]
    assert ("stray short line", "TT") in reasons
    assert ("stray short line", "20") in reasons
    assert [r for r, t in reasons if t == first.title] == ["repeated title"]
    caption = next(text[k.start : k.end] for k in first.kinds if k.kind is SegmentKind.CAPTION)
    assert sum(1 for r, t in reasons if t == caption and r == "repeated caption") == text[: first.end].count(caption) - 1


def test_004_appended_article_is_its_own_article(corpus_dir: Path) -> None:
    text, articles = _analyze(corpus_dir, "004")
    assert len(articles) == 2
    first, second = articles
    assert first.title.startswith("Episode 4")
    assert second.title.startswith("Angry Groups Emerge and Fade in Syria")
    assert first.end == second.start
    assert second.end == len(text)
    assert "Angry Groups" not in text[first.start : first.end]
    assert "Remove The Pretexts" not in text[second.start : second.end]
    assert ("stray short line", "TT") in [(e.reason, text[e.start : e.end]) for e in second.exclusions]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_single_article_files_are_not_split(corpus_dir: Path, prefix: str) -> None:
    _, articles = _analyze(corpus_dir, prefix)
    assert len(articles) == 1


def test_001_header_and_title(corpus_dir: Path) -> None:
    _text, [article] = _analyze(corpus_dir, "001")
    assert article.title.startswith("Khaddam : Bashar Assad")
    assert article.header.fields == {"publisher": "Asharq Al-Awsat", "author": "ابراهيم حميدي", "date": "2021-04-26"}
    assert [e.reason for e in article.exclusions] == ["metadata header"]


def test_004_split_survives_without_the_scraper_noise(corpus_dir: Path) -> None:
    """The appended article is still found when its masthead noise is gone (topic break)."""
    text, articles = _analyze(corpus_dir, "004")
    second = articles[1]
    noise = {text[e.start : e.end] for e in second.exclusions} | {text[k.start : k.end] for k in second.kinds[1:]}
    lines = text.split("\n")
    start_line = text[: second.start].count("\n")
    kept = lines[: start_line + 1] + [ln for ln in lines[start_line + 1 :] if ln.strip() not in noise]
    bare = "\n".join(kept)
    assert "TT" not in bare.split("\n")[start_line:]
    split = analyze(bare, publishers=load_catalog().publisher_names())
    assert [a.title[:12] for a in split] == ["Episode 4: A", "Angry Groups"]
