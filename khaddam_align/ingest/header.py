"""Metadata header lines at the top of a scraped article.

The corpus files start like::

    Memoirs: The Envoy and the Minister Agreed to Prolong the Talks

    publisher: The Daily Example

    AUTHOR: كاتب المقال

    Publishing date: 2021-04-26

The first line is the title; the ``key: value`` lines (known keys only, any
case, English or Arabic) are metadata and are kept out of the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from khaddam_align.ingest.lines import Line

# Header key (as written, case-folded) -> metadata field.
KEYS: dict[str, str] = {
    "publisher": "publisher",
    "source": "publisher",
    "newspaper": "publisher",
    "author": "author",
    "authors": "author",
    "writer": "author",
    "by": "author",
    "publishing date": "date",
    "publication date": "date",
    "published": "date",
    "date": "date",
    "url": "url",
    "link": "url",
    "title": "title",
    "series": "series",
    "part": "part",
    "episode": "part",
    "الناشر": "publisher",
    "المصدر": "publisher",
    "الكاتب": "author",
    "المؤلف": "author",
    "تاريخ النشر": "date",
    "التاريخ": "date",
    "الرابط": "url",
    "العنوان": "title",
}

_HEADER = re.compile(r"^([^\W\d_][\w ]{0,24}?)\s*[:：]\s*(\S.*)$")
_INNER_SENTENCE_END = re.compile(r"[.!?؟]\s+\S")
_MAX_SCAN = 12  # header lines must start within this many lines of the article start


@dataclass(frozen=True, slots=True)
class Header:
    """Metadata found in header lines; ``lines`` are the header lines themselves."""

    fields: dict[str, str] = field(default_factory=dict)  # metadata field -> value as written
    raw: dict[str, str] = field(default_factory=dict)  # key as written -> value
    lines: tuple[Line, ...] = ()

    @property
    def start(self) -> int:
        return self.lines[0].start if self.lines else 0

    @property
    def end(self) -> int:
        return self.lines[-1].end if self.lines else 0


def header_field(line: Line) -> tuple[str, str, str] | None:
    """``(field, key as written, value)`` when the line is a known ``key: value`` line."""
    m = _HEADER.match(line.text)
    if not m:
        return None
    key = " ".join(m.group(1).split())
    name = KEYS.get(key.casefold())
    value = m.group(2).strip()
    # A header value is a name, a date or a URL: short, not several sentences.
    if not name or len(value) > 300 or _INNER_SENTENCE_END.search(value):
        return None
    return name, key, value


def parse_header(lines: Sequence[Line], first: int) -> Header:
    """The header block starting at line ``first`` or right after it (a title line).

    Header lines may be separated by blank lines; the block ends at the first
    other non-blank line.
    """
    start = first
    stop = min(len(lines), first + _MAX_SCAN)
    while start < stop and (lines[start].blank or (start == first and not header_field(lines[start]))):
        start += 1
    fields: dict[str, str] = {}
    raw: dict[str, str] = {}
    found: list[Line] = []
    for line in lines[start:]:
        if line.blank:
            continue
        hit = header_field(line)
        if hit is None:
            break
        name, key, value = hit
        fields.setdefault(name, value)
        raw[key] = value
        found.append(line)
    return Header(fields, raw, tuple(found))


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%A, %d %B %Y",
    "%A, %B %d, %Y",
)


def parse_date(value: str) -> str | None:
    """An ISO date ``YYYY-MM-DD`` from common written forms, or None."""
    text = " ".join(value.replace(".", " ").split()) if not re.match(r"^\d", value) else value.strip()
    text = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text)
    iso = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$", text)
    if iso:
        text = iso.group(1)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def check_iso_date(value: str) -> str:
    """Validate a user-given ``YYYY-MM-DD`` date; raises ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(value)
    return date.fromisoformat(value).isoformat()
