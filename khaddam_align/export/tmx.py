"""TMX 1.4 translation memories from an alignment document, for CAT tools.

One ``<tu>`` per confirmed link (or, with ``all_links``, per link that has text
on both sides and is not rejected). Each ``<tuv>`` carries the rendering's
language and publisher; the ``<tu>`` carries the link's score and status.
Characters XML forbids (control characters from a damaged source, U+FFFE/U+FFFF,
lone surrogates) are replaced by U+FFFD, and a header ``<note>`` says how many.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from khaddam_align.export.atomic import atomic_file
from khaddam_align.export.document import Document
from khaddam_align.export.rows import XmlCleaner

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def _tmx_date(iso: str | None) -> str:
    moment = datetime.fromisoformat(iso) if iso else datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _prop(parent: ET.Element, kind: str, value: str, clean: XmlCleaner) -> None:
    if value:
        ET.SubElement(parent, "prop", {"type": kind}).text = clean(value)


def build_tmx(
    document: Document, *, all_links: bool = False, clean: XmlCleaner | None = None
) -> ET.ElementTree[ET.Element]:
    """The TMX tree (see ``write_tmx``); ``clean`` counts the characters XML forbids that it replaced."""
    clean = clean or XmlCleaner()
    renderings = document["renderings"]
    langs = {side: renderings[side]["language"] or "und" for side in ("a", "b")}
    texts = {side: {s["index"]: s["text"] for s in document["segments"][side]} for side in ("a", "b")}
    tool = document.get("generator", {})
    created = _tmx_date(document["alignment"].get("updated"))

    root = ET.Element("tmx", {"version": "1.4"})
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": tool.get("name", "khaddam-align"),
            "creationtoolversion": tool.get("version", "unknown"),
            "segtype": "sentence",
            "o-tmf": "khaddam-align",
            "adminlang": "en",
            "srclang": langs["a"],
            "datatype": "plaintext",
            "creationdate": created,
        },
    )
    # Which alignment, made how: the method and the aligner's full settings.
    alignment = document["alignment"]
    _prop(header, "x-khaddam-alignment-method", str(alignment.get("method") or ""), clean)
    _prop(header, "x-khaddam-alignment-settings", json.dumps(alignment.get("settings") or {}, ensure_ascii=False, sort_keys=True), clean)
    body = ET.SubElement(root, "body")
    for i, link in enumerate(document["links"]):
        if not (link["a"] and link["b"]):
            continue
        wanted = link["status"] != "rejected" if all_links else link["status"] == "confirmed"
        if not wanted:
            continue
        one_to_one = len(link["a"]) == 1 and len(link["b"]) == 1
        tu = ET.SubElement(
            body,
            "tu",
            {"tuid": str(i + 1), "segtype": "sentence" if one_to_one else "block", "creationdate": created},
        )
        _prop(tu, "x-score", f"{float(link['score']):.3f}", clean)
        _prop(tu, "x-status", link["status"], clean)
        _prop(tu, "x-link", f"{len(link['a'])}:{len(link['b'])}", clean)
        for side in ("a", "b"):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: langs[side]})
            _prop(tuv, "x-publisher", renderings[side].get("publisher", ""), clean)
            _prop(tuv, "x-date", renderings[side].get("date", ""), clean)
            _prop(tuv, "x-segments", " ".join(str(j) for j in link[side]), clean)
            ET.SubElement(tuv, "seg").text = clean(" ".join(texts[side].get(j, "") for j in link[side]))
    one_pair = one_pair_note(document)
    if one_pair:
        ET.SubElement(header, "note").text = clean(one_pair)
    if clean.replaced:
        ET.SubElement(header, "note").text = clean.note()
    return ET.ElementTree(root)


def one_pair_note(document: Document) -> str:
    """For a work's view (three pairs): TMX holds only the first pair, and says so ("" for one pair)."""
    companions = document.get("companions") or []
    if not companions:
        return ""
    from khaddam_align.export.tabular import pair_name

    others = "; ".join(pair_name(c) for c in companions)
    return (f"This TMX holds one pair only: {pair_name(document)}. The view's other pairs ({others}) are not in "
            "it; export CSV, XLSX, HTML, PDF or JSON to get every pair.")


def write_tmx(document: Document, path: str | os.PathLike[str], *, all_links: bool = False) -> list[str]:
    """Write a TMX 1.4 file (UTF-8, with the TMX 1.4 DOCTYPE); returns notes for the user."""
    clean = XmlCleaner()
    tree = build_tmx(document, all_links=all_links, clean=clean)
    ET.indent(tree, space=" ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    with atomic_file(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        fh.write(DOCTYPE + "\n")
        fh.write(body + "\n")
    return [n for n in (one_pair_note(document), clean.note()) if n]
