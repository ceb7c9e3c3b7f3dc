"""An automatic bilingual dictionary learned from a first alignment pass.

No dictionary ships with the tool and nothing is downloaded: after a first
pass (length + anchors), words that keep turning up in linked Arabic and
English segments are paired by their Dice association, as length-based
aligners with an automatic dictionary do (e.g. hunalign). A second pass then
scores those pairs as shared anchors. It helps on long texts (hundreds of
segments); on a short article there is too little evidence and it learns
little, which is harmless.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import product
from math import comb

import numpy as np
import numpy.typing as npt

from khaddam_align.align.bands import Bead
from khaddam_align.align.params import PASSES
from khaddam_align.text.arabic import ARABIC_WORD as _WORD
from khaddam_align.text.arabic import MARKS as _MARKS
from khaddam_align.text.arabic import fold_letters
from khaddam_align.text.tokens import STOPWORDS, american, normalize_quotes

_PREFIX = re.compile("^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل)(?=...)")
IntArray = npt.NDArray[np.int64]
# Very frequent Arabic function words: never dictionary entries.
_AR_STOP = frozenset("في من على الى إلى عن ان أن إن لا ما هذا هذه التي الذي الذين كان قد لم لن ثم او أو مع كل بل هو هي هم انا نحن انت".split())  # noqa: SIM905


# Light stemming: pronoun and plural/dual suffixes, longest first, leaving three letters or more.
_SUFFIX = re.compile("(?:هما|كما|تهم|تها|ها|هم|هن|كم|كن|نا|ات|ون|ين|ان|يه|ه|ي)$")


@lru_cache(maxsize=1 << 16)
def light_stem(word: str) -> str:
    """One normalised Arabic word without its prefix clitics (و ف ب ل ك, the article) and
    pronoun / plural suffixes (ه ها هم … ات ون ين), at least three letters kept."""
    w = _PREFIX.sub("", fold_letters(word))
    m = _SUFFIX.search(w)
    if m and m.start() >= 3:
        w = w[: m.start()]
    return w


def arabic_stems(text: str) -> set[str]:
    """Normalised Arabic word stems: no harakat, one alef, clitics stripped (``light_stem``),
    at most 6 letters."""
    out = set()
    for word in _WORD.findall(_MARKS.sub("", text)):
        if word in _AR_STOP:
            continue
        w = light_stem(word)
        if len(w) >= 2:
            out.add(w[:6])
    return out



_EN_WORD = re.compile(r"[^\W_]+(?:['.,][^\W_]+)*", re.U)  # as ``text.tokens``


@lru_cache(maxsize=1 << 16)
def _english_stem(word: str) -> str:
    """A lower-case token's stem ("" for stop words and one-letter words)."""
    w = american(word.replace(",", "").replace(".", ""))
    return "" if w in STOPWORDS or len(w) <= 1 else w[:5]


def english_stems(text: str) -> set[str]:
    """Five-letter stems of the content words of English text (``text.tokens.content_tokens``
    without numbers), each distinct word normalised once."""
    text = unicodedata.normalize("NFKC", normalize_quotes(text)).lower()
    out = set()
    for m in _EN_WORD.finditer(text):
        word = m.group()
        if not word[0].isdigit() and (stem := _english_stem(word)):
            out.add(stem)
    return out


def learn(
    pairs: Sequence[tuple[str, str]],
    *,
    min_count: int = 2,
    min_dice: float = 0.35,
    per_word: int = 2,
) -> dict[str, set[str]]:
    """Arabic stem → English stems that co-occur with it in the linked ``pairs`` (ar, en)."""
    return learn_from_stems(
        [(arabic_stems(a), english_stems(e)) for a, e in pairs],
        min_count=min_count,
        min_dice=min_dice,
        per_word=per_word,
    )


def learn_from_stems(
    pairs: Sequence[tuple[set[str], set[str]]],
    *,
    min_count: int = 2,
    min_dice: float = 0.35,
    per_word: int = 2,
) -> dict[str, set[str]]:
    """``learn`` on stem sets already computed (``arabic_stems``, ``english_stems``) per link."""
    ar_sets = [a for a, _ in pairs]
    en_sets = [e for _, e in pairs]
    ca: Counter[str] = Counter()
    ce: Counter[str] = Counter()
    for s in ar_sets:
        ca.update(s)
    for s in en_sets:
        ce.update(s)
    limit = max(3, len(pairs) // 3)  # words in a third of all links carry no signal
    joint: Counter[tuple[str, str]] = Counter()
    for sa, se in zip(ar_sets, en_sets, strict=True):
        ka = [w for w in sa if min_count <= ca[w] <= limit]
        ke = [w for w in se if min_count <= ce[w] <= limit]
        joint.update(product(ka, ke))
    best: dict[str, list[tuple[float, str]]] = {}
    for (wa, we), c in joint.items():
        if c < min_count:
            continue
        dice = 2 * c / (ca[wa] + ce[we])
        if dice >= min_dice:
            best.setdefault(wa, []).append((dice, we))
    return {wa: {we for _, we in sorted(cands, reverse=True)[:per_word]} for wa, cands in best.items()}


def translated_keys(text: str, lexicon: dict[str, set[str]]) -> set[str]:
    """The English stems the lexicon offers for the words of an Arabic segment."""
    return translate_stems(arabic_stems(text), lexicon)


def translate_stems(stems: set[str], lexicon: dict[str, set[str]]) -> set[str]:
    out: set[str] = set()
    for stem in stems:
        out |= lexicon.get(stem, set())
    return out


def learn_em(
    pairs: Sequence[tuple[set[str], set[str]]],
    *,
    iterations: int = 5,
    min_prob: float = 0.2,
    per_word: int = 2,
    min_count: int = 2,
) -> dict[str, set[str]]:
    """Arabic stem → English stems by IBM Model 1 (EM) over the linked ``pairs`` (ar, en stem sets).

    t(e | a) starts uniform over the stems that co-occur; each iteration shares every English
    stem of a link among the link's Arabic stems (and a NULL word) in proportion to t, then
    renormalises. Unlike Dice, a frequent word that co-occurs with everything is explained
    away by the specific word that always comes with it. Vectorised with numpy over the
    (link, Arabic stem, English stem) triples; stems seen in fewer than ``min_count`` links
    or in more than a third of them are left out, as in ``learn_from_stems``.
    """
    ca: Counter[str] = Counter()
    ce: Counter[str] = Counter()
    for sa, se in pairs:
        ca.update(sa)
        ce.update(se)
    limit = max(3, len(pairs) // 3)
    ar_ids: dict[str, int] = {"": 0}  # id 0: NULL
    en_ids: dict[str, int] = {}
    links: list[IntArray] = []
    ars: list[IntArray] = []
    ens: list[IntArray] = []
    for k, (sa, se) in enumerate(pairs):
        ka = [0] + [ar_ids.setdefault(w, len(ar_ids)) for w in sorted(sa) if min_count <= ca[w] <= limit]
        ke = [en_ids.setdefault(w, len(en_ids)) for w in sorted(se) if min_count <= ce[w] <= limit]
        if len(ka) < 2 or not ke:
            continue
        links.append(np.full(len(ka) * len(ke), k, dtype=np.int64))
        ars.append(np.tile(np.asarray(ka, dtype=np.int64), len(ke)))
        ens.append(np.repeat(np.asarray(ke, dtype=np.int64), len(ka)))
    if not links:
        return {}
    link, ar, en = np.concatenate(links), np.concatenate(ars), np.concatenate(ens)
    n_e = len(en_ids)
    cell, cell_of = np.unique(ar * n_e + en, return_inverse=True)  # distinct (a, e) pairs
    group, group_of = np.unique(link * n_e + en, return_inverse=True)  # one English stem of one link
    t = np.ones(len(cell))
    for _ in range(iterations):
        tv = t[cell_of]
        denom = np.bincount(group_of, weights=tv, minlength=len(group))
        share = tv / denom[group_of]
        counts = np.bincount(cell_of, weights=share, minlength=len(cell))
        totals = np.bincount(cell // n_e, weights=counts, minlength=len(ar_ids))
        t = counts / np.maximum(totals[cell // n_e], 1e-12)
    # Joint evidence: how many links the pair co-occurs in (a single co-occurrence is chance).
    joint = np.bincount(cell_of, minlength=len(cell))
    names_a = {i: w for w, i in ar_ids.items()}
    names_e = {i: w for w, i in en_ids.items()}
    best: dict[str, list[tuple[float, str]]] = {}
    keep = (t >= min_prob) & (joint >= min_count) & (cell // n_e > 0)
    for c in np.flatnonzero(keep):
        word_a, word_e = names_a[int(cell[c] // n_e)], names_e[int(cell[c] % n_e)]
        best.setdefault(word_a, []).append((float(t[c]), word_e))
    return {wa: {we for _, we in sorted(cands, reverse=True)[:per_word]} for wa, cands in best.items()}


def side_stems(
    a_texts: Sequence[str], b_texts: Sequence[str], a_is_arabic: bool
) -> tuple[list[set[str]], list[set[str]]]:
    """Stems of every segment of both sides (Arabic: ``arabic_stems``, English: ``english_stems``)."""
    stems_a = [arabic_stems(t) if a_is_arabic else english_stems(t) for t in a_texts]
    stems_b = [english_stems(t) if a_is_arabic else arabic_stems(t) for t in b_texts]
    return stems_a, stems_b


def shared_patterns(stems: tuple[list[set[str]], list[set[str]]], beads: Sequence[Bead]) -> float:
    """How many word co-occurrence patterns the two sides share in the matched links of
    ``beads``, beyond chance.

    A stem's pattern is the set of links it occurs in (two links or more, at most a third of
    them). A pattern that an A stem and a B stem both have is shared, counted once however many
    stems have it (the words of a phrase share one pattern). A path of L links shares about
    Σ_c N_A(c)·N_B(c) / C(L, c) patterns of size c by chance (N: distinct patterns of that size
    on each side); this returns the shared count minus that expectation. In a rightly placed
    stretch the words of one rendering and their translations recur together (God … الله,
    faith … ايمان), so this measures how consistent a stretch is without any dictionary.
    Under ``PASSES.faithful_min_links`` links: 0 (in a few links chance patterns abound).
    """
    stems_a, stems_b = stems
    links = [
        (frozenset().union(*stems_a[a0:a1]), frozenset().union(*stems_b[b0:b1]))
        for a0, a1, b0, b1 in beads
        if a1 > a0 and b1 > b0
    ]
    if len(links) < PASSES.faithful_min_links:
        return 0.0
    where_a: dict[str, list[int]] = {}
    where_b: dict[str, list[int]] = {}
    for k, (x, y) in enumerate(links):
        for w in x:
            where_a.setdefault(w, []).append(k)
        for w in y:
            where_b.setdefault(w, []).append(k)
    limit = max(2, len(links) // 3)
    pats_a = {tuple(v) for v in where_a.values() if 2 <= len(v) <= limit}
    pats_b = {tuple(v) for v in where_b.values() if 2 <= len(v) <= limit}
    size_a = Counter(len(p) for p in pats_a)
    size_b = Counter(len(p) for p in pats_b)
    chance = sum(size_a[c] * size_b[c] / comb(len(links), c) for c in size_a)
    return len(pats_a & pats_b) - chance


def lexicon_words(
    a_texts: Sequence[str], b_texts: Sequence[str], beads: Sequence[Bead], a_is_arabic: bool
) -> tuple[list[set[str]], list[set[str]]]:
    """English stems per segment of both sides: the Arabic side's through a dictionary learned
    from the links of ``beads``."""
    stems_a = [arabic_stems(t) if a_is_arabic else english_stems(t) for t in a_texts]
    stems_b = [english_stems(t) if a_is_arabic else arabic_stems(t) for t in b_texts]
    pairs = [
        (set().union(*stems_a[a0:a1]), set().union(*stems_b[b0:b1]))
        for a0, a1, b0, b1 in beads
        if a1 > a0 and b1 > b0
    ]
    if not a_is_arabic:
        pairs = [(y, x) for x, y in pairs]
    lexicon = learn_em(pairs, min_prob=PASSES.lexicon_min_prob)
    if a_is_arabic:
        return [translate_stems(s, lexicon) for s in stems_a], stems_b
    return stems_a, [translate_stems(s, lexicon) for s in stems_b]
