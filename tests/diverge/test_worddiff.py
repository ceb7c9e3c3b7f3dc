from hypothesis import given
from hypothesis import strategies as st

from khaddam_align.diverge.worddiff import diff_texts

WORDS = st.lists(st.sampled_from(["war", "the", "Assad", "al-Assad", "centre", "center", "two", "not", "Iran"]),
                 max_size=12)


@given(WORDS, WORDS)
def test_applying_the_diff_to_a_gives_b(a: list[str], b: list[str]) -> None:
    a_text, b_text = " ".join(a), ", ".join(b)
    d = diff_texts(a_text, b_text)
    assert d.apply([t.norm for t in d.a_tokens]) == [t.norm for t in d.b_tokens]
    # Runs cover both token lists in order, without gaps.
    assert sum(r.a_hi - r.a_lo for r in d.runs) == len(d.a_tokens)
    assert sum(r.b_hi - r.b_lo for r in d.runs) == len(d.b_tokens)
    for r in d.runs:
        assert r.a_span[0] <= r.a_span[1] <= len(a_text)
        assert r.b_span[0] <= r.b_span[1] <= len(b_text)


def test_style_is_not_a_difference_and_offsets_point_at_words() -> None:
    a = "The centre of Damascus, said al-Assad."
    b = "the center of Aleppo said Assad today"
    d = diff_texts(a, b)
    changed = d.changed
    assert [r.kind for r in changed] == ["replace", "insert"]
    assert a[changed[0].a_span[0] : changed[0].a_span[1]] == "Damascus"
    assert b[changed[0].b_span[0] : changed[0].b_span[1]] == "Aleppo"
    assert b[changed[1].b_span[0] : changed[1].b_span[1]] == "today"
    assert 0 < d.similarity() < 1
