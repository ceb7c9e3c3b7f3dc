"""Storing alignments in a real workspace: links complete and ordered, realign keeps confirmed links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select, update

from khaddam_align.align.service import align_renderings, align_work, realign
from khaddam_align.errors import Cancelled, KhaddamError, NotFound
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import (
    Alignment,
    Link,
    LinkSegment,
    LinkStatus,
    Rendering,
    Segment,
)

EN_A = (
    "Khaddam Files: the Tehran minutes\n\n"
    "Assad arrived in Tehran on 16 March 2003. Khatami welcomed the Syrian delegation at the palace.\n\n"
    "Photo: Khatami greets Assad\n\n"
    "The two presidents discussed the coming war in Iraq. Khamenei said America would be bogged down for years. "
    "Sharaa added that Turkey shared their fear of a Kurdish state."
)
EN_B = (
    "An introduction only this publisher wrote.\n\n"
    "Bashar al-Assad landed in Tehran on March 16, 2003. Mohammad Khatami greeted the Syrian delegation in his palace.\n\n"
    "Both presidents talked about the war coming to Iraq. America would get bogged down for years, Khamenei said. "
    "Al-Shara' said Turkey also feared a Kurdish state."
)
AR = (
    "وصل الأسد إلى طهران في ١٦ آذار ٢٠٠٣. ورحب خاتمي بالوفد السوري في القصر.\n\n"
    "وناقش الرئيسان الحرب القادمة على العراق. وقال خامنئي إن أمريكا ستغرق سنوات. وأضاف الشرع أن تركيا تخشى دولة كردية."
)


def _rendering(ws: Workspace, text: str, language: str, *, caption_lines: tuple[str, ...] = ()) -> int:
    """A rendering with one segment per sentence (kinds from the line start), created directly."""
    with ws.transaction() as s:
        r = Rendering(language=language, sha256=f"{hash(text) & 0xFFFFFFFF:064x}", text=text, publisher=language)
        s.add(r)
        s.flush()
        position = 0
        for para, block in enumerate(re.finditer(r"[^\n]+", text)):
            for m in re.finditer(r"[^.!?]+[.!?]?", block.group()):
                start = block.start() + m.start() + (len(m.group()) - len(m.group().lstrip()))
                end = block.start() + m.end()
                if end <= start:
                    continue
                line = block.group()
                kind = "caption" if line.startswith("Photo") else "title" if para == 0 and ":" in line else "body"
                s.add(Segment(rendering_id=r.id, position=position, start=start, end=end, kind=kind, paragraph=para))
                position += 1
        return r.id


def _links(ws: Workspace, alignment_id: int) -> list[tuple[list[int], list[int], float, str]]:
    with ws.session() as s:
        links = s.scalars(select(Link).where(Link.alignment_id == alignment_id).order_by(Link.position)).all()
        out = []
        for lk in links:
            a = [m.segment.position for m in lk.members if m.side == "a"]
            b = [m.segment.position for m in lk.members if m.side == "b"]
            out.append((a, b, lk.score, str(lk.status)))
        return out


def _segment_count(ws: Workspace, rendering_id: int) -> int:
    with ws.session() as s:
        return len(s.scalars(select(Segment.id).where(Segment.rendering_id == rendering_id)).all())


def _assert_complete(ws: Workspace, alignment_id: int, a_id: int, b_id: int) -> None:
    links = _links(ws, alignment_id)
    assert [p for a, _, _, _ in links for p in a] == list(range(_segment_count(ws, a_id)))
    assert [p for _, b, _, _ in links for p in b] == list(range(_segment_count(ws, b_id)))
    with ws.session() as s:
        positions = s.scalars(select(Link.position).where(Link.alignment_id == alignment_id).order_by(Link.position)).all()
    assert list(positions) == list(range(len(links)))


def test_align_stores_complete_ordered_links(ws: Workspace) -> None:
    a_id, b_id = _rendering(ws, EN_A, "en"), _rendering(ws, EN_B, "en")
    seen: list[float] = []
    alignment_id = align_renderings(ws, a_id, b_id, progress=lambda f, _l: seen.append(f) is None)
    _assert_complete(ws, alignment_id, a_id, b_id)
    assert seen
    assert seen[-1] >= 0.9
    links = _links(ws, alignment_id)
    pairs = {(tuple(a), tuple(b)) for a, b, _, _ in links}
    assert ((1,), (1,)) in pairs
    assert ((2,), (2,)) in pairs
    assert ((3,), ()) in pairs  # caption only A has
    assert ((), (0,)) in pairs  # introduction only B has
    with ws.session() as s:
        alignment = s.get(Alignment, alignment_id)
        assert alignment is not None
        assert alignment.method == "lexical"


def test_cancel_writes_nothing(ws: Workspace) -> None:
    a_id, b_id = _rendering(ws, EN_A, "en"), _rendering(ws, EN_B, "en")
    with pytest.raises(Cancelled):
        align_renderings(ws, a_id, b_id, progress=lambda f, _l: f < 0.3)
    with ws.session() as s:
        assert s.scalars(select(Alignment)).all() == []
        assert s.scalars(select(LinkSegment)).all() == []


def test_errors_name_the_problem(ws: Workspace) -> None:
    a_id = _rendering(ws, EN_A, "en")
    with pytest.raises(NotFound, match="no rendering 99"):
        align_renderings(ws, a_id, 99)
    with pytest.raises(KhaddamError, match="itself"):
        align_renderings(ws, a_id, a_id)
    with ws.transaction() as s:
        empty = Rendering(language="en", sha256="0" * 64, text="")
        s.add(empty)
        s.flush()
        empty_id = empty.id
    with pytest.raises(KhaddamError, match="no segments"):
        align_renderings(ws, a_id, empty_id)


def test_realign_keeps_confirmed_links(ws: Workspace) -> None:
    a_id, b_id = _rendering(ws, EN_A, "en"), _rendering(ws, EN_B, "en")
    alignment_id = align_renderings(ws, a_id, b_id)
    before = _links(ws, alignment_id)
    with ws.transaction() as s:
        links = s.scalars(select(Link).where(Link.alignment_id == alignment_id).order_by(Link.position)).all()
        confirmed_id = links[2].id
        # The user confirms link 2 and, wrongly, merges nothing else: a strange link that must survive.
        s.execute(update(Link).where(Link.id == confirmed_id).values(status=LinkStatus.CONFIRMED, score=1.0))
    written = realign(ws, alignment_id)
    after = _links(ws, alignment_id)
    assert written == len(after) - 1
    assert after[2][:2] == before[2][:2]
    assert after[2][3] == "confirmed"
    _assert_complete(ws, alignment_id, a_id, b_id)
    with ws.session() as s:
        assert s.get(Link, confirmed_id) is not None


def test_realign_a_range_leaves_the_rest(ws: Workspace) -> None:
    a_id, b_id = _rendering(ws, EN_A, "en"), _rendering(ws, EN_B, "en")
    alignment_id = align_renderings(ws, a_id, b_id)
    before = _links(ws, alignment_id)
    realign(ws, alignment_id, start=3, end=5)
    after = _links(ws, alignment_id)
    assert after[:3] == before[:3]
    _assert_complete(ws, alignment_id, a_id, b_id)


def test_three_renderings(ws: Workspace) -> None:
    ar_id, a_id, b_id = _rendering(ws, AR, "ar"), _rendering(ws, EN_A, "en"), _rendering(ws, EN_B, "en")
    ids = align_work(ws, [ar_id, a_id, b_id])
    assert len(ids) == 3
    for alignment_id, (x, y) in zip(ids, [(ar_id, a_id), (ar_id, b_id), (a_id, b_id)], strict=True):
        _assert_complete(ws, alignment_id, x, y)
    first = {(tuple(a), tuple(b)) for a, b, _, _ in _links(ws, ids[0])}
    assert ((0,), (1,)) in first  # Arabic sentence 1 ↔ English A's first body sentence


def test_summary_counts_match_the_stored_links(ws: Workspace) -> None:
    from khaddam_align.align.confidence import is_low
    from khaddam_align.align.service import summarize

    a_id, b_id = _rendering(ws, EN_A, "en"), _rendering(ws, EN_B, "en")
    alignment_id = align_renderings(ws, a_id, b_id)
    with ws.transaction() as s:  # one low link confirmed by a person: no longer to review
        first = s.scalars(select(Link).where(Link.alignment_id == alignment_id).order_by(Link.position)).first()
        assert first is not None
        s.execute(update(Link).where(Link.id == first.id).values(score=0.1, status=LinkStatus.CONFIRMED))
        s.execute(update(Link).where(Link.alignment_id == alignment_id, Link.position == 1).values(score=0.2))
    links = _links(ws, alignment_id)
    info = summarize(ws, alignment_id)
    assert info.id == alignment_id
    assert info.links == len(links)
    assert info.matched == sum(1 for a, b, _, _ in links if a and b)
    assert info.only_a == sum(1 for a, b, _, _ in links if a and not b)
    assert info.only_b == sum(1 for a, b, _, _ in links if b and not a)
    assert info.low_confidence == sum(1 for _, _, score, status in links if is_low(score, status)) >= 1
    assert info.matched + info.only_a + info.only_b == info.links


def test_settings_and_cost_parameters_are_stored_with_the_alignment(ws: Workspace) -> None:
    from importlib.metadata import version

    from khaddam_align.align.confidence import DEFAULT_CALIBRATION, LOW_CONFIDENCE
    from khaddam_align.align.core import AlignSettings
    from khaddam_align.align.scoring import CostParams

    ar_id, a_id = _rendering(ws, AR, "ar"), _rendering(ws, EN_A, "en")
    tuned = CostParams(length_weight=0.7, priors={(1, 1): 0.0, (1, 2): 1.2, (2, 1): 1.3})
    alignment_id = align_renderings(ws, ar_id, a_id, settings=AlignSettings(max_side=2, params=tuned))
    with ws.session() as s:
        alignment = s.get(Alignment, alignment_id)
        assert alignment is not None
        settings = alignment.settings
    assert settings["method"] == "length"
    assert settings["max_side"] == 2
    assert settings["params"]["length_weight"] == 0.7
    assert settings["params"]["priors"] == {"1-1": 0.0, "1-2": 1.2, "2-1": 1.3}
    assert settings["params_source"] == "settings"
    assert settings["bead_shapes"] == ["1-1", "1-2", "2-1", "2-2", "1-0", "0-1"]
    assert settings["learn_lexicon"] is True
    assert "refine_width" in settings
    assert settings["confidence"]["match"] == list(DEFAULT_CALIBRATION.match)
    assert settings["confidence"]["skip_stack"] == list(DEFAULT_CALIBRATION.skip_stack)
    assert settings["confidence"]["low_confidence"] == LOW_CONFIDENCE
    assert settings["package"] == {"name": "khaddam-align", "version": version("khaddam-align")}
    assert "khaddam_align.align.core" in settings["tuned"] or "khaddam_align.align.params" in settings["tuned"]
    # Without explicit parameters, the method's defaults are recorded.
    default_id = align_renderings(ws, ar_id, a_id)
    with ws.session() as s:
        recorded = s.get(Alignment, default_id)
        assert recorded is not None
        assert recorded.settings["params_source"] == "defaults for length"
        assert recorded.settings["params"]["variance"] > 0
    # realign reads the stored settings back (largest link side).
    assert realign(ws, alignment_id) > 0
    assert all(len(a) <= 2 and len(b) <= 2 for a, b, _, _ in _links(ws, alignment_id))


def test_reports_carry_the_settings_and_mark_low_links(ws: Workspace, tmp_path: Path) -> None:
    import json

    from khaddam_align.export.document import build_document, write_json
    from khaddam_align.export.html import write_html

    a_id, b_id = _rendering(ws, EN_A, "en"), _rendering(ws, EN_B, "en")
    alignment_id = align_renderings(ws, a_id, b_id)
    with ws.transaction() as s:
        s.execute(update(Link).where(Link.alignment_id == alignment_id, Link.position == 1).values(score=0.3))
    with ws.session() as s:
        document = build_document(s, alignment_id)
    write_json(document, tmp_path / "doc.json")
    write_html(document, tmp_path / "doc.html")
    stored = json.loads((tmp_path / "doc.json").read_text(encoding="utf-8"))["alignment"]["settings"]
    assert stored["confidence"]["version"]
    assert stored["params"]["lexical_weight"] > 0
    html = (tmp_path / "doc.html").read_text(encoding="utf-8")
    provenance = html[html.index("Provenance:") :]
    assert re.search(r'"lexical_weight": [0-9.]+', provenance[: provenance.index("</details>")])
    assert '<span class="low">low</span>' in html
