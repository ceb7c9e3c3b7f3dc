"""Text with control, bidi and XML-forbidden characters through every output format (hypothesis).

Each format either keeps the text exactly (JSON) or shows it safely: nothing that acts on a
terminal or reorders a report, every file valid for its format, never a crash.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import lxml.etree
import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from khaddam_align.export.service import export_alignment
from khaddam_align.storage import open_workspace
from khaddam_align.terminal import display_text
from tests.export.conftest import store_pair

ACTING = "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x7f\x85\x9b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe\uffff"
ALPHABET = st.sampled_from(list(ACTING) + list("ab =+-@<>&\"' \t") + list("قال خدام") + ["\r", "]", "0", ";", "\u200f"])
sentence = st.text(alphabet=ALPHABET, min_size=1, max_size=30).filter(lambda t: t.strip())
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
XML_FORBIDDEN = {c for c in ACTING if ord(c) < 0x20 and c not in "\t\n\r"} | {"\ufffe", "\uffff"}
OUTPUT = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60), mode=st.sampled_from(["on", "off", "auto"]))
def test_terminal(text: str, mode: str) -> None:
    shown = display_text(text, mode=mode, stream=Tty())
    assert not any((ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or c in BIDI for c in shown)


@OUTPUT
@given(a=st.lists(sentence, min_size=1, max_size=3), b=st.lists(sentence, min_size=1, max_size=3))
def test_every_file_format(a: list[str], b: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws = open_workspace(folder / "ws.sqlite")
        try:
            n = min(len(a), len(b))
            pair = store_pair(ws, a, b, a_lang="en", b_lang="ar",
                              links=[([i], [i], 0.5, "confirmed") for i in range(n)])
            for fmt in ("json", "html", "csv", "xlsx", "tmx"):
                export_alignment(ws, pair.alignment_id, folder / f"r.{fmt}")
        finally:
            ws.close()

        doc = json.loads((folder / "r.json").read_text(encoding="utf-8"))
        assert [s["text"] for s in doc["segments"]["a"]] == a  # JSON keeps the text exactly
        assert [s["text"] for s in doc["segments"]["b"]] == b

        html = (folder / "r.html").read_text(encoding="utf-8")
        assert not (set(html) & (BIDI | XML_FORBIDDEN | {"\x1b", "\x85", "\x9b", "\x7f"}))
        tree = lxml.html.fromstring(html)
        cells = tree.xpath("//tr[starts-with(@id, 'link-')]/td[contains(@class, 'text')]")
        assert len(cells) == 2 * n
        for cell in cells:
            assert len(cell.xpath("./bdi")) == 1  # every segment isolated

        with open(folder / "r.csv", encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert len(rows) == n + 1
        assert not any(ord(c) < 0x20 and c not in "\t\n\r" for row in rows for cell in row for c in cell)

        sheet = load_workbook(folder / "r.xlsx")["links"]
        assert sheet.max_row == n + 1

        tmx = lxml.etree.parse(str(folder / "r.tmx"))  # well-formed XML
        segs = [s.text or "" for s in tmx.iter("seg")]
        assert len(segs) == 2 * n
        assert not any(c in XML_FORBIDDEN for seg in segs for c in seg)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=st.lists(sentence, min_size=1, max_size=2))
def test_pdf(a: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws = open_workspace(folder / "ws.sqlite")
        try:
            pair = store_pair(ws, a, a, a_lang="ar", b_lang="en", links=[([i], [i], 0.5, "auto") for i in range(len(a))])
            export_alignment(ws, pair.alignment_id, folder / "r.pdf")
        finally:
            ws.close()
        assert (folder / "r.pdf").read_bytes().startswith(b"%PDF")
