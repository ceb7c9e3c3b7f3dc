"""Article text out of HTML (trafilatura) and DOCX (python-docx).

For these formats the **stored text is the extracted text**: paragraphs joined
by a blank line, the document title first when the extractor found one. The
original file's bytes are still identified by their sha256.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from khaddam_align.errors import SourceError


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    # title, author, date, publisher, url; any other key is kept in Rendering.extra
    metadata: dict[str, str] = field(default_factory=dict)


def _join(paragraphs: list[str], *, title: str = "") -> str:
    paras = [p.strip() for p in paragraphs if p.strip()]
    if title and (not paras or paras[0] != title.strip()):
        paras.insert(0, title.strip())
    return "\n\n".join(paras)


def extract_html(data: bytes, *, name: str) -> Extracted:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura raises many types on malformed input
        raise SourceError(
            f"{name}: the HTML could not be read ({exc}).",
            hint="Save the page again (File > Save as, HTML only) or copy its text into a .txt file.",
        ) from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise SourceError(
            f"{name}: no article text found in this HTML page.",
            hint="Copy the article text into a .txt file and import that.",
        )
    meta = {
        "title": getattr(doc, "title", None) or "",
        "author": getattr(doc, "author", None) or "",
        "date": getattr(doc, "date", None) or "",
        "publisher": getattr(doc, "sitename", None) or "",
        "url": getattr(doc, "url", None) or "",
    }
    return Extracted(_join(text.split("\n"), title=meta["title"]), {k: v for k, v in meta.items() if v})


# Zip containers (DOCX): checked before anything is unpacked. A real article's .docx
# unpacks to a few MB in a few dozen entries; a "zip bomb" claims or produces far more.
MAX_ZIP_ENTRIES = 2_000
MAX_UNPACKED_BYTES = 200_000_000  # everything, images included
MAX_XML_BYTES = 12_000_000  # the markup python-docx parses into memory (~25x in RAM); 12 MB is ~2,000 pages
_DTD = (b"<!DOCTYPE", b"<!ENTITY")


def check_zip(data: bytes, *, name: str) -> None:
    """Refuse a zip whose entry count, unpacked size or XML parts are hostile (``SourceError``).

    The sizes the zip's directory claims are checked first; then every entry is
    unpacked in bounded chunks, counting the bytes it really produces, so a directory
    that lies about sizes is caught too. XML parts may not declare a DTD or entities
    (Word never writes one; they are how "billion laughs" and external-entity files work).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise _not_docx(name) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise SourceError(
                f"{name}: the archive holds {len(infos)} entries (at most {MAX_ZIP_ENTRIES}); this is not a Word article.",
                hint="Check that you chose the right file.",
            )
        claimed = sum(i.file_size for i in infos)
        if claimed > MAX_UNPACKED_BYTES:
            raise _bomb(name)
        total = markup = 0
        for info in infos:
            is_xml = info.filename.endswith((".xml", ".rels"))
            try:
                with archive.open(info) as member:
                    head = b""
                    while chunk := member.read(1 << 20):
                        total += len(chunk)
                        markup += len(chunk) if is_xml else 0
                        if total > MAX_UNPACKED_BYTES:
                            raise _bomb(name)
                        if markup > MAX_XML_BYTES:
                            raise SourceError(
                                f"{name}: the document's XML unpacks to more than {MAX_XML_BYTES // 1_000_000} MB; "
                                "this is not a Word article.",
                                hint="Check that you chose the right file, or save its text as .txt.",
                            )
                        if len(head) < 4096:
                            head += chunk[:4096]
            except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
                raise _not_docx(name) from exc
            if is_xml and _declares_dtd(head):
                raise SourceError(
                    f"{name}: {info.filename} declares a DTD or entities, which Word files never do.",
                    hint="Open it in a word processor and save it again as .docx, or save it as .txt.",
                )


def _declares_dtd(head: bytes) -> bool:
    """Whether the start of an XML part (UTF-8 or UTF-16) has ``<!DOCTYPE`` or ``<!ENTITY``."""
    head = head.upper()
    return any(
        marker.decode().encode(encoding).upper() in head
        for marker in _DTD
        for encoding in ("utf-8", "utf-16-le", "utf-16-be")
    )


def _bomb(name: str) -> SourceError:
    return SourceError(
        f"{name}: the archive unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB; this is not a Word article.",
        hint="Check that you chose the right file.",
    )


def _not_docx(name: str) -> SourceError:
    return SourceError(
        f"{name}: not a readable Word .docx file.",
        hint="Open it in a word processor and save it again as .docx (not .doc), or as .txt.",
    )


def extract_docx(data: bytes, *, name: str) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError  # type: ignore[import-untyped]

    check_zip(data, name=name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError) as exc:
        raise SourceError(
            f"{name}: not a readable Word .docx file.",
            hint="Open it in a word processor and save it again as .docx (not .doc), or as .txt.",
        ) from exc
    paragraphs: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tc"):
                    paragraphs.append(" ".join(t.text or "" for t in row.iter() if t.tag.endswith("}t")))
    text = _join(paragraphs)
    if not text:
        raise SourceError(f"{name}: the Word document has no text.", hint="Check that you chose the right file.")
    props = document.core_properties
    # The file's "author" property is whoever typed it, not the article's author:
    # kept aside (extra), not used as the rendering's author.
    meta = {"title": props.title or "", "docx_author": props.author or ""}
    return Extracted(text, {k: v for k, v in meta.items() if v})
