"""One module per divergence type; each has ``find(ctx) -> list[Finding]`` for one link."""

from __future__ import annotations

import re

from khaddam_align.diverge.model import Side, Span


def excerpt(side: Side, span: Span, *, width: int = 70) -> str:
    """A short, one-line quotation of ``span`` for a description."""
    text = " ".join(side.slice(span).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def around(side: Side, span: Span, *, words: int = 4) -> str:
    """The words around a short span (for numbers): '…banning 1700 opposition figures…'."""
    text = side.text
    lo = span[0]
    for _ in range(words):
        lo = text.rfind(" ", 0, max(0, lo - 1)) + 1
    hi = span[1]
    for _ in range(words):
        nxt = text.find(" ", hi + 1)
        hi = len(text) if nxt < 0 else nxt
    lo = max(lo, text.rfind("\n", 0, span[0]) + 1)
    nl = text.find("\n", span[1])
    if nl >= 0:
        hi = min(hi, nl)
    return "…" + re.sub(r"\s+", " ", text[lo:hi]).strip() + "…"
