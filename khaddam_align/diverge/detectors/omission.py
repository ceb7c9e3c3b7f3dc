"""Content one rendering has and the other leaves out, inside the stretch both render.

Sentences of a link (or of a one-sided link) that no sentence of the other
side renders are grouped by paragraph. Severity grows with what the lost
passage carried: a direct quote, numbers, people the other side never names.
"""

from __future__ import annotations

from khaddam_align.diverge.detectors import excerpt
from khaddam_align.diverge.detectors.number import mentions as number_mentions
from khaddam_align.diverge.model import DivergenceType, Finding, LinkContext, Side, Span
from khaddam_align.diverge.people import mentions as people_mentions

_MIN_WORDS = 6


def _groups(side: Side, spans: list[Span]) -> list[list[Span]]:
    groups: list[list[Span]] = []
    for span in spans:
        if groups and "\n" not in side.text[groups[-1][-1][1] : span[0]]:
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def _severity(side: Side, other: Side, spans: list[Span]) -> tuple[float, list[str]]:
    words = sum(len(side.tokens(s)) for s in spans)
    notes: list[str] = []
    score = 0.2 + min(0.16, words / 500)
    quoted = [q for q in side.quotes for s in spans if q.start < s[1] and s[0] < q.end and q.end - q.start > 15]
    if quoted:
        score += 0.22 if any(q.speaker for q in quoted) else 0.14
        notes.append("a direct quote")
    if any(number_mentions(side, (s,)) for s in spans):
        score += 0.12
        notes.append("figures")
    names = {m.name for s in spans for m in people_mentions(side.text, side.people, start=s[0], end=s[1])
             if not other.named(m.key, side.people)}
    if names:
        score += 0.15
        notes.append("people the other rendering never names: " + ", ".join(sorted(names)))
    return min(score, 0.7), notes


def find(ctx: LinkContext) -> list[Finding]:
    findings: list[Finding] = []
    a_done = {p.a for p in ctx.pairs}
    b_done = {p.b for p in ctx.pairs}
    for me, side, other, spans in (("A", ctx.a, ctx.b, ctx.link.a), ("B", ctx.b, ctx.a, ctx.link.b)):
        done = a_done if me == "A" else b_done
        lonely = [s for s in spans if s not in done and len(side.tokens(s)) >= 3]
        for group in _groups(side, lonely):
            if sum(len(side.tokens(s)) for s in group) < _MIN_WORDS:
                continue
            severity, notes = _severity(side, other, group)
            kind = DivergenceType.OMISSION if me == "A" else DivergenceType.ADDITION
            verb = "B leaves out" if me == "A" else "B adds"
            extra = f" ({'; '.join(notes)})" if notes else ""
            hull = (group[0][0], group[-1][1])
            a_spans, b_spans = ((hull,), ()) if me == "A" else ((), (hull,))
            findings.append(Finding(
                kind, severity, a_spans, b_spans,
                f"{verb} “{excerpt(side, hull, width=60)}”{extra}", ctx.link.index,
                {"words": sum(len(side.tokens(s)) for s in group), "carries": notes},
            ))
    return findings
