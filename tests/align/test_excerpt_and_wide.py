"""Partial coverage (one side an excerpt of the other) and wide links (1-5), end to end."""

from __future__ import annotations

from khaddam_align.align import AlignSettings, SideInput, align_texts
from tests.align.arabic_fixture import ARABIC, ENGLISH


def _pairs(links: list) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:  # type: ignore[type-arg]
    return {(lk.a, lk.b) for lk in links}


def _cover(links: list, n: int, m: int) -> None:  # type: ignore[type-arg]
    assert [i for lk in links for i in lk.a] == list(range(n))
    assert [j for lk in links for j in lk.b] == list(range(m))


def test_arabic_excerpt_aligns_inside_the_full_english_text() -> None:
    # Arabic sentences 5–8 only (4 of 14, as a quoted passage would be) against all the English.
    excerpt = ARABIC[5:9]
    links = align_texts(SideInput(excerpt, language="ar"), SideInput(ENGLISH, language="en"))
    _cover(links, len(excerpt), len(ENGLISH))
    pairs = _pairs(links)
    assert {((k,), (5 + k,)) for k in range(4)} <= pairs
    assert all(lk.score >= 0.5 for lk in links if lk.a)
    # Everything else of the English text is one-sided.
    assert {((), (j,)) for j in [*range(5), *range(9, 14)]} <= pairs


def test_english_excerpt_aligns_inside_the_full_arabic_text() -> None:
    excerpt = ENGLISH[8:12]
    links = align_texts(SideInput(ARABIC, language="ar"), SideInput(excerpt, language="en"))
    _cover(links, len(ARABIC), len(excerpt))
    pairs = _pairs(links)
    assert {((8 + k,), (k,)) for k in range(4)} <= pairs
    assert {((i,), ()) for i in [*range(8), *range(12, 14)]} <= pairs


def test_whole_texts_are_not_taken_for_excerpts() -> None:
    links = align_texts(SideInput(ARABIC, language="ar"), SideInput(ENGLISH, language="en"))
    assert _pairs(links) == {((k,), (k,)) for k in range(14)}


def _clauses(sentence: str) -> list[str]:
    head, comma, tail = sentence.partition(", ")  # at the first comma only
    return [head + ",", tail] if comma else [sentence]


def test_one_long_arabic_sentence_rendered_as_five_english_lines_is_one_1_5_link() -> None:
    # Classical-prose-like Arabic: consecutive sentences chained with و into one long sentence;
    # the English is in short lines. Arabic sentence 1 joins source sentences 3–6, which the
    # English gives as five lines (sentence 5 in two clauses).
    groups = [(0, 3), (3, 7), (7, 10), (10, 14)]
    arabic = ["، ".join(s.rstrip(".") for s in ARABIC[g0:g1]) + "." for g0, g1 in groups]
    english: list[str] = []
    gold = []
    for k, (g0, g1) in enumerate(groups):
        start = len(english)
        for s in ENGLISH[g0:g1]:
            english += _clauses(s)
        gold.append(((k,), tuple(range(start, len(english)))))
    assert len(gold[1][1]) == 5
    links = align_texts(SideInput(arabic, language="ar"), SideInput(english, language="en"))
    _cover(links, len(arabic), len(english))
    assert gold[1] in _pairs(links)
    assert _pairs(links) == set(gold)
    # Right wide links are not sent to the review queue for their size alone.
    assert min(lk.score for lk in links) >= 0.5
    # Without wide links the 1-5 link cannot be expressed.
    narrow = align_texts(
        SideInput(arabic, language="ar"), SideInput(english, language="en"), settings=AlignSettings(wide_links=False)
    )
    assert gold[1] not in _pairs(narrow)


def test_a_single_quoted_sentence_finds_its_place_in_the_other_text() -> None:
    for k in (0, 6, 13):
        links = align_texts(SideInput([ARABIC[k]], language="ar"), SideInput(ENGLISH, language="en"))
        assert [(lk.a, lk.b) for lk in links if lk.a] == [((0,), (k,))]
        links = align_texts(SideInput(ARABIC, language="ar"), SideInput([ENGLISH[k]], language="en"))
        assert [(lk.a, lk.b) for lk in links if lk.b] == [((k,), (0,))]
