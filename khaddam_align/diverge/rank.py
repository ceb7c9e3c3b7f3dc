"""Ranking: factual divergences above stylistic rewording.

Each detector gives a severity in [0, 1] from its own evidence; ranking
multiplies by the type's weight (a changed speaker or number matters more than
a reworded quote), optionally lowers findings in weakly aligned links, and
sorts. ``detect`` passes no link scores: it pairs sentences itself, and its
detectors already weigh how closely the paired sentences match.
"""

from __future__ import annotations

from collections.abc import Sequence

from khaddam_align.diverge.model import Finding
from khaddam_align.diverge.severity import TYPE_WEIGHT

__all__ = ["TYPE_WEIGHT", "rank"]

def rank(findings: Sequence[Finding], *, link_scores: dict[int, float] | None = None) -> list[Finding]:
    """Findings with final severities, most important first."""
    scores = link_scores or {}
    ranked: list[Finding] = []
    for f in findings:
        weight = TYPE_WEIGHT[f.type]
        conf = scores.get(f.link, 1.0) if f.link is not None else 1.0
        trust = 0.8 + 0.2 * min(1.0, conf / 0.5)
        severity = round(max(0.0, min(1.0, f.severity * weight * trust)), 3)
        ranked.append(Finding(f.type, severity, f.a_spans, f.b_spans, f.description, f.link, f.detail))
    ranked.sort(key=lambda f: (-f.severity, f.link if f.link is not None else -1))
    return ranked
