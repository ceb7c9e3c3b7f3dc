"""The HTML report: provenance, counts, escaping, and a real headless browser."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
from hypothesis import given
from hypothesis import strategies as st

from khaddam_align.export.document import build_document
from khaddam_align.export.html import highlight, render_html, write_html
from khaddam_align.storage import Workspace

HOSTILE = [
    "<script>alert(1)</script> opening words.",
    '<img src=x onerror=alert(1)> and <a href="javascript:alert(2)">a link</a>.',
    '=HYPERLINK("http://evil.example","x") +cmd @SUM(1) -1',
    "ctrl \x00\x01\x07\x1b\x1f end. " + "long " * 5000,
    '</td></tr></table><style>body{display:none}</style><link rel=stylesheet href="http://127.0.0.1:9/x.css">',
]


# Where "end" of HOSTILE[3] starts in the stored text (sentences are laid out "\n\n" apart).
_END = sum(len(h) + 2 for h in HOSTILE[:3]) + HOSTILE[3].index("end")


def _doc(ws: Workspace, alignment_id: int) -> dict[str, Any]:
    with ws.session() as s:
        return build_document(s, alignment_id)


def _tree(html: str) -> Any:
    return lxml.html.document_fromstring(html)


def test_highlight_escapes_every_piece() -> None:
    out = highlight("a <b> c & d", [(2, 5, "chg"), (3, 4, "ev"), (8, 9, "ins")])
    assert str(out) == (
        'a <span class="chg">&lt;</span><span class="chg ev">b</span><span class="chg">&gt;</span>'
        ' c <span class="ins">&amp;</span> d'
    )
    assert str(highlight("<x>", [])) == "&lt;x&gt;"
    assert str(highlight("abc", [(-5, 99, "ev")])) == '<span class="ev">abc</span>'


def test_report_header_and_counts(ws: Workspace, ar_en: Any, tmp_path: Path) -> None:
    doc = _doc(ws, ar_en.alignment_id)
    out = tmp_path / "report.html"
    write_html(doc, out)
    tree = _tree(out.read_text(encoding="utf-8"))
    text = tree.text_content()
    for needle in (doc["renderings"]["a"]["sha256"], doc["renderings"]["b"]["sha256"], "Asharq Al-Awsat",
                   "الشرق الأوسط", "2021-04-26", "a.txt", "khaddam-align", '"max_bead": 3', "1:1 × 3",
                   "confirmed × 1", "auto × 2", "checked against the scan", "editor"):
        assert needle in text, needle
    assert len(tree.xpath("//table[@class='pairs']//tr[starts-with(@id, 'link-')]")) == 3
    arabic_cells = tree.xpath("//td[@lang='ar']")
    assert arabic_cells
    assert all(td.get("dir") == "rtl" for td in arabic_cells)
    assert not tree.xpath("//script | //img | //link | //iframe | //object | //embed")
    assert len(tree.xpath("//div[@class='strip']/a")) == 3


def test_filters(ws: Workspace, ar_en: Any) -> None:
    doc = _doc(ws, ar_en.alignment_id)
    only_div = _tree(render_html(doc, only_divergences=True))
    assert [tr.get("id") for tr in only_div.xpath("//tr[starts-with(@id, 'link-')]")] == ["link-2"]
    # The strip still shows the whole alignment; only shown rows are link targets.
    assert [a.get("href") for a in only_div.xpath("//div[@class='strip']/a")] == ["#link-2"]
    assert len(only_div.xpath("//div[@class='strip']/span")) == 2
    only_conf = _tree(render_html(doc, only_confirmed=True))
    assert [tr.get("id") for tr in only_conf.xpath("//tr[starts-with(@id, 'link-')]")] == ["link-0"]
    assert "only confirmed links are shown" in only_conf.text_content()


def test_hostile_sources_show_as_text(ws: Workspace, store: Any, tmp_path: Path) -> None:
    pair = store(
        ws, HOSTILE, HOSTILE, a_lang="en",
        a_meta={"publisher": "<script>alert('pub')</script>", "title": "<b>t</b>"},
        divergences=[{"link": 1, "type": "<i>x</i>", "a_spans": [[0, 10]], "b_spans": [],
                      "description": "<script>alert(3)</script>\x00\x1b", "note": "<img src=y>\x07",
                      "reviewer": "<svg onload=alert(4)>"},
                     {"link": 3, "type": "number", "a_spans": [[_END, _END + 3]], "b_spans": [], "description": "d"}],
    )
    out = tmp_path / "hostile.html"
    write_html(_doc(ws, pair.alignment_id), out)
    html = out.read_text(encoding="utf-8")
    tree = _tree(html)
    assert not tree.xpath("//script | //img | //link | //svg | //iframe | //a[starts-with(@href, 'javascript')]")
    assert len(tree.xpath("//style")) == 1  # only ours
    text = tree.text_content()
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "<script>alert('pub')</script>" in text
    assert "<svg onload=alert(4)>" in text
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in html)
    # Evidence after control characters is still marked on the right words.
    assert [e.text_content() for e in tree.xpath("//tr[@id='link-3']/td[2]//span[contains(@class, 'ev')]")] == ["end"]
    assert len(tree.xpath("//tr[starts-with(@id, 'link-')]")) == len(HOSTILE)


def test_chromium_loads_report_offline_with_rtl_arabic(
    ws: Workspace, ar_en: Any, store: Any, tmp_path: Path, chromium: Callable[[Path], Any]
) -> None:
    # Control: the same check sees a page that does make a request.
    control = tmp_path / "control.html"
    control.write_text(
        '<html><head><meta http-equiv="Content-Security-Policy" content="img-src http:"></head><body>'
        '<img src="http://127.0.0.1:9/x.png"><img src="local.png"><script>undefined_call()</script></body></html>',
        encoding="utf-8",
    )
    seen_control = chromium(control)
    assert seen_control.page_requests == ["http://127.0.0.1:9/x.png"]
    assert len(seen_control.console) == 2  # the blocked local image and the script error

    out = tmp_path / "report.html"
    write_html(_doc(ws, ar_en.alignment_id), out)
    seen = chromium(out)
    assert seen.page_requests == []
    assert seen.console == []  # nothing blocked, no errors
    dom = _tree(seen.dom)
    assert dom.xpath("//h2[text()='Divergences']")  # loaded to the end
    cells = dom.xpath("//table[@class='pairs']//td[@lang='ar']")
    assert len(cells) == 3
    assert {td.get("dir") for td in cells} == {"rtl"}
    assert "خاتمي" in cells[0].text_content()


def test_chromium_hostile_report_runs_nothing(
    ws: Workspace, store: Any, tmp_path: Path, chromium: Callable[[Path], Any]
) -> None:
    pair = store(ws, HOSTILE, HOSTILE, a_lang="en")
    out = tmp_path / "hostile.html"
    write_html(_doc(ws, pair.alignment_id), out)
    seen = chromium(out)
    assert seen.page_requests == []
    assert seen.console == []
    dom = _tree(seen.dom)
    assert not dom.xpath("//script | //img | //link | //svg | //iframe")
    assert "<script>alert(1)</script>" in dom.text_content()


def test_english_pair_highlights_word_differences(ws: Workspace, store: Any) -> None:
    pair = store(
        ws,
        ["The president met the minister in Damascus."],
        ["The President met the prime minister in Tehran."],
        a_lang="en",
    )
    tree = _tree(render_html(_doc(ws, pair.alignment_id)))
    a_cell, b_cell = tree.xpath("//tr[@id='link-0']/td[contains(@class, 'text')]")
    marked_a = [span.text_content() for span in a_cell.xpath(".//span")]
    marked_b = {(span.get("class"), span.text_content()) for span in b_cell.xpath(".//span")}
    assert marked_a == ["Damascus"]  # case is not a difference
    assert ("ins", "prime") in marked_b
    assert ("chg", "Tehran") in marked_b
    assert a_cell.text_content() == "The president met the minister in Damascus."


@given(
    text=st.text(alphabet=st.sampled_from("ab <>&\"'ضع\n"), max_size=40),
    marks=st.lists(
        st.tuples(st.integers(-3, 45), st.integers(-3, 45), st.sampled_from(["chg", "del", "ins", "ev"])),
        max_size=6,
    ),
)
def test_highlight_keeps_every_character_once(text: str, marks: list[tuple[int, int, str]]) -> None:
    html = str(highlight(text, marks))
    fragment = lxml.html.fragment_fromstring(f"<div>{html}</div>") if text else None
    shown = fragment.text_content() if fragment is not None else ""
    assert shown == text
    assert "<" not in re.sub(r'</?span( class="[a-z ]+")?>', "", html)
