"""The Arabic decides: English↔English divergences checked against the Arabic original."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from khaddam_align.align.service import align_renderings, align_work
from khaddam_align.diverge import service
from khaddam_align.diverge.model import DivergenceType, Finding, LinkView
from khaddam_align.diverge.pivot import AGREEMENT_BOOST, Bridge, Pivot, arbitrate, load_pivot
from khaddam_align.ingest.service import import_files, import_text
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Alignment, Divergence

DEMO = Path(__file__).resolve().parents[2] / "sources" / "demo"

# Our own three renderings: an Arabic original and two English renderings. English A has
# the wrong engineer (Nassar for حلبي); English B has the wrong sum (54 for 45) and leaves
# out the sentence about the second meeting.
ARABIC = [
    "اجتمع وزير الخارجية سامي الأحمد مع نظيره كريم منصور في بيروت يوم الأحد.",
    "وبحث الجانبان خطة لإعادة إعمار 120 مدرسة في الجنوب.",
    "وقال الأحمد إن حكومته ستقدم ٤٥ مليون دولار للمشروع.",
    "وأضاف منصور أن العمل سيبدأ في الربيع المقبل.",
    "وشارك في الاجتماع المهندس طارق حلبي الذي أعد الدراسة.",
    "وأكد الوزيران أن المشروع لا يرتبط بأي شروط سياسية.",
    "وسيعقد اجتماع ثان في عمّان الشهر المقبل.",
    "وفي الختام شكر منصور الوفد على زيارته الطويلة إلى العاصمة.",
]
ENGLISH_A = [
    "Foreign Minister Sami al-Ahmad met his counterpart Karim Mansour in Beirut on Sunday.",
    "The two sides discussed a plan to rebuild 120 schools in the south.",
    "Al-Ahmad said his government would provide 45 million dollars for the project.",
    "Mansour added that work would begin next spring.",
    "The meeting was attended by engineer Tarek Nassar, who prepared the study.",
    "The two ministers stressed that the project is not tied to any political conditions.",
    "A second meeting will be held in Amman next month.",
    "At the end, Mansour thanked the delegation for its long visit to the capital.",
]
ENGLISH_B = [
    "Foreign Minister Sami Ahmad met his counterpart Karim Mansur in Beirut on Sunday.",
    "Both sides discussed a plan to rebuild 120 schools in the south.",
    "Ahmad said his government would provide 54 million dollars for the project.",
    "Mansur added that the work would start next spring.",
    "The meeting was attended by engineer Tarek Halabi, who prepared the study.",
    "The two ministers stressed that the project is not tied to any political conditions.",
    "At the end, Mansur thanked the delegation for its long visit to the capital.",
]
B_TO_ARABIC = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 7}


def _text(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"


def _stored(ws: Workspace, alignment_id: int) -> list[Divergence]:
    with ws.session() as s:
        rows = s.scalars(
            select(Divergence).where(Divergence.alignment_id == alignment_id).order_by(Divergence.severity.desc())
        ).all()
        s.expunge_all()
        return list(rows)


def _three(ws: Workspace, texts: list[str], publishers: list[str]) -> tuple[list[int], list[int]]:
    ids = []
    for text, publisher, name in zip(texts, publishers, ("ar.txt", "en_a.txt", "en_b.txt"), strict=True):
        header = f"publisher: {publisher}\n\n" if publisher else ""
        ids.append(import_text(ws, header + text, name=name, work="Our meeting").ids[0])
    alignments = align_work(ws, ids)
    for aid in alignments:
        service.detect_divergences(ws, aid)
    return ids, alignments


def _pivot(row: Divergence) -> dict[str, Any]:
    return dict(row.detail.get("pivot") or {})


def _evidence(ws: Workspace, alignment_id: int) -> list[tuple[Divergence, str]]:
    """Each stored divergence with its evidence text (both sides): tests pick findings by
    what they cite, not by the detectors' wording."""
    with ws.session() as s:
        alignment = s.get(Alignment, alignment_id)
        assert alignment is not None
        a, b = alignment.a.text, alignment.b.text
    return [
        (r, " | ".join([a[x:y] for x, y in r.a_spans] + [b[x:y] for x, y in r.b_spans]))
        for r in _stored(ws, alignment_id)
    ]


def _one(found: list[tuple[Divergence, str]], types: set[str], words: str) -> Divergence:
    hits = [r for r, text in found if r.type in types and words in text]
    assert hits, (types, words, [(r.type, text[:80]) for r, text in found])
    return hits[0]


def test_own_fixture_each_english_is_right_somewhere(any_ws: Workspace) -> None:
    ws = any_ws
    (ar, en_a, en_b), (_, _, cross) = _three(
        ws, [_text(ARABIC), _text(ENGLISH_A), _text(ENGLISH_B)], ["", "Daily Post", "Weekly Review"]
    )
    found = _evidence(ws, cross)
    rows = [r for r, _ in found]
    number = _one(found, {"number"}, "54")
    p = _pivot(number)
    assert p["agrees"] == en_a
    assert p["arabic_rendering"] == ar
    assert p["arabic"].startswith("٤٥")  # "٤٥" or "٤٥ مليون", as the number reader spans it
    assert p["b"].startswith("54")
    assert "Daily Post (English) agrees with the Arabic original (٤٥" in number.description
    assert "; Weekly Review (English) says 54" in number.description
    name = _one(found, {"entity", "speaker"}, "Nassar")
    assert _pivot(name)["agrees"] == en_b
    assert "Weekly Review (English) agrees with the Arabic original (حلبي)" in name.description
    dropped = _one(found, {"omission"}, "second meeting")
    p = _pivot(dropped)
    assert p["agrees"] == en_a
    assert p["basis"] == "presence"
    assert "which has this passage; Weekly Review (English) leaves it out" in dropped.description
    # Where the Arabic says nothing about it, nothing is claimed.
    for r in rows:
        if not _pivot(r) or _pivot(r)["agrees"] is None:
            assert "agrees with the Arabic" not in r.description


def test_decided_disagreements_outrank_the_same_ones_without_the_arabic(tmp_path: Path) -> None:
    from khaddam_align.storage import open_workspace

    texts = [_text(ARABIC), _text(ENGLISH_A), _text(ENGLISH_B)]
    with_ar = open_workspace(tmp_path / "three.sqlite", user="t")
    alone = open_workspace(tmp_path / "two.sqlite", user="t")
    try:
        _, (_, _, cross) = _three(with_ar, texts, ["", "Daily Post", "Weekly Review"])
        a = import_text(alone, "publisher: Daily Post\n\n" + texts[1], name="en_a.txt").ids[0]
        b = import_text(alone, "publisher: Weekly Review\n\n" + texts[2], name="en_b.txt").ids[0]
        pair = align_renderings(alone, a, b)
        service.detect_divergences(alone, pair)
        base = {(r.type, repr(r.a_spans)): r for r in _stored(alone, pair)}
        decided = 0
        for r in _stored(with_ar, cross):
            twin = base.get((r.type, repr(r.a_spans)))
            if twin is None:
                continue
            if _pivot(r).get("agrees") is not None:
                assert r.severity == pytest.approx(min(1.0, twin.severity + AGREEMENT_BOOST))
                decided += 1
            else:
                assert r.severity == pytest.approx(twin.severity)
                assert r.description == twin.description
        assert decided >= 2
    finally:
        with_ar.close()
        alone.close()


def _demo(ws: Workspace) -> tuple[list[int], list[int]]:
    rep = import_files(ws, [DEMO / "demo_ar.txt", DEMO / "demo_en_a.txt", DEMO / "demo_en_b.txt"], work="Demo")
    alignments = align_work(ws, rep.ids)
    for aid in alignments:
        service.detect_divergences(ws, aid)
    return list(rep.ids), alignments


def test_demo_planted_differences_are_decided_by_the_arabic(ws: Workspace) -> None:
    (_, en_a, en_b), (_, _, cross) = _demo(ws)
    found = _evidence(ws, cross)
    # Row 4: the figure (Arabic 2500, A "2,500", B "250").
    number = _one(found, {"number"}, "2,500")
    assert _pivot(number)["agrees"] == en_a
    assert _pivot(number)["arabic"].startswith("2500")
    assert "Demo Daily (English) agrees with the Arabic original" in number.description
    assert "; Demo Weekly (English) says 250" in number.description
    # Row 7: the speaker (Arabic حداد; A Haddad, B Khaddam).
    speaker = _one(found, {"speaker"}, "Ambassador Haddad then spoke")
    assert _pivot(speaker)["agrees"] == en_a
    assert "حداد" in _pivot(speaker)["arabic"]
    # Row 10: the sentence B drops is in the Arabic; row 1: the sentence A adds is not.
    thanks = _one(found, {"omission", "addition"}, "thanked")
    assert _pivot(thanks)["agrees"] == en_a
    tension = _one(found, {"omission", "addition"}, "rising tension")
    assert _pivot(tension)["agrees"] == en_b
    assert "which has no such passage; Demo Daily (English) adds it" in tension.description
    # Row 6: يجب (must): B's "must" agrees, A's "might" hedges; row 9: لا (not) sides with A.
    must = _one(found, {"meaning"}, "might take part")
    assert _pivot(must)["agrees"] == en_b
    assert _pivot(must)["basis"] == "certainty"
    assert "which states it firmly (يجب); Demo Daily (English) hedges it (might)" in must.description
    rejects = _one(found, {"meaning"}, "does not reject")
    assert _pivot(rejects)["agrees"] == en_a
    assert _pivot(rejects)["basis"] == "negation"
    # Row 3: the Arabic quotes; A quotes, B paraphrases.
    quotes = [r for r, _ in found if r.type == "quote" and _pivot(r)]
    assert all(_pivot(r)["agrees"] == en_a for r in quotes)
    # The decided findings carry the Arabic's word; the list is ranked by the raised severity.
    views = service.list_divergences(ws, cross)
    assert [v.severity for v in views] == sorted((v.severity for v in views), reverse=True)


def test_no_pivot_for_cross_language_alignments_or_without_an_arabic(ws: Workspace) -> None:
    (_, _, _), (ar_a, _, cross) = _demo(ws)
    with ws.session() as s:
        assert load_pivot(s, s.get(Alignment, ar_a)) is None  # Arabic↔English: nothing to pivot on
        pivot = load_pivot(s, s.get(Alignment, cross))
        assert pivot is not None
        assert pivot.a is not None
        assert pivot.b is not None
        assert pivot.arabic_name.startswith("Arabic original")
    other = import_text(ws, _text(ENGLISH_A), name="lone_a.txt").ids[0]
    other_b = import_text(ws, _text(ENGLISH_B), name="lone_b.txt").ids[0]
    pair = align_renderings(ws, other, other_b)
    with ws.session() as s:
        assert load_pivot(s, s.get(Alignment, pair)) is None


# -- the pure part, on hand-made links -----------------------------------------------------
def _spans(lines: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in lines:
        out.append((pos, pos + len(line)))
        pos += len(line) + 2
    return out


def _hand_pivot(b_lines: list[str], *, b_to_arabic: dict[int, int]) -> tuple[Pivot, str, str]:
    ar, a, b = _text(ARABIC), _text(ENGLISH_A), _text(b_lines)
    ar_s, a_s, b_s = _spans(ARABIC), _spans(ENGLISH_A), _spans(b_lines)
    bridge_a = Bridge.of([LinkView(i, (ar_s[i],), (a_s[i],)) for i in range(len(ARABIC))], arabic_is_a=True)
    linked = [LinkView(i, (ar_s[i],), (b_s[j],)) for j, i in b_to_arabic.items()]
    lone = [LinkView(100 + i, (ar_s[i],), ()) for i in range(len(ARABIC)) if i not in b_to_arabic.values()]
    bridge_b = Bridge.of(linked + lone, arabic_is_a=True)
    return Pivot(1, ar, 2, 3, bridge_a, bridge_b, a_name="A (English)", b_name="B (English)"), a, b


def test_arbitrate_numbers_names_silence_and_ranking() -> None:
    pivot, a, b = _hand_pivot(ENGLISH_B, b_to_arabic=B_TO_ARABIC)
    a_s, b_s = _spans(ENGLISH_A), _spans(ENGLISH_B)
    number = Finding(DivergenceType.NUMBER, 0.8, (a_s[2],), (b_s[2],), "A has 45; B has 54 instead", link=2)
    name = Finding(DivergenceType.ENTITY, 0.7, (a_s[4],), (b_s[4],), "A says Nassar, B says Halabi", link=4)
    # Mansour/Mansur and منصور: spellings of one name, nothing differs, no verdict.
    same = Finding(DivergenceType.ENTITY, 0.7, (a_s[3],), (b_s[3],), "wording", link=3)
    # The same kind of disagreement where the Arabic link is unknown: silent.
    unknown = Finding(DivergenceType.NUMBER, 0.8, ((9000, 9010),), (), "A has a figure", link=None)
    links = [LinkView(i, (a_s[i],), (b_s[i],)) for i in range(6)]
    out = arbitrate([unknown, number, name, same], a, b, links, pivot)
    assert out[0] == unknown
    assert "pivot" not in out[0].detail
    assert out[1].detail["pivot"]["agrees"] == 2
    assert out[1].detail["pivot"]["arabic"].startswith("٤٥")
    assert out[1].severity == pytest.approx(0.9)
    assert "A (English) agrees with the Arabic original (٤٥" in out[1].description
    assert out[1].description.endswith("; B (English) says 54.") or "; B (English) says 54 " in out[1].description
    assert out[2].detail["pivot"]["agrees"] == 3
    assert out[2].detail["pivot"]["a"] == "Tarek Nassar"
    assert "pivot" not in out[3].detail
    assert sorted(out, key=lambda f: -f.severity)[0] is out[1]  # decided outranks silent


def test_arbitrate_presence_both_ways() -> None:
    # B renders every Arabic sentence but 6; A has every sentence.
    pivot, a, b = _hand_pivot(ENGLISH_B, b_to_arabic=B_TO_ARABIC)
    a_s = _spans(ENGLISH_A)
    dropped = Finding(DivergenceType.OMISSION, 0.3, (a_s[6],), (), "B leaves out the second meeting", link=6)
    out = arbitrate([dropped], a, b, [], pivot)[0]
    assert out.detail["pivot"]["agrees"] == 2
    assert "which has this passage; B (English) leaves it out" in out.description
    # An English sentence no Arabic renders (one-sided in its own Arabic↔English alignment).
    extra = [*ENGLISH_B, "The talks were described as friendly."]
    pivot, a, b = _hand_pivot(extra, b_to_arabic=B_TO_ARABIC)
    b_s = _spans(extra)
    bridge_b = Bridge((*pivot.b.links, ((b_s[7],), ())) if pivot.b else ())
    pivot = Pivot(1, pivot.arabic_text, 2, 3, pivot.a, bridge_b, a_name="A (English)", b_name="B (English)")
    added = Finding(DivergenceType.ADDITION, 0.3, (), (b_s[7],), "B adds a sentence", link=7)
    out = arbitrate([added], a, b, [], pivot)[0]
    assert out.detail["pivot"]["agrees"] == 2
    assert out.description.endswith("A (English) agrees with the Arabic original, which has no such passage; B (English) adds it.")


def test_arbitrate_negation_reads_the_arabic_particle() -> None:
    negated = [*ENGLISH_B[:5], "The two ministers stressed that the project is tied to political conditions.", *ENGLISH_B[6:]]
    pivot, a, b = _hand_pivot(negated, b_to_arabic=B_TO_ARABIC)
    a_s, b_s = _spans(ENGLISH_A), _spans(negated)
    f = Finding(DivergenceType.MEANING, 0.7, (a_s[5],), (b_s[5],), "A negates it, the other does not", link=5)
    out = arbitrate([f], a, b, [], pivot)[0]
    assert out.detail["pivot"]["agrees"] == 2
    assert out.detail["pivot"]["arabic"] == "لا"


def test_arbitrate_certainty_hedged_firm_and_plain() -> None:
    hedged = [*ENGLISH_B[:3], "Mansur added that the work might start next spring.", *ENGLISH_B[4:]]
    pivot, a, b = _hand_pivot(hedged, b_to_arabic=B_TO_ARABIC)
    a_s, b_s = _spans(ENGLISH_A), _spans(hedged)
    # A: "work would begin" (plain); B: "might start"; Arabic سيبدأ (a plain future): A agrees.
    f = Finding(DivergenceType.MEANING, 0.6, (a_s[3],), (b_s[3],), "B only as possible", link=3)
    out = arbitrate([f], a, b, [], pivot)[0]
    assert out.detail["pivot"]["basis"] == "certainty"
    assert out.detail["pivot"]["agrees"] == 2
    assert "which states it without a hedge; B (English) hedges it (might)" in out.description
    # Firm against plain with a plain Arabic: silent.
    firm = [*ENGLISH_B[:3], "Mansur added that the work will certainly start next spring.", *ENGLISH_B[4:]]
    pivot, a, b = _hand_pivot(firm, b_to_arabic=B_TO_ARABIC)
    out = arbitrate([f], a, b, [], pivot)[0]
    assert out.detail["pivot"]["agrees"] is None
    assert out.severity == f.severity
