from __future__ import annotations

from khaddam_align.align.core import AlignedLink
from khaddam_align.align.three_way import reconcile


def _links(pairs: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[AlignedLink]:
    return [AlignedLink(a, b, 0.9) for a, b in pairs]


def test_agreeing_alignments_keep_their_confidence() -> None:
    same = _links([((0,), (0,)), ((1,), (1,)), ((2,), (2,))])
    out = reconcile(same, same, same)
    assert all(lk.score == 0.9 and not lk.note for links in out for lk in links)


def test_disagreement_lowers_confidence_and_says_why() -> None:
    ar_ea = _links([((0,), (0,)), ((1,), (1,)), ((2,), (2,))])
    ar_eb = _links([((0,), (0,)), ((1,), (1,)), ((2,), (2,))])
    ea_eb = _links([((0,), (0,)), ((1,), (2,)), ((2,), (1,))])  # crossed: cannot be in one alignment, but a bug could
    _, _, checked = reconcile(ar_ea, ar_eb, ea_eb)
    assert checked[0].score == 0.9
    assert checked[1].score < 0.5
    assert "different Arabic segments" in checked[1].note
    assert "[1] vs [2]" in checked[1].note


def test_skips_are_not_contradictions() -> None:
    ar_ea = _links([((0,), (0,)), ((1,), ())])
    ar_eb = _links([((0,), (0,)), ((1,), (1,))])
    ea_eb = _links([((0,), (0,)), ((), (1,))])
    out = reconcile(ar_ea, ar_eb, ea_eb)
    assert all(lk.score == 0.9 for links in out for lk in links)
