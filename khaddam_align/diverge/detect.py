"""The detection core: two texts and an alignment's links in, ranked findings out (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from khaddam_align.diverge.detectors import (
    crosslang,
    entity,
    meaning,
    number,
    omission,
    quote,
    speaker,
)
from khaddam_align.diverge.model import (
    DivergenceType,
    Finding,
    LinkContext,
    LinkView,
    Pair,
    Side,
    Span,
)
from khaddam_align.diverge.pairing import (
    derive_units,
    pair_in_window,
    shared_stretch,
    similarity,
    stems,
)
from khaddam_align.diverge.quotes import Quote
from khaddam_align.diverge.rank import rank
from khaddam_align.progress import Progress, report
from khaddam_align.text.arabic import arabic_share
from khaddam_align.text.names import name_norm

Detector = Callable[[LinkContext], list[Finding]]
DETECTORS: tuple[Detector, ...] = (speaker.find, number.find, entity.find, meaning.find, quote.find, omission.find)
CROSS_LANGUAGE: tuple[Detector, ...] = (number.find, omission.find, crosslang.find)


def guess_language(text: str) -> str:
    """"ar" when Arabic letters outnumber Latin ones (only when the caller does not know the language)."""
    return "ar" if arabic_share(text) > 0.5 else "en"


@dataclass(frozen=True, slots=True)
class Coverage:
    """What lies outside the stretch both renderings cover (introductions, continuations)."""

    stretch: tuple[int, int]  # link indexes [lo, hi)
    a_outside: tuple[Span, ...]
    b_outside: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Detection:
    findings: tuple[Finding, ...]
    coverage: Coverage


def _window(links: Sequence[LinkView], i: int, side: str, *, reach: int = 1) -> tuple[Span, ...]:
    lo, hi = max(0, i - reach), min(len(links), i + reach + 1)
    return tuple(s for link in links[lo:hi] for s in (link.a if side == "a" else link.b))


def coverage(
    a_text: str, b_text: str, links: Sequence[LinkView], *, a_lang: str | None = None, b_lang: str | None = None
) -> Coverage:
    """Only the coverage part of ``detect``: which segments lie outside the shared stretch.

    Two languages: words cannot be compared, so the stretch is the run of the alignment's own
    links that are matched with confidence (one-sided links at either end fall outside)."""
    a, b = Side.of(a_text, a_lang or "en"), Side.of(b_text, b_lang or "en")
    a_spans = sorted({s for link in links for s in link.a})
    b_spans = sorted({s for link in links for s in link.b})
    if a_lang and b_lang and a_lang != b_lang:
        units: Sequence[LinkView] = list(links)
    else:
        units = derive_units(a, b, a_spans, b_spans)
    lo, hi = shared_stretch(units, min_score=0.2)
    inside_a = {s for u in units[lo:hi] for s in u.a}
    inside_b = {s for u in units[lo:hi] for s in u.b}
    return Coverage(
        (lo, hi),
        tuple(s for s in a_spans if s not in inside_a),
        tuple(s for s in b_spans if s not in inside_b),
    )


def _containing(owner: dict[Span, int], span: Span) -> int | None:
    for seg, index in owner.items():
        if seg[0] <= span[0] < seg[1] or span[0] <= seg[0] < span[1]:
            return index
    return None


def _one_per_sentence(ranked: list[Finding]) -> list[Finding]:
    """Keep the strongest finding of a type per evidence sentence (ranked input, so the first)."""
    seen: set[tuple[str, str, Span]] = set()
    kept: list[Finding] = []
    for f in ranked:
        marks = [(f.type.value, "a", s) for s in f.a_spans] + [(f.type.value, "b", s) for s in f.b_spans]
        if f.type.value in ("speaker", "meaning", "quote") and any(m in seen for m in marks):
            continue
        seen.update(marks)
        kept.append(f)
    return kept


def _inside(spans: tuple[Span, ...], outer: tuple[Span, ...]) -> bool:
    return bool(spans) and all(any(o[0] <= s[0] and s[1] <= o[1] for o in outer) for s in spans)


def _explained_by_speakers(ranked: list[Finding]) -> list[Finding]:
    """Drop an entity finding about a person whose change of role a speaker finding already reports
    ("“…,” said X" / "“…,” said Y" is one speaker change, not also two people named on one side)."""
    speakers = [f for f in ranked if f.type is DivergenceType.SPEAKER]
    if not speakers:
        return ranked
    kept: list[Finding] = []
    for f in ranked:
        if f.type is DivergenceType.ENTITY:
            people = {str(f.detail.get("person", ""))} | {
                name_norm(str(f.detail.get(k, "")).split()[-1]) for k in ("a_name", "b_name", "name") if f.detail.get(k)
            }
            people.discard("")
            if any(
                people & {str(sp.detail.get("a_speaker")), str(sp.detail.get("b_speaker"))}
                and (_inside(f.a_spans, sp.a_spans) or _inside(f.b_spans, sp.b_spans))
                for sp in speakers
            ):
                continue
        kept.append(f)
    return kept


def _merge_numbers(ranked: list[Finding]) -> list[Finding]:
    """One number finding per figure and passage: "5+6" and "five members … six countries" are one."""
    kept: list[Finding] = []
    for f in ranked:
        if f.type is DivergenceType.NUMBER:
            values = tuple(f.detail.get("value", ()))
            spans = f.a_spans or f.b_spans
            same = [
                k for k in kept
                if k.type is DivergenceType.NUMBER and tuple(k.detail.get("value", ())) == values
                and bool(k.a_spans) == bool(f.a_spans) and abs((k.a_spans or k.b_spans)[0][0] - spans[0][0]) < 800
            ]
            if same:
                continue
        kept.append(f)
    return kept


def detect(
    a_text: str,
    b_text: str,
    links: Sequence[LinkView],
    *,
    progress: Progress | None = None,
    a_name: str | None = None,
    b_name: str | None = None,
    a_language: str | None = None,
    b_language: str | None = None,
) -> Detection:
    """Find, type and rank the divergences of an alignment.

    ``links`` are in alignment order with A and B segment spans (sentences).
    Only links inside the shared stretch are examined; the rest is coverage.
    ``a_name``/``b_name`` are how descriptions name the renderings
    (``naming.rendering_name``); ``a_language``/``b_language`` their known
    languages (guessed from the script only when not given).
    """
    a_lang = a_language or guess_language(a_text)
    b_lang = b_language or guess_language(b_text)
    names: dict[str, Any] = {"a_name": a_name or "the first rendering", "b_name": b_name or "the second rendering",
             "a_language": a_lang, "b_language": b_lang}
    a, b = Side.of(a_text, a_lang), Side.of(b_text, b_lang)
    a_spans = sorted({s for link in links for s in link.a})
    b_spans = sorted({s for link in links for s in link.b})
    report(progress, 0.0, "Pairing sentences")
    cross = a_lang != b_lang
    if cross:
        # Arabic against English: words cannot be compared, so the alignment's links are the
        # units and the language-neutral and cross-language checks run.
        units = list(links)
        lo, hi = 0, len(units)
        ratios = sorted((link.b[0][1] - link.b[0][0]) / max(1, link.a[0][1] - link.a[0][0])
                        for link in links if len(link.a) == 1 and len(link.b) == 1)
        # Without 1:1 links to learn from: English runs about a quarter longer than Arabic.
        names["length_ratio"] = ratios[len(ratios) // 2] if ratios else (1.25 if a_lang == "ar" else 0.8)
    else:
        units = derive_units(a, b, a_spans, b_spans)
        lo, hi = shared_stretch(units, min_score=0.2)
    a_link = {s: link.index for link in links for s in link.a}
    b_link = {s: link.index for link in links for s in link.b}
    df: Counter[str] = Counter()
    for side, spans in ((a, a_spans), (b, b_spans)):
        for span in spans:
            df.update(stems(side, span))
    rare = frozenset(w for w, n in df.items() if n <= 4)
    found: list[Finding] = []
    for n, i in enumerate(range(lo, hi)):
        report(progress, 0.1 + 0.85 * n / max(1, hi - lo), "Comparing paired passages")
        unit = units[i]
        ctx = LinkContext(
            unit, a, b, [], _window(units, i, "a", reach=2), _window(units, i, "b", reach=2), rare, **names,
        )
        if cross:
            ctx.pairs = [Pair(x, y, unit.score) for x in unit.a for y in unit.b]
        else:
            ctx.pairs = pair_in_window(a, b, unit, ctx.a_window, ctx.b_window)
        for detector in CROSS_LANGUAGE if cross else DETECTORS:
            for f in detector(ctx):
                first = (f.a_spans or unit.a or f.b_spans or unit.b)[0]
                link = _containing(a_link if (f.a_spans or unit.a) else b_link, first)
                found.append(replace(f, link=link))
    inside_a = {s for u in units[lo:hi] for s in u.a}
    inside_b = {s for u in units[lo:hi] for s in u.b}
    coverage = Coverage(
        (lo, hi),
        tuple(s for s in a_spans if s not in inside_a),
        tuple(s for s in b_spans if s not in inside_b),
    )
    ranked = _explained_by_speakers(_merge_numbers(_one_per_sentence(rank(found))))
    report(progress, 1.0, "Ranking divergences")
    return Detection(tuple(ranked), coverage)


@dataclass(frozen=True, slots=True)
class QuotePair:
    """A direct quote of A and the quote of B that renders it (either may be None), with
    the similarity of their words and both speakers."""

    a: Quote | None
    b: Quote | None
    similarity: float


def pair_quotes(a_text: str, b_text: str, links: Sequence[LinkView]) -> list[QuotePair]:
    """Pair the quotes of two renderings through the sentence pairing.

    An A quote is compared with the B quotes that overlap the B sentences its own
    sentences are paired with (or the B sentences of the same links); the most
    similar one above 0.15 is its partner. Quotes left without one (``a`` or ``b``
    is None) are candidates for omission or addition.
    """
    a, b = Side.of(a_text), Side.of(b_text)
    a_spans = sorted({s for link in links for s in link.a})
    b_spans = sorted({s for link in links for s in link.b})
    units = derive_units(a, b, a_spans, b_spans)
    near: dict[Span, set[Span]] = {}
    for i, unit in enumerate(units):
        window = _window(units, i, "b", reach=1)
        for s in unit.a:
            near.setdefault(s, set()).update(window)

    def words(side: Side, q: Quote) -> set[str]:
        return {t.norm[:5] for t in side.tokens((q.start, q.end)) if len(t.norm) > 2}

    pairs: list[QuotePair] = []
    used: set[int] = set()
    for qa in a.quotes:
        targets = {s for seg, ws in near.items() if seg[0] < qa.end and qa.start < seg[1] for s in ws}
        candidates = [qb for qb in b.quotes if any(s < qb.end and qb.start < e for s, e in targets)]
        scored = [(similarity(words(a, qa), words(b, qb)), qb) for qb in candidates if id(qb) not in used]
        best = max(scored, key=lambda x: x[0], default=(0.0, None))
        if best[1] is not None and best[0] >= 0.15:
            used.add(id(best[1]))
            pairs.append(QuotePair(qa, best[1], round(best[0], 3)))
        else:
            pairs.append(QuotePair(qa, None, 0.0))
    pairs.extend(QuotePair(None, qb, 0.0) for qb in b.quotes if id(qb) not in used)
    return pairs
