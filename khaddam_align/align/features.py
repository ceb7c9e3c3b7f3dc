"""Per-segment features: lengths, structure, and weighted anchors shared by both sides.

Anchors are integer feature ids with a weight (inverse document frequency):
content-word stems for EN↔EN, plus for any pair numbers/dates (``number_keys``),
names (consonant skeletons, Arabic transliterated) and quotation marks.
For Arabic↔English only anchors that can occur on both sides are kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from khaddam_align.text.arabic import ARABIC_WORD as _ARABIC_WORD
from khaddam_align.text.names import find_names, word_keys
from khaddam_align.text.numbers import number_keys
from khaddam_align.text.tokens import content_tokens
from khaddam_align.text.translit import is_arabic, skeleton

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_QUOTE = re.compile("[\"“”«»]")
# Arabic clitics in front of a name: wa-, bi-, li-, fa-, ka- and the article.
_AR_PREFIX = re.compile("^(?:[وفبلك]?ال|[وفبلك]|لل)(?=...)")
FUZZY_NAME_CUTOFF = 86.0  # rapidfuzz ratio between consonant skeletons (tuned on news vs bible)


@dataclass(frozen=True)
class SideFeatures:
    """What the scorer needs from one side; arrays have one entry per segment."""

    length: FloatArray  # characters without spaces
    para_start: FloatArray  # 1.0 where a segment starts a paragraph
    nonbody: FloatArray  # 1.0 for title/heading/caption/meta
    anchors: list[dict[int, float]]  # feature id → weight
    weight: FloatArray  # total anchor weight per segment


def char_length(text: str) -> int:
    # Same count as re "\S" matches (Unicode whitespace is str.isspace()), without the regex.
    return len("".join(text.split()))


def _stem(token: str) -> str:
    # A crude stem is enough for paraphrase overlap: "meetings"/"meeting", "Freedonian"/"Freedonia".
    return token[:5] if not token[0].isdigit() else token


def _english_anchors(text: str, *, lexical: bool) -> set[str]:
    keys = {f"n:{k}" for k in number_keys(text)}
    for mention in find_names(text):
        keys |= {f"p:{k}" for k in word_keys(mention.text) if len(k) >= 2}
    if _QUOTE.search(text):
        keys.add("q")
    if lexical:
        keys |= {f"w:{_stem(t)}" for t in content_tokens(text)}
    return keys


class _NameMatcher:
    """Arabic word skeleton → the English name key it matches: exactly, or (three consonants
    or more) by a close fuzzy match: rapidfuzz ratio ≥ ``FUZZY_NAME_CUTOFF`` against names
    with the same first consonant, e.g. one consonant more or less in a long name."""

    def __init__(self, english_names: set[str]) -> None:
        self.names = english_names
        # Candidates for fuzzy matching, by first consonant: a cheap pre-filter.
        self.by_first: dict[str, list[str]] = {}
        for key in sorted(english_names):  # sorted: ties resolve the same way on every run
            name = key[2:]
            if len(name) >= 3:
                self.by_first.setdefault(name[0], []).append(name)
        self.cache: dict[str, str | None] = {}

    def __call__(self, key: str) -> str | None:
        if f"p:{key}" in self.names:
            return f"p:{key}"
        if len(key) < 3:
            return None
        if key not in self.cache:
            best, hit = FUZZY_NAME_CUTOFF, None
            for name in self.by_first.get(key[0], ()):
                if abs(len(name) - len(key)) <= 2:
                    score = fuzz.ratio(key, name, score_cutoff=best)
                    if score >= best:
                        best, hit = score, name
            self.cache[key] = f"p:{hit}" if hit else None
        return self.cache[key]


def _arabic_anchors(text: str, match: _NameMatcher, words: dict[str, tuple[str, ...]]) -> set[str]:
    """Numbers, quotes and the English names the words match (``words``: a cache per word)."""
    keys = {f"n:{k}" for k in number_keys(text)}
    for word in _ARABIC_WORD.findall(text):
        names = words.get(word)
        if names is None:
            found = set()
            for form in {word, _AR_PREFIX.sub("", word)}:
                key = skeleton(form)
                name = match(key) if len(key) >= 2 else None
                if name:
                    found.add(name)
            names = words[word] = tuple(sorted(found))
        keys.update(names)
    if _QUOTE.search(text):
        keys.add("q")
    return keys


def _structure(n: int, kinds: Sequence[str], paragraphs: Sequence[int]) -> tuple[FloatArray, FloatArray]:
    para = np.ones(n) if not paragraphs else np.array(
        [1.0 if i == 0 or paragraphs[i] != paragraphs[i - 1] else 0.0 for i in range(n)]
    )
    nonbody = np.array([0.0 if (k or "body") == "body" else 1.0 for k in kinds]) if kinds else np.zeros(n)
    return para, nonbody


def anchor_keys(
    a_texts: Sequence[str],
    b_texts: Sequence[str],
    *,
    a_language: str,
    b_language: str,
    lexical: bool,
) -> tuple[list[set[str]], list[set[str]], bool]:
    """Anchor keys of every segment of both sides, and whether the pair is cross-language."""
    a_ar = a_language == "ar" or bool(a_texts and is_arabic(" ".join(a_texts[:5])))
    b_ar = b_language == "ar" or bool(b_texts and is_arabic(" ".join(b_texts[:5])))
    cross = a_ar != b_ar
    use_words = lexical and not cross
    english = {
        side: [_english_anchors(t, lexical=use_words) for t in texts]
        for side, texts, ar in (("a", a_texts, a_ar), ("b", b_texts, b_ar))
        if not ar
    }
    english_names = {k for keys in english.values() for ks in keys for k in ks if k.startswith("p:")}
    match = _NameMatcher(english_names)
    words: dict[str, tuple[str, ...]] = {}
    keys_a = english.get("a") or [_arabic_anchors(t, match, words) for t in a_texts]
    keys_b = english.get("b") or [_arabic_anchors(t, match, words) for t in b_texts]
    return keys_a, keys_b, cross


def build_features(
    a_texts: Sequence[str],
    b_texts: Sequence[str],
    keys: tuple[list[set[str]], list[set[str]], bool],
    *,
    a_kinds: Sequence[str] = (),
    b_kinds: Sequence[str] = (),
    a_paragraphs: Sequence[int] = (),
    b_paragraphs: Sequence[int] = (),
    word_keys: tuple[list[set[str]], list[set[str]]] | None = None,
) -> tuple[SideFeatures, SideFeatures]:
    """Features of both sides from their ``anchor_keys``, with ids and idf weights shared.

    ``word_keys`` (per segment of A and of B: English stems, for the Arabic side
    those a learned dictionary offers, see ``lexicon``) adds translated words as
    anchors between an Arabic and an English side.
    """
    keys_a, keys_b, cross = [set(k) for k in keys[0]], [set(k) for k in keys[1]], keys[2]
    if cross and word_keys:
        for side_keys, words in zip((keys_a, keys_b), word_keys, strict=True):
            for ks, ws in zip(side_keys, words, strict=True):
                ks |= {f"w:{w}" for w in ws}
    if cross:  # only what can be shared (names filtered already; numbers and quotes are universal)
        on_a = set().union(*keys_a) if keys_a else set()
        on_b = set().union(*keys_b) if keys_b else set()
        both = on_a & on_b
        keys_a = [k & both for k in keys_a]
        keys_b = [k & both for k in keys_b]
    df: Counter[str] = Counter()
    for k in (*keys_a, *keys_b):
        df.update(k)
    total = max(1, len(keys_a) + len(keys_b))
    ids = {key: i for i, key in enumerate(sorted(df))}
    idf = {key: math.log(1 + total / count) for key, count in df.items()}

    def side(texts: Sequence[str], keys: list[set[str]], kinds: Sequence[str], paras: Sequence[int]) -> SideFeatures:
        vecs = [{ids[k]: idf[k] for k in sorted(ks)} for ks in keys]  # sorted: same sums every run
        para, nonbody = _structure(len(texts), kinds, paras)
        return SideFeatures(
            length=np.array([max(1, char_length(t)) for t in texts], dtype=np.float64),
            para_start=para,
            nonbody=nonbody,
            anchors=vecs,
            weight=np.array([sum(v.values()) for v in vecs], dtype=np.float64),
        )

    return side(a_texts, keys_a, a_kinds, a_paragraphs), side(b_texts, keys_b, b_kinds, b_paragraphs)


def overlap_pairs(
    a: SideFeatures,
    b: SideFeatures,
    *,
    lo: IntArray,
    hi: IntArray,
    max_postings: int = 400,
) -> tuple[IntArray, IntArray, FloatArray]:
    """Shared anchor weight for every (A segment, B segment) pair inside the band.

    Row ``i`` of A may pair with B segments ``lo[i] <= j < hi[i]``. Returns COO
    arrays (rows, cols, weights) sorted by row; pairs sharing nothing are absent.
    Anchors on more than ``max_postings`` segments of a side are too common to help
    and are skipped (this bounds the work on long texts).
    """
    post_a: dict[int, list[int]] = {}
    post_b: dict[int, list[int]] = {}
    for i, vec in enumerate(a.anchors):
        for f in vec:
            post_a.setdefault(f, []).append(i)
    for j, vec in enumerate(b.anchors):
        for f in vec:
            post_b.setdefault(f, []).append(j)
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []
    for f, ia in post_a.items():
        jb = post_b.get(f)
        if not jb or len(ia) > max_postings or len(jb) > max_postings:
            continue
        w = a.anchors[ia[0]][f]
        ii = np.repeat(np.asarray(ia, dtype=np.int64), len(jb))
        jj = np.tile(np.asarray(jb, dtype=np.int64), len(ia))
        keep = (jj >= lo[ii]) & (jj < hi[ii])
        if keep.any():
            rows.append(ii[keep])
            cols.append(jj[keep])
            vals.append(np.full(int(keep.sum()), w))
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0)
    r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    order = np.argsort(r, kind="stable")
    return r[order], c[order], v[order]


def coarsen(side: SideFeatures, k: int) -> SideFeatures:
    """Blocks of ``k`` consecutive segments as single units, for a coarse first search."""
    n = len(side.length)
    starts = list(range(0, n, k))
    anchors: list[dict[int, float]] = []
    for s in starts:
        merged: dict[int, float] = {}
        for vec in side.anchors[s : s + k]:
            merged.update(vec)
        anchors.append(merged)
    idx = np.asarray(starts, dtype=np.int64)
    return SideFeatures(
        length=np.add.reduceat(side.length, idx),
        para_start=side.para_start[idx],
        nonbody=np.minimum.reduceat(side.nonbody, idx),
        anchors=anchors,
        weight=np.array([sum(v.values()) for v in anchors], dtype=np.float64),
    )
