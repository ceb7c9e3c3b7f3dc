"""The same statement attributed to different people.

For each pair of sentences that render each other, the *holder* of the
statement is found on both sides: inside a direct quote it is the quote's
speaker (unless the sentence opens with someone else, "Durand recalled…"); in
narrative it is the person a speech verb attaches to ("…, said al-Rashid"),
else the person the sentence opens with ("Karimi had had discussions…").
"""

from __future__ import annotations

import re

from khaddam_align.diverge.detectors import excerpt
from khaddam_align.diverge.model import DivergenceType, Finding, LinkContext, Side, Span
from khaddam_align.diverge.pairing import stems
from khaddam_align.diverge.quotes import (
    _VERB,
    is_title_key,
    main_clause_start,
    quote_at,
    title_speaker,
)
from khaddam_align.diverge.severity import severity
from khaddam_align.text.names import NARRATOR, display_name, person_refs, same_person

_HEAD = 30  # characters from the sentence start where its subject is looked for


def holder(side: Side, span: Span) -> tuple[str, Span] | None:
    """Who makes the statement in ``span``: (person key, where that is written)."""
    key = ("holder", span)
    if key not in side.cache:
        side.cache[key] = _holder(side, span)
    found: tuple[str, Span] | None = side.cache[key]
    return found


def _opens_with_subject(text: str, main: int, ref: int) -> bool:
    """The person is the sentence's subject: nothing but a title, an adverb or a short lead-in
    before it ("Then Foreign Minister X …", "In reply, X …"), not the object of a clause
    ("The talks were led by X")."""
    lead = text[main:ref].lower()
    return not re.search(r"\b(?:by|with|to|for|of|from|about|against|than|and|met|told|asked)\s*$", lead)


def explicit_holder(side: Side, span: Span) -> tuple[str, Span] | None:
    """The holder only when a speech verb attaches it: a quote's attribution or "X said" / "said X"."""
    found = holder(side, span)
    if found is None:
        return None
    q = quote_at(side.quotes, *span)
    if q is not None:
        return found if q.attribution is not None and q.speaker == found[0] else None
    verb = _VERB.search(side.text, span[0], span[1])
    return found if verb and abs(found[1][0] - verb.start()) < 30 else None


def _holder(side: Side, span: Span) -> tuple[str, Span] | None:
    text = side.text
    start, end = span
    q = quote_at(side.quotes, start, end)
    lead = start
    while lead < end and text[lead] in " “\"‘(":
        lead += 1
    if q is not None:
        refs = person_refs(text, side.people, start=lead, end=min(end, lead + _HEAD))
        if refs and refs[0][1] not in (NARRATOR, q.speaker) and refs[0][0] - lead < 3:
            return refs[0][1], (refs[0][0], refs[0][0] + 1)
        if q.speaker:
            return q.speaker, q.attribution or (q.start, q.start + 1)
        return None
    # Narrative: an attribution ("said X", "X said") outside quotes wins.
    inner = [x for x in side.quotes if x.start >= start and x.end <= end + 1]
    for x in inner:
        if x.speaker:
            return x.speaker, x.attribution or (x.start, x.start + 1)
    main = main_clause_start(text, lead, end)  # not "Asked by Salem …," but who then speaks
    verb = _VERB.search(text, main, end)
    refs = person_refs(text, side.people, start=main, end=end)
    refs = [r for r in refs if not any(x.start <= r[0] < x.end for x in inner)]
    if verb and refs:
        near = min(refs, key=lambda r: abs(r[0] - verb.start()))
        if abs(near[0] - verb.start()) < 30:
            return near[1], (near[0], near[0] + 1)
    if verb and not refs:
        role = title_speaker(text[main : min(end, verb.end() + 40)])
        if role:  # "Thus says the king" / "This is what the king has said"
            return role, (verb.start(), verb.end())
    if refs and refs[0][0] - main < _HEAD and _opens_with_subject(text, main, refs[0][0]):
        return refs[0][1], (refs[0][0], refs[0][0] + 1)
    return None


def asker(side: Side, span: Span) -> set[str]:
    """People in a leading "Asked by X …," clause: they speak too, in a condensed exchange."""
    main = main_clause_start(side.text, span[0], span[1])
    if main == span[0]:
        return set()
    return {key for _, key in person_refs(side.text, side.people, start=span[0], end=main)}


def _named(side: Side, span: Span) -> set[str]:
    return {key for _, key in person_refs(side.text, side.people, start=span[0], end=span[1])}


def _attributed(side: Side, span: Span) -> bool:
    """The sentence is a direct quote with an explicit attribution ("“…,” said X")."""
    q = quote_at(side.quotes, *span)
    return q is not None and q.speaker is not None and q.attribution is not None


def find(ctx: LinkContext) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for pair in ctx.pairs:
        # Two quotes of one link, each explicitly attributed: the renderings' wording may differ
        # a lot (two translations), the pairing by the alignment is the evidence.
        explicit = pair.inside and _attributed(ctx.a, pair.a) and _attributed(ctx.b, pair.b)
        if pair.similarity < (0.1 if explicit else 0.25 if pair.inside else 0.4):
            continue
        ha = holder(ctx.a, pair.a)
        hb = holder(ctx.b, pair.b)
        if not ha or not hb or same_person(ha[0], hb[0]) or NARRATOR in (ha[0], hb[0]):
            continue
        if is_title_key(ha[0]) != is_title_key(hb[0]):
            continue  # "the minister" may well be the person the other names
        if is_title_key(ha[0]) and ha[0].split()[-1] == hb[0].split()[-1]:
            continue  # "the foreign minister" / "the minister"
        if ha[0] in asker(ctx.b, pair.b) or hb[0] in asker(ctx.a, pair.a):
            continue  # "X asked …" vs "Asked by X, Y replied …": one exchange condensed, not a new speaker
        if not explicit and pair.similarity < 0.5 and ctx.rare and not (stems(ctx.a, pair.a) & stems(ctx.b, pair.b) & ctx.rare):
            continue  # nothing specific in common: probably not the same statement
        # "Durand told Nasser…" vs "Nasser… Durand…": only when B's holder is not A's subject too.
        if (ha[0], hb[0]) in seen:
            continue
        seen.add((ha[0], hb[0]))
        who_a = display_name(ha[0], ctx.a.text, ctx.a.people)
        who_b = display_name(hb[0], ctx.b.text, ctx.b.people)
        # Other people named in both sentences (Petrov, Durand) make it the same statement.
        shared = _named(ctx.a, pair.a) & _named(ctx.b, pair.b) - {ha[0], hb[0]}
        value = min(severity("speaker.max"), severity("speaker.base") + severity("speaker.per_shared_person") * min(len(shared), 2)
                    + pair.similarity * severity("speaker.similarity_factor"))
        findings.append(Finding(
            DivergenceType.SPEAKER, value, (pair.a,), (pair.b,),
            f"{ctx.a_name} attributes “{excerpt(ctx.a, pair.a, width=50)}” to {who_a}; {ctx.b_name} to {who_b}",
            ctx.link.index, {"a_speaker": ha[0], "b_speaker": hb[0], "similarity": round(pair.similarity, 3)},
        ))
    return findings
