"""HTML and DOCX: the stored text is the extracted article text."""

from __future__ import annotations

import io

import docx
import pytest

from khaddam_align.errors import SourceError
from khaddam_align.ingest.extract import extract_docx, extract_html

PARA1 = "The delegation arrived in Tehran on the morning of 16 March 2003, and the talks began at once."
PARA2 = "Both sides agreed to keep their communication lines open during the war, officials said later."


def _page(body: str, title: str = "Talks in Tehran") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        "<meta name='author' content='Jane Reporter'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>© The Paper, all rights reserved</footer></body></html>"
    ).encode()


def test_html_article_text_and_metadata() -> None:
    got = extract_html(_page(f"<p>{PARA1}</p><p>{PARA2}</p>"), name="page.html")
    assert got.text == f"Talks in Tehran\n\n{PARA1}\n\n{PARA2}"
    assert got.metadata["title"] == "Talks in Tehran"
    assert got.metadata["author"] == "Jane Reporter"
    assert "Home" not in got.text
    assert "rights reserved" not in got.text


def test_html_arabic() -> None:
    para = "وصل الوفد إلى طهران صباح السادس عشر من آذار، وبدأت المحادثات على الفور بين الجانبين."
    got = extract_html(_page(f"<p>{para}</p><p>{para[::-1]}</p>", title="محادثات طهران"), name="ar.html")
    assert para in got.text
    assert got.text.startswith("محادثات طهران\n\n")


def test_html_without_article_text_is_an_error() -> None:
    with pytest.raises(SourceError, match=r"empty\.html: no article text"):
        extract_html(b"<html><head><title>T</title></head><body><img src=x.png></body></html>", name="empty.html")


def _docx(paragraphs: list[str], *, title: str = "", author: str = "") -> bytes:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "cell one"
    table.cell(0, 1).text = "cell two"
    document.core_properties.title = title
    document.core_properties.author = author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_in_order_with_tables() -> None:
    got = extract_docx(_docx([PARA1, "", PARA2], title="Minutes", author="typist"), name="m.docx")
    assert got.text == f"{PARA1}\n\n{PARA2}\n\ncell one\n\ncell two"
    assert got.metadata == {"title": "Minutes", "docx_author": "typist"}


def test_broken_docx_is_an_error() -> None:
    with pytest.raises(SourceError, match=r"bad\.docx: not a readable Word \.docx file"):
        extract_docx(b"PK\x03\x04 not really a zip", name="bad.docx")
