"""Writing an alignment in any export format: one entry point for the CLI and the app.

Core writers (json, html, csv, xlsx, tmx) are imported lazily. PDF needs Qt, so
it lives in the ``ui`` package and is found through the
``khaddam_align.exporters`` entry point; the core never imports Qt.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from khaddam_align.errors import KhaddamError
from khaddam_align.export.document import Document, build_document, build_work_document
from khaddam_align.storage.db import Workspace

FORMATS = ("json", "html", "pdf", "csv", "xlsx", "tmx")


class ExportError(KhaddamError):
    """An export could not be written (unknown format, missing plugin, unwritable file)."""


@dataclass(frozen=True)
class ExportOptions:
    """What to include. Not every format uses every option.

    - ``only_divergences``: html/pdf/csv/xlsx keep only links that have a divergence.
    - ``only_confirmed``: html/pdf/csv/xlsx keep only confirmed links.
    - ``tmx_all_links``: tmx writes every 1-1 / n-m link that is not rejected,
      not only confirmed ones.
    """

    only_divergences: bool = False
    only_confirmed: bool = False
    tmx_all_links: bool = False


def _named_format(path: str | os.PathLike[str]) -> str:
    """What a file name's extension names (``report.HTM`` → ``html``), known format or not."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return "html" if suffix == "htm" else suffix


def format_for(path: str | os.PathLike[str]) -> str:
    """The format implied by a file name's extension (``report.html`` → ``html``)."""
    suffix = _named_format(path)
    if suffix not in FORMATS:
        raise ExportError(
            f"Cannot tell the report format from the file name {os.fspath(path)!r}.",
            hint=f"Use one of the extensions .{', .'.join(FORMATS)} or give --format.",
        )
    return suffix


def resolve_format(path: str | os.PathLike[str], fmt: str | None) -> str:
    """``fmt``, or the format of ``path``'s extension; a known extension that names another format
    than ``fmt`` is refused (``x.pdf`` written as HTML would open as a broken PDF)."""
    if fmt is None:
        return format_for(path)
    implied = _named_format(path)
    if implied in FORMATS and implied != fmt:
        name = Path(path).name
        raise ExportError(
            f"The file name {name!r} says {implied} but the format asked for is {fmt}; nothing was written.",
            hint=f"Name the file {Path(name).with_suffix('.' + fmt)} or leave out --format.",
        )
    return fmt


# format -> (module, function) of the core writers, imported only when used.
_CORE_WRITERS = {
    "json": ("khaddam_align.export.document", "write_json"),
    "html": ("khaddam_align.export.html", "write_html"),
    "csv": ("khaddam_align.export.tabular", "write_csv"),
    "xlsx": ("khaddam_align.export.tabular", "write_xlsx"),
    "tmx": ("khaddam_align.export.tmx", "write_tmx"),
}
_REPORT = frozenset({"only_divergences", "only_confirmed"})
_OPTIONS: dict[str, frozenset[str]] = {
    "json": frozenset(),
    "html": _REPORT,
    "pdf": _REPORT,
    "csv": _REPORT,
    "xlsx": _REPORT,
    "tmx": frozenset({"all_links"}),
}


def _writer(fmt: str) -> Callable[..., object]:
    if fmt == "pdf":
        return _pdf_writer()
    if fmt not in _CORE_WRITERS:
        raise ExportError(f"Unknown export format {fmt!r}.", hint=f"Use one of: {', '.join(FORMATS)}.")
    module, name = _CORE_WRITERS[fmt]
    writer: Callable[..., object] = getattr(import_module(module), name)
    return writer


def _pdf_writer() -> Callable[..., object]:
    found = {ep.name: ep for ep in entry_points(group="khaddam_align.exporters")}
    if "pdf" not in found:
        raise ExportError(
            "PDF export needs the desktop app's Qt package, which is not installed.",
            hint="Reinstall khaddam-align with its ui package (pip install -e .), or export html.",
        )
    writer: Callable[..., object] = found["pdf"].load()
    return writer


def write_document(
    document: Document,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    options: ExportOptions | None = None,
    notes: list[str] | None = None,
) -> Path:
    """Write ``document`` to ``path`` in ``fmt`` (default: from the extension).

    The file appears all at once (``export.atomic``): a failure leaves the previous file.
    What the user should know about the output (characters replaced) is appended to ``notes``.
    """
    fmt = resolve_format(path, fmt)
    opts = options or ExportOptions()
    target = Path(path)
    if not target.parent.is_dir():
        raise ExportError(
            f"Cannot write {target}: the folder {target.parent} does not exist.",
            hint="Create the folder or choose another output file with -o.",
        )
    writer = _writer(fmt)
    kwargs: dict[str, Any] = {
        "only_divergences": opts.only_divergences,
        "only_confirmed": opts.only_confirmed,
        "all_links": opts.tmx_all_links,
    }
    accepted = _OPTIONS[fmt]
    try:
        said = writer(document, target, **{k: v for k, v in kwargs.items() if k in accepted})
    except Exception as exc:
        reason = _io_failure(exc)
        if reason is None:
            raise
        raise ExportError(
            f"Cannot write {target}: {reason}.",
            hint="Check the folder's permissions and free space, or choose another file with -o.",
        ) from exc
    if notes is not None and isinstance(said, list):
        notes.extend(str(n) for n in said)
    return target


def _io_failure(exc: BaseException) -> str | None:
    """Why writing failed, if ``exc`` is a disk/file fault (also lxml's ``SerialisationError: IO_EFBIG``)."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    if type(exc).__name__ == "SerialisationError" and str(exc).startswith("IO_"):
        code = getattr(errno, str(exc)[3:], None)
        return os.strerror(code) if isinstance(code, int) else str(exc)
    return None


def export_alignment(
    ws: Workspace,
    alignment_id: int,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    options: ExportOptions | None = None,
    notes: list[str] | None = None,
) -> Path:
    """Build the document of ``alignment_id`` and write it to ``path`` (see ``write_document``)."""
    fmt = resolve_format(path, fmt)
    with ws.session() as session:
        document = build_document(session, alignment_id)
    return write_document(document, path, fmt=fmt, options=options, notes=notes)


def export_view(
    ws: Workspace,
    alignment_ids: list[int],
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    options: ExportOptions | None = None,
    notes: list[str] | None = None,
) -> Path:
    """Export what a view shows: one alignment, or a work's three (original ↔ first, original ↔ second,
    first ↔ second). HTML and PDF then show three columns and every pair's divergences; the JSON
    document carries the other two alignments under ``"companions"``; CSV and XLSX write every pair's links
    with a ``pair`` column (XLSX also a ``divergences`` sheet of every pair); TMX writes the first pair and
    says so in a header note (also returned in ``notes``)."""
    fmt = resolve_format(path, fmt)
    with ws.session() as session:
        document = build_work_document(session, list(alignment_ids))
    return write_document(document, path, fmt=fmt, options=options, notes=notes)
