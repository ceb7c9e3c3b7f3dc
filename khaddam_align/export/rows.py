"""Link rows derived from an alignment document: what every tabular report shows.

Shared by the HTML, PDF, CSV and XLSX writers so they agree on what a row is and
on what the filtering options keep.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from khaddam_align.align.confidence import is_low
from khaddam_align.export.document import Document

# C0 controls other than tab / newline / carriage return, DEL and C1 controls:
# illegal in XML 1.0 or invisible trouble in spreadsheets.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What XML 1.0 forbids: C0 controls but tab/LF/CR, lone surrogates, U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab, newline and CR kept)."""
    return _CONTROL.sub("", text)


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 forbids replaced by U+FFFD (one for one, so offsets hold)."""
    return _XML_ILLEGAL.sub(REPLACEMENT, text)


class XmlCleaner:
    """``xml_safe`` that counts what it replaced, so a writer can say so."""

    def __init__(self) -> None:
        self.replaced = 0

    def __call__(self, text: str) -> str:
        cleaned, n = _XML_ILLEGAL.subn(REPLACEMENT, text)
        self.replaced += n
        return cleaned

    def note(self) -> str:
        """One line for the export's notes ('' when nothing was replaced)."""
        if not self.replaced:
            return ""
        return (
            f"{self.replaced} character(s) that XML does not allow (control characters, U+FFFE/U+FFFF, "
            "lone surrogates) were replaced by U+FFFD."
        )


@dataclass(frozen=True)
class LinkRow:
    """One link of the document, ready to show."""

    index: int
    a: tuple[int, ...]
    b: tuple[int, ...]
    a_text: str
    b_text: str
    score: float
    status: str
    note: str
    divergences: tuple[dict[str, Any], ...]

    @property
    def shape(self) -> str:
        """``"1:1"``, ``"2:1"``, ``"0:1"``…"""
        return f"{len(self.a)}:{len(self.b)}"

    @property
    def low(self) -> bool:
        """Low confidence (``align.confidence.is_low``): to be reviewed."""
        return is_low(self.score, self.status)

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(d["type"] for d in self.divergences)

    @property
    def verdicts(self) -> tuple[str, ...]:
        return tuple(d["verdict"] for d in self.divergences)


def link_rows(
    document: Document, *, only_divergences: bool = False, only_confirmed: bool = False
) -> list[LinkRow]:
    """The document's links as rows, in alignment order, optionally filtered."""
    texts = {side: {s["index"]: s["text"] for s in document["segments"][side]} for side in ("a", "b")}
    by_link: dict[int, list[dict[str, Any]]] = {}
    for d in document["divergences"]:
        if d.get("link") is not None:
            by_link.setdefault(d["link"], []).append(d)
    rows = []
    for i, link in enumerate(document["links"]):
        divs = tuple(by_link.get(i, ()))
        if only_divergences and not divs:
            continue
        if only_confirmed and link["status"] != "confirmed":
            continue
        rows.append(
            LinkRow(
                index=i,
                a=tuple(link["a"]),
                b=tuple(link["b"]),
                a_text=" ".join(texts["a"].get(j, "") for j in link["a"]),
                b_text=" ".join(texts["b"].get(j, "") for j in link["b"]),
                score=float(link["score"]),
                status=link["status"],
                note=link.get("note", ""),
                divergences=divs,
            )
        )
    return rows


@dataclass(frozen=True)
class Summary:
    """Counts for a report's header."""

    links: int
    shapes: dict[str, int]
    statuses: dict[str, int]
    coverage_a: float  # share of A's segments in a link that has B text
    coverage_b: float
    segments_a: int
    segments_b: int
    divergence_types: dict[str, int]
    verdicts: dict[str, int]
    low_confidence: int = 0  # links under LOW_CONFIDENCE, not confirmed


def summarize(document: Document) -> Summary:
    links = document["links"]
    paired_a = sum(len(lk["a"]) for lk in links if lk["a"] and lk["b"])
    paired_b = sum(len(lk["b"]) for lk in links if lk["a"] and lk["b"])
    n_a = len(document["segments"]["a"])
    n_b = len(document["segments"]["b"])
    return Summary(
        links=len(links),
        shapes=dict(Counter(f"{len(lk['a'])}:{len(lk['b'])}" for lk in links).most_common()),
        statuses=dict(Counter(lk["status"] for lk in links).most_common()),
        coverage_a=paired_a / n_a if n_a else 0.0,
        coverage_b=paired_b / n_b if n_b else 0.0,
        segments_a=n_a,
        segments_b=n_b,
        divergence_types=dict(Counter(d["type"] for d in document["divergences"]).most_common()),
        verdicts=dict(Counter(d["verdict"] for d in document["divergences"]).most_common()),
        low_confidence=sum(1 for lk in links if is_low(float(lk["score"]), lk["status"])),
    )
