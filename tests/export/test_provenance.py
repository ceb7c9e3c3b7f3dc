"""Every report and document says which version made it and with which aligner settings."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from khaddam_align.demo import open_demo
from khaddam_align.export.service import export_alignment
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Alignment
from khaddam_align.version import tool_version


@pytest.fixture
def demo_alignment(ws: Workspace) -> tuple[int, dict[str, object]]:
    aid = open_demo(ws).alignment_ids[0]
    with ws.session() as s:
        settings = dict(s.get(Alignment, aid).settings)  # type: ignore[union-attr]
    assert settings
    return aid, settings


def test_the_installed_version_is_known_and_from_git() -> None:
    version = tool_version()
    assert version != "unknown"
    assert version[0].isdigit()


def test_json_html_tmx_xlsx_carry_version_and_settings(
    ws: Workspace, tmp_path: Path, demo_alignment: tuple[int, dict[str, object]]
) -> None:
    aid, settings = demo_alignment
    version = tool_version()
    doc = json.loads(export_alignment(ws, aid, tmp_path / "a.json").read_text("utf-8"))
    assert doc["generator"] == {"name": "khaddam-align", "version": version}
    assert doc["alignment"]["settings"] == settings

    html = export_alignment(ws, aid, tmp_path / "a.html").read_text("utf-8")
    assert f"khaddam-align {version}" in html
    for key in settings:
        assert key in html

    tmx = export_alignment(ws, aid, tmp_path / "a.tmx").read_text("utf-8")
    assert f'creationtoolversion="{version}"' in tmx
    assert "x-khaddam-alignment-settings" in tmx
    for key in settings:
        assert key in tmx

    from openpyxl import load_workbook

    book = load_workbook(export_alignment(ws, aid, tmp_path / "a.xlsx"))
    about = {row[0]: row[1] for row in book["about"].iter_rows(values_only=True)}
    assert about["version"] == version
    assert json.loads(str(about["settings"])) == settings
    assert book.properties.creator == f"khaddam-align {version}"


@pytest.mark.gui
def test_pdf_carries_version_and_settings(ws: Workspace, tmp_path: Path, demo_alignment: tuple[int, dict[str, object]]) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    aid, settings = demo_alignment
    pdf = export_alignment(ws, aid, tmp_path / "a.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # Qt may break a long version or key at the line's end: compare without white space.
    flat = "".join(text.split())
    assert f"khaddam-align{tool_version()}" in flat
    for key in settings:
        assert key in flat
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert tool_version() in info
