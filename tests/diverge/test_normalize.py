from khaddam_align.diverge.normalize import content_words, norm, tokenize


def test_spelling_and_name_variants_normalise_to_one_form() -> None:
    assert norm("Centred") == norm("centered")
    assert norm("favour") == norm("favor")
    assert norm("recognise") == norm("recognize")
    assert norm("Mohammad") == norm("Muhammad") == norm("Mohammed")
    assert norm("al-Assad") == norm("Assad")
    assert norm("Shara'") == norm("Sharaa")
    assert norm("Gül") == norm("Gul")
    assert norm("Iran’s") == norm("Iran")


def test_tokens_keep_offsets_into_the_text() -> None:
    text = "  “Don’t,” said al-Assad."
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens] == ["Don’t", "said", "al-Assad"]
    assert tokens[2].norm == "assad"
    assert "said" not in content_words(tokens)
