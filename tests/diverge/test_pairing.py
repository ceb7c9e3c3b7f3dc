import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from khaddam_align.diverge.model import LinkView, Side
from khaddam_align.diverge.pairing import match_sentences, match_sentences_dense, shared_stretch

VOCAB = ["Assad", "Khatami", "war", "Iraq", "border", "talks", "army", "oil", "Tehran", "summit", "treaty", "envoy"]
SENTENCES = st.lists(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=6), min_size=1, max_size=8)


def _side(sentences: list[list[str]]) -> tuple[Side, list[tuple[int, int]]]:
    text, spans = "", []
    for words in sentences:
        s = " ".join(words) + "."
        spans.append((len(text), len(text) + len(s)))
        text += s + " "
    return Side.of(text), spans


@settings(max_examples=60, deadline=None)
@given(SENTENCES, SENTENCES)
def test_sparse_matching_is_as_good_as_the_full_dynamic_programme(x: list[list[str]], y: list[list[str]]) -> None:
    a, a_spans = _side(x)
    b, b_spans = _side(y)
    fast = match_sentences(a, b, a_spans, b_spans)
    slow = match_sentences_dense(a, b, a_spans, b_spans)
    assert abs(sum(s - 0.14 for *_, s in fast) - sum(s - 0.14 for *_, s in slow)) < 1e-9
    # A chain: strictly increasing on both sides.
    assert all(p[0] < q[0] and p[1] < q[1] for p, q in itertools.pairwise(fast))


def test_shared_stretch_leaves_out_one_sided_introductions() -> None:
    intro = [LinkView(i, ((i, i + 1),), ()) for i in range(4)]
    body = [LinkView(4 + i, ((10 + i, 11 + i),), ((i, i + 1),), 0.8) for i in range(5)]
    tail = [LinkView(9 + i, (), ((20 + i, 21 + i),)) for i in range(6)]
    assert shared_stretch([*intro, *body, *tail]) == (4, 9)
