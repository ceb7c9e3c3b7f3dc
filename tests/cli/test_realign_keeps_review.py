"""`realign` through the CLI on the packaged demo: what a reviewer recorded stays where it was.

Found by trying the CLI as a new user: a plain `realign` moved every divergence of the
recomputed rows onto the first of them (all five of the demo's "row 5", "row 12", … became
"row 1"), and dropped the notes of recomputed rows.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from khaddam_align.cli import main
from khaddam_align.storage import open_workspace
from khaddam_align.storage.models import Divergence, Link, LinkSegment, Segment


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "--bidi", "off", *args],
                                env={"KHADDAM_ALIGN_USER": "alice"})
    return result.exit_code, result.output


def rows_of_divergences(db: Path, alignment_id: int) -> dict[int, int | None]:
    code, out = run(db, "divergences", str(alignment_id), "--json")
    assert code == 0, out
    return {d["id"]: d["row"] for d in json.loads(out)}


def evidence_outside_its_row(db: Path, alignment_id: int) -> list[int]:
    """Divergences whose evidence spans are not inside the segments of the row they are attached to."""
    ws = open_workspace(db)
    try:
        bad: list[int] = []
        with ws.session() as s:
            for d in s.scalars(select(Divergence).where(Divergence.alignment_id == alignment_id)):
                if d.link_id is None:
                    continue
                spans = {
                    str(getattr(side, "value", side)): []  # type: ignore[var-annotated]
                    for side in ("a", "b")
                }
                for side, start, end in s.execute(
                    select(LinkSegment.side, Segment.start, Segment.end)
                    .join(Segment, Segment.id == LinkSegment.segment_id)
                    .where(LinkSegment.link_id == d.link_id)
                ):
                    spans[str(getattr(side, "value", side))].append((start, end))
                for side, evidence in (("a", d.a_spans), ("b", d.b_spans)):
                    for lo, hi in evidence:
                        if spans[side] and not any(s0 <= lo and hi <= s1 for s0, s1 in spans[side]):
                            bad.append(d.id)
        return bad
    finally:
        ws.close()


def test_realign_keeps_each_divergence_on_its_row_and_the_row_notes(db_path: Path) -> None:
    assert run(db_path, "demo")[0] == 0
    before = rows_of_divergences(db_path, 2)
    assert len(set(before.values())) > 1  # the demo's divergences sit on several rows
    assert evidence_outside_its_row(db_path, 2) == []
    assert run(db_path, "note", "2:5", "ask the editor about the figure")[0] == 0

    code, out = run(db_path, "realign", "2")
    assert code == 0, out
    assert "Recomputed" in out

    assert rows_of_divergences(db_path, 2) == before
    assert evidence_outside_its_row(db_path, 2) == []
    ws = open_workspace(db_path)
    try:
        with ws.session() as s:
            notes = [n for (n,) in s.execute(select(Link.note).where(Link.alignment_id == 2)) if n]
    finally:
        ws.close()
    assert any("ask the editor about the figure" in n for n in notes), notes


def test_realign_range_keeps_divergences_outside_and_inside(db_path: Path) -> None:
    assert run(db_path, "demo")[0] == 0
    before = rows_of_divergences(db_path, 3)
    assert run(db_path, "confirm", "3:2")[0] == 0
    code, out = run(db_path, "realign", "3", "--from", "3", "--to", "9")
    assert code == 0, out
    assert rows_of_divergences(db_path, 3) == before
    assert evidence_outside_its_row(db_path, 3) == []


def test_after_merging_rows_realign_puts_each_divergence_where_its_evidence_is(db_path: Path) -> None:
    """A merged row holds two rows' divergences; when realign splits it again, each goes with its evidence."""
    assert run(db_path, "demo")[0] == 0
    assert run(db_path, "merge", "3:6")[0] == 0
    assert run(db_path, "merge", "3:9")[0] == 0
    assert evidence_outside_its_row(db_path, 3) == []
    assert run(db_path, "realign", "3")[0] == 0
    assert evidence_outside_its_row(db_path, 3) == []
    rows = rows_of_divergences(db_path, 3)
    assert len(set(rows.values())) >= 6  # spread over the rows again, not gathered on a few


def test_merge_keeps_both_notes_and_split_sends_divergences_with_their_evidence(db_path: Path) -> None:
    assert run(db_path, "demo")[0] == 0
    before = rows_of_divergences(db_path, 3)
    assert run(db_path, "note", "3:6", "upper note")[0] == 0
    assert run(db_path, "note", "3:7", "lower note")[0] == 0
    assert run(db_path, "merge", "3:6")[0] == 0
    ws = open_workspace(db_path)
    try:
        with ws.session() as s:
            note = s.scalar(select(Link.note).where(Link.alignment_id == 3, Link.position == 5))
    finally:
        ws.close()
    assert note == "upper note / lower note"
    assert run(db_path, "split", "3:6")[0] == 0
    assert evidence_outside_its_row(db_path, 3) == []
    assert rows_of_divergences(db_path, 3) == before
