"""Modality, certainty, negation or direction that changes the claim of a rendered sentence.

"the talks will fail" / "the talks might fail"; "we did not agree" / "we
agreed"; "time is on our side" / "time could turn against us".
"""

from __future__ import annotations

import re

from khaddam_align.diverge.detectors import excerpt
from khaddam_align.diverge.model import DivergenceType, Finding, LinkContext, Side, Span
from khaddam_align.diverge.pairing import stems
from khaddam_align.diverge.severity import severity
from khaddam_align.text import lexicon_en as en


def _words(words: tuple[str, ...]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# The word lists are general English vocabulary (text/lexicon_en.py).
_CERTAIN = re.compile(rf"\b({_words(en.CERTAIN)})\b", re.I)
_HEDGED = re.compile(rf"\b({_words(en.HEDGES)}|(?:{'|'.join(en.HEDGE_STEMS)})\w*)\b", re.I)
_NEGATION = re.compile(rf"\b({_words(en.NEGATORS)}|\w+n[’']t)\b", re.I)
_FOR = re.compile(rf"\b({_words(en.FOR_WORDS)})\b", re.I)
_AGAINST = re.compile(rf"\b({_words(en.AGAINST_WORDS)})\b", re.I)
_EXCEPT = re.compile(rf"\b({_words(en.EXCEPT)})\b", re.I)


def _profile(side: Side, span: Span) -> tuple[int, int, int, int, int, int]:
    key = ("profile", span)
    if key not in side.cache:
        side.cache[key] = _compute_profile(side, span)
    result: tuple[int, int, int, int, int, int] = side.cache[key]
    return result


_WORD = re.compile(r"[\w’'-]+")
_EPISTEMIC_AFTER = re.compile(rf"\s+(?:{_words(en.EPISTEMIC_AFTER_MODAL)})\b", re.I)
_ADVERB = frozenset(en.HEDGE_ADVERBS)
_PURPOSE_HEADS = frozenset(en.PURPOSE_HEADS)
_OPENERS = frozenset(en.CLAUSE_OPENERS)


def _wish_or_purpose(before: str, modal: str) -> bool:
    """Whether a modal after ``before`` opens a wish ("And may peace be with you") or sits in a
    purpose clause ("so that they may rest", "I pray that you may", "…, that we may see") rather
    than hedging a claim ("he warned that it may fail", "a plan that may fail")."""
    words = [w.lower() for w in _WORD.findall(before)]
    if modal == "may" and all(w in _OPENERS for w in words):
        return True  # "May …", "And may …": a wish
    recent = words[-8:]
    if any(w in en.PURPOSE_MARKERS for w in recent):
        return True
    if "that" not in recent[:-1]:  # "that may …" is a relative or demonstrative "that"
        return False
    k = len(recent) - 1 - recent[::-1].index("that")
    if any(w in _PURPOSE_HEADS for w in recent[max(0, k - 3) : k]):
        return True  # "so that", "in order that", "my prayer is that"
    # "that" opening a clause after a comma or semicolon: ", that we may see your face"
    return bool(re.search(r"[,;:]\s*that\b[^,;:]*$", before, re.I))


def _hedges(text: str) -> tuple[int, int]:
    """(hedges, epistemic hedges) of a sentence. A modal that opens a wish ("May the harvest be
    good") or sits in a purpose clause ("so that they may rest") states no doubt and is not
    counted; elsewhere "may be", "might well" and the hedging adverbs ("perhaps") are epistemic:
    they put the fact itself in doubt."""
    count = epistemic = 0
    for m in _HEDGED.finditer(text):
        word = m.group().lower()
        if word in en.MODAL_HEDGES:
            if _wish_or_purpose(text[: m.start()], word):
                continue
            epistemic += bool(_EPISTEMIC_AFTER.match(text, m.end()))
        elif word in _ADVERB:
            epistemic += 1
        count += 1
    return count, epistemic


def _compute_profile(side: Side, span: Span) -> tuple[int, int, int, int, int, int]:
    text = side.slice(span)
    negations = len(_NEGATION.findall(text))
    if negations and _EXCEPT.search(text):  # "no country except one" is "only one"
        negations -= 1
    hedges, epistemic = _hedges(text)
    return (len(_CERTAIN.findall(text)), hedges, negations,
            len(_FOR.findall(text)), len(_AGAINST.findall(text)), epistemic)


def _with_neighbours(side: Side, span: Span, window: tuple[Span, ...], other: Side, other_span: Span) -> tuple[int, ...]:
    """The profile of ``span`` together with neighbouring sentences that the other rendering
    merged into ``other_span`` (used only to cancel a difference, never to create one)."""
    total = list(_profile(side, span))
    ordered = sorted(window)
    if span in ordered:
        k = ordered.index(span)
        target = stems(other, other_span)
        for n in (k - 1, k + 1):
            if 0 <= n < len(ordered) and len(stems(side, ordered[n]) & target) >= 2:
                total = [x + y for x, y in zip(total, _profile(side, ordered[n]), strict=True)]
    return tuple(total)


_TOKEN = re.compile(r"[a-z]+")


def _antonym(a_text: str, b_text: str) -> bool:
    """Whether one sentence has a word the other has with a negative prefix ("able" / "unable",
    "necessary" / "unnecessary", "possible" / "impossible"): the claim turned into its opposite."""
    wa, wb = set(_TOKEN.findall(a_text.lower())), set(_TOKEN.findall(b_text.lower()))
    for mine, other in ((wa, wb), (wb, wa)):
        for w in mine - other:
            for prefix in en.NEGATIVE_PREFIXES:
                base = w[len(prefix):]
                if w.startswith(prefix) and len(base) >= 4 and base in other and base not in mine:
                    return True
    return False


def find(ctx: LinkContext) -> list[Finding]:
    findings: list[Finding] = []
    for pair in ctx.pairs:
        if pair.similarity < (0.1 if pair.inside else 0.15):
            continue
        if ctx.a.slice(pair.a).rstrip("”\"’' ").endswith("?") or ctx.b.slice(pair.b).rstrip("”\"’' ").endswith("?"):
            continue  # questions carry no claim
        ca, ha, na, fa, ga, ea = _profile(ctx.a, pair.a)
        cb, hb, nb, fb, gb, eb = _profile(ctx.b, pair.b)
        reasons: list[str] = []
        weight = 0.0
        strong = 0.5 if pair.similarity >= 0.4 or (pair.inside and len(ctx.link.a) == len(ctx.link.b) == 1) else 0.4
        # One side hedges more without also asserting more: "will fail" / "might fail".
        if ha != hb and (ca - cb) * (hb - ha) >= 0:
            firm, soft = (ctx.a_name, ctx.b_name) if hb > ha else (ctx.b_name, ctx.a_name)
            reasons.append(f"{firm} states it as certain, {soft} only as possible")
            # Against a firm word ("will", "must"), or an epistemic hedge ("may be", "perhaps") where the other
            # sentence hedges nothing: a claim made doubtful.
            weight += 0.5 if max(ca, cb) > 0 or (ea != eb and min(ha, hb) == 0) else 0.35
            if abs(ha - hb) >= 2 or abs(ca - cb) >= 2:  # "will be compelled" / "pondered whether … could"
                weight += 0.15
        merged_a = _with_neighbours(ctx.a, pair.a, ctx.a_window, ctx.b, pair.b)
        merged_b = _with_neighbours(ctx.b, pair.b, ctx.b_window, ctx.a, pair.a)
        if (na == 0) != (nb == 0) and (merged_a[2] == 0) != (merged_b[2] == 0):
            neg = ctx.a_name if na else ctx.b_name
            reasons.append(f"{neg} negates it, the other does not")
            weight += strong
        elif _antonym(ctx.a.slice(pair.a), ctx.b.slice(pair.b)):
            reasons.append("one says the opposite (a word against its negative form)")
            weight += strong
        elif na != nb and pair.similarity >= 0.5:
            reasons.append(f"{ctx.a_name if na > nb else ctx.b_name} has more negations")
            weight += 0.35
        if (fa and gb and not ga) or (ga and fb and not gb):
            reasons.append("the two point in opposite directions (for / against)")
            weight += strong
        if pair.similarity >= 0.6:  # near-identical sentences: any change of this kind matters
            weight += 0.15
        # Loosely similar sentences (two free translations) count only for a negation or hedge of a
        # sentence the alignment pairs one to one.
        one_to_one = pair.inside and len(ctx.link.a) == 1 and len(ctx.link.b) == 1
        hedge_first = " states it as certain" in reasons[0] if reasons else False
        loose = (pair.similarity < 0.15 or (pair.similarity < 0.3 and weight < 0.8 and not hedge_first))
        if loose and not (one_to_one and any(r.endswith("negates it, the other does not") for r in reasons)):
            continue
        if weight < 0.5:
            continue
        value = min(severity("meaning.max"), severity("meaning.base") + weight * 0.3 + pair.similarity * 0.35)
        if loose:  # admitted only as a one-to-one link's negation
            value = min(value, severity("meaning.loose"))
        findings.append(Finding(
            DivergenceType.MEANING, value, (pair.a,), (pair.b,),
            f"{'; '.join(reasons)}: {ctx.a_name} “{excerpt(ctx.a, pair.a, width=50)}” / {ctx.b_name} “{excerpt(ctx.b, pair.b, width=50)}”",
            ctx.link.index, {"a": [ca, ha, na, fa, ga], "b": [cb, hb, nb, fb, gb], "similarity": round(pair.similarity, 3)},
        ))
    return findings
