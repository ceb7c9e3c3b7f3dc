"""A direct quote in one rendering that the other reports in its own words.

Reported only when it means something: the words of the quote changed in the
rendering that drops the quotation marks, or that rendering reports the speech
(a speech verb with "that", or "I"/"we" of the quote turned into "he"/"they").
A sentence that keeps the quote's words and only lacks the marks (common
between Bible translations) is a difference of typography, not of content.
"""

from __future__ import annotations

import re

from khaddam_align.diverge.detectors import excerpt
from khaddam_align.diverge.model import DivergenceType, Finding, LinkContext, Side, Span
from khaddam_align.diverge.quotes import _VERB, Quote, quote_at
from khaddam_align.diverge.severity import severity
from khaddam_align.text import lexicon_en as en

_FIRST = re.compile(r"\b(?:" + "|".join(en.PRONOUNS_FIRST) + r")\b", re.I)
_THIRD = re.compile(r"\b(?:he|she|they|his|her|their|him|them)\b", re.I)
_THAT = re.compile(r"\b(?:that|whether|if)\b", re.I)


def _stems(side: Side, start: int, end: int) -> set[str]:
    return {t.norm[:5] for t in side.tokens((start, end)) if len(t.norm) > 2}


def reported(side: Side, span: Span) -> bool:
    """Whether the sentence reports speech: a speech verb followed by "that" / "whether"."""
    text = side.slice(span)
    for verb in _VERB.finditer(text):
        that = _THAT.search(text, verb.end(), verb.end() + 30)
        if that and not re.search(r"[,:;\"“”]", text[verb.end() : that.start()]):
            return True  # "said that …", not "say to him, See that …"
    return False


def _change(quoting: Side, q: Quote, plain: Side, span: Span) -> tuple[float, list[str]]:
    """(share of the quote's words the plain sentence keeps, what changed)."""
    inner = _stems(quoting, q.start, q.end)
    other = _stems(plain, *span)
    kept = len(inner & other) / len(inner) if inner else 1.0
    changes: list[str] = []
    text_q = quoting.text[q.start : q.end]
    text_p = plain.slice(span)
    if kept < 0.7:
        changes.append("its words change")
    if _FIRST.search(text_q) and not _FIRST.search(text_p) and _THIRD.search(text_p):
        changes.append("the speaker's “I/we” becomes a third person")
    if reported(plain, span):
        changes.append("it becomes reported speech")
    return kept, changes


def _quote_in(side: Side, span: Span) -> Quote | None:
    """The quote covering most of the sentence, or a quote of three words or more inside it."""
    q = quote_at(side.quotes, *span)
    if q is not None:
        return q
    inside = [x for x in side.quotes if span[0] <= x.start and x.end <= span[1] + 1
              and len(side.tokens((x.start, x.end))) >= 3]
    return inside[0] if inside else None


def find(ctx: LinkContext) -> list[Finding]:
    findings: list[Finding] = []
    for pair in ctx.pairs:
        if pair.similarity < 0.3:
            continue
        qa = _quote_in(ctx.a, pair.a)
        qb = _quote_in(ctx.b, pair.b)
        if (qa is None) == (qb is None):
            continue
        a_quotes = qa is not None
        q = qa or qb
        assert q is not None
        quoting, plain = (ctx.a, ctx.b) if a_quotes else (ctx.b, ctx.a)
        p_span = pair.b if a_quotes else pair.a
        if any(x.start < p_span[1] and p_span[0] < x.end for x in plain.quotes):
            continue  # the plain sentence quotes too (part of the quote, or another one)
        kept, changes = _change(quoting, q, plain, p_span)
        if not changes:
            continue  # only the quotation marks differ
        if changes == ["its words change"] and pair.similarity < 0.45:
            continue  # two free translations of a quote: other words, no sign of reported speech
        value = severity("quote.paraphrased") + severity("quote.per_similarity") * (1 - kept)
        me, them = ctx.name(a_quotes), ctx.name(not a_quotes)
        findings.append(Finding(
            DivergenceType.QUOTE, value, (pair.a,), (pair.b,),
            f"{me} quotes directly (“{excerpt(quoting, (q.start, q.end), width=50)}”); {them} reports it in "
            f"its own words (“{excerpt(plain, p_span, width=50)}”): {', '.join(changes)}",
            ctx.link.index, {"similarity": round(pair.similarity, 3), "kept": round(kept, 3), "changes": changes},
        ))
    return findings
