"""CSV and XLSX: one row per link, safe to open in any spreadsheet program.

A work's view (a document with ``"companions"``: original ↔ first, original ↔
second, first ↔ second) writes the links of every pair, each row starting with a
``pair`` column naming the two renderings ("Arabic original ↔ Daily Courier
(English)"); ``a_text`` / ``b_text`` are then that pair's first and second
rendering. XLSX adds a ``divergences`` sheet with every pair's divergences.

A cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is
prefixed with an apostrophe so no spreadsheet runs a formula taken from a source
("CSV injection"). CSV is UTF-8 with a BOM so Excel shows Arabic.
"""

from __future__ import annotations

import csv
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from typing import Any

from khaddam_align.export.atomic import atomic_file, temp_name
from khaddam_align.export.document import Document
from khaddam_align.export.rows import LinkRow, XmlCleaner, link_rows, strip_controls

COLUMNS = (
    "row",  # counted from 1, as the app, the HTML report and the CLI (ALIGNMENT:ROW) number rows
    "shape",
    "a_segments",
    "b_segments",
    "a_text",
    "b_text",
    "score",
    "status",
    "link_note",
    "divergence_types",
    "verdicts",
    "divergence_notes",
)
PAIR_COLUMN = "pair"  # first column when the document holds several pairs
DIVERGENCE_COLUMNS = (
    "pair", "row", "type", "severity", "verdict", "note", "description", "origin", "created_by", "a_evidence",
    "b_evidence",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def pair_name(document: Document) -> str:
    """"first name ↔ second name" of a document's two renderings (names from ``khaddam_align.naming``)."""
    r = document["renderings"]
    return " ↔ ".join(str(r[side].get("name") or r[side].get("file_name") or side) for side in ("a", "b"))


def pairs(document: Document) -> list[Document]:
    """The document and its companions (the other pairs of a work's view), in view order."""
    return [document, *(document.get("companions") or [])]


def neutralize(value: str) -> str:
    """``value`` safe for a spreadsheet cell: no control characters, never a formula."""
    value = strip_controls(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cells(row: LinkRow) -> list[Any]:
    notes = [d["note"] for d in row.divergences if d.get("note")]
    text_cells = [
        row.shape,
        " ".join(map(str, row.a)),
        " ".join(map(str, row.b)),
        row.a_text,
        row.b_text,
    ]
    return [
        row.index + 1,
        *(neutralize(c) for c in text_cells),
        round(row.score, 4),
        row.status,
        neutralize(row.note),
        neutralize("; ".join(row.types)),
        neutralize("; ".join(row.verdicts)),
        neutralize(" | ".join(notes)),
    ]


# Excel refuses cells longer than this.
XLSX_CELL_MAX = 32767


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str) and len(value) > XLSX_CELL_MAX:
        return value[: XLSX_CELL_MAX - 1] + "…"
    return value


_SCRATCH_LOCK = threading.Lock()


@contextmanager
def _sheet_scratch_beside(target: Path) -> Iterator[None]:
    """Make openpyxl put its per-sheet scratch files beside ``target``, under the atomic temp names.

    openpyxl writes each sheet to a temporary file first (in /tmp, removed only at exit);
    a killed export would leave it there. Beside the target, the next export removes it.
    """
    from openpyxl.worksheet import _writer

    made: list[Path] = []

    def scratch(suffix: str = "") -> str:
        name = temp_name(target)
        os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        made.append(name)
        _writer.ALL_TEMP_FILES.append(os.fspath(name))
        return os.fspath(name)

    with _SCRATCH_LOCK:
        original = _writer.create_temporary_file
        _writer.create_temporary_file = scratch
        try:
            yield
        finally:
            _writer.create_temporary_file = original
            for name in made:
                with suppress(OSError):
                    name.unlink()


def table(
    document: Document, *, clean: XmlCleaner | None = None, **filters: bool
) -> Iterator[list[Any]]:
    """The header and one neutralised row per link (``clean`` first replaces what XML forbids); with
    several pairs, every pair's links, each row led by its pair's name."""
    docs = pairs(document)
    several = len(docs) > 1
    yield [PAIR_COLUMN, *COLUMNS] if several else list(COLUMNS)
    for doc in docs:
        name = neutralize(pair_name(doc) if clean is None else clean(pair_name(doc)))
        for row in link_rows(doc, **filters):
            cells = _cells(row) if clean is None else _cells(_cleaned(row, clean))
            yield [name, *cells] if several else cells


def divergence_table(document: Document, *, clean: XmlCleaner | None = None) -> Iterator[list[Any]]:
    """The header and one neutralised row per divergence of every pair (rows counted from 1)."""
    yield list(DIVERGENCE_COLUMNS)
    for doc in pairs(document):
        name = pair_name(doc)
        for d in doc["divergences"]:
            evidence = [_evidence(doc, side, d.get(f"{side}_spans") or []) for side in ("a", "b")]
            values = [name, "" if d.get("link") is None else d["link"] + 1, d["type"], round(float(d["severity"]), 3),
                      d["verdict"], d.get("note") or "", d.get("description") or "", d.get("origin") or "detected",
                      d.get("created_by") or "", *evidence]
            yield [neutralize(clean(v) if clean is not None else v) if isinstance(v, str) else v for v in values]


def _evidence(doc: Document, side: str, spans: list[list[int]]) -> str:
    """The words a divergence points at on one side (its spans are offsets into the rendering's text)."""
    out = []
    for start, end in spans:
        for seg in doc["segments"][side]:
            if seg["start"] < end and seg["end"] > start:
                lo, hi = max(start, seg["start"]) - seg["start"], min(end, seg["end"]) - seg["start"]
                out.append(seg["text"][lo:hi])
    return " … ".join(x for x in out if x)


def _cleaned(row: LinkRow, clean: XmlCleaner) -> LinkRow:
    divergences = tuple(
        {k: clean(v) if isinstance(v, str) else v for k, v in d.items()} for d in row.divergences
    )
    return replace(
        row, a_text=clean(row.a_text), b_text=clean(row.b_text), note=clean(row.note), divergences=divergences
    )


def write_csv(
    document: Document,
    path: str | os.PathLike[str],
    *,
    only_divergences: bool = False,
    only_confirmed: bool = False,
) -> None:
    with atomic_file(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        writer.writerows(table(document, only_divergences=only_divergences, only_confirmed=only_confirmed))


def about_rows(document: Document) -> list[list[str]]:
    """Provenance for the "about" sheet: tool version, alignment method and full settings."""
    tool = document.get("generator", {})
    alignment = document["alignment"]
    rows = [
        ["tool", str(tool.get("name", "khaddam-align"))],
        ["version", str(tool.get("version", "unknown"))],
        ["alignment", str(alignment.get("id", ""))],
        ["method", str(alignment.get("method") or "")],
        ["settings", json.dumps(alignment.get("settings") or {}, ensure_ascii=False, sort_keys=True)],
    ]
    for side in ("a", "b"):
        r = document["renderings"][side]
        rows.append([f"rendering {side}", f"{r.get('publisher') or r.get('file_name') or ''} (sha256 {r.get('sha256', '')})"])
    seen = {document["renderings"][side]["id"] for side in ("a", "b")}
    for doc in pairs(document)[1:]:
        for r in doc["renderings"].values():
            if r["id"] not in seen:
                seen.add(r["id"])
                rows.append(["rendering c", f"{r.get('publisher') or r.get('file_name') or ''} (sha256 {r.get('sha256', '')})"])
        rows.append(["pair", f"{pair_name(doc)} (alignment {doc['alignment'].get('id', '')})"])
    return [[key, neutralize(value)] for key, value in rows]


def _about_sheet(sheet: Any, document: Document) -> None:
    for row in about_rows(document):
        sheet.append([_xlsx_cell(v) for v in row])
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 100


def write_xlsx(
    document: Document,
    path: str | os.PathLike[str],
    *,
    only_divergences: bool = False,
    only_confirmed: bool = False,
) -> list[str]:
    """Write the links as a worksheet; returns notes for the user (characters XML forbids, replaced)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "links"
    docs = pairs(document)
    lead = 1 if len(docs) > 1 else 0  # the pair column
    text_col = {"a": COLUMNS.index("a_text") + 1 + lead, "b": COLUMNS.index("b_text") + 1 + lead}
    # each row's text direction follows its pair's languages
    rtl_rows: list[dict[str, bool]] = []
    for doc in docs:
        rtl = {side: doc["renderings"][side]["language"] == "ar" for side in ("a", "b")}
        rtl_rows += [rtl] * len(link_rows(doc, only_divergences=only_divergences, only_confirmed=only_confirmed))
    clean = XmlCleaner()  # before neutralize, so control characters show as U+FFFD and are counted
    for row in table(document, only_divergences=only_divergences, only_confirmed=only_confirmed, clean=clean):
        sheet.append([_xlsx_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    styles = {
        rtl: Alignment(wrap_text=True, vertical="top", horizontal="right" if rtl else "left",
                       readingOrder=2 if rtl else 1)
        for rtl in (False, True)
    }
    for side, col in text_col.items():
        letter = sheet.cell(row=1, column=col).column_letter
        sheet.column_dimensions[letter].width = 60
        for k, (cell,) in enumerate(sheet.iter_rows(min_row=2, min_col=col, max_col=col)):
            cell.alignment = styles[rtl_rows[k][side]]
    if lead:
        sheet.column_dimensions["A"].width = 40
    sheet.freeze_panes = "A2"
    divs = book.create_sheet("divergences")
    for row in divergence_table(document, clean=clean):
        divs.append([_xlsx_cell(v) for v in row])
    for cell in divs[1]:
        cell.font = Font(bold=True)
    divs.column_dimensions["A"].width = 40
    divs.column_dimensions["G"].width = 60
    divs.freeze_panes = "A2"
    _about_sheet(book.create_sheet("about"), document)
    tool = document.get("generator", {})
    book.properties.creator = f"{tool.get('name', 'khaddam-align')} {tool.get('version', 'unknown')}"
    notes = [n for n in (clean.note(),) if n]
    if notes:
        sheet_notes = book.create_sheet("notes")
        for note in notes:
            sheet_notes.append([note])
    with atomic_file(path, "wb") as fh, _sheet_scratch_beside(Path(path)):
        book.save(fh)
    return notes
