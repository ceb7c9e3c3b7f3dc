"""Content one rendering has and the other leaves out, inside the stretch both render.

Sentences of a link (or of a one-sided link) that no sentence of the other
side renders are grouped by paragraph. Severity grows with what the lost
passage carried: a direct quote, numbers, people the other side never names.
"""

from __future__ import annotations

import re

from khaddam_align.diverge.arabic_speech import variants as _ar_variants
from khaddam_align.diverge.detectors import excerpt
from khaddam_align.diverge.detectors.number import mentions as number_mentions
from khaddam_align.diverge.model import DivergenceType, Finding, LinkContext, Side, Span
from khaddam_align.diverge.severity import severity
from khaddam_align.text import lexicon_en as en
from khaddam_align.text.arabic import ARABIC_WORD_MARKED
from khaddam_align.text.names import mentions as people_mentions
from khaddam_align.text.translit import skeleton

_AR_WORD = ARABIC_WORD_MARKED
_EN_CAP = re.compile(r"(?<![\w’'\-])(?:al-)?([A-Z][a-zà-ÿ’'\-]+)")
_NOT_NAME = frozenset(en.FUNCTION_WORDS | frozenset(en.ROLE_WORDS) | frozenset(en.TITLE_MODIFIERS))

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


def _anchors(side: Side, span: Span) -> set[str]:
    """Language-neutral anchors of a sentence: figures and the skeletons of its names."""
    keys = {k for m in number_mentions(side, (span,)) for k in m[1]}
    if side.language == "ar":
        keys |= {"n:" + k for m in _AR_WORD.finditer(side.text, *span) for k in _ar_variants(m.group())}
    else:
        keys |= {"n:" + skeleton(m.group(1)) for m in _EN_CAP.finditer(side.text, *span)
                 if m.group(1).lower() not in _NOT_NAME and m.start() > span[0] + 1}
    return {k for k in keys if len(k) > 3}


def _unanchored(ctx: LinkContext) -> set[Span]:
    """Across languages, in a link of one sentence against several: a sentence of the several that
    shares no figure or name with the single one, while a sibling does, and without which the
    link's length ratio comes closer to the alignment's usual one (an addition merged into a link)."""
    if ctx.a_language == ctx.b_language or not ctx.length_ratio:
        return set()
    for single_side, many_side, single, many, many_is_b in (
        (ctx.a, ctx.b, ctx.link.a, ctx.link.b, True), (ctx.b, ctx.a, ctx.link.b, ctx.link.a, False),
    ):
        if len(single) != 1 or len(many) < 2:
            continue
        target = _anchors(single_side, single[0])
        if not target:
            continue
        shared = {s: bool(_anchors(many_side, s) & target) for s in many}
        if not any(shared.values()):
            continue

        single_len = single[0][1] - single[0][0]

        def ratio(spans: list[Span], *, b_many: bool = many_is_b, single_len: int = single_len) -> float:
            many_len = sum(e - s for s, e in spans)
            return many_len / max(1, single_len) if b_many else single_len / max(1, many_len)

        lonely = {s for s, ok in shared.items() if not ok}
        kept = [s for s in many if s not in lonely]
        usual = ctx.length_ratio
        if abs(ratio(kept) - usual) < abs(ratio(list(many)) - usual) and abs(ratio(list(many)) / usual - 1) > 0.25:
            return lonely
    return set()


def _length_explains(ctx: LinkContext, a_side: bool, group: list[Span]) -> bool:
    """Whether the link's lengths say nothing is missing: the other side of the link is about as
    long as this whole side, not as this side without the group (a loose paraphrase the sentence
    pairing could not match, rather than a passage left out). One-sided links never qualify."""
    mine, theirs = (ctx.link.a, ctx.link.b) if a_side else (ctx.link.b, ctx.link.a)
    if not theirs:
        return False
    me = sum(e - s for s, e in mine)
    other = sum(e - s for s, e in theirs)
    lost = sum(e - s for s, e in group)
    usual = ctx.length_ratio or 1.0  # B/A; two renderings of one language run about equally long
    ratio = usual if a_side else 1 / usual
    return other >= (me - lost / 2) * ratio


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
    extra = _unanchored(ctx)
    a_done -= extra
    b_done -= extra
    a_original = ctx.a_language == "ar" and ctx.b_language != "ar"
    b_original = ctx.b_language == "ar" and ctx.a_language != "ar"
    for a_side, side, other, spans in ((True, ctx.a, ctx.b, ctx.link.a), (False, ctx.b, ctx.a, ctx.link.b)):
        done = a_done if a_side else b_done
        lonely = [s for s in spans if s not in done and len(side.tokens(s)) >= 3]
        for group in _groups(side, lonely):
            if sum(len(side.tokens(s)) for s in group) < _MIN_WORDS:
                continue
            if not (a_original or b_original) and _length_explains(ctx, a_side, group):
                continue
            value, notes = _severity(side, other, group)
            if a_original or b_original:  # against the original, any added or dropped passage is a fidelity question
                value = max(value, severity("omission.against_original"))
            me, them = ctx.name(a_side), ctx.name(not a_side)
            original_here = a_original if a_side else b_original
            added = not original_here if (a_original or b_original) else not a_side
            kind = DivergenceType.ADDITION if added else DivergenceType.OMISSION
            hull = (group[0][0], group[-1][1])
            more = f" ({'; '.join(notes)})" if notes else ""
            quoted = f"“{excerpt(side, hull, width=60)}”"
            many = len(group) > 1
            what = "a passage" if many else "a sentence"
            if added:
                text = f"{me} adds {what} {them} lacks: {quoted}{more}"
            else:
                text = f"{them} leaves out {what} {me} has: {quoted}{more}"
            a_spans, b_spans = ((hull,), ()) if a_side else ((), (hull,))
            findings.append(Finding(
                kind, value, a_spans, b_spans, text, ctx.link.index,
                {"words": sum(len(side.tokens(s)) for s in group), "carries": notes,
                 "by": them if not added else me},
            ))
    return findings
