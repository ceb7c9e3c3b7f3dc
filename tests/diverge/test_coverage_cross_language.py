"""Coverage of an Arabic↔English alignment: the stretch is the run of confidently matched links."""

from __future__ import annotations

from khaddam_align.diverge.detect import coverage
from khaddam_align.diverge.model import LinkView

AR = "مقدمة الصحيفة الخاصة بها. قال الوزير إن الاجتماع كان مثمرا. وأضاف أن الوفد سيعود غدا."
EN = "The minister said the meeting had been fruitful. He added that the delegation would return tomorrow. A note by the editor."


def _span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def test_one_sided_links_at_the_ends_lie_outside_the_shared_stretch() -> None:
    intro = _span(AR, "مقدمة الصحيفة الخاصة بها.")
    ar1, ar2 = _span(AR, "قال الوزير إن الاجتماع كان مثمرا."), _span(AR, "وأضاف أن الوفد سيعود غدا.")
    en1 = _span(EN, "The minister said the meeting had been fruitful.")
    en2 = _span(EN, "He added that the delegation would return tomorrow.")
    note = _span(EN, "A note by the editor.")
    links = [
        LinkView(0, (intro,), (), 0.9),
        LinkView(1, (ar1,), (en1,), 0.9),
        LinkView(2, (ar2,), (en2,), 0.8),
        LinkView(3, (), (note,), 0.9),
    ]
    cov = coverage(AR, EN, links, a_lang="ar", b_lang="en")
    assert cov.a_outside == (intro,)
    assert cov.b_outside == (note,)


def test_without_languages_words_decide_as_before() -> None:
    en1 = _span(EN, "The minister said the meeting had been fruitful.")
    links = [LinkView(0, (en1,), (en1,), 0.9)]
    cov = coverage(EN, EN, links)
    assert cov.a_outside == ()
    assert cov.b_outside == ()
