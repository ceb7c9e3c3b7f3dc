"""Word-level diff of two passages after normalisation.

The diff runs on normalised words (``normalize.norm``), so case, punctuation,
quote styles, British/American spelling and name transliterations never show
as differences. Each run keeps character offsets into both texts so the app
and reports can highlight it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Indel

from khaddam_align.diverge.normalize import Token, tokenize

RunKind = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True, slots=True)
class Run:
    """A run of words: A's tokens ``[a_lo, a_hi)`` become B's tokens ``[b_lo, b_hi)``.

    ``a_span``/``b_span`` are character offsets into each side's text (empty
    ``(pos, pos)`` on the side that has nothing).
    """

    kind: RunKind
    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int
    a_span: tuple[int, int]
    b_span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class WordDiff:
    """The diff of one passage pair: both token lists and the runs between them."""

    a_tokens: tuple[Token, ...]
    b_tokens: tuple[Token, ...]
    runs: tuple[Run, ...]

    def apply(self, a_words: Sequence[str]) -> list[str]:
        """Turn A's normalised words into B's by following the runs."""
        out: list[str] = []
        for run in self.runs:
            if run.kind == "equal":
                out.extend(a_words[run.a_lo : run.a_hi])
            else:
                out.extend(t.norm for t in self.b_tokens[run.b_lo : run.b_hi])
        return out

    @property
    def changed(self) -> list[Run]:
        return [r for r in self.runs if r.kind != "equal"]

    def similarity(self) -> float:
        """Share of words that are equal on both sides, in [0, 1]."""
        total = len(self.a_tokens) + len(self.b_tokens)
        if total == 0:
            return 1.0
        same = sum(r.a_hi - r.a_lo for r in self.runs if r.kind == "equal")
        return 2 * same / total


def _span(tokens: Sequence[Token], lo: int, hi: int, fallback: int) -> tuple[int, int]:
    if hi > lo:
        return (tokens[lo].start, tokens[hi - 1].end)
    if lo < len(tokens):
        return (tokens[lo].start, tokens[lo].start)
    return (fallback, fallback)


# Indel.opcodes keeps a bit matrix of len(a) * len(b): two 1 MB passages would need gigabytes.
MAX_DIFF_CELLS = 25_000_000


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Indel opcodes; pathologically long passages are diffed in proportional windows (bounded work)."""
    windows = math.ceil(math.sqrt(len(a) * len(b) / MAX_DIFF_CELLS)) if a and b else 1
    out: list[tuple[str, int, int, int, int]] = []
    for k in range(max(1, windows)):
        a_lo, a_hi = k * len(a) // windows, (k + 1) * len(a) // windows
        b_lo, b_hi = k * len(b) // windows, (k + 1) * len(b) // windows
        for op in Indel.opcodes(a[a_lo:a_hi], b[b_lo:b_hi]):
            out.append((op.tag, a_lo + op.src_start, a_lo + op.src_end, b_lo + op.dest_start, b_lo + op.dest_end))
    return out


def diff_tokens(a: Sequence[Token], b: Sequence[Token], *, a_end: int = 0, b_end: int = 0) -> WordDiff:
    """Diff two token lists; ``a_end``/``b_end`` place empty spans at the end of a passage."""
    raw = _opcodes([t.norm for t in a], [t.norm for t in b])
    # Indel yields delete+insert pairs; a delete directly followed by an insert is a replace.
    merged: list[tuple[str, int, int, int, int]] = []
    for tag, a_lo, a_hi, b_lo, b_hi in raw:
        joins = merged and tag in ("delete", "insert") and merged[-1][0] in ("delete", "insert", "replace")
        if joins and merged[-1][0] != tag:
            _, pa_lo, _pa_hi, pb_lo, _pb_hi = merged[-1]
            merged[-1] = ("replace", pa_lo, a_hi, pb_lo, b_hi)
        else:
            merged.append((tag, a_lo, a_hi, b_lo, b_hi))
    runs = tuple(
        Run(
            kind=tag,  # type: ignore[arg-type]
            a_lo=a_lo,
            a_hi=a_hi,
            b_lo=b_lo,
            b_hi=b_hi,
            a_span=_span(a, a_lo, a_hi, a_end),
            b_span=_span(b, b_lo, b_hi, b_end),
        )
        for tag, a_lo, a_hi, b_lo, b_hi in merged
    )
    return WordDiff(tuple(a), tuple(b), runs)


def diff_spans(
    a_text: str,
    b_text: str,
    a_spans: Sequence[tuple[int, int]],
    b_spans: Sequence[tuple[int, int]],
) -> WordDiff:
    """Word diff of the passages ``a_spans`` of ``a_text`` and ``b_spans`` of ``b_text`` (e.g. one link)."""
    a_tokens = [t for s, e in a_spans for t in tokenize(a_text, start=s, end=e)]
    b_tokens = [t for s, e in b_spans for t in tokenize(b_text, start=s, end=e)]
    a_end = a_spans[-1][1] if a_spans else 0
    b_end = b_spans[-1][1] if b_spans else 0
    return diff_tokens(a_tokens, b_tokens, a_end=a_end, b_end=b_end)


def diff_texts(a: str, b: str) -> WordDiff:
    """Word diff of two whole strings."""
    return diff_spans(a, b, [(0, len(a))], [(0, len(b))])
