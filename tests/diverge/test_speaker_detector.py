"""Speakers in both languages: patterns beyond "X said", roles, and a swapped speaker across scripts."""

from __future__ import annotations

from khaddam_align.diverge.arabic_speech import NameIndex, speakers
from khaddam_align.diverge.model import DivergenceType
from khaddam_align.diverge.quotes import extract_quotes
from khaddam_align.text.names import learn_people
from tests.diverge.pairs import AR_NAME, EN_NAME, run

SPEAKER = DivergenceType.SPEAKER


def test_english_speech_patterns_beyond_x_said() -> None:
    text = ("The delegates sat down in the hall.\n\n"
            "The minister returned to speak, saying: “We will not sign this text today.”\n\n"
            "The president’s answer was: “Then we shall wait for the next round.”\n\n"
            "Ambassador Omar Nasser interjected: “No more waiting, please.”\n\n"
            "Governor Sami Karam told his guest: “You are welcome in this house.”")
    found = [(q.speaker, text[q.start : q.end]) for q in extract_quotes(text)]
    assert [s for s, _ in found] == ["the minister", "the president", "nasser", "karam"]


def test_a_formula_naming_the_same_speaker_is_not_a_speaker_change() -> None:
    a = "Thus says the king: the wall of the city shall be rebuilt before winter."
    b = "This is what the king has said: the wall of the city shall be rebuilt before winter."
    assert [f for f in run(a, b) if f.type is SPEAKER] == []


def test_a_swapped_speaker_between_two_english_renderings() -> None:
    a = ("Ambassador Omar Nasser met Governor Sami Karam at the harbour office.\n\n"
         "Nasser said the customs fees at the northern harbour would double next spring.")
    b = ("Ambassador Omar Nasser met Governor Sami Karam at the harbour office.\n\n"
         "Karam said the customs fees at the northern harbour would double next spring.")
    found = [f for f in run(a, b) if f.type is SPEAKER]
    assert len(found) == 1
    assert "Nasser" in found[0].description
    assert "Karam" in found[0].description


def test_arabic_speech_verbs_with_names_titles_and_pronouns() -> None:
    english = "Ambassador Omar Nasser met Governor Sami Karam. Nasser said hello. Karam replied."
    ar = ("ثم تحدث السفير ناصر عن الميناء. وأضاف أن الرسوم سترتفع. "
          "ردّ كرم قائلاً: \"لن نقبل بذلك\". بدأ كرم الجلسة بالترحيب، وقال إن الوقت قصير.")
    table = speakers(ar, NameIndex(learn_people(english)))
    assert [who for _, _, who, _explicit in table] == ["nasser", "nasser", "karam", "karam"]
    assert [explicit for *_, explicit in table] == [True, False, True, False]


def test_a_swapped_speaker_against_the_arabic_original() -> None:
    ar = ("التقى السفير عمر ناصر بالحاكم سامي كرم في مكتب الميناء.\n\n"
          "ثم تحدث السفير ناصر عن رسوم الجمارك في الميناء الشمالي.")
    en = ("Ambassador Omar Nasser met Governor Sami Karam at the harbour office.\n\n"
          "Governor Karam then spoke about the customs fees at the northern harbour.")
    found = [f for f in run(ar, en, a_lang="ar") if f.type is SPEAKER]
    assert len(found) == 1
    d = found[0].description
    assert d.startswith(EN_NAME)
    assert AR_NAME in d
    assert "Karam" in d
    assert "Nasser" in d


def test_the_same_speaker_in_both_scripts_is_not_flagged() -> None:
    ar = ("التقى السفير عمر ناصر بالحاكم سامي كرم في مكتب الميناء.\n\n"
          "وقال ناصر إن الرسوم سترتفع في الربيع.")
    en = ("Ambassador Omar Nasser met Governor Sami Karam at the harbour office.\n\n"
          "Nasser said the fees would rise in the spring.")
    assert [f for f in run(ar, en, a_lang="ar") if f.type is SPEAKER] == []


def test_a_person_replaced_outside_speech_is_an_entity_change_not_a_speaker_change() -> None:
    a = ("Ambassador Omar Nasser met the governor in Port Leon on Monday.\n\n"
         "The border talks were led by Omar Nasser and the envoy.\n\n"
         "Governor Sami Karam arrived later.")
    b = a.replace("led by Omar Nasser", "led by Sami Karam")
    found = run(a, b)
    assert [f.type for f in found] == [DivergenceType.ENTITY]
    assert "Omar Nasser" in found[0].description
    assert "Sami Karam" in found[0].description
