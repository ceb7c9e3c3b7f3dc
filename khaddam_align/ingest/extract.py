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


def extract_docx(data: bytes, *, name: str) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
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
