"""Reading one file into text: checks, format, decoding or extraction.

Every user mistake (missing file, folder, empty file, unknown format,
undecodable bytes) becomes a ``SourceError`` naming the file and what to do.
Nothing here touches the workspace.
"""

from __future__ import annotations

import hashlib
import os
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
    if not p.exists():
        raise SourceError(f"{name}: no such file.", hint="Check the name and folder.")
    if p.is_dir():
        raise SourceError(f"{name}: is a folder, not a file.", hint=f"Give the files in it, e.g. {name}/*.txt.")
    try:
        if p.stat().st_size > MAX_BYTES:
            raise SourceError(
                f"{name}: the file is larger than {MAX_BYTES // 1_000_000} MB; this is not an article.",
                hint="Check that you chose the right file.",
            )
        data = p.read_bytes()
    except OSError as exc:
        raise SourceError(f"{name}: cannot be read ({exc.strerror}).", hint="Check the file's permissions.") from exc
    suffix = p.suffix.lower()
    if suffix not in FORMATS:
        raise SourceError(f"{name}: cannot import {suffix} files.", hint=f"Save or export it as {SUPPORTED}.")
    fmt = FORMATS[suffix]
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


def text_source(text: str, *, name: str = "pasted text") -> Source:
    """Pasted text as a source (its sha256 is that of its UTF-8 bytes)."""
    if not text.strip():
        raise SourceError(f"{name}: there is no text to import.", hint="Paste some text first.")
    return Source(name, hashlib.sha256(text.encode("utf-8")).hexdigest(), text, "paste", "")
