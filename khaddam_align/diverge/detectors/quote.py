"""Direct quote in one rendering, paraphrase in the other."""

from __future__ import annotations

from khaddam_align.diverge.detectors import excerpt
from khaddam_align.diverge.model import DivergenceType, Finding, LinkContext
from khaddam_align.diverge.quotes import quote_at


def find(ctx: LinkContext) -> list[Finding]:
    findings: list[Finding] = []
    for pair in ctx.pairs:
        if pair.similarity < 0.3:
            continue
        qa = quote_at(ctx.a.quotes, *pair.a)
        qb = quote_at(ctx.b.quotes, *pair.b)
        if (qa is None) == (qb is None):
            continue
        quoted = "A" if qa else "B"
        other = "B" if qa else "A"
        side = ctx.a if qa else ctx.b
        span = pair.a if qa else pair.b
        findings.append(Finding(
            DivergenceType.QUOTE, 0.35 + 0.2 * pair.similarity, (pair.a,), (pair.b,),
            f"{quoted} quotes directly (“{excerpt(side, span, width=50)}”); {other} paraphrases",
            ctx.link.index, {"similarity": round(pair.similarity, 3)},
        ))
    return findings
