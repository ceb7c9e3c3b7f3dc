from khaddam_align.diverge.normalize import content_words, norm, tokenize
from khaddam_align.text.names import same_name


def test_spelling_variants_normalise_to_one_form() -> None:
    assert norm("Centred") == norm("centered")
    assert norm("favour") == norm("favor")
    assert norm("recognise") == norm("recognize")
    assert norm("al-Rashid") == norm("Rashid")
    assert norm("Öztürk") == norm("Ozturk")
    assert norm("Freedonia’s") == norm("Freedonia")


def test_name_variants_meet_by_skeleton_not_by_a_table() -> None:
    # norm keeps the spelling; the one name system compares by transliteration skeleton.
    assert norm("Youssef") != norm("Yusuf")
    assert same_name("Youssef", "Yusuf")
    assert same_name("Rasheed", "al-Rashid")


def test_tokens_keep_offsets_into_the_text() -> None:
    text = "  “Don’t,” said al-Rashid."
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens] == ["Don’t", "said", "al-Rashid"]
    assert tokens[2].norm == "rashid"
    assert "said" not in content_words(tokens)
