"""Bounded inputs for similarity features: a pathological passage must not cost quadratic work.

A source can hold one enormous "sentence" (a 1 MB line with no sentence breaks).
Fuzzy ratios and word diffs over it would take minutes and gigabytes, so feature
code compares a sample of it instead: its head and its tail. The stored text and
the segment offsets are never cut; only what a score is computed from.
"""

from __future__ import annotations

FEATURE_CHARS = 4_000  # far above a real sentence (a few hundred characters)


def feature_sample(text: str, limit: int = FEATURE_CHARS) -> str:
    """``text`` itself when short; otherwise its first and last ``limit // 2`` characters (cut at spaces)."""
    if len(text) <= limit:
        return text
    half = limit // 2
    head = text[:half]
    tail = text[-half:]
    cut = head.rfind(" ")
    head = head[:cut] if cut > half // 2 else head
    cut = tail.find(" ")
    tail = tail[cut + 1 :] if 0 <= cut < half // 2 else tail
    return f"{head} {tail}"
