"""The JSON alignment document built from stored rows."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from khaddam_align.cli import main
from khaddam_align.errors import NotFound
from khaddam_align.export.document import SCHEMA, build_document
from khaddam_align.storage import Workspace


def test_document_has_the_issue_format(ws: Workspace, ar_en: Any) -> None:
    with ws.session() as s:
        doc = build_document(s, ar_en.alignment_id)
    assert doc["schema"] == SCHEMA
    assert set(doc) >= {"schema", "alignment", "renderings", "segments", "links", "divergences"}
    assert doc["alignment"]["id"] == ar_en.alignment_id
    assert doc["alignment"]["method"] == "test"
    assert doc["alignment"]["settings"] == {"max_bead": 3}
    assert datetime.fromisoformat(doc["alignment"]["created"]).utcoffset() == timedelta(0)
    assert doc["renderings"]["a"]["language"] == "ar"
    assert doc["renderings"]["b"]["publisher"] == "Asharq Al-Awsat"
    assert len(doc["renderings"]["a"]["sha256"]) == 64
    assert [lk["status"] for lk in doc["links"]] == ["confirmed", "auto", "auto"]
    assert doc["links"][0] == {"a": [0], "b": [0], "score": 0.95, "status": "confirmed", "note": ""}
    (div,) = doc["divergences"]
    assert div["link"] == 2
    assert div["verdict"] == "confirmed"
    assert div["reviewer"] == "editor"
    json.dumps(doc)  # JSON-ready


def test_segment_offsets_slice_the_stored_text(ws: Workspace, ar_en: Any, english: list[str]) -> None:
    with ws.session() as s:
        doc = build_document(s, ar_en.alignment_id)
    for side, text in (("a", ar_en.a_text), ("b", ar_en.b_text)):
        segs = doc["segments"][side]
        assert [seg["index"] for seg in segs] == list(range(len(segs)))
        for seg in segs:
            assert text[seg["start"] : seg["end"]] == seg["text"]
    assert [seg["text"] for seg in doc["segments"]["b"]] == english


def test_nm_and_one_sided_links(ws: Workspace, store: Any) -> None:
    pair = store(
        ws,
        ["One.", "Two.", "Three."],
        ["One and two.", "Extra.", "Three."],
        a_lang="en",
        links=[([0, 1], [0], 0.7, "auto"), ([], [1], 0.6, "auto"), ([2], [2], 0.9, "rejected")],
    )
    with ws.session() as s:
        doc = build_document(s, pair.alignment_id)
    assert [(lk["a"], lk["b"]) for lk in doc["links"]] == [([0, 1], [0]), ([], [1]), ([2], [2])]
    assert doc["links"][2]["status"] == "rejected"


def test_unknown_alignment_is_a_clear_error(ws: Workspace) -> None:
    with ws.session() as s, pytest.raises(NotFound, match="no alignment 99"):
        build_document(s, 99)


def test_cli_export_json(ws: Workspace, ar_en: Any, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "doc.json"
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "export", str(ar_en.alignment_id), "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == SCHEMA
    assert "خدام" in out.read_text(encoding="utf-8")  # not \u-escaped


def test_cli_export_unknown_alignment_is_one_line(ws: Workspace, db_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db_path), "export", "7", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    assert "no alignment 7" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("name", "fmt", "written"), [("x.pdf", "html", False), ("x.HTM", "json", False),
                                                       ("x.out", "json", True), ("x.json", "json", True)])
def test_cli_export_refuses_a_file_name_of_another_format(
    ws: Workspace, ar_en: Any, db_path: Path, tmp_path: Path, name: str, fmt: str, written: bool
) -> None:
    """``-o x.pdf --format html`` would write HTML that opens as a broken PDF: refused, nothing
    written; a name without a known extension takes the format given."""
    out = tmp_path / name
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "export", str(ar_en.alignment_id), "--format", fmt, "-o", str(out)]
    )
    assert out.exists() == written
    if written:
        assert result.exit_code == 0, result.output
        assert json.loads(out.read_text(encoding="utf-8"))["schema"] == SCHEMA
    else:
        assert result.exit_code == 1
        assert f"says {Path(name).suffix.lower().lstrip('.').replace('htm', 'html')}" in result.output
        assert f"x.{fmt}" in result.output  # the name to use instead
        assert "Traceback" not in result.output
