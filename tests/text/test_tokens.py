from __future__ import annotations

from khaddam_align.text.tokens import content_tokens, normalize, tokens


def test_case_quotes_and_punctuation() -> None:
    assert tokens("The Minister’s “Plan”!") == ["the", "minister's", "plan"]
    assert normalize("He said: 'No.'") == normalize("he said “no”")


def test_british_and_american_spelling_meet() -> None:
    assert normalize("the colour of the defence centre") == normalize("the color of the defense center")
    assert normalize("They organised a realisation") == normalize("They organized a realization")
    assert tokens("a surprise promise") == ["a", "surprise", "promise"]


def test_numbers_keep_digits() -> None:
    assert tokens("2,500 and ٢٥٠٠") == ["2500", "and", "2500"]


def test_content_tokens_drop_stopwords() -> None:
    assert content_tokens("The president of Syria said that it was calm") == ["president", "syria", "calm"]
