"""Content one rendering has and the other leaves out, inside the stretch both render.

Sentences of a link (or of a one-sided link) that no sentence of the other
side renders are grouped by paragraph. Severity grows with what the lost
passage carried: a direct quote, numbers, people the other side never names.
"""

from __future__ import annotations

from khaddam_align.diverge.detectors import excerpt
from khaddam_align.diverge.detectors.number import mentions as number_mentions
from khaddam_align.diverge.model import DivergenceType, Finding, LinkContext, Side, Span
from khaddam_align.diverge.severity import severity
from khaddam_align.text.names import mentions as people_mentions

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
    score = severity("omission.base") + min(severity("omission.words_max"), words / 500)
    quoted = [q for q in side.quotes for s in spans if q.start < s[1] and s[0] < q.end and q.end - q.start > 15]
    if quoted:
        score += severity("omission.quote_with_speaker") if any(q.speaker for q in quoted) else severity("omission.quote")
        notes.append("a direct quote")
    if any(number_mentions(side, (s,)) for s in spans):
        score += severity("omission.figures")
        notes.append("figures")
    names = {m.name for s in spans for m in people_mentions(side.text, side.people, start=s[0], end=s[1])
             if not other.named(m.key, side.people)}
    if names:
        score += severity("omission.people")
        notes.append("people the other rendering never names: " + ", ".join(sorted(names)))
    return min(score, severity("omission.max")), notes


def find(ctx: LinkContext) -> list[Finding]:
    """Passages of one side that no sentence of the other renders.

    The actor is the rendering that changed the text: against an Arabic
    original, a passage only the English has is the English's addition and one
    only the Arabic has is the English's omission; between two renderings of
    one language, a passage of A missing from B is B's omission and one only B
    has is B's addition.
    """
    findings: list[Finding] = []
    a_done = {p.a for p in ctx.pairs}
    b_done = {p.b for p in ctx.pairs}
    a_original = ctx.a_language == "ar" and ctx.b_language != "ar"
    b_original = ctx.b_language == "ar" and ctx.a_language != "ar"
    for a_side, side, other, spans in ((True, ctx.a, ctx.b, ctx.link.a), (False, ctx.b, ctx.a, ctx.link.b)):
        done = a_done if a_side else b_done
        lonely = [s for s in spans if s not in done and len(side.tokens(s)) >= 3]
        for group in _groups(side, lonely):
            if sum(len(side.tokens(s)) for s in group) < _MIN_WORDS:
                continue
            value, notes = _severity(side, other, group)
            me, them = ctx.name(a_side), ctx.name(not a_side)
            original_here = a_original if a_side else b_original
            added = not original_here if (a_original or b_original) else not a_side
            kind = DivergenceType.ADDITION if added else DivergenceType.OMISSION
            hull = (group[0][0], group[-1][1])
            extra = f" ({'; '.join(notes)})" if notes else ""
            quoted = f"“{excerpt(side, hull, width=60)}”"
            many = len(group) > 1
            what = "a passage" if many else "a sentence"
            if added:
                text = f"{me} adds {what} {them} lacks: {quoted}{extra}"
            else:
                text = f"{them} leaves out {what} {me} has: {quoted}{extra}"
            a_spans, b_spans = ((hull,), ()) if a_side else ((), (hull,))
            findings.append(Finding(
                kind, value, a_spans, b_spans, text, ctx.link.index,
                {"words": sum(len(side.tokens(s)) for s in group), "carries": notes,
                 "by": them if not added else me},
            ))
    return findings
