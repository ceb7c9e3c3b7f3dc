"""Sentence boundaries on the corpus pair 001/002 against a hand segmentation.

How the reference was built (without copying the corpus): every place where
a sentence *could* end was reviewed by hand — each run of ``. ! ? …`` with
any closing quotes, followed by a space inside a paragraph (164 in 001, 65
in 002), plus every paragraph end (one paragraph per line in these files).
Reading both texts, the candidates that are *not* sentence ends are listed
below by a short search key (the candidate is the first punctuation run in
the key; every occurrence of the key counts). All other candidates, and all
paragraph ends, are sentence ends. No sentence in these two texts ends
without punctuation except at a paragraph end. The reference is computed at
test time from the file and this list, with no use of the segmenter's rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from khaddam_align.segment import Span, segment_text
from khaddam_align.segment.evaluation import BoundaryScores, boundary_scores
from khaddam_align.storage.models import SegmentKind
from tests.conftest import corpus_file

pytestmark = pytest.mark.corpus

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=[ \t\xa0])")
_LINE = re.compile(r"[^\r\n]+")

# Punctuation that does not end a sentence (found by reading the texts).
NOT_SENTENCE_ENDS = {
    "001": [
        "Dr. Bashar",  # title
        "Mr. Kamal",
        "Mr. Khaddam",
        "Mr. Chirac",
        "start… they",  # ellipsis inside a sentence
        "Iran… but",
    ],
    "002": [
        "Brig. Gen.",  # ranks before a name
        "Gen. Mohammed",
        "Gen. Qassem",
        "Gen. Nasif",
        "Gen. Soleimani",
        "starts?” al-Assad",  # the quoted question is part of "... al-Assad asked Khatami."
    ],
}

# Hand counts of sentences in some paragraphs, found by their opening words.
SENTENCES_IN_PARAGRAPH = {
    "001": {
        "Khatami continued, “Allow": 5,
        "Kamal Kharrazi interjected": 11,
        "Khatami commented: “The opposition doesn": 9,
        "Assad continued: “Another thing": 4,
        "“The Lebanese file”": 2,
    },
    "002": {
        "Those attending": 1,
        "“What steps": 2,
        "He agreed that the Kurdish": 2,
        "Khatami spelt out": 3,
        "A security committee": 2,
        "“We stand strong": 4,
        "War feels unavoidable": 1,
    },
}


def reference_boundaries(text: str, prefix: str) -> tuple[set[int], set[int]]:
    """(internal sentence ends, paragraph ends) of the hand segmentation."""
    paragraph_ends = {m.start() + len(m.group().rstrip()) for m in _LINE.finditer(text)}
    candidates = {m.end() for m in _CANDIDATE.finditer(text)}
    for key in NOT_SENTENCE_ENDS[prefix]:
        cluster = _CANDIDATE.search(key + " ")
        assert cluster is not None, key
        hits = [m.start() for m in re.finditer(re.escape(key), text)]
        assert hits, f"search key {key!r} not found in {prefix}"
        for hit in hits:
            candidates.discard(hit + cluster.end())
    return candidates - paragraph_ends, paragraph_ends


def scores(text: str, prefix: str, spans: list[Span]) -> tuple[BoundaryScores, BoundaryScores]:
    """(scores on all sentence ends, scores on ends inside paragraphs)."""
    internal, paragraph_ends = reference_boundaries(text, prefix)
    predicted = {s.end for s in spans}
    everything = boundary_scores(predicted, internal | paragraph_ends)
    inside = boundary_scores(predicted - paragraph_ends, internal)
    return everything, inside


def load(corpus_dir: Path, prefix: str) -> tuple[str, list[Span]]:
    text = corpus_file(corpus_dir, prefix).read_text(encoding="utf-8")
    return text, segment_text(text, "en")


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_boundary_f1_against_hand_segmentation(corpus_dir: Path, prefix: str) -> None:
    text, spans = load(corpus_dir, prefix)
    everything, inside = scores(text, prefix, spans)
    assert everything.reference > 100
    assert everything.f1 >= 0.98
    assert inside.f1 >= 0.97


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_sentence_counts_of_hand_counted_paragraphs(corpus_dir: Path, prefix: str) -> None:
    text, spans = load(corpus_dir, prefix)
    for opening, count in SENTENCES_IN_PARAGRAPH[prefix].items():
        start = text.index("\n" + opening) + 1
        paragraph = next(s.paragraph for s in spans if s.start == start)
        got = sum(1 for s in spans if s.paragraph == paragraph)
        assert got == count, f"{prefix} paragraph {opening!r}: {got} sentences, expected {count}"


def segment_containing(text: str, spans: list[Span], key: str) -> str:
    offset = text.index(key)
    (span,) = [s for s in spans if s.start <= offset < s.end]
    return text[span.start : span.end]


def test_boundary_checks_002(corpus_dir: Path) -> None:
    text, spans = load(corpus_dir, "002")
    assert segment_containing(text, spans, "Brig. Gen.").endswith("Mohammed Nassif.")
    assert segment_containing(text, spans, "al-Assad asked Khatami").startswith("“What steps")
    assert segment_containing(text, spans, "al-Assad asked Khatami").endswith("asked Khatami.")
    assert segment_containing(text, spans, "Gen. Nasif").endswith("Gen. Soleimani from Iran.")
    assert segment_containing(text, spans, "9/11").endswith("Bush’s tenure…")
    assert segment_containing(text, spans, "(the Turkish").startswith("I’ve discussed")
    headings = [s for s in spans if s.kind is SegmentKind.HEADING]
    assert any(text[s.start : s.end] == "War feels unavoidable" for s in headings)


def test_boundary_checks_001(corpus_dir: Path) -> None:
    text, spans = load(corpus_dir, "001")
    suggested = segment_containing(text, spans, "President Khatami suggested")
    assert suggested.startswith("Kamal Kharrazi interjected")
    assert suggested.endswith("reconciliation.”")
    assert segment_containing(text, spans, "Khatami responded").startswith("Khatami responded")
    assert "they haven’t left" in segment_containing(text, spans, "will start…")
    assert segment_containing(text, spans, "Dr. Bashar").endswith("in 1994.")
    assert segment_containing(text, spans, "Allow me").endswith("to explain.")
