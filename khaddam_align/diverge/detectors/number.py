"""Numbers, dates and quantities present in one rendering and missing or different in the other.

Quantities (figures, counts, durations) are compared by value however they are
written ("2,500" / "2.500" / "٢٥٠٠" / "two thousand five hundred"). Dates
(weekdays, months, relative days, calendar dates, years) are a divergence only
when both paired sentences name one of the same kind and they differ: a date
one rendering leaves out is wording, and ranks below a changed quantity.
"""

from __future__ import annotations

import re

from khaddam_align.diverge.detectors import around
from khaddam_align.diverge.model import DivergenceType, Finding, LinkContext, Side, Span
from khaddam_align.diverge.severity import severity
from khaddam_align.text.arabic import to_ascii_digits
from khaddam_align.text.numbers import find_numbers

_YEAR = re.compile(r"(?<![\d.,])(1[5-9]\d\d|20\d\d)(?![\d])")

_NEAR_COPY = 0.6  # pair similarity above which two sentences of one language are the same sentence

Mention = tuple[Span, frozenset[str], str, str]  # span, keys, label, date category ("" for quantities)


def _date_category(kind: str) -> str:
    """Weekdays, relative days and calendar dates are dates; a bare year stays a figure
    ("1700" may be a count, and a year that changes is a checkable fact)."""
    if kind == "weekday":
        return "weekday"
    if kind == "relative":
        return "relative"
    if kind in ("date", "day-month", "month-year", "month"):
        return "calendar"
    return ""


def mentions(side: Side, spans: tuple[Span, ...]) -> list[Mention]:
    """(span, comparison keys, label, date category) of each number or date in the spans."""
    out: list[Mention] = []
    for s, e in spans:
        cached = side.cache.get(("numbers", s, e))
        if cached is not None:
            out.extend(cached)
            continue
        here: list[Mention] = []
        side.cache[("numbers", s, e)] = here
        chunk = side.text[s:e]
        for m in find_numbers(chunk):
            label = chunk[m.start : m.end]
            keys = m.keys()
            if label.endswith("%") or chunk[m.end : m.end + 8].lower().startswith((" percent", "%", " بالمئة", " بالمائة", " في المئة", " في المائة", " per cent")):
                keys = frozenset(f"%{k}" for k in keys) | keys
            here.append(((s + m.start, s + m.end), keys, label, _date_category(m.kind)))
        out.extend(here)
    return out


def _keys_of(side: Side, spans: tuple[Span, ...], *, dates: bool) -> set[str]:
    keys: set[str] = set()
    for _, k, _label, cat in mentions(side, spans):
        if bool(cat) == dates:
            keys |= k
    return keys


def _years_of(side: Side) -> set[str]:
    """Every year key of the whole text (computed once per side)."""
    if side.dates is None:
        side.dates = {f"y:{y}" for y in _YEAR.findall(to_ascii_digits(side.text))}
    return side.dates


def _dates(ctx: LinkContext) -> list[Finding]:
    """Dates of the same kind in both sentences of a pair, sharing no key."""
    findings: list[Finding] = []
    for pair in ctx.pairs:
        a_dates = [m for m in mentions(ctx.a, (pair.a,)) if m[3]]
        b_dates = [m for m in mentions(ctx.b, (pair.b,)) if m[3]]
        for cat in ("weekday", "relative", "calendar"):
            ma = [m for m in a_dates if m[3] == cat]
            mb = [m for m in b_dates if m[3] == cat]
            if not ma or not mb:
                continue
            ka = frozenset().union(*(m[1] for m in ma))
            kb = frozenset().union(*(m[1] for m in mb))
            if cat == "calendar":
                # Different when some grain both sides give (day-month, month, year …) shares no key.
                grains = {k.split(":")[0] for k in ka if ":" in k} & {k.split(":")[0] for k in kb if ":" in k}
                if not any(
                    not ({k for k in ka if k.startswith(g + ":")} & {k for k in kb if k.startswith(g + ":")})
                    for g in grains
                ):
                    continue
            elif ka & kb:
                continue
            la = " / ".join(dict.fromkeys(m[2] for m in ma))
            lb = " / ".join(dict.fromkeys(m[2] for m in mb))
            sa = (ma[0][0][0], ma[-1][0][1])
            sb = (mb[0][0][0], mb[-1][0][1])
            findings.append(Finding(
                DivergenceType.NUMBER, severity("date.changed"), (sa,), (sb,),
                f"{ctx.a_name} dates it {la} ({around(ctx.a, sa)}); {ctx.b_name} {lb}",
                ctx.link.index, {"value": sorted(ka | kb), "date": cat},
            ))
    return findings


def find(ctx: LinkContext) -> list[Finding]:
    findings: list[Finding] = _dates(ctx)
    # A figure that reads as a year counts as present when the other rendering gives that year anywhere.
    b_keys = _keys_of(ctx.b, ctx.b_window, dates=False) | _years_of(ctx.b)
    a_keys = _keys_of(ctx.a, ctx.a_window, dates=False) | _years_of(ctx.a)
    a_here = [m for m in mentions(ctx.a, ctx.link.a) if not m[3]]
    b_here = [m for m in mentions(ctx.b, ctx.link.b) if not m[3]]
    b_loose = [o for o in b_here if not (o[1] & a_keys)]
    a_loose = [o for o in a_here if not (o[1] & b_keys)]
    for loose, other, a_side, spans, theirs in ((a_loose, b_loose, True, ctx.link.a, b_here),
                                                (b_loose, a_loose, False, ctx.link.b, a_here)):
        # One finding per sentence: "five members … six countries".
        for sentence in spans:
            here = [m for m in loose if sentence[0] <= m[0][0] < sentence[1]]
            if not here:
                continue
            if all(_weak(m) for m in here) and not _close(ctx, a_side, sentence, theirs):
                continue  # "each one of you", "both … and", "the first day": no figure left out
            span = (here[0][0][0], here[-1][0][1])
            keys = frozenset().union(*(m[1] for m in here))
            label = " / ".join(dict.fromkeys(m[2] for m in here))
            findings.append(_finding(ctx, span, keys, label, other=other, a_side=a_side))
    return findings


def _weak(m: Mention) -> bool:
    """One or two written as a word ("one", "both", "first", "واحد", a dual): a language renders
    these with an article, a dual or a plural as often as with a number word, so that the other
    rendering has no such figure says nothing. A figure in digits or a duration is never weak."""
    _span, keys, label, _cat = m
    if any(c.isdigit() for c in label) or any(k.startswith(("min:", "%")) for k in keys):
        return False
    return all(k.replace(".", "").isdigit() and float(k) <= 2 for k in keys)


def _close(ctx: LinkContext, a_side: bool, sentence: Span, other: list[Mention]) -> bool:
    """Whether a weak figure still counts: the other side of the link has a figure of its own
    (a change, not a gap), or, in one language, the paired sentence repeats this one
    nearly word for word (so the small number is what changed)."""
    if other:
        return True
    mine = [p for p in ctx.pairs if (p.a if a_side else p.b) == sentence]
    return ctx.a_language == ctx.b_language and any(p.similarity >= _NEAR_COPY for p in mine)


def _finding(ctx: LinkContext, span: Span, keys: frozenset[str], label: str,
             *, other: list[Mention], a_side: bool) -> Finding:
    side = ctx.a if a_side else ctx.b
    me, them = ctx.name(a_side), ctx.name(not a_side)
    in_pair = {p.b if a_side else p.a for p in ctx.pairs}
    unmatched = [o for o in other if any(s <= o[0][0] < e for s, e in in_pair)]
    # "two countries", "four regions": small counts in words are often rephrased (a duration is not a count).
    small_word = not any(c.isdigit() for c in label) and not any(k.startswith("min:") for k in keys) and all(
        k.replace(".", "").isdigit() and float(k) <= 10 for k in keys if not k.startswith("%")
    )
    if ctx.pairs and unmatched:
        o_span, _o_keys, o_label, _cat = unmatched[0]
        description = f"{me} has {label} ({around(side, span)}); {them} has {o_label} instead"
        other_spans: tuple[Span, ...] = (o_span,)
        value = severity("number.changed")
    else:
        description = f"{me} has {label} ({around(side, span)}); {them} has no such figure"
        other_spans = ()
        value = severity("number.missing") if ctx.pairs else severity("number.missing_unpaired")
        if small_word:
            value -= severity("number.small_word_discount")
    a_spans, b_spans = ((span,), other_spans) if a_side else (other_spans, (span,))
    return Finding(DivergenceType.NUMBER, value, a_spans, b_spans, description, ctx.link.index,
                   {"value": sorted(keys)})
