"""Clause cues (``align.clauses``) and their cost in the bead scorer where wide links are allowed."""

from __future__ import annotations

import numpy as np

from khaddam_align.align.clauses import clause_cues, continues, open_end
from khaddam_align.align.features import SideFeatures
from khaddam_align.align.params import CROSS
from khaddam_align.align.scoring import BeadScorer


def test_a_lower_case_line_continues_and_a_line_without_full_stop_is_open() -> None:
    assert continues("and the king went down to the river,")
    assert continues("“which he had built,")
    assert not continues("The king went down.")
    assert not continues("1997 was the year")
    assert not continues("وخرج الملك إلى النهر")  # Arabic has no case: never a cue
    assert open_end("and the king went down to the river,")
    assert open_end("in the third year of his reign")
    assert open_end("قال الملك،")
    assert not open_end("The king went down.")
    assert not open_end("“Where are you going?”")
    assert not open_end("خرج الملك إلى النهر.")
    assert not open_end("")
    starts, ends = clause_cues(["The king rose,", "and went out.", "He wept"])
    assert starts.tolist() == [0.0, 1.0, 0.0]
    assert ends.tolist() == [1.0, 0.0, 1.0]


def _side(lengths: list[float]) -> SideFeatures:
    n = len(lengths)
    return SideFeatures(
        length=np.asarray(lengths, dtype=np.float64),
        para_start=np.zeros(n),
        nonbody=np.zeros(n),
        anchors=[{} for _ in range(n)],
        weight=np.zeros(n),
    )


def test_cues_make_a_link_dearer_to_start_on_a_continuation_and_end_on_an_open_line() -> None:
    english = ["The king rose,", "and went out.", "He wept,", "and slept."]
    scorer = BeadScorer(_side([40.0, 40.0]), _side([20.0, 20.0, 20.0, 20.0]), (
        np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)), CROSS)
    a0, a1 = np.array([0, 0]), np.array([1, 1])
    b0, b1 = np.array([0, 1]), np.array([2, 3])  # the right cut (lines 0–1) and one line off (1–2)
    plain = scorer.bead_costs(a0, a1, b0, b1)
    assert plain[0] == plain[1]  # lengths alone cannot tell the two cuts apart
    zeros = np.zeros(2)
    starts, ends = clause_cues(english)
    scorer.set_cues(zeros, zeros, 0.3 * starts, 0.3 * ends)
    cued = scorer.bead_costs(a0, a1, b0, b1)
    assert cued[0] == plain[0]
    assert cued[1] == plain[1] + 0.6  # starts on "and went out." and ends on "He wept,"
    # The DP's row costs agree with the vectorised bead costs.
    row = scorer.match_cost(1, np.array([2, 3]), (1, 2))
    assert row.tolist() == [cued[0], cued[1]]
    lo, hi = np.zeros(3, dtype=np.int64), np.full(3, 4, dtype=np.int64)
    block = scorer.block_costs(0, 3, lo, hi, 5, [(1, 2)])[(1, 2)]
    assert block[1, 2] == cued[0]
    assert block[1, 3] == cued[1]


def test_a_cue_nearly_every_segment_has_tells_nothing_and_is_dropped() -> None:
    unpunctuated = ["The king rose", "and went out", "He wept", "and slept", "Then he woke"]
    starts, ends = clause_cues(unpunctuated)
    assert starts.tolist() == [0.0, 1.0, 0.0, 1.0, 0.0]  # the lower-case starts still tell
    assert ends.tolist() == [0.0] * 5  # every line is open: no cue
    _, ends = clause_cues(unpunctuated, uniform=1.0)
    assert ends.tolist() == [1.0] * 5
