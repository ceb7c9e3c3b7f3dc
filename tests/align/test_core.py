"""The pure aligner: links cover every segment once, in order; shared content is found."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khaddam_align.align import AlignSettings, SideInput, align_texts
from khaddam_align.align.core import resolve_method
from khaddam_align.errors import Cancelled

SENTENCES = [
    "Assad arrived in Tehran on 16 March 2003.",
    "Khatami welcomed the Syrian delegation at the palace.",
    "The two presidents discussed the coming war in Iraq.",
    "Khamenei said America would be bogged down for years.",
    "Sharaa added that Turkey shared their fear of a Kurdish state.",
    "The meeting ended with an agreement to coordinate closely.",
]


def _check_cover(links: list, n: int, m: int) -> None:  # type: ignore[type-arg]
    a_seen = [i for lk in links for i in lk.a]
    b_seen = [j for lk in links for j in lk.b]
    assert a_seen == list(range(n))
    assert b_seen == list(range(m))
    assert all(lk.a or lk.b for lk in links)
    assert all(0.0 <= lk.score <= 1.0 for lk in links)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from([*SENTENCES, "Photo: AFP", "", "x"]), min_size=0, max_size=12),
    st.lists(st.sampled_from([*SENTENCES, "قال خدام في ١٦ آذار ٢٠٠٣", "Subscribe now"]), min_size=0, max_size=12),
    st.sampled_from(["auto", "lexical", "length"]),
    st.integers(1, 3),
)
def test_every_segment_in_exactly_one_link_in_order(a: list[str], b: list[str], method: str, max_side: int) -> None:
    links = align_texts(SideInput(a), SideInput(b), method=method, settings=AlignSettings(max_side=max_side))
    _check_cover(links, len(a), len(b))


def test_banded_search_on_longer_inputs_keeps_the_invariant() -> None:
    a = [f"{s} ({k})" for k in range(40) for s in SENTENCES]
    b = [f"{s} ({k})" for k in range(40) for s in SENTENCES if k % 7]
    links = align_texts(SideInput(a), SideInput(b), settings=AlignSettings(full_band_cells=1000, band_width=30))
    _check_cover(links, len(a), len(b))
    pairs = {(lk.a, lk.b) for lk in links}
    # Blocks k = 0, 7, 14 … are missing on B: their sentences are skipped, the rest match.
    assert {((i,), ()) for i in range(6)} | {((i,), ()) for i in range(42, 48)} <= pairs
    assert {((6 + i,), (i,)) for i in range(6)} <= pairs
    matched = sum(1 for lk in links if lk.a and lk.b)
    assert matched >= 0.9 * len(b)


def test_english_pair_skips_what_only_one_side_has() -> None:
    a = ["Khaddam Files: the Tehran minutes", *SENTENCES[:3], "Photo: Khatami greets Assad.", *SENTENCES[3:]]
    b = [
        "An introduction that only this publisher wrote about memoirs.",
        "Bashar al-Assad landed in Tehran on March 16, 2003.",
        "Mohammad Khatami greeted the Syrian delegation in his palace.",
        "Both presidents talked about the war coming to Iraq.",
        "America would get bogged down for years, Khamenei said.",
        "Al-Sharaa said Turkey also feared a Kurdish state.",
        "They agreed to coordinate closely, and the meeting ended.",
    ]
    kinds = ["title", "body", "body", "body", "caption", "body", "body", "body"]
    links = align_texts(SideInput(a, kinds=kinds), SideInput(b))
    pairs = {(lk.a, lk.b) for lk in links}
    assert {((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((5,), (4,)), ((6,), (5,)), ((7,), (6,))} <= pairs
    assert ((4,), ()) in pairs  # the caption only A has
    assert ((), (0,)) in pairs  # B's introduction
    matched = [lk.score for lk in links if lk.a and lk.b]
    assert min(matched) > 0.5


def test_arabic_english_uses_numbers_and_names() -> None:
    ar = [
        "وصل الرئيس بشار الأسد إلى طهران في ١٦ آذار ٢٠٠٣ على رأس وفد كبير.",
        "وقال خاتمي إن الحرب على العراق قادمة لا محالة وإن على البلدين الاستعداد لها.",
        "وأضاف خامنئي أن أمريكا ستغرق في العراق سنوات طويلة.",
    ]
    en = [
        "President Bashar al-Assad arrived in Tehran on 16 March 2003 leading a large delegation.",
        "An unrelated sentence that the Arabic does not have at all.",
        "Khatami said war on Iraq was coming and both countries had to prepare.",
        "Khamenei added that America would sink in Iraq for many years.",
    ]
    links = align_texts(SideInput(ar, language="ar"), SideInput(en), method="auto")
    pairs = {(lk.a, lk.b) for lk in links}
    assert ((0,), (0,)) in pairs
    assert ((2,), (3,)) in pairs


def test_swapped_sentences_become_one_two_two_link() -> None:
    a = SENTENCES
    b = [SENTENCES[0], SENTENCES[2], SENTENCES[1], *SENTENCES[3:]]
    links = align_texts(SideInput(a), SideInput(b))
    assert ((1, 2), (1, 2)) in {(lk.a, lk.b) for lk in links}


def test_cancel_raises_before_finishing() -> None:
    calls: list[float] = []

    def stop(fraction: float, _label: str) -> bool:
        calls.append(fraction)
        return len(calls) < 2

    with pytest.raises(Cancelled):
        align_texts(SideInput(SENTENCES), SideInput(SENTENCES), progress=stop)


def test_methods() -> None:
    assert resolve_method("auto", "en", "en") == "lexical"
    assert resolve_method("auto", "ar", "en") == "length"
    with pytest.raises(ValueError, match="unknown alignment method"):
        resolve_method("magic", "en", "en")


def test_coarse_to_fine_finds_a_long_one_sided_stretch() -> None:
    # B lacks a long block in the middle: far off the length diagonal, found by the coarse pass.
    def word(k: int, salt: int) -> str:  # a distinct made-up name per sentence
        return "".join("bdfgklmnrstvz"[(k * (7 + salt) + i * (salt + 5)) % 13] + "aeiou"[(k + i) % 5] for i in range(4))

    a = [f"{word(k, 1).title()} met {word(k, 2).title()} about the {word(k, 3)} on day {k}." for k in range(180)]
    b = a[:30] + a[120:]
    settings = AlignSettings(full_band_cells=2000, coarse_blocks=20, band_width=5, coarse_margin=2)
    links = align_texts(SideInput(a), SideInput(b), settings=settings)
    _check_cover(links, len(a), len(b))
    pairs = {(lk.a, lk.b) for lk in links}
    expected = {((i,), (i,)) for i in range(30)} | {((i,), (i - 90,)) for i in range(120, len(a))}
    assert len(expected & pairs) >= 0.95 * len(expected)
    assert sum(1 for lk in links if lk.a and not lk.b) >= 85


def test_lone_skips_between_matches_become_one_link_when_lengths_fit() -> None:
    from khaddam_align.align.bands import full_band
    from khaddam_align.align.features import anchor_keys, build_features, overlap_pairs
    from khaddam_align.align.postpass import pair_lone_skips
    from khaddam_align.align.scoring import BeadScorer, CostParams

    a = ["Assad met Khatami.", "Pray without ceasing, always.", "The talks ended.", "x"]
    b = ["Assad met Khatami.", "Keep on with your prayers now.", "The talks ended.", "A much longer sentence " * 8]
    keys = anchor_keys(a, b, a_language="en", b_language="en", lexical=True)
    fa, fb = build_features(a, b, keys)
    lo, hi = full_band(4, 4)
    scorer = BeadScorer(fa, fb, overlap_pairs(fa, fb, lo=lo[1:], hi=hi[1:]), CostParams(ratio=1.0))
    beads = [(0, 1, 0, 1), (1, 2, 1, 1), (2, 2, 1, 2), (2, 3, 2, 3), (3, 4, 3, 3), (4, 4, 3, 4)]
    out = pair_lone_skips(beads, scorer, max_deviation=1.0)
    assert out[:3] == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3)]
    assert out[3:] == [(3, 4, 3, 3), (4, 4, 3, 4)]  # not between two matches: left alone
    assert pair_lone_skips(beads, scorer, max_deviation=0.0) == beads


def _lexical_scorer(a: list[str], b: list[str]):  # type: ignore[no-untyped-def]
    from khaddam_align.align.bands import full_band
    from khaddam_align.align.features import anchor_keys, build_features, overlap_pairs
    from khaddam_align.align.fuzzy import fuzzy_matrices
    from khaddam_align.align.params import LEXICAL
    from khaddam_align.align.scoring import BeadScorer

    keys = anchor_keys(a, b, a_language="en", b_language="en", lexical=True)
    fa, fb = build_features(a, b, keys)
    lo, hi = full_band(len(a), len(b))
    scorer = BeadScorer(fa, fb, overlap_pairs(fa, fb, lo=lo[1:], hi=hi[1:]), LEXICAL)
    scorer.fuzzy = fuzzy_matrices(a, b)
    return scorer


def test_half_linked_swap_becomes_two_two_only_when_the_skipped_pair_matches() -> None:
    from khaddam_align.align.postpass import repair_swaps

    a = ["Assad met Khatami in Tehran.", "Khamenei warned of a long war in Iraq.", "Sharaa spoke of Turkey."]
    b = ["Assad and Khatami met in Tehran.", "Sharaa talked about Turkey.", "A long war in Iraq, Khamenei warned."]
    scorer = _lexical_scorer(a, b)
    # 1-0 (A1), 1-1 (A2 ↔ B1), 0-1 (B2): A1 and B2 say the same thing in swapped order.
    beads = [(0, 1, 0, 1), (1, 2, 1, 1), (2, 3, 1, 2), (3, 3, 2, 3)]
    assert repair_swaps(beads, scorer) == [(0, 1, 0, 1), (1, 3, 1, 3)]
    unrelated = _lexical_scorer(a, [*b[:2], "Subscribe to our newsletter for daily updates."])
    assert repair_swaps(beads, unrelated) == beads


def test_weak_link_among_skips_is_unlinked_but_a_weak_link_next_to_a_strong_one_stays() -> None:
    from khaddam_align.align.params import PASSES
    from khaddam_align.align.postpass import unlink_isolated

    a = [
        "Khaddam kept reams of papers when he left for Paris.",
        "Our photographer waited outside the palace gates.",
        "Assad arrived in Tehran on 16 March 2003 with Sharaa.",
        "We should be careful about what comes next.",
    ]
    b = [
        "Readers wrote many letters to the editor last week.",
        "The weather in the capital was cold and grey.",
        "Assad arrived in Tehran on 16 March 2003, with Sharaa.",
        "Prudence is needed about the coming stage.",
    ]
    scorer = _lexical_scorer(a, b)
    beads = [(0, 1, 0, 0), (1, 2, 0, 1), (2, 2, 1, 2), (2, 3, 2, 3), (3, 4, 3, 4)]
    out = unlink_isolated(beads, scorer, weak_similarity=PASSES.weak_similarity, weak_fuzzy=PASSES.weak_fuzzy)
    # A1 ↔ B0 shares nothing and has only skips around it; A3 ↔ B3 follows a strong match.
    assert out == [(0, 1, 0, 0), (1, 2, 0, 0), (2, 2, 0, 1), (2, 2, 1, 2), (2, 3, 2, 3), (3, 4, 3, 4)]


def test_lone_skips_anywhere_become_one_link_when_rapidfuzz_finds_them_close() -> None:
    from khaddam_align.align.params import PASSES
    from khaddam_align.align.postpass import pair_lone_skips

    a = ["Assad met Khatami in Tehran.", "The Kurdish question worried both men a great deal."]
    b = ["Subscribe to our newsletter for updates.", "Both men worried a great deal about the Kurdish question."]
    scorer = _lexical_scorer(a, b)
    beads = [(0, 1, 0, 0), (1, 1, 0, 1), (1, 2, 1, 1), (2, 2, 1, 2)]  # no match on either side
    assert pair_lone_skips(beads, scorer, max_deviation=1.0) == beads
    assert pair_lone_skips(beads, scorer, max_deviation=1.0, fuzzy_min=PASSES.lone_fuzzy) == [
        (0, 1, 0, 0), (1, 1, 0, 1), (1, 2, 1, 2)
    ]


def test_a_link_between_unrelated_sentences_gets_a_low_confidence() -> None:
    from khaddam_align.align.confidence import confidences

    a = [
        "Assad arrived in Tehran on 16 March 2003 with Sharaa.",
        "Khatami said America would be bogged down in Iraq for years.",
        "Our photographer waited outside the palace gates all day.",
        "Sharaa added that Turkey shared their fear of a Kurdish state.",
    ]
    b = [
        "Assad arrived in Tehran on 16 March 2003, with Sharaa.",
        "America would get bogged down in Iraq for years, Khatami said.",
        "Readers wrote many letters to the editor last week.",
        "Al-Sharaa said Turkey also feared a Kurdish state.",
    ]
    scorer = _lexical_scorer(a, b)
    scores = confidences(scorer, [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3), (3, 4, 3, 4)])
    # Between two good links it may be a free paraphrase: lower, but not necessarily under 0.5.
    assert scores[2] < min(scores[0], scores[1], scores[3]) - 0.05
    # Among skips (two different introductions) it is most likely wrong.
    intro_a = ["An introduction that only this publisher wrote.", "It recalls the memoirs and the papers."]
    intro_b = ["Readers wrote many letters to the editor.", "The weather in the capital was cold and grey."]
    scorer = _lexical_scorer([*intro_a, *a[2:]], [*intro_b, *b[2:]])
    beads = [(0, 1, 0, 0), (1, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 2), (3, 3, 2, 3), (3, 4, 3, 4)]
    scores = confidences(scorer, beads)
    assert scores[2] < 0.5
    assert scores[5] > 0.6


def test_banded_fuzzy_ratios_equal_the_full_ones_inside_the_band() -> None:
    import numpy as np

    from khaddam_align.align.fuzzy import fuzzy_matrices

    a = [f"{s} ({k})" for k, s in enumerate(SENTENCES * 2)]
    b = [f"({k}) {s}" for k, s in enumerate(SENTENCES * 2)]
    lo = np.clip(np.arange(len(a)) - 2, 0, len(b))
    hi = np.clip(np.arange(len(a)) + 3, 0, len(b))
    dense = fuzzy_matrices(a, b)
    banded = fuzzy_matrices(a, b, band=(lo, hi))
    assert set(dense) == set(banded) == {(1, 1), (2, 1), (1, 2), (2, 2)}
    for shape, full in dense.items():
        rows, cols = np.meshgrid(np.arange(full.shape[0]), np.arange(full.shape[1]), indexing="ij")
        inside = (cols >= lo[rows]) & (cols < hi[rows])
        got = banded[shape][rows.ravel(), cols.ravel()].reshape(rows.shape)
        assert np.allclose(got[inside], np.asarray(full)[inside])
        assert (got[~inside] == 0).all()


def test_long_english_pair_scores_rapidfuzz_near_a_first_path(monkeypatch: pytest.MonkeyPatch) -> None:
    import khaddam_align.align.core as core
    from khaddam_align.align.scoring import BandedRatios

    a = [f"{s} ({k})" for k in range(6) for s in SENTENCES]
    b = [s for k, s in enumerate(a) if k % 5]
    from dataclasses import replace

    # Take the long-text route on a short text.
    monkeypatch.setattr(core, "PASSES", replace(core.PASSES, fuzzy_cells=100))
    links = align_texts(SideInput(a), SideInput(b))
    _check_cover(links, len(a), len(b))
    pairs = {(lk.a, lk.b) for lk in links}
    expected = {((i,), (j,)) for j, i in enumerate(k for k in range(len(a)) if k % 5)}
    assert len(expected & pairs) >= 0.95 * len(expected)
    scorer, _ = core.align_path(SideInput(a), SideInput(b))
    assert isinstance(scorer.fuzzy[(1, 1)], BandedRatios)


def test_name_matching_breaks_ties_the_same_way_whatever_the_string_hash_seed() -> None:
    import os
    import subprocess
    import sys

    # Several English names equally close to one Arabic skeleton: the pick must not depend on
    # set iteration order (PYTHONHASHSEED), or the same texts align differently from run to run.
    code = (
        "from khaddam_align.align.features import _NameMatcher\n"
        "match = _NameMatcher({'p:xmnyk' + c for c in 'abcdefgh'})\n"
        "print(match('xmnyk'))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        outputs.add(run.stdout.strip())
    assert len(outputs) == 1
    assert outputs.pop().startswith("p:xmnyk")
