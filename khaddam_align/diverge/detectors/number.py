"""Numbers, dates and quantities present in one rendering and missing or different in the other."""

from __future__ import annotations

import re

from khaddam_align.diverge.detectors import around
from khaddam_align.diverge.model import DivergenceType, Finding, LinkContext, Side, Span
from khaddam_align.text.numbers import find_numbers

_EXTRA = re.compile(
    r"\b(?:(?P<half>half an? (?:hour|day|year|month)|half of|half)|"
    r"(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?P<rel>yesterday|tomorrow|last week|last year|next week|next year))\b"
)


def mentions(side: Side, spans: tuple[Span, ...]) -> list[tuple[Span, frozenset[str], str]]:
    """(span, comparison keys, label) of each number or date in the spans."""
    out: list[tuple[Span, frozenset[str], str]] = []
    for s, e in spans:
        chunk = side.text[s:e]
        for m in find_numbers(chunk):
            if m.kind == "number" and _is_enumeration(chunk, m.start):
                continue
            label = chunk[m.start : m.end]
            keys = m.keys()
            if label.endswith("%") or chunk[m.end : m.end + 8].lower().startswith((" percent", "%")):
                keys = frozenset(f"%{k}" for k in keys) | keys
            out.append(((s + m.start, s + m.end), keys, label))
        for x in _EXTRA.finditer(chunk):
            key = "0.5" if x.lastgroup == "half" else x.group().lower()
            out.append(((s + x.start(), s + x.end()), frozenset({key}), x.group()))
    return out


def _is_enumeration(chunk: str, pos: int) -> bool:
    # "5+6 initiative" stays; "one of" / "the two of them" are counted like any other number.
    return False


def _keys_of(side: Side, spans: tuple[Span, ...]) -> set[str]:
    keys: set[str] = set()
    for _, k, _label in mentions(side, spans):
        keys |= k
    return keys


def _dates_of(side: Side) -> set[str]:
    """Every date and year key of the whole text (computed once per side)."""
    if side.dates is None:
        side.dates = {k for k in _keys_of(side, ((0, len(side.text)),)) if k[:2] in ("y:", "d:", "dm", "my")}
    return side.dates


def find(ctx: LinkContext) -> list[Finding]:
    findings: list[Finding] = []
    # Dates and years count as present when the other rendering has them anywhere.
    b_keys = _keys_of(ctx.b, ctx.b_window) | _dates_of(ctx.b)
    a_keys = _keys_of(ctx.a, ctx.a_window) | _dates_of(ctx.a)
    a_here = mentions(ctx.a, ctx.link.a)
    b_here = mentions(ctx.b, ctx.link.b)
    b_loose = [o for o in b_here if not (o[1] & a_keys)]
    a_loose = [o for o in a_here if not (o[1] & b_keys)]
    for loose, other, a_side, spans in ((a_loose, b_loose, True, ctx.link.a), (b_loose, a_loose, False, ctx.link.b)):
        # One finding per sentence: "Tuesday or Wednesday", "5+6 … five … six".
        for sentence in spans:
            here = [m for m in loose if sentence[0] <= m[0][0] < sentence[1]]
            if not here:
                continue
            span = (here[0][0][0], here[-1][0][1])
            keys = frozenset().union(*(m[1] for m in here))
            label = " / ".join(dict.fromkeys(m[2] for m in here))
            findings.append(_finding(ctx, span, keys, label, other=other, a_side=a_side))
    return findings


def _finding(ctx: LinkContext, span: Span, keys: frozenset[str], label: str,
             *, other: list[tuple[Span, frozenset[str], str]], a_side: bool) -> Finding:
    side = ctx.a if a_side else ctx.b
    me, them = ("A", "B") if a_side else ("B", "A")
    in_pair = {p.b if a_side else p.a for p in ctx.pairs}
    unmatched = [o for o in other if any(s <= o[0][0] < e for s, e in in_pair)]
    small_word = label.isalpha() and all(k.isdigit() and int(k) <= 10 for k in keys)
    if ctx.pairs and unmatched:
        o_span, _o_keys, o_label = unmatched[0]
        description = f"{me} has {label} ({around(side, span)}); {them} has {o_label} instead"
        other_spans: tuple[Span, ...] = (o_span,)
        severity = 0.85
    else:
        description = f"{me} has {label} ({around(side, span)}); {them} has no such figure"
        other_spans = ()
        severity = 0.8 if ctx.pairs else 0.74
        if small_word:  # "two countries", "four regions": small counts in words are often rephrased
            severity -= 0.35
    a_spans, b_spans = ((span,), other_spans) if a_side else (other_spans, (span,))
    return Finding(DivergenceType.NUMBER, severity, a_spans, b_spans, description, ctx.link.index,
                   {"value": sorted(keys)})
