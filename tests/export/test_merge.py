"""import-alignment: JSON round trip and merging a colleague's links and verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from khaddam_align.cli import main
from khaddam_align.export.document import build_document, write_json
from khaddam_align.export.merge import DocumentError, import_alignment
from khaddam_align.storage import Alignment, AuditEntry, Divergence, Workspace, open_workspace

A = ["One.", "Two.", "Three.", "Four.", "Five."]
B = ["One.", "Two and three.", "Four!", "Six.", "Five."]
DIVS = [
    {"link": 1, "key": "k-two", "type": "condensed", "a_spans": [[6, 10]], "b_spans": [[6, 20]],
     "description": "merged", "verdict": "open"},
    {"link": 3, "key": "k-six", "type": "addition", "a_spans": [], "b_spans": [[36, 40]],
     "description": "only B", "verdict": "confirmed", "note": "B adds", "reviewer": "ann"},
]


def _doc(ws: Workspace, alignment_id: int) -> dict[str, Any]:
    with ws.session() as s:
        return build_document(s, alignment_id)


def _comparable(doc: dict[str, Any]) -> tuple[Any, Any]:
    links = [(lk["a"], lk["b"], lk["score"], lk["status"], lk["note"]) for lk in doc["links"]]
    divs = sorted(
        (d["key"], d["link"], d["type"], d["verdict"], d["note"], d["reviewer"], d["a_spans"], d["b_spans"])
        for d in doc["divergences"]
    )
    return links, divs


@pytest.fixture
def theirs(tmp_path: Path, store: Any) -> tuple[Path, dict[str, Any]]:
    """A colleague's workspace with a reviewed alignment, exported as JSON."""
    other = open_workspace(tmp_path / "colleague.sqlite", user="ann")
    pair = store(
        other, A, B, a_lang="en",
        links=[([0], [0], 0.9, "confirmed"), ([1, 2], [1], 0.7, "confirmed"), ([3], [2], 0.8, "auto"),
               ([], [3], 0.6, "rejected"), ([4], [4], 0.9, "auto")],
        divergences=DIVS,
    )
    doc = _doc(other, pair.alignment_id)
    other.close()
    path = tmp_path / "theirs.json"
    write_json(doc, path)
    return path, doc


def test_round_trip_creates_the_same_links_and_verdicts(ws: Workspace, store: Any, theirs: Any) -> None:
    path, doc = theirs
    store(ws, A, B, a_lang="en", aligned=False)
    report = import_alignment(ws, path)
    assert report.created
    assert report.conflicts == ()
    assert report.links_added == 5
    assert report.divergences_added == 2
    back = _doc(ws, report.alignment_id)
    assert _comparable(back) == _comparable(doc)
    with ws.session() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "alignment.import")).one()
        assert audit.entity_id == report.alignment_id


def test_merge_takes_reviewed_links_and_open_verdicts(ws: Workspace, store: Any, theirs: Any) -> None:
    path, _ = theirs
    # Ours: the aligner's unreviewed 1-1 guess; divergence k-two open, k-six unknown here.
    pair = store(
        ws, A, B, a_lang="en",
        links=[([0], [0], 0.9, "auto"), ([1], [1], 0.5, "auto"), ([2], [], 0.5, "auto"),
               ([3], [2], 0.8, "auto"), ([], [3], 0.6, "auto"), ([4], [4], 0.9, "auto")],
        divergences=[{**DIVS[0], "link": 1}],
    )
    report = import_alignment(ws, path)
    assert not report.created
    assert report.alignment_id == pair.alignment_id
    assert report.conflicts == ()
    assert report.links_removed == 2  # 1-1 and 1-0 replaced by their confirmed 2-1
    assert report.links_added == 1
    assert report.divergences_added == 1
    merged = _doc(ws, pair.alignment_id)
    assert [(lk["a"], lk["b"], lk["status"]) for lk in merged["links"]] == [
        ([0], [0], "confirmed"), ([1, 2], [1], "confirmed"), ([3], [2], "auto"),
        ([], [3], "rejected"), ([4], [4], "auto"),
    ]
    by_key = {d["key"]: d for d in merged["divergences"]}
    assert by_key["k-six"]["verdict"] == "confirmed"
    assert by_key["k-six"]["link"] == 3
    assert by_key["k-two"]["link"] == 1  # moved onto the new 2-1 link


def test_conflicts_are_reported_not_overwritten(ws: Workspace, store: Any, theirs: Any) -> None:
    path, _ = theirs
    pair = store(
        ws, A, B, a_lang="en",
        links=[([0], [0], 0.9, "rejected"), ([1], [1], 0.5, "confirmed"), ([2], [], 0.5, "auto"),
               ([3], [2], 0.8, "auto"), ([], [3], 0.6, "auto"), ([4], [4], 0.9, "auto")],
        divergences=[{**DIVS[1], "verdict": "dismissed", "reviewer": "bo", "note": ""}],
    )
    before = _doc(ws, pair.alignment_id)
    report = import_alignment(ws, path)
    kinds = sorted((c.what, c.ours.split(" ")[0]) for c in report.conflicts)
    assert kinds == [("divergence", "dismissed"), ("link", "A"), ("link", "rejected")]
    after = _doc(ws, pair.alignment_id)
    assert [(lk["a"], lk["b"], lk["status"]) for lk in after["links"]][:3] == [
        (lk["a"], lk["b"], lk["status"]) for lk in before["links"]
    ][:3]
    # Their k-two sits on their 2-1 link, which we did not take: it lands on our link by its evidence.
    assert next(d for d in after["divergences"] if d["key"] == "k-two")["link"] == 1
    div = next(d for d in after["divergences"] if d["key"] == "k-six")
    assert div["verdict"] == "dismissed"
    assert div["note"] == "B adds"  # an empty note is filled, not a conflict


def test_unknown_rendering_and_other_segmentation(ws: Workspace, store: Any, theirs: Any) -> None:
    path, _ = theirs
    with pytest.raises(DocumentError, match="is not in this workspace"):
        import_alignment(ws, path)
    with ws.transaction() as s:
        s.execute(delete(Alignment))
    store(ws, A, B, a_lang="en", aligned=False)
    with ws.transaction() as s:
        from khaddam_align.storage import Segment

        seg = s.scalars(select(Segment).order_by(Segment.id).limit(1)).one()
        seg.end -= 1
    with pytest.raises(DocumentError, match="segmented differently"):
        import_alignment(ws, path)
    with ws.session() as s:
        assert s.scalars(select(Alignment)).all() == []
        assert s.scalars(select(Divergence)).all() == []


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "line 1: not valid JSON"), ('{"schema": "other/9"}', "has schema 'other/9'"),
     ('{"schema": "khaddam-align.alignment/1"}', "damaged or incomplete"), ("[]", "no schema")],
)
def test_bad_files_are_clear_errors(ws: Workspace, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DocumentError, match=message):
        import_alignment(ws, path)


def test_cli_round_trip(ws: Workspace, store: Any, db_path: Path, theirs: Any, tmp_path: Path) -> None:
    path, doc = theirs
    store(ws, A, B, a_lang="en", aligned=False)
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db_path), "import-alignment", str(path), "--json"])
    assert result.exit_code == 0, result.output
    new_id = json.loads(result.output)["alignment_id"]
    out = tmp_path / "again.json"
    result = runner.invoke(main, ["--db", str(db_path), "export", str(new_id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _comparable(json.loads(out.read_text(encoding="utf-8"))) == _comparable(doc)
    again = runner.invoke(main, ["--db", str(db_path), "import-alignment", str(path)])
    assert again.exit_code == 0
    assert "Merged into alignment" in again.output
    assert "0 conflicts" in again.output
    missing = runner.invoke(main, ["--db", str(db_path), "import-alignment", str(tmp_path / "nope.json")])
    assert missing.exit_code == 1
    assert "does not exist" in missing.output


@st.composite
def _alignments(draw: st.DrawFn) -> tuple[int, int, list[tuple[list[int], list[int], float, str]], list[str]]:
    """Segment counts, a monotone n:m partition covering both sides, and verdicts."""
    n_a, n_b = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    links: list[tuple[list[int], list[int], float, str]] = []
    i = j = 0
    while i < n_a or j < n_b:
        take_a = draw(st.integers(0 if j < n_b else 1, min(3, n_a - i))) if i < n_a else 0
        take_b = draw(st.integers(0 if take_a else 1, min(3, n_b - j))) if j < n_b else 0
        score = draw(st.floats(0, 1, allow_nan=False))
        status = draw(st.sampled_from(["auto", "confirmed", "rejected"]))
        links.append((list(range(i, i + take_a)), list(range(j, j + take_b)), score, status))
        i, j = i + take_a, j + take_b
    verdicts = draw(st.lists(st.sampled_from(["open", "confirmed", "dismissed", "check-source"]), max_size=len(links)))
    return n_a, n_b, links, verdicts


_run = iter(range(10**6))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=_alignments())
def test_round_trip_property(ws: Workspace, store: Any, case: Any) -> None:
    """Any n:m alignment with any statuses and verdicts comes back the same through JSON."""
    n_a, n_b, links, verdicts = case
    tag = next(_run)  # new texts (new sha256) for every example in the shared workspace
    a = [f"Sentence {k} of A, run {tag}." for k in range(n_a)]
    b = [f"Sentence {k} of B, run {tag}." for k in range(n_b)]
    divs = [{"link": k, "key": f"d{k}", "type": "meaning", "a_spans": [], "b_spans": [], "verdict": v,
             "reviewer": "r"} for k, v in enumerate(verdicts)]
    pair = store(ws, a, b, a_lang="en", links=links, divergences=divs)
    doc = _doc(ws, pair.alignment_id)
    with ws.transaction() as s:
        s.execute(delete(Alignment).where(Alignment.id == pair.alignment_id))
    report = import_alignment(ws, json.loads(json.dumps(doc)))
    assert report.created
    assert _comparable(_doc(ws, report.alignment_id)) == _comparable(doc)


def test_history_names_who_recorded_a_taken_verdict(ws: Workspace, store: Any, theirs: Any) -> None:
    """A verdict taken from a colleague's file: the history names the importer (``user``) and the
    colleague who recorded it (``recorded_by``), in the terminal and in JSON."""
    from khaddam_align import ops

    path, _ = theirs
    pair = store(ws, A, B, a_lang="en", links=[([0], [0], 0.9, "auto"), ([1, 2], [1], 0.7, "auto"),
                                               ([3], [2], 0.8, "auto"), ([], [3], 0.6, "auto"),
                                               ([4], [4], 0.9, "auto")],
                 divergences=[DIVS[0], {**DIVS[1], "verdict": "open", "note": "", "reviewer": ""}])
    import_alignment(ws, path)
    with ws.session() as s:
        six = s.scalars(select(Divergence).where(Divergence.alignment_id == pair.alignment_id,
                                                 Divergence.key == "k-six")).one()
    (change,) = ops.divergence_history(ws, six.id)
    assert (change.action, change.before_verdict, change.verdict) == ("alignment.import", "open", "confirmed")
    assert change.user == ws.user
    assert change.recorded_by == "ann"
    assert change.as_dict()["recorded_by"] == "ann"
    out = CliRunner().invoke(main, ["--db", str(ws.where), "history", str(six.id)])
    assert "recorded by ann in the imported file" in out.output, out.output
