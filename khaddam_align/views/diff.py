"""Word differences between two English passages, weighted by what they carry (Qt-free).

A changed run that touches a number, a name, a negation or a modal verb carries facts
("2,500" vs "250", "will" vs "would", "Cairo" vs "Amman"): ``weight`` "strong". A run made
only of function words ("the", "that", "of") is "weak" and shown muted; everything else,
such as a synonym ("said" vs "indicated"), is "normal".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STRONG, NORMAL, WEAK = "strong", "normal", "weak"

NEGATION = frozenset({"not", "no", "never", "neither", "nor", "none", "nothing", "without", "cannot", "n't",
                      "nobody", "nowhere"})
MODALITY = frozenset({"will", "would", "shall", "should", "may", "might", "must", "can", "could", "ought",
                      "perhaps", "possibly", "probably", "certainly"})
FUNCTION_WORDS = frozenset(["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as", "and", "or", "but", "that", "this", "these", "those", "which", "who", "whom", "whose", "it", "its", "he", "she", "they", "them", "his", "her", "their", "we", "our", "you", "your", "i", "me", "my", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "so", "then", "than", "there", "here", "also", "just", "very", "too", "into", "onto", "upon", "about", "over", "after", "before", "while", "when", "where"])
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\d[\d,.]*")


@dataclass(frozen=True)
class DiffMark:
    """A highlighted span in one cell's text: ``kind`` is "insert", "delete" or "replace"."""

    start: int
    end: int
    kind: str
    weight: str = NORMAL  # "strong" (numbers, names, negation, modality), "normal", "weak" (function words)


def weight_of(text: str, start: int, end: int) -> str:
    """How much the changed words ``text[start:end]`` matter (see the module docstring)."""
    words = list(_WORD.finditer(text, start, end))
    if not words:
        return WEAK
    for m in words:
        w = m.group(0)
        low = w.lower().replace("’", "'")
        if any(c.isdigit() for c in w) or low in NEGATION or low.endswith("n't") or low in MODALITY:
            return STRONG
        sentence_start = not text[: m.start()].rstrip() or text[: m.start()].rstrip()[-1] in ".!?:\"“"
        if w[0].isupper() and not sentence_start and low not in FUNCTION_WORDS:
            return STRONG
    if all(m.group(0).lower() in FUNCTION_WORDS for m in words):
        return WEAK
    return NORMAL


def word_diff(a: str, b: str) -> tuple[list[DiffMark], list[DiffMark]]:
    """Word-level differences of two English passages, as weighted marks on each text."""
    from khaddam_align.diverge.worddiff import diff_texts

    marks_a: list[DiffMark] = []
    marks_b: list[DiffMark] = []
    for run in diff_texts(a, b).changed:
        (a0, a1), (b0, b1) = run.a_span, run.b_span
        weights = [weight_of(a, a0, a1) if a1 > a0 else WEAK, weight_of(b, b0, b1) if b1 > b0 else WEAK]
        weight = STRONG if STRONG in weights else NORMAL if NORMAL in weights else WEAK
        if a1 > a0:
            marks_a.append(DiffMark(a0, a1, run.kind, weight))
        if b1 > b0:
            marks_b.append(DiffMark(b0, b1, run.kind, weight))
    return marks_a, marks_b
