"""The catalog of known renderings (``sources/catalog.toml``, shipped inside the package).

An import that matches an entry (sha256 of the file, then title, then
publisher + date) fills the metadata the file and the flags left empty and
joins the entry's Work. ``[publishers]`` maps a clean publisher name to the
spellings found in headers ("الجريدة THE Paper" -> "The Paper").
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import as_file
from pathlib import Path
from typing import Any

from khaddam_align import resources
from khaddam_align.errors import KhaddamError
from khaddam_align.ingest.lines import norm

FIELDS = ("publisher", "author", "published", "title", "language", "series", "part", "url")


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    publisher: str = ""
    author: str = ""
    published: str = ""
    title: str = ""
    language: str = ""
    series: str = ""
    part: str = ""
    url: str = ""
    work: str = ""
    covers: str = ""
    sha256: tuple[str, ...] = ()

    def metadata(self) -> dict[str, str]:
        return {f: getattr(self, f) for f in FIELDS if getattr(self, f)}


@dataclass(frozen=True, slots=True)
class Catalog:
    entries: tuple[Entry, ...] = ()
    publishers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # clean name -> spellings
    works: dict[str, str] = field(default_factory=dict)  # work name -> note

    def publisher_names(self) -> list[str]:
        """Every spelling of every known publisher (for spotting credit lines)."""
        return [n for name, aliases in self.publishers.items() for n in (name, *aliases)]

    def clean_publisher(self, raw: str) -> str:
        """The clean name for a spelling found in a file, or ``raw`` itself."""
        key = norm(raw)
        for name, aliases in self.publishers.items():
            if key in {norm(a) for a in (name, *aliases)}:
                return name
        return raw.strip()

    def match(
        self, *, sha256: str = "", title: str = "", publisher: str = "", published: str = ""
    ) -> Entry | None:
        if sha256:
            for e in self.entries:
                if sha256 in e.sha256:
                    return e
        if title:
            for e in self.entries:
                if e.title and norm(e.title) == norm(title):
                    return e
        if publisher and published:
            for e in self.entries:
                if e.publisher == publisher and e.published == published:
                    return e
        return None


def load_catalog(path: str | os.PathLike[str] | None = None) -> Catalog:
    """Read the catalog: ``path``, else ``KHADDAM_ALIGN_CATALOG``, else the shipped one.

    A missing or broken file is a ``KhaddamError``: an import without its catalog would
    silently get other metadata, another Work and other segments.
    """
    chosen = path or os.environ.get("KHADDAM_ALIGN_CATALOG")
    if chosen is None:
        with as_file(resources.catalog()) as shipped:
            return _read(shipped, hint="Reinstall khaddam-align: its package data is incomplete.")
    return _read(Path(chosen), hint="Check KHADDAM_ALIGN_CATALOG (or unset it to use the shipped catalog).")


def _read(path: Path, *, hint: str) -> Catalog:
    if not path.is_file():
        raise KhaddamError(f"{path}: the catalog of known renderings is missing.", hint=hint)
    return _load(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load(path: str, _mtime: int) -> Catalog:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KhaddamError(f"{path}: the catalog is not valid TOML ({exc}).", hint="Fix the file and try again.") from exc
    try:
        entries = tuple(_entry(raw) for raw in data.get("rendering", []))
        publishers = {str(k): tuple(str(a) for a in v) for k, v in data.get("publishers", {}).items()}
        works = {str(w["name"]): str(w.get("note", "")) for w in data.get("work", [])}
    except (TypeError, KeyError, AttributeError) as exc:
        raise KhaddamError(f"{path}: unexpected catalog layout ({exc}).", hint="Compare it with sources/catalog.toml.") from exc
    return Catalog(entries, publishers, works)


def _entry(raw: dict[str, Any]) -> Entry:
    known = {f for f in Entry.__dataclass_fields__ if f != "sha256"}
    values = {k: str(v) for k, v in raw.items() if k in known}
    return Entry(**values, sha256=tuple(_strs(raw.get("sha256", ()))))


def _strs(value: Any) -> Iterable[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value]
