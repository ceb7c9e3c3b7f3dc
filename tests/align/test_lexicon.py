from __future__ import annotations

from khaddam_align.align.lexicon import arabic_stems, learn, translated_keys


def test_arabic_stems_strip_clitics_and_normalise_alef() -> None:
    assert arabic_stems("والأسد") == arabic_stems("الاسد") == {"اسد"}
    assert "في" not in "".join(arabic_stems("في"))


def test_learn_pairs_words_that_co_occur() -> None:
    pairs = [
        ("قال الله للناس", "God said to the people"),
        ("وكان الله معهم", "And God was with them"),
        ("ذهب الرسول إلى المدينة", "The apostle went to the city"),
        ("ورأى الرسول الناس", "The apostle saw the people"),
        ("المدينة كبيرة", "The city is big"),
        ("الناس في المدينة", "The people in the city"),
    ]
    lexicon = learn(pairs)
    assert "god" in translated_keys("الله", lexicon)
    assert "apost" in translated_keys("الرسول", lexicon)
    assert "city" in translated_keys("بالمدينة", lexicon)
