"""Checks of an English rendering against the Arabic original, link by link.

Words cannot be compared across the languages, but some things can:

- names and places, by transliteration skeleton: a capitalised name of the
  English link that no word of the Arabic link (or its neighbours) spells, while
  the Arabic text does name it elsewhere or another name stands in its place;
- speakers: the holder of the English sentence (``speaker.holder``) against the
  subject of the Arabic speech verb (``arabic_speech``);
- a direct quote of the Arabic that the English reports in its own words;
- negation and certainty: Arabic negators (لا، لم، لن، ليس) and modals (يجب، لا بد،
  سوف / ربما، قد، يمكن) against the English ones on the same link.

The numbers (``number``) and passages one side lacks (``omission``) are checked
by their own detectors, which are language-neutral.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from khaddam_align.diverge import arabic_speech as ars
from khaddam_align.diverge.detectors import excerpt
from khaddam_align.diverge.detectors.speaker import asker, explicit_holder
from khaddam_align.diverge.model import DivergenceType, Finding, LinkContext, Side, Span
from khaddam_align.diverge.quotes import quote_at
from khaddam_align.diverge.severity import severity
from khaddam_align.text import lexicon_ar as ar
from khaddam_align.text import lexicon_en as en
from khaddam_align.text.arabic import ARABIC_WORD_MARKED, fold
from khaddam_align.text.names import NARRATOR, display_name, name_norm, same_person
from khaddam_align.text.translit import skeleton

_AR_WORD = ARABIC_WORD_MARKED
_EN_CAP = re.compile(r"(?<![\w’'\-])(?:al-)?([A-Z][a-zà-ÿ’'\-]+)")
_NOT_NAME = frozenset(en.FUNCTION_WORDS | frozenset(en.ROLE_WORDS) | frozenset(en.TITLE_MODIFIERS)
                      | frozenset(en.ORGANISATION_WORDS) | frozenset(en.WEEKDAYS) | frozenset(en.MONTHS)
                      | frozenset(en.GROUP_NOUNS))
_EN_NEG = re.compile(r"\b(?:" + "|".join(en.NEGATORS) + r"|\w+n[’']t)\b", re.I)
_EN_CERTAIN = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in en.CERTAIN) + r")\b", re.I)
_EN_HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in en.HEDGES) + "|" + "|".join(en.HEDGE_STEMS)
                       + r"\w*)\b", re.I)
_EN_ONLY = re.compile(r"\b(?:only|except|but for|alone|solely)\b", re.I)


def _cache(side: Side) -> dict[Any, Any]:
    return side.cache


def _arabic_skeletons(side: Side, spans: tuple[Span, ...]) -> frozenset[str]:
    out: set[str] = set()
    for s, e in spans:
        for m in _AR_WORD.finditer(side.text, s, e):
            out |= ars.variants(m.group())
    return frozenset(out)


def _everywhere(ar_side: Side) -> frozenset[str]:
    """Skeletons of every word of the Arabic text (computed once)."""
    cache = _cache(ar_side)
    if "all_skeletons" not in cache:
        cache["all_skeletons"] = _arabic_skeletons(ar_side, ((0, len(ar_side.text)),))
    found: frozenset[str] = cache["all_skeletons"]
    return found


def _english_variants(word: str) -> set[str]:
    low = word.lower().removesuffix("’s").removesuffix("'s")
    return {k for k in {skeleton(low), skeleton(re.sub(r"(?:ian|an|ese|ish|i)$", "", low))} if len(k) >= 2}


def _spelled(word: str, skeletons: frozenset[str]) -> bool:
    """Whether an English name meets one of the Arabic skeletons (exactly or by ``same_name``)."""
    mine = _english_variants(word)
    if mine & skeletons:
        return True
    # English spellings often drop h and the ayn (Cairo / القاهرة): compare without h.
    loose = {k.replace("h", "") for k in mine if len(k) >= 3}
    return bool(loose & _without_h(skeletons))


@lru_cache(maxsize=64)
def _without_h(skeletons: frozenset[str]) -> frozenset[str]:
    return frozenset(x.replace("h", "") for x in skeletons if len(x) >= 3)


def _names(ctx: LinkContext, ar_side: Side, en_side: Side, ar_spans: tuple[Span, ...], en_spans: tuple[Span, ...],
           en_is_a: bool) -> list[Finding]:
    """English names of this link that the Arabic link does not spell."""
    here = _arabic_skeletons(ar_side, ar_spans)
    cache = _cache(ar_side)
    everywhere = _everywhere(ar_side)
    people = en_side.people
    # Names of the English text that the Arabic link spells but the English link does not: a name
    # standing where another was (a substitution), not a pronoun made explicit ("بلاده", his country → the country's name).
    en_all_key = f"en_caps:{id(en_side)}"
    if en_all_key not in cache:
        cache[en_all_key] = {k for m in _EN_CAP.finditer(en_side.text)
                             if m.group(1).lower() not in _NOT_NAME for k in _english_variants(m.group(1))}
    en_here = {k for s, e in en_spans for m in _EN_CAP.finditer(en_side.text, s, e)
               for k in _english_variants(m.group(1))}
    ar_link = _arabic_skeletons(ar_side, ar_spans)
    replaced = bool((ar_link & cache[en_all_key]) - en_here)
    findings: list[Finding] = []
    seen: set[str] = set()
    for s, e in en_spans:
        for m in _EN_CAP.finditer(en_side.text, s, e):
            word = m.group(1).rstrip("’'")
            low = word.lower().removesuffix("’s").removesuffix("'s")
            if low in _NOT_NAME or len(low) < 3 or low in seen or not people.is_person(name_norm(word)):
                continue  # only the people of the English text: adjectives and common nouns are not evidence
            if (word.isupper() and len(word) <= 4) or _spelled(word, here):
                continue
            seen.add(low)
            if not _spelled(word, everywhere):
                continue  # never spelled in the Arabic: an exonym or a translation (مصر / Egypt), not evidence
            en_name, ar_name = ctx.name(en_is_a), ctx.name(not en_is_a)
            span = (m.start(), m.start() + len(m.group()))
            a_spans, b_spans = ((span,), ()) if en_is_a else ((), (span,))
            value = severity("entity.cross_language") if replaced else severity("entity.cross_language_unreplaced")
            findings.append(Finding(
                DivergenceType.ENTITY, value, a_spans, b_spans,
                f"{en_name} names {word} here; {ar_name} does not (a name it spells elsewhere)",
                ctx.link.index, {"name": word, "cross_language": True},
            ))
    return findings


def _speakers(ctx: LinkContext, ar_side: Side, en_side: Side, ar_spans: tuple[Span, ...],
              en_spans: tuple[Span, ...], en_is_a: bool) -> list[Finding]:
    cache = _cache(ar_side)
    key = f"speakers:{id(en_side)}"
    if key not in cache:
        cache[key] = ars.speakers(ar_side.text, ars.NameIndex(en_side.people))
    table = cache[key]
    findings: list[Finding] = []
    ar_speakers = ars.speakers_in(table, ar_spans[0][0], ar_spans[-1][1])
    named = ars.speakers_in(table, ar_spans[0][0], ar_spans[-1][1], explicit=True)
    if not named:
        return []  # only an Arabic speech verb with its subject named right after it is evidence
    everywhere = _everywhere(ar_side)
    for en_span in en_spans:
        h = explicit_holder(en_side, en_span)
        if h is None or h[0] == NARRATOR or any(same_person(h[0], k) for k in ar_speakers):
            continue
        if not _spelled(h[0], everywhere):
            continue  # the Arabic never spells the English speaker: no way to tell
        if any(same_person(k, x) for x in ar_speakers for k in asker(en_side, en_span)):
            continue  # "Asked by X …, Y replied": the Arabic's two sentences, condensed
        who_en = display_name(h[0], en_side.text, en_side.people)
        who_ar = display_name(named[0], en_side.text, en_side.people)
        en_name, ar_name = ctx.name(en_is_a), ctx.name(not en_is_a)
        ar_hull = (ar_spans[0][0], ar_spans[-1][1])
        a_spans, b_spans = ((en_span,), (ar_hull,)) if en_is_a else ((ar_hull,), (en_span,))
        findings.append(Finding(
            DivergenceType.SPEAKER, severity("speaker.cross_language"), a_spans, b_spans,
            f"{en_name} attributes “{excerpt(en_side, en_span, width=50)}” to {who_en}; {ar_name} to {who_ar}",
            ctx.link.index, {"a_speaker" if en_is_a else "b_speaker": h[0],
                             "b_speaker" if en_is_a else "a_speaker": who_ar, "cross_language": True},
        ))
        break
    return findings


def _quotes(ctx: LinkContext, ar_side: Side, en_side: Side, ar_spans: tuple[Span, ...],
            en_spans: tuple[Span, ...], en_is_a: bool) -> list[Finding]:
    """A direct quote of the Arabic that the English link renders without quotation marks."""
    if not en_spans:
        return []
    quoted = [q for s, e in ar_spans for q in ars.arabic_quotes(ar_side.text, s, e)]
    if not quoted:
        return []
    en_quoted = any(quote_at(en_side.quotes, s, e) or any(q.start < e and s < q.end for q in en_side.quotes)
                    for s, e in en_spans)
    if en_quoted:
        return []
    en_name, ar_name = ctx.name(en_is_a), ctx.name(not en_is_a)
    q = quoted[0]
    en_hull = (en_spans[0][0], en_spans[-1][1])
    a_spans, b_spans = (((en_hull,), ((q.start, q.end),)) if en_is_a else (((q.start, q.end),), (en_hull,)))
    return [Finding(
        DivergenceType.QUOTE, severity("quote.cross_language"), a_spans, b_spans,
        f"{ar_name} quotes directly (“{excerpt(ar_side, (q.start, q.end), width=50)}”); "
        f"{en_name} reports it in its own words (“{excerpt(en_side, en_hull, width=50)}”)",
        ctx.link.index, {"cross_language": True},
    )]


def _ar_profile(text: str) -> tuple[int, int, int, bool, int]:
    """(negators, certain, hedged, "only"-construction, negative words) of an Arabic passage."""
    words = [fold(w) for w in _AR_WORD.findall(text)]
    joined = " " + " ".join(words) + " "
    neg = lexical = 0
    for i, w in enumerate(words):
        forms = {w, w[1:] if w.startswith(("و", "ف")) and len(w) > 2 else w}
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if forms & ar.NEGATORS and nxt not in ("بد",) and nxt not in ar.STILL:
            neg += 1
        if forms & ar.NEGATIVE_WORDS or any(root in w for root in ar.NEGATIVE_ROOTS):
            lexical += 1
    neg += sum(joined.count(" " + fold(p) + " ") for p in ar.NEGATOR_PHRASES if not p.startswith("ما "))
    certain = sum(joined.count(" " + fold(p) + " ") + joined.count(" و" + fold(p) + " ") for p in ar.CERTAIN)
    hedged = sum(joined.count(" " + fold(p)) for p in ar.HEDGES)
    only = any(w in ar.ONLY for w in words)
    return neg, certain, hedged, only, lexical


_EN_NEGATIVE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in en.NEGATIVE_STEMS) + r")\w*|\b(?:un|non-?)(\w{3,})", re.I)


def _en_lexical(text: str) -> int:
    n = 0
    for m in _EN_NEGATIVE.finditer(text):
        word = m.group().lower()
        if word.startswith(("un", "non")) and word.startswith(en.NOT_NEGATIVE_UN):
            continue
        n += 1
    return n


def _meaning(ctx: LinkContext, ar_side: Side, en_side: Side, ar_spans: tuple[Span, ...],
             en_spans: tuple[Span, ...], en_is_a: bool) -> list[Finding]:
    if len(ar_spans) > 2 or len(en_spans) > 2:
        return []  # small links only: the two sides say the same thing
    ar_text = " ".join(ar_side.slice(s) for s in ar_spans)
    en_text = " ".join(en_side.slice(s) for s in en_spans)
    if en_text.rstrip("”\"’' ").endswith("?") or ar_text.rstrip("”\"’' ").endswith(("?", "؟")):
        return []  # questions carry no claim
    neg_ar, cert_ar, hedge_ar, only_ar, lex_ar = _ar_profile(ar_text)
    neg_en = len(_EN_NEG.findall(en_text))
    lex_en = _en_lexical(en_text)
    cert_en, hedge_en = len(_EN_CERTAIN.findall(en_text)), len(_EN_HEDGE.findall(en_text))
    en_name, ar_name = ctx.name(en_is_a), ctx.name(not en_is_a)
    reasons: list[str] = []
    value = 0.0
    # Polarity: negators and negative words together ("لا ترفض" = does not reject, positive);
    # a negation moved into a word ("did not respond" / "رفضت الاستجابة") keeps the polarity.
    polarity_ar = (neg_ar + lex_ar) % 2
    polarity_en = (neg_en + lex_en) % 2
    if ((neg_ar == 0) != (neg_en == 0) and polarity_ar != polarity_en
            and not only_ar and not _EN_ONLY.search(en_text)):
        reasons.append(f"{ar_name if neg_ar else en_name} negates it, the other does not")
        value = severity("meaning.cross_negation")
    if cert_ar and hedge_en and not hedge_ar:
        reasons.append(f"{ar_name} states it as necessary or certain, {en_name} only as possible")
        value = max(value, severity("meaning.cross_certainty"))
    elif hedge_ar and cert_en and not hedge_en:
        reasons.append(f"{en_name} states it as certain, {ar_name} only as possible")
        value = max(value, severity("meaning.cross_certainty"))
    if not reasons:
        return []
    a_spans, b_spans = (en_spans, ar_spans) if en_is_a else (ar_spans, en_spans)
    return [Finding(
        DivergenceType.MEANING, value, a_spans, b_spans,
        f"{'; '.join(reasons)}: {ar_name} “{excerpt(ar_side, ar_spans[0], width=50)}” / "
        f"{en_name} “{excerpt(en_side, en_spans[0], width=50)}”",
        ctx.link.index, {"cross_language": True, "arabic": [neg_ar, cert_ar, hedge_ar], "english": [neg_en, cert_en, hedge_en]},
    )]


def find(ctx: LinkContext) -> list[Finding]:
    """All cross-language checks of one link (one side Arabic, the other not)."""
    ar_is_a = ctx.a_language == "ar"
    if ar_is_a == (ctx.b_language == "ar"):
        return []
    ar_side, en_side = (ctx.a, ctx.b) if ar_is_a else (ctx.b, ctx.a)
    ar_spans, en_spans = (ctx.link.a, ctx.link.b) if ar_is_a else (ctx.link.b, ctx.link.a)
    if not ar_spans or not en_spans:
        return []
    en_is_a = not ar_is_a
    findings = _names(ctx, ar_side, en_side, ar_spans, en_spans, en_is_a)
    findings += _speakers(ctx, ar_side, en_side, ar_spans, en_spans, en_is_a)
    findings += _quotes(ctx, ar_side, en_side, ar_spans, en_spans, en_is_a)
    findings += _meaning(ctx, ar_side, en_side, ar_spans, en_spans, en_is_a)
    return findings
