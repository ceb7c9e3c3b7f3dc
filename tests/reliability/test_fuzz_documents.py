"""Fuzzing ``import-alignment``: any JSON, or a real document with one field mangled, gives a
``DocumentError`` naming the problem (or imports), never another exception, and a refused
document writes nothing."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from khaddam_align.cli import main
from khaddam_align.export.document import build_document
from khaddam_align.export.merge import (
    DocumentError,
    check_document,
    import_alignment,
    read_document,
)
from khaddam_align.storage import Alignment, AuditEntry, Workspace
from tests.export.conftest import ARABIC, ENGLISH, store_pair

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=12)
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=20
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return doc


@pytest.fixture
def base(ws: Workspace) -> dict[str, Any]:
    pair = store_pair(
        ws,
        ARABIC,
        ENGLISH,
        links=[([0], [0], 0.9, "confirmed"), ([1], [1], 0.5, "auto"), ([2], [2], 0.4, "auto")],
        divergences=[{"link": 2, "type": "omission", "a_spans": [[0, 3]], "b_spans": [], "description": "d",
                      "verdict": "confirmed", "note": "n", "reviewer": "r", "detail": {"x": [1, {"y": 2}]}}],
    )
    with ws.session() as s:
        return build_document(s, pair.alignment_id)


def _state(ws: Workspace) -> tuple[int, int]:
    with ws.session() as s:
        return (s.scalar(select(func.count(Alignment.id))) or 0, s.scalar(select(func.count(AuditEntry.id))) or 0)


@FUZZ
@given(data=st.data(), value=json_values)
def test_one_mangled_field(ws: Workspace, base: dict[str, Any], data: st.DataObject, value: Any) -> None:
    doc = copy.deepcopy(base)
    path = data.draw(st.sampled_from(_paths(doc)[1:]))
    doc = _set(doc, path, value)
    before = _state(ws)
    refused: DocumentError | None = None
    try:
        import_alignment(ws, doc)
    except DocumentError as exc:
        refused = exc
    if refused is not None:
        assert refused.message.strip()
        assert "\n" not in refused.message
        assert _state(ws) == before  # refused: nothing written, no audit entry


@FUZZ
@given(value=json_values)
def test_any_json_is_checked_without_surprises(value: Any) -> None:
    doc = {"schema": "khaddam-align.alignment/1", "alignment": {}}
    doc.update(value if isinstance(value, dict) else {"links": value})
    with contextlib.suppress(DocumentError):
        check_document(doc)


@FUZZ
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_a_document_error(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(raw)
    with pytest.raises(DocumentError):
        read_document(path)


def test_deeply_nested_json_is_one_line(ws: Workspace, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"schema": "khaddam-align.alignment/1", "links": ' + "[" * 200_000 + "]" * 200_000 + "}")
    result = CliRunner().invoke(main, ["--db", str(db_path), "import-alignment", str(path)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "nested too deeply" in result.output


def test_deep_detail_and_wrong_types_name_the_field(base: dict[str, Any]) -> None:
    deep: Any = 1
    for _ in range(100):
        deep = [deep]
    cases = {
        ("divergences", 0, "detail"): ({"x": deep}, "divergences[0].detail: nested more than"),
        ("links", 1, "a", 0): ("1", 'links[1].a[0]: expected a whole number ≥ 0, found "1"'),
        ("links", 0, "score"): (float("nan"), "links[0].score: expected a number"),
        ("links", 2, "status"): ("maybe", "links[2].status: expected one of"),
        ("segments", "b", 1, "end"): (-4, "segments.b[1].end: expected a whole number"),
        ("divergences", 0, "a_spans", 0): ([3, 1], "divergences[0].a_spans[0]: ends (1) before it starts (3)"),
        ("divergences", 0, "note"): ("bad \ud800", "divergences[0].note: holds an unpaired surrogate"),
        ("renderings", "a"): ([], "renderings.a: expected an object, found []"),
    }
    for path, (value, message) in cases.items():
        doc = _set(copy.deepcopy(base), path, value)
        with pytest.raises(DocumentError) as info:
            check_document(doc, where="doc.json")
        assert message in str(info.value), str(info.value)


def test_json_file_from_cli_with_wrong_type(ws: Workspace, base: dict[str, Any], db_path: Path, tmp_path: Path) -> None:
    doc = _set(copy.deepcopy(base), ("links", 0, "b"), {"not": "a list"})
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc, ensure_ascii=False))
    result = CliRunner().invoke(main, ["--db", str(db_path), "import-alignment", str(path)])
    assert result.exit_code == 1
    assert "links[0].b: expected a list" in result.output
    assert result.output.count("\n") == 1
