"""Reading one file into text: checks, format, decoding or extraction.

Every user mistake (missing file, folder, empty file, unknown format,
undecodable bytes) becomes a ``SourceError`` naming the file and what to do.
Nothing here touches the workspace.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from khaddam_align.errors import SourceError
from khaddam_align.ingest.decode import decode_bytes
from khaddam_align.ingest.extract import extract_docx, extract_html

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    "": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}
MAX_BYTES = 100_000_000  # far above any article; guards against importing a disk image by mistake
# HTML extraction needs ~40x the page in memory and ~5 s per MB: a page is bounded more tightly.
MAX_HTML_BYTES = 15_000_000
SUPPORTED = "plain text (.txt: UTF-8/16/32, Windows-1256/1252, ISO-8859-6/-1, Mac Arabic), HTML (.html, .htm) or Word (.docx)"

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old-style Office file (.doc/.xls)",
    b"PK\x03\x04": "a ZIP archive (a .docx? then name it .docx)",
}


@dataclass(frozen=True, slots=True)
class Source:
    """A file (or pasted text) read and checked, not yet stored."""

    name: str  # file name (or "pasted text"), as shown to the user
    sha256: str  # of the file's bytes
    text: str
    file_format: str  # text | html | docx | paste
    encoding: str  # for text files; "" otherwise
    metadata: dict[str, str] = field(default_factory=dict)  # what an HTML/DOCX extractor found


def read_source(path: str | os.PathLike[str]) -> Source:
    """Read and check one file; raises ``SourceError`` with what to do."""
    p = Path(path)
    name = os.fspath(path)
    suffix = p.suffix.lower()
    if suffix not in FORMATS and not p.is_dir():
        raise SourceError(f"{name}: cannot import {suffix} files.", hint=f"Save or export it as {SUPPORTED}.")
    fmt = FORMATS.get(suffix, "text")  # a folder named *.pdf is refused by read_limited
    data = read_limited(p, name=name, limit=MAX_HTML_BYTES if fmt == "html" else None)
    if not data.strip():
        raise SourceError(f"{name}: the file is empty.", hint="Choose a file with text in it.")
    if fmt != "docx":
        for magic, what in _MAGIC.items():
            if data.startswith(magic):
                raise SourceError(f"{name}: this is {what}, not text.", hint=f"Import {SUPPORTED}.")
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "text":
        decoded = decode_bytes(data, name=name)
        source = Source(p.name, sha, decoded.text, "text", decoded.encoding)
    else:
        extracted = extract_html(data, name=name) if fmt == "html" else extract_docx(data, name=name)
        source = Source(p.name, sha, extracted.text, fmt, "", dict(extracted.metadata))
    if not source.text.strip():
        raise SourceError(f"{name}: the file has no text.", hint="Choose a file with text in it.")
    return source


def _refuse_special(name: str, mode: int) -> None:
    """Only regular files are read: a device, FIFO or socket would hang or never end."""
    if stat.S_ISDIR(mode):
        raise SourceError(f"{name}: is a folder, not a file.", hint=f"Give the files in it, e.g. {name}/*.txt.")
    if not stat.S_ISREG(mode):
        what = (
            "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "not a regular file"
        )
        raise SourceError(f"{name}: is {what}, not a regular file.", hint="Import a saved .txt, .html or .docx file.")


def _too_large(name: str, limit: int) -> SourceError:
    return SourceError(
        f"{name}: the file is larger than {limit // 1_000_000} MB; this is not an article.",
        hint="Check that you chose the right file.",
    )


def read_limited(path: Path, *, name: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` (default ``MAX_BYTES``) of them.

    The file's type is checked with ``os.stat`` before opening (it follows a symlink,
    so a link to /dev/zero is refused as a device) and again on the open descriptor
    (opened non-blocking, so a FIFO swapped in meanwhile cannot hang us). The limit is
    enforced on the bytes actually read, not on the size the file system reports.
    """
    limit = MAX_BYTES if limit is None else limit
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file.", hint="Check the name and folder.") from None
    except OSError as exc:
        raise SourceError(f"{name}: cannot be read ({exc.strerror}).", hint="Check the file's permissions.") from exc
    _refuse_special(name, before.st_mode)
    if before.st_size > limit:
        raise _too_large(name, limit)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise SourceError(f"{name}: cannot be read ({exc.strerror}).", hint="Check the file's permissions.") from exc
    try:
        _refuse_special(name, os.fstat(fd).st_mode)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise SourceError(f"{name}: cannot be read ({exc.strerror}).", hint="Check the file's permissions.") from exc
    finally:
        os.close(fd)
    if total > limit:
        raise _too_large(name, limit)
    return b"".join(chunks)


def text_source(text: str, *, name: str = "pasted text") -> Source:
    """Pasted text as a source (its sha256 is that of its UTF-8 bytes)."""
    if not text.strip():
        raise SourceError(f"{name}: there is no text to import.", hint="Paste some text first.")
    return Source(name, hashlib.sha256(text.encode("utf-8")).hexdigest(), text, "paste", "")
