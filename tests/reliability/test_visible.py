"""Control and bidi characters are shown, never acted on: terminal, HTML report, app text."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import lxml.html

from khaddam_align.export.document import build_document
from khaddam_align.export.html import render_html
from khaddam_align.storage import Workspace
from khaddam_align.terminal import display_text
from khaddam_align.text.visible import visible, visible_same_length

TITLE_ESCAPE = "report\x1b]0;owned\x07 done"
RLO = "price \u202e001$ total"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_visible_marks() -> None:
    assert visible(TITLE_ESCAPE) == "report\u241b]0;owned\u2407 done"
    assert visible(RLO) == "price \u27e8RLO\u27e9001$ total"
    assert visible("c1\x9bx") == "c1\\x9bx"
    assert visible("tab\tline\n") == "tab\tline\n"
    assert visible("cr\r", keep="") == "cr\u240d"


def test_same_length_keeps_offsets() -> None:
    text = "a\u202eb\u202cc\x1b\x85\u2067d\u2069"
    shown = visible_same_length(text)
    assert len(shown) == len(text)
    assert shown == "a\u27e8b\u27e9c\u241b\ufffd\u27e8d\u27e9"


def test_terminal_never_gets_acting_characters() -> None:
    for mode in ("on", "off", "auto"):
        for stream in (Tty(), io.StringIO()):
            for text in (TITLE_ESCAPE, RLO, "قال \u202eخدام\u202c نعم\x9b"):
                shown = display_text(text, mode=mode, stream=stream)
                assert not any(ord(c) < 0x20 and c not in "\t\n" for c in shown)
                assert not any(0x7F <= ord(c) <= 0x9F for c in shown)
                assert not any(c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for c in shown)


def test_html_isolates_segments_and_shows_controls(ws: Workspace, store: Any, tmp_path: Path) -> None:
    pair = store(ws, ["one \u202eevil", "two \x1b[31m red"], ["قال \u2067خدام", "نعم"], a_lang="en", b_lang="ar",
                 links=[([0, 1], [0, 1], 0.9, "auto")])
    with ws.session() as s:
        html = render_html(build_document(s, pair.alignment_id))
    for ch in "\u202e\u2067\x1b":
        assert ch not in html
    tree = lxml.html.fromstring(html)
    a_cell, b_cell = tree.xpath("//tr[@id='link-0']/td[contains(@class, 'text')]")
    assert [b.get("dir") for b in a_cell.xpath(".//bdi")] == ["ltr", "ltr"]  # one isolate per segment
    assert [b.get("dir") for b in b_cell.xpath(".//bdi")] == ["rtl", "rtl"]
    marks = {(m.text_content(), m.get("title")) for m in tree.xpath("//span[@class='ctl']")}
    assert ("\u27e8RLO\u27e9", "U+202E RIGHT-TO-LEFT OVERRIDE") in marks
    assert ("\u27e8RLI\u27e9", "U+2067 RIGHT-TO-LEFT ISOLATE") in marks
    assert a_cell.xpath(".//bdi")[1].text_content() == "two \u241b[31m red"
    assert "unicode-bidi: isolate" in html
