"""The catalog of known renderings (sources/catalog.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from khaddam_align import resources
from khaddam_align.errors import KhaddamError
from khaddam_align.ingest.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_catalog_is_the_repository_file() -> None:
    assert resources.catalog().read_bytes() == (ROOT / "sources" / "catalog.toml").read_bytes()


def test_repository_catalog_loads_and_is_consistent() -> None:
    cat = load_catalog()
    assert cat.entries
    keys = [e.key for e in cat.entries]
    assert len(keys) == len(set(keys))
    for e in cat.entries:
        assert not e.work or e.work in cat.works, e.key
        assert not e.publisher or e.publisher in cat.publishers, e.key
        assert all(len(h) == 64 for h in e.sha256)
        assert e.language in {"", "ar", "en"}


def test_publisher_spellings_map_to_the_clean_name() -> None:
    cat = load_catalog()
    assert cat.clean_publisher("المجلة AL Majalla") == "Al Majalla"
    assert cat.clean_publisher("al   majalla") == "Al Majalla"
    assert cat.clean_publisher("Asharq Al-Awsat") == "Asharq Al-Awsat"
    assert cat.clean_publisher("Some Other Paper") == "Some Other Paper"


def test_match_by_title_then_publisher_and_date() -> None:
    cat = load_catalog()
    tehran = "Syrian–Iranian meeting in Tehran, 16 March 2003"
    by_date = cat.match(publisher="Asharq Al-Awsat", published="2021-04-26")
    assert by_date is not None
    assert by_date.work == tehran
    by_title = cat.match(title="khaddam files: khamenei-assad plot to turn post-saddam iraq into america’s ‘new vietnam’")
    assert by_title is not None
    assert by_title.publisher == "Al Majalla"
    assert by_title.part == "6 of 7"
    assert cat.match(title="Unknown", publisher="Asharq Al-Awsat", published="1999-01-01") is None


def test_custom_catalog_and_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cat.toml"
    path.write_text('[[rendering]]\nkey = "x"\nsha256 = "' + "a" * 64 + '"\nwork = "W"\n', encoding="utf-8")
    monkeypatch.setenv("KHADDAM_ALIGN_CATALOG", str(path))
    cat = load_catalog()
    assert cat.match(sha256="a" * 64) is not None
    with pytest.raises(KhaddamError, match=r"missing\.toml: the catalog of known renderings is missing"):
        load_catalog(tmp_path / "missing.toml")
    path.write_text("[[rendering]\nkey=", encoding="utf-8")
    with pytest.raises(KhaddamError, match=r"cat\.toml: the catalog is not valid TOML"):
        load_catalog(path)
    path.write_text('[[rendering]]\ntitle = "no key"\n', encoding="utf-8")
    with pytest.raises(KhaddamError, match="unexpected catalog layout"):
        load_catalog(path)
