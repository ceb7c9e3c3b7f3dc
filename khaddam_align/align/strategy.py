"""Method choice as a small strategy object: which signals and passes a method uses.

``choose`` turns the user's ``--method`` (auto | lexical | length | semantic) and
the language pair into a ``Strategy``; the orchestration (``core``) only asks it
questions, it never compares method names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from khaddam_align.align.bands import Bead
from khaddam_align.align.params import CROSS, LEXICAL, PASSES, CostParams
from khaddam_align.align.postpass import pair_lone_skips, repair_swaps, unlink_isolated
from khaddam_align.align.scoring import BeadScorer

METHODS = ("auto", "lexical", "length", "semantic")

PostPass = Callable[[list[Bead], BeadScorer], list[Bead]]


@dataclass(frozen=True)
class Strategy:
    """What one method does; built by ``choose``."""

    name: str  # lexical | length | semantic (after resolving auto)
    params: CostParams
    words: bool  # content words as anchors (same-language texts, or a semantic scorer)
    fuzzy: bool  # English↔English rapidfuzz ratios of candidate beads
    semantic: bool  # sentence-embedding similarity instead of anchor overlap
    coarse_max_postings: int

    def learns_lexicon(self, cross: bool, enabled: bool) -> bool:
        """Arabic↔English length method: learn a dictionary from a first pass, then align again."""
        return cross and self.name == "length" and enabled

    def post_passes(self, *, substitution_deviation: float, fuzzy_computed: bool) -> Sequence[PostPass]:
        """The repairs applied, in order, to the final path."""
        passes: list[PostPass] = [
            partial(pair_lone_skips, max_deviation=substitution_deviation, fuzzy_min=PASSES.lone_fuzzy)
        ]
        if self.name == "lexical":
            # Arabic↔English anchors are too sparse to tell a swap from a drop next to an insertion.
            passes.append(repair_swaps)
            if fuzzy_computed:
                passes.append(
                    partial(unlink_isolated, weak_similarity=PASSES.weak_similarity, weak_fuzzy=PASSES.weak_fuzzy)
                )
        return passes


def resolve_method(method: str, a_language: str, b_language: str) -> str:
    """``auto`` → ``lexical`` for two texts in the same language, else ``length``."""
    if method not in METHODS:
        raise ValueError(f"unknown alignment method {method!r}; choose one of {', '.join(METHODS)}")
    if method != "auto":
        return method
    return "lexical" if a_language == b_language else "length"


def choose(method: str, a_language: str, b_language: str, *, params: CostParams | None = None) -> Strategy:
    """The strategy for ``method`` on this language pair (``params`` overrides the tuned costs)."""
    name = resolve_method(method, a_language, b_language)
    lexical = name == "lexical"
    base = LEXICAL if lexical else CROSS
    return Strategy(
        name=name,
        params=params or base,
        words=name in {"lexical", "semantic"},
        fuzzy=lexical and bool((params or base).fuzzy_weight),
        semantic=name == "semantic",
        coarse_max_postings=PASSES.coarse_max_postings_lexical if lexical else PASSES.coarse_max_postings,
    )
