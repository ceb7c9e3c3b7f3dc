"""TMX 1.4: well-formed, valid against the TMX 1.4 DTD, readable by translate-toolkit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from khaddam_align.export.document import build_document
from khaddam_align.export.tmx import write_tmx
from khaddam_align.storage import Workspace

DTD = Path(__file__).parent / "data" / "tmx14.dtd"


def _validate(path: Path) -> etree._ElementTree:
    tree = etree.parse(str(path))  # raises if not well-formed
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    return tree


def _doc(ws: Workspace, alignment_id: int) -> dict[str, Any]:
    with ws.session() as s:
        return build_document(s, alignment_id)


def test_confirmed_links_only_by_default(ws: Workspace, ar_en: Any, tmp_path: Path) -> None:
    out = tmp_path / "pairs.tmx"
    write_tmx(_doc(ws, ar_en.alignment_id), out)
    tree = _validate(out)
    header = tree.find("header")
    assert header is not None
    assert header.get("srclang") == "ar"
    assert header.get("creationtool") == "khaddam-align"
    tus = tree.findall("body/tu")
    assert len(tus) == 1  # only link 0 is confirmed
    langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tus[0].findall("tuv")]
    assert langs == ["ar", "en"]
    props = {p.get("type"): p.text for p in tus[0].findall("prop")}
    assert props["x-status"] == "confirmed"
    assert props["x-score"] == "0.950"
    publishers = [tuv.findtext("prop[@type='x-publisher']") for tuv in tus[0].findall("tuv")]
    assert publishers == ["الشرق الأوسط", "Asharq Al-Awsat"]


def test_translate_toolkit_reads_the_pairs(ws: Workspace, ar_en: Any, english: list[str], tmp_path: Path) -> None:
    from translate.storage.tmx import tmxfile

    out = tmp_path / "pairs.tmx"
    doc = _doc(ws, ar_en.alignment_id)
    write_tmx(doc, out, all_links=True)
    _validate(out)
    with out.open("rb") as fh:
        store = tmxfile(fh, sourcelanguage="ar", targetlanguage="en")
    pairs = [(u.source, u.target) for u in store.units]
    arabic = [s["text"] for s in doc["segments"]["a"]]
    assert pairs == list(zip(arabic, english, strict=True))


def test_nm_links_and_rejected(ws: Workspace, store: Any, tmp_path: Path) -> None:
    pair = store(
        ws,
        ["One.", "Two.", "Three.", "Four."],
        ["One and two.", "Extra.", "Three.", "Four."],
        a_lang="en",
        links=[
            ([0, 1], [0], 0.7, "auto"),
            ([], [1], 0.6, "confirmed"),
            ([2], [2], 0.9, "rejected"),
            ([3], [3], 0.9, "auto"),
        ],
    )
    out = tmp_path / "all.tmx"
    write_tmx(_doc(ws, pair.alignment_id), out, all_links=True)
    tree = _validate(out)
    segs = [[tuv.findtext("seg") for tuv in tu.findall("tuv")] for tu in tree.findall("body/tu")]
    assert segs == [["One. Two.", "One and two."], ["Four.", "Four."]]
    assert [tu.get("segtype") for tu in tree.findall("body/tu")] == ["block", "sentence"]
    from translate.storage.tmx import tmxfile

    with out.open("rb") as fh:  # two English renderings: both tuvs are "en", read in order
        assert [(u.source, u.target) for u in tmxfile(fh).units] == [tuple(p) for p in segs]


def test_hostile_text_is_valid_xml(ws: Workspace, store: Any, tmp_path: Path) -> None:
    hostile = [
        "<script>alert(1)</script> & <img src=x onerror=alert(1)>",
        "bell\x07 nul\x00 esc\x1b vt\x0b end\x1f" + "x" * 20000,
        "]]> <![CDATA[ &amp; \"quoted\" 'single'",
    ]
    pair = store(ws, hostile, hostile, a_lang="en", links=[([i], [i], 1.0, "confirmed") for i in range(3)])
    out = tmp_path / "hostile.tmx"
    write_tmx(_doc(ws, pair.alignment_id), out)
    tree = _validate(out)
    segs = [tu.find("tuv/seg").text for tu in tree.findall("body/tu")]  # type: ignore[union-attr]
    assert segs[0] == hostile[0]  # markup is text, not elements
    assert segs[1].startswith("bell\ufffd nul\ufffd esc\ufffd vt\ufffd end\ufffd")  # replaced one for one
    assert "replaced by U+FFFD" in (tree.findtext("header/note") or "")
    assert "\x00" not in segs[1]
    assert segs[2] == hostile[2]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_srclang_follows_side_a(ws: Workspace, store: Any, tmp_path: Path, lang: str) -> None:
    pair = store(ws, ["a."], ["b."], a_lang=lang, links=[([0], [0], 1.0, "confirmed")])
    out = tmp_path / "x.tmx"
    write_tmx(_doc(ws, pair.alignment_id), out)
    assert _validate(out).find("header").get("srclang") == lang  # type: ignore[union-attr]
