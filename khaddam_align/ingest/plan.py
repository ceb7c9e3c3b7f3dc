"""From a read source to the renderings to store (pure; no workspace).

Metadata precedence, highest first: what the user gave (flags, dialog), the
file's header lines, what an HTML/DOCX extractor found, the catalog entry the
import matches, then guesses (first line as title, file name). One file may
hold several articles (``clean.analyze``); each becomes a rendering. User
metadata, the file's sha256 match and ``work`` apply to the first article only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from khaddam_align.errors import SourceError
from khaddam_align.ingest.catalog import Catalog, Entry
from khaddam_align.ingest.clean import Article, Exclusion, KindRange, active_kinds, analyze
from khaddam_align.ingest.header import check_iso_date, parse_date
from khaddam_align.ingest.language import check_language, detect_language
from khaddam_align.ingest.sources import Source
from khaddam_align.segment import Span, segment_text
from khaddam_align.storage.models import SegmentKind


@dataclass(frozen=True, slots=True)
class Metadata:
    """Metadata the user gives; ``None`` means "not given"."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    url: str | None = None

    def checked(self) -> Metadata:
        if self.date:
            try:
                check_iso_date(self.date)
            except ValueError:
                raise SourceError(
                    f"--date {self.date}: not a valid date.", hint="Give it as YYYY-MM-DD, e.g. 2021-04-26."
                ) from None
        return self


@dataclass(frozen=True, slots=True)
class PlannedRendering:
    """One rendering ready to insert."""

    columns: dict[str, Any]  # Rendering column -> value (no ids)
    work: str  # Work name ("" = none)
    article: int  # index of its article in the file
    exclusions: tuple[Exclusion, ...]  # cleaning ranges inside the article
    spans: tuple[Span, ...]
    catalog_key: str = ""


@dataclass(frozen=True, slots=True)
class PlannedFile:
    source: Source
    articles: tuple[tuple[int, int], ...]  # (start, end) of each article
    renderings: tuple[PlannedRendering, ...] = field(default=())


def plan_source(
    source: Source,
    *,
    catalog: Catalog,
    lang: str = "auto",
    meta: Metadata | None = None,
    work: str | None = None,
) -> PlannedFile:
    meta = meta or Metadata()
    text = source.text
    articles = analyze(text, publishers=[*catalog.publisher_names(), meta.publisher or ""])
    bounds = tuple(_bounds(articles, len(text)))
    planned = []
    for k, article in enumerate(articles):
        first = k == 0
        planned.append(
            _plan_article(
                source,
                article,
                k=k,
                others=[b for j, b in enumerate(bounds) if j != k],
                catalog=catalog,
                lang=lang,
                meta=meta if first else Metadata(),
                work=(work or None) if first else None,
            )
        )
    return PlannedFile(source, bounds, tuple(planned))


def _bounds(articles: list[Article], length: int) -> list[tuple[int, int]]:
    """Article ranges covering the whole text (leading blank lines go to the first)."""
    out = []
    for k, a in enumerate(articles):
        start = 0 if k == 0 else a.start
        end = articles[k + 1].start if k + 1 < len(articles) else length
        out.append((start, end))
    return out


def _plan_article(
    source: Source,
    article: Article,
    *,
    k: int,
    others: list[tuple[int, int]],
    catalog: Catalog,
    lang: str,
    meta: Metadata,
    work: str | None,
) -> PlannedRendering:
    extra: dict[str, Any] = {}
    header = article.header.fields
    found = source.metadata if k == 0 else {}
    extra.update({f"file_{key}": v for key, v in found.items() if key not in _COLUMNS_FROM_META})
    if article.header.raw:
        extra["header"] = dict(article.header.raw)

    # A spelling found in the file becomes the catalog's clean name; the user's own is kept.
    raw_publisher = _first(header.get("publisher"), found.get("publisher"))
    publisher = meta.publisher or (catalog.clean_publisher(raw_publisher) if raw_publisher else "")
    if raw_publisher and publisher != raw_publisher:
        extra["publisher_raw"] = raw_publisher
    published = meta.date or ""
    if not published:
        written = _first(header.get("date"), found.get("date"))
        published = (parse_date(written) or "") if written else ""
        if written and not published:
            extra["date_raw"] = written
    cols: dict[str, Any] = {
        "title": _first(meta.title, header.get("title"), article.title, found.get("title")),
        "publisher": publisher,
        "author": _first(meta.author, header.get("author"), found.get("author")),
        "published": published,
        "url": _first(meta.url, header.get("url"), found.get("url")),
        "series": header.get("series", ""),
        "part": header.get("part", ""),
    }
    entry = catalog.match(
        sha256=source.sha256 if k == 0 else "",
        title=cols["title"],
        publisher=cols["publisher"],
        published=cols["published"],
    )
    if entry:
        _fill(cols, entry)
        extra["catalog"] = entry.key
        if entry.covers:
            extra["covers"] = entry.covers
    if not cols["title"] and k == 0:
        cols["title"] = PurePath(source.name).stem
    article_text = source.text[article.start : article.end]
    language = check_language(lang) if lang != "auto" else detect_language(article_text, name=source.name)
    kinds = article.kinds
    extra["kinds"] = [[kr.start, kr.end, kr.kind.value] for kr in kinds]
    cols.update(
        language=language,
        file_name=source.name,
        file_format=source.file_format,
        encoding=source.encoding,
        sha256=source.sha256,
        text=source.text,
        extra=extra,
    )
    excluded = [(e.start, e.end) for e in article.exclusions] + [o for o in others if o[1] > o[0]]
    spans = segment_text(source.text, language, excluded=sorted(excluded), kinds=_kind_tuples(kinds, excluded))
    return PlannedRendering(
        cols,
        work or (entry.work if entry else ""),
        k,
        article.exclusions,
        tuple(spans),
        entry.key if entry else "",
    )


_COLUMNS_FROM_META = {"title", "author", "date", "publisher", "url"}


def _kind_tuples(
    kinds: Sequence[KindRange], excluded: list[tuple[int, int]]
) -> list[tuple[int, int, SegmentKind]]:
    return [(kr.start, kr.end, kr.kind) for kr in active_kinds(kinds, excluded)]


def _first(*values: str | None) -> str:
    for v in values:
        if v and v.strip():
            return v.strip()
    return ""


def _fill(cols: dict[str, Any], entry: Entry) -> None:
    for key, value in entry.metadata().items():
        if key in cols and not cols[key]:
            cols[key] = value
