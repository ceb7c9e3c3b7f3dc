import pytest
from sqlalchemy import select

from khaddam_align.diverge import service
from khaddam_align.errors import KhaddamError, NotFound
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import AuditEntry, Divergence, Link, LinkSegment
from tests.diverge.build import pair
from tests.diverge.samples import A, B


def test_detection_stores_ranked_divergences_with_offsets(ws: Workspace) -> None:
    alignment = pair(ws, A, B)
    summary = service.detect_divergences(ws, alignment)
    assert summary.found == summary.new > 0
    assert summary.stale == 0
    rows = service.list_divergences(ws, alignment)
    assert [r.severity for r in rows] == sorted((r.severity for r in rows), reverse=True)
    top = rows[0]
    assert top.type in {"speaker", "number", "meaning", "entity"}
    assert top.link is not None
    assert top.verdict == "open"
    numbers = service.list_divergences(ws, alignment, type="number")
    assert {A[s:e] for r in numbers for s, e in r.a_spans} >= {"half an hour", "300"}
    assert all(r.severity >= 0.5 for r in service.list_divergences(ws, alignment, min_severity=0.5))
    entry = top.to_json()
    assert set(entry) == {"id", "link", "type", "severity", "a_spans", "b_spans", "description", "verdict", "note"}


def test_verdicts_survive_redetection_after_the_alignment_changes(ws: Workspace) -> None:
    alignment = pair(ws, A, B)
    service.detect_divergences(ws, alignment)
    speaker = service.list_divergences(ws, alignment, type="speaker")[0]
    service.set_verdict(ws, speaker.id, "confirmed", note="Arabic has Hosseini")
    # Move the 'I had two meetings' sentence of B into a link of its own: offsets of links change.
    with ws.transaction() as s:
        links = s.scalars(select(Link).where(Link.alignment_id == alignment).order_by(Link.position)).all()
        for link in reversed(links):
            link.position += 1
        s.flush()
        s.add(Link(alignment_id=alignment, position=0, score=0.5))
    summary = service.detect_divergences(ws, alignment)
    assert summary.kept > 0
    again = service.list_divergences(ws, alignment, type="speaker")[0]
    assert again.id == speaker.id
    assert (again.verdict, again.note, again.reviewer) == ("confirmed", "Arabic has Hosseini", "tester")
    assert again.link == speaker.link + 1


def test_divergences_no_longer_found_become_stale_but_keep_verdicts(ws: Workspace) -> None:
    alignment = pair(ws, A, B)
    service.detect_divergences(ws, alignment)
    number = next(r for r in service.list_divergences(ws, alignment, type="number") if "300" in A[r.a_spans[0][0]:r.a_spans[0][1]])
    service.set_verdict(ws, number.id, "dismissed")
    # Unlink the sentence with "300": the divergence is no longer found.
    with ws.transaction() as s:
        seg_start = A.index("The minister Samir")
        for member in s.scalars(select(LinkSegment)).all():
            if member.side.value == "a" and member.segment.start == seg_start:
                s.delete(member)
    summary = service.detect_divergences(ws, alignment)
    assert summary.stale >= 1
    assert number.id not in {r.id for r in service.list_divergences(ws, alignment)}
    stale = {r.id: r for r in service.list_divergences(ws, alignment, include_stale=True)}[number.id]
    assert stale.stale
    assert stale.verdict == "dismissed"


def test_set_verdict_is_audited_and_rejects_bad_input(ws: Workspace) -> None:
    alignment = pair(ws, A, B)
    service.detect_divergences(ws, alignment)
    row = service.list_divergences(ws, alignment)[0]
    view = service.set_verdict(ws, row.id, "check-source", note="see the Arabic")
    assert (view.verdict, view.note, view.reviewer) == ("check-source", "see the Arabic", "tester")
    with ws.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "divergence.verdict")).one()
        assert entry.entity_id == row.id
        assert entry.detail["divergence_changes"][str(row.id)]["before"]["verdict"] == "open"
        assert s.get(Divergence, row.id) is not None
    with pytest.raises(KhaddamError, match="Unknown verdict"):
        service.set_verdict(ws, row.id, "maybe")
    with pytest.raises(NotFound):
        service.set_verdict(ws, 99999, "confirmed")
    with pytest.raises(NotFound):
        service.detect_divergences(ws, 12345)


def test_link_diff_and_quotes(ws: Workspace) -> None:
    alignment = pair(ws, A, B)
    d = service.link_diff(ws, alignment, 3)
    changed = [(d.a_text[r.a_span[0]:r.a_span[1]], d.b_text[r.b_span[0]:r.b_span[1]]) for r in d.diff.changed]
    assert changed == [("will", "might")]
    with pytest.raises(NotFound):
        service.link_diff(ws, alignment, 99)
    with ws.session() as s:
        a_id = s.scalars(select(Link)).first().alignment.a_id  # type: ignore[union-attr]
    quotes = service.rendering_quotes(ws, a_id)
    assert [q.speaker for q in quotes][:3] == ["karimi", "karimi", "haddad"]
