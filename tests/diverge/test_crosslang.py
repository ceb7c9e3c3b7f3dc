"""Against the Arabic original: additions, dropped passages, quotes turned into paraphrase,
names by transliteration, negation and certainty — described with the renderings' names."""

from __future__ import annotations

import re

from khaddam_align.diverge.model import DivergenceType
from tests.diverge.pairs import AR_NAME, EN_NAME, evidence, run

AR = ("التقى السفير عمر ناصر بالحاكم سامي كرم في مكتب الميناء يوم الأحد.\n\n"
      "وقال ناصر إن الحكومة يجب أن تخفض رسوم الجمارك قبل الصيف.\n\n"
      "ردّ كرم قائلاً: \"لن نقبل بأي اتفاق يضر بالصيادين في الميناء\".\n\n"
      "وأوضح ناصر أن العاصمة لا ترفض الاقتراح من حيث المبدأ.\n\n"
      "وفي ختام اللقاء، شكر كرم السفير على زيارته الطويلة.")


def test_an_english_sentence_the_arabic_lacks_is_the_english_addition() -> None:
    en = ("Ambassador Omar Nasser met Governor Sami Karam at the harbour office on Sunday.\n\n"
          "The meeting took place amid a long strike of the dock workers.\n\n"
          "Nasser said the government must cut the customs fees before the summer.")
    found = run(AR, en, a_lang="ar", shape=[([0], [0]), ([], [1]), ([1], [2])])
    added = [f for f in found if f.type is DivergenceType.ADDITION]
    assert len(added) == 1
    assert added[0].description.startswith(f"{EN_NAME} adds a sentence {AR_NAME} lacks")
    assert "dock workers" in evidence(AR, en, added[0])
    assert not [f for f in found if f.type is DivergenceType.OMISSION]


def test_an_addition_merged_into_a_link_is_still_found() -> None:
    en = ("Ambassador Omar Nasser met Governor Sami Karam at the harbour office on Sunday.\n\n"
          "The meeting took place amid a long strike of the dock workers.")
    found = run(AR.split("\n\n")[0], en, a_lang="ar", shape=[([0], [0, 1])])
    # One Arabic sentence against two English ones: the second has no name or figure of the Arabic.
    added = [f for f in found if f.type is DivergenceType.ADDITION]
    assert added
    assert "dock workers" in evidence(AR.split("\n\n")[0], en, added[0])


def test_a_passage_the_english_drops_is_its_omission() -> None:
    en = "Ambassador Omar Nasser met Governor Sami Karam at the harbour office on Sunday."
    ar = AR.split("\n\n")[0] + "\n\n" + AR.split("\n\n")[4]
    found = run(ar, en, a_lang="ar", shape=[([0], [0]), ([1], [])])
    dropped = [f for f in found if f.type is DivergenceType.OMISSION]
    assert len(dropped) == 1
    assert dropped[0].description.startswith(f"{EN_NAME} leaves out")
    assert dropped[0].severity >= 0.45


def test_an_arabic_quote_reported_in_the_englishs_own_words() -> None:
    ar = AR.split("\n\n")[2]
    en = "Karam answered that his side would accept no deal that harmed the harbour's fishermen."
    quotes = [f for f in run(ar, en, a_lang="ar") if f.type is DivergenceType.QUOTE]
    assert len(quotes) == 1
    assert quotes[0].description.startswith(f"{AR_NAME} quotes directly")
    kept = "Karam replied: \"We will accept no deal that harms the fishermen of the harbour.\""
    assert not [f for f in run(ar, kept, a_lang="ar") if f.type is DivergenceType.QUOTE]


def test_negation_and_certainty_against_the_arabic() -> None:
    ar = AR.split("\n\n")[1] + "\n\n" + AR.split("\n\n")[3]
    en = ("Nasser said the government might cut the customs fees before the summer.\n\n"
          "Nasser explained that the capital rejects the proposal in principle.")
    meaning = [f.description for f in run(ar, en, a_lang="ar") if f.type is DivergenceType.MEANING]
    assert any("necessary or certain" in d and "only as possible" in d for d in meaning)
    assert any(d.startswith(f"{AR_NAME} negates it") for d in meaning)
    faithful = ("Nasser said the government must cut the customs fees before the summer.\n\n"
                "Nasser explained that the capital does not reject the proposal in principle.")
    assert not [f for f in run(ar, faithful, a_lang="ar") if f.type is DivergenceType.MEANING]


def test_a_name_replaced_by_another_of_the_same_text() -> None:
    ar = AR.split("\n\n")[0] + "\n\n" + AR.split("\n\n")[4]
    en = ("Ambassador Omar Nasser met Governor Sami Karam at the harbour office on Sunday.\n\n"
          "At the end of the meeting, Nasser thanked the ambassador for his long visit.")
    entity = [f for f in run(ar, en, a_lang="ar") if f.type is DivergenceType.ENTITY]
    assert any("Nasser" in f.description and f.severity >= 0.5 for f in entity)


def test_descriptions_never_say_a_or_b() -> None:
    en = ("Ambassador Omar Nasser met Governor Sami Karam at the harbour office on Monday.\n\n"
          "Karam said the government might cut the fees before the summer.\n\n"
          "Nasser replied that he would accept no deal.\n\n"
          "Nasser explained that the capital rejects the proposal.\n\n"
          "The ambassador left at noon.")
    found = run(AR, en, a_lang="ar")
    assert found
    for f in found:
        assert not re.search(r"\b[AB]\b", f.description), f.description
