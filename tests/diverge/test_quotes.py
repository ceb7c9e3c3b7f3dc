import itertools

from hypothesis import given
from hypothesis import strategies as st

from khaddam_align.diverge.quotes import extract_quotes, quote_at

TEXT = """Iranian President Mohammad Karimi met Syrian President Omar Haddad in Tehran.

Karimi replied, “These are good questions.” Haddad answered: “Then let us begin.”

He added: “The border is closed.

“The trade routes are closed too, and the envoy said ‘no more talks’ to us.”

“We will wait,” said the Iranian president.

The minister went home. "Nothing was decided," Haddad said."""


def test_speakers_from_attribution_titles_and_he_added() -> None:
    quotes = extract_quotes(TEXT)
    speakers = [q.speaker for q in quotes]
    assert speakers == ["karimi", "haddad", "haddad", "karimi", "haddad"]


def test_quote_continues_into_a_paragraph_that_opens_with_a_mark_and_nests_single_quotes() -> None:
    quotes = extract_quotes(TEXT)
    long = quotes[2]
    assert long.paragraphs == 2
    assert TEXT[long.start : long.end].endswith("to us.”")
    assert [TEXT[s:e] for s, e in long.nested] == ["‘no more talks’"]
    inside = TEXT.index("trade routes")
    assert quote_at(quotes, inside, inside + 10) is long


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "Karimi said: “We will wait\n\nThe next day nothing happened."
    (q,) = extract_quotes(text)
    assert text[q.start : q.end] == "“We will wait"


def test_scare_quotes_get_no_speaker_and_a_quote_after_a_narrative_sentence_gets_its_subject() -> None:
    text = ("Syrian President Omar Haddad met Iranian President Mohammad Karimi.\n\n"
            "They hoped for a “new Vietnam” in the south.\n\n"
            "At this point, Karimi proposed a plan. “We should meet again.”")
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == [None, "karimi"]


PIECES = st.lists(st.sampled_from(["Karimi said: ", "“", "”", "\"", "‘", "’", "war ", "peace. ", "\n\n", "He added, "]),
                  max_size=30)


@given(PIECES)
def test_quotes_are_ordered_disjoint_slices_that_open_with_a_mark(pieces: list[str]) -> None:
    text = "".join(pieces)
    quotes = extract_quotes(text)
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start] in "“\""
        assert all(q.start < s < e <= q.end for s, e in q.nested)
    for first, second in itertools.pairwise(quotes):
        assert first.end <= second.start
