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
from collections import Counter
from collections.abc import Sequence
from itertools import product

from khaddam_align.text.arabic import ARABIC_WORD as _WORD
from khaddam_align.text.arabic import MARKS as _MARKS
from khaddam_align.text.arabic import fold_letters
from khaddam_align.text.tokens import content_tokens

_PREFIX = re.compile("^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل)(?=...)")
# Very frequent Arabic function words: never dictionary entries.
_AR_STOP = frozenset("في من على الى إلى عن ان أن إن لا ما هذا هذه التي الذي الذين كان قد لم لن ثم او أو مع كل بل هو هي هم انا نحن انت".split())  # noqa: SIM905


def arabic_stems(text: str) -> set[str]:
    """Normalised Arabic word stems: no harakat, one alef, clitics stripped, at most 6 letters."""
    out = set()
    for word in _WORD.findall(_MARKS.sub("", text)):
        if word in _AR_STOP:
            continue
        w = _PREFIX.sub("", fold_letters(word))
        if len(w) >= 2:
            out.add(w[:6])
    return out


def english_stems(text: str) -> set[str]:
    return {t[:5] for t in content_tokens(text) if not t[0].isdigit()}


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
