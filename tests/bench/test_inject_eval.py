"""The injected-change benchmark (bench/inject): the injector's invariants and a quick run on our fixture."""

from __future__ import annotations

import ast
import dataclasses
import json
import random
from pathlib import Path

import pytest

from bench.inject import __main__ as cli
from bench.inject.evaluate import ACCEPTS, Doc, PairKind, inject_doc, run_kind, verify
from bench.inject.injector import KINDS, check_changes, inject_lines, layout
from tests.bench.fixture_news import ARABIC, ENGLISH, ENGLISH_FREE

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize(("a", "b", "sides"), [(ENGLISH, ENGLISH, ("b",)), (ARABIC, ENGLISH, ("a", "b")), (ENGLISH, ENGLISH_FREE, ("b",))])
def test_injected_text_differs_only_at_recorded_changes(seed: int, a: tuple[str, ...], b: tuple[str, ...], sides: tuple[str, ...]) -> None:
    inj = inject_doc(Doc("fixture", a, b), sides, seed=seed, rate=0.6)
    assert inj.changes, "a 60% rate on twelve lines changes something"
    verify(inj)
    for c in inj.changes:
        assert c.kind in KINDS
        assert c.side in sides
        changed, _ = layout(getattr(inj.doc, c.side))
        original, _ = layout(getattr(inj.original, c.side))
        assert changed[c.start : c.end] == c.new
        assert original[c.orig_start : c.orig_end] == c.old
        assert c.old != c.new
    # One change per link, never on both sides of the same line.
    assert len({c.line for c in inj.changes}) == len(inj.changes)
    untouched = {i for i in range(len(a))} - {c.line for c in inj.changes}
    for i in untouched:
        assert inj.doc.a[i] == a[i]
        assert inj.doc.b[i] == b[i]


def test_arabic_side_gets_numbers_negation_and_names() -> None:
    kinds = set()
    forms = set()
    for seed in range(30):
        lines, edits = inject_lines(ARABIC, random.Random(seed), rate=0.5, parallel_english=ENGLISH)
        kinds |= {e.kind for _, e in edits}
        forms |= {e.form for _, e in edits}
        for i, e in edits:
            assert lines[i] == ARABIC[i][: e.start] + e.new + ARABIC[i][e.end :]
    assert {"number", "negation", "name"} <= kinds
    assert {"add", "remove"} <= forms  # negation both ways (لا added; لم/لن/لا taken away)


def test_english_changes_cover_all_kinds_and_varied_wording() -> None:
    kinds = set()
    words = set()
    for seed in range(40):
        _, edits = inject_lines(ENGLISH, random.Random(seed), rate=0.6)
        kinds |= {e.kind for _, e in edits}
        words |= {(e.kind, e.new.lower()) for _, e in edits}
    assert kinds == set(KINDS)
    # Varied wording per type, not one trigger word each.
    for kind in ("number", "negation", "certainty"):
        assert len({w for k, w in words if k == kind}) >= 4, kind


def test_check_changes_catches_an_unrecorded_edit() -> None:
    inj = inject_doc(Doc("fixture", ENGLISH, ENGLISH), ("b",), seed=3, rate=0.6)
    original, _ = layout(inj.original.b)
    changed, _ = layout(inj.doc.b)
    check_changes(original, changed, inj.changes)
    with pytest.raises(AssertionError):
        check_changes(original, changed.replace("council", "councle", 1), inj.changes)
    moved = [dataclasses.replace(inj.changes[0], start=inj.changes[0].start + 1), *inj.changes[1:]]
    with pytest.raises(AssertionError):
        check_changes(original, changed, moved)


def test_quick_run_on_fixture_scores_by_type() -> None:
    kind = PairKind("fixture copy", (Doc("fixture", ENGLISH, ENGLISH),), ("b",))
    result = run_kind(kind, seeds=[1, 2, 3, 4], rate=0.6)
    assert result["injected"] >= 10
    assert set(result["by_kind"]) <= set(ACCEPTS)
    # A copy differs only where changed: nothing is found by chance, and most changes are found.
    assert result["control"]["findings"] == 0
    assert result["recall"] >= 0.4
    assert result["precision_top2k"] >= 0.4
    for value in result["by_kind"].values():
        assert 0.0 <= value["recall"] <= 1.0


def _write_devdata(root: Path) -> None:
    news = root / "ntrex-dev"
    news.mkdir(parents=True)
    (news / "fixture.1.en.txt").write_text("\n".join(ENGLISH) + "\n", encoding="utf-8")
    (news / "fixture.1.ar.txt").write_text("\n".join(ARABIC) + "\n", encoding="utf-8")
    bible = root / "bible-dev"
    bible.mkdir()
    rows = ["osis_id\tar_svd\ten_web\ten_bbe"] + [f"X.1.{i}\t{ar}\t{a}\t{b}" for i, (ar, a, b) in enumerate(zip(ARABIC, ENGLISH, ENGLISH_FREE, strict=True))]
    (bible / "titus.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_cli_quick_mode_on_own_devdata(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_devdata(tmp_path / "devdata")
    out = tmp_path / "result.json"
    assert cli.main(["--quick", "--devdata", str(tmp_path / "devdata"), "--json", str(out)]) == 0
    table = capsys.readouterr().out
    assert "| en-en bible (WEB ↔ BBE) |" in table
    assert "| ar-en news |" in table
    data = json.loads(out.read_text(encoding="utf-8"))
    labels = [r["label"] for r in data["results"]]
    assert labels == [
        "en-en bible (WEB ↔ BBE)", "en-en news (copy)", "ar-en news", "ar-en bible (SVD ↔ WEB)",
        "three-way bible (SVD; WEB ↔ BBE)", "three-way news (ar; en ↔ copy)",
    ]
    assert all(r["injected"] > 0 for r in data["results"])
    assert {"a", "b"} == set(data["results"][2]["recall_by_side"])
    # The three-way kinds carry the same changes as their English↔English kinds, and the
    # Arabic decides some of those found (our fixture's Arabic has the figures and names).
    assert data["results"][5]["injected"] == data["results"][1]["injected"]
    pivot = data["results"][5]["pivot"]
    assert sum(v["right"] for v in pivot.values()) > sum(v["wrong"] for v in pivot.values())
    assert "| three-way news (ar; en ↔ copy) |" in table


def test_cli_compare_prints_before_and_after(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_devdata(tmp_path / "devdata")
    first = tmp_path / "before.json"
    assert cli.main(["--quick", "--devdata", str(tmp_path / "devdata"), "--json", str(first)]) == 0
    capsys.readouterr()
    assert cli.main(["--quick", "--devdata", str(tmp_path / "devdata"), "--compare", str(first)]) == 0
    out = capsys.readouterr().out
    before = json.loads(first.read_text(encoding="utf-8"))["results"][1]
    recall = f"{before['recall']:.2f}"
    # Same seeds, same data: the run repeats itself exactly.
    assert f"| en-en news (copy) | {recall} → {recall} |" in out


def test_cli_pipeline_mode_goes_through_a_workspace(tmp_path: Path) -> None:
    _write_devdata(tmp_path / "devdata")
    out = tmp_path / "result.json"
    assert cli.main(["--quick", "--pipeline", "--devdata", str(tmp_path / "devdata"), "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["pipeline"] is True
    copy = data["results"][1]
    assert copy["control"]["findings"] == 0
    assert copy["recall"] > 0


def test_injection_vocabulary_is_kept_apart_from_the_detectors() -> None:
    """vocab and injector import nothing from the core; only evaluate calls detection."""
    package = ROOT / "bench" / "inject"
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
        } | {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        core = {m for m in imported if m.startswith("khaddam_align")}
        if path.name in {"vocab.py", "injector.py", "data.py", "__main__.py", "__init__.py"}:
            assert not core, f"{path.name} imports {core}"
        else:
            # evaluate.py runs detection through the public API; never the word lists.
            assert not {m for m in core if m.startswith(("khaddam_align.text", "khaddam_align.diverge.detectors",
                                                         "khaddam_align.diverge.normalize", "khaddam_align.diverge.people"))}, core
    for path in (ROOT / "khaddam_align").rglob("*.py"):
        assert "bench.inject" not in path.read_text(encoding="utf-8"), path
