"""The Arabic decides: which English rendering agrees with the Arabic original.

With three renderings of one work (the Arabic original and two English renderings,
aligned pairwise), a divergence between the two English renderings is checked against
the Arabic. The Arabic segment(s) of the divergence are found through the
Arabic↔English alignments, from either English side, and the Arabic is read for what
the divergence is about:

- a figure (number): the English figures one side has and the other lacks, compared
  with the Arabic figures (``text.numbers.find_numbers``: Arabic-Indic digits and
  whatever number words that module reads);
- a name (entity, speaker): the English names one side has and the other lacks,
  compared with the Arabic words by transliteration skeleton (``text.translit``,
  ``text.names``);
- the presence of a passage (omission, addition): whether the English passage's link
  in its Arabic↔English alignment has Arabic segments, and whether the other English
  rendering covers them;
- a direct quote (quote): whether the Arabic sentence quotes (quotation marks);
- negation and certainty (meaning): an Arabic negative particle; an Arabic hedge or
  firm word, or a plain statement against a hedged English.

The verdict goes into ``Finding.detail["pivot"]``::

    {"agrees": 12 | None, "side": "a" | "b" | None, "basis": "figure", "arabic": "2500",
     "a": "2,500", "b": "250", "arabic_rendering": 10, "arabic_spans": [[s, e], ...]}

and, when one English rendering agrees, into the description ("Demo Daily (English)
agrees with the Arabic original (2500); Demo Weekly (English) says 250.") with the
severity raised by ``AGREEMENT_BOOST``. ``agrees`` is None when the Arabic is silent
(no Arabic segment, or it shows neither reading, or both).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from khaddam_align.diverge.detect import Detection
from khaddam_align.diverge.model import DivergenceType, Finding, LinkView, Span
from khaddam_align.naming import distinct_names, identity_of
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Alignment, Rendering
from khaddam_align.text.arabic import ARABIC_WORD_MARKED, LETTERS
from khaddam_align.text.names import find_names, word_keys
from khaddam_align.text.numbers import NumberMention, find_numbers
from khaddam_align.text.translit import skeleton

# A disagreement where one English rendering matches the Arabic outranks the same
# disagreement where the Arabic is silent: the fact-checker has an answer to confirm,
# not a question to research. One step of 0.10 on the 0..1 severity scale lifts it above
# its undecided peers of the same type without lifting a minor omission above a changed
# figure (the detectors' severities for those are more than 0.10 apart).
AGREEMENT_BOOST = 0.10

_QUOTE_MARKS = re.compile("[\"“”«»„]")
_ARABIC_WORD = ARABIC_WORD_MARKED
_CLITICS = ("و", "ف", "ب", "ل", "ك")


class _Index:
    """Sorted, non-overlapping spans, each with a value: which ones overlap a span (bisect,
    so a 5,000-link alignment is not scanned once per divergence)."""

    def __init__(self, items: Sequence[tuple[Span, int]]) -> None:
        ordered = sorted(items)
        self.starts = [s for (s, _), _ in ordered]
        self.ends = [e for (_, e), _ in ordered]
        self.values = [v for _, v in ordered]

    def _positions(self, spans: Sequence[Span]) -> list[int]:
        found: set[int] = set()
        for s, e in spans:
            # Segments of one rendering do not overlap, so ends are sorted with starts.
            found.update(range(bisect.bisect_right(self.ends, s), bisect.bisect_left(self.starts, e)))
        return sorted(found)

    def overlapping(self, spans: Sequence[Span]) -> list[int]:
        """The values of the spans overlapping any of ``spans``."""
        return sorted({self.values[i] for i in self._positions(spans)})

    def spans_overlapping(self, spans: Sequence[Span]) -> list[Span]:
        return [(self.starts[i], self.ends[i]) for i in self._positions(spans)]


class Bridge:
    """An Arabic↔English alignment seen from the English side: per link, the English
    segments and the Arabic segments they are linked with."""

    __slots__ = ("_arabic", "_english", "links")

    def __init__(self, links: tuple[tuple[tuple[Span, ...], tuple[Span, ...]], ...]) -> None:
        self.links = links  # (English spans, Arabic spans) per link
        self._english = _Index([(x, i) for i, (eng, _) in enumerate(links) for x in eng])
        self._arabic = _Index([(x, i) for i, (_, ar) in enumerate(links) for x in ar])

    @classmethod
    def of(cls, views: Sequence[LinkView], *, arabic_is_a: bool) -> Bridge:
        return cls(tuple((v.b, v.a) if arabic_is_a else (v.a, v.b) for v in views))

    def links_of(self, spans: Sequence[Span], *, arabic: bool = False) -> list[tuple[tuple[Span, ...], tuple[Span, ...]]]:
        """The (English, Arabic) links with an English (or, with ``arabic``, an Arabic)
        segment overlapping ``spans``."""
        index = self._arabic if arabic else self._english
        return [self.links[i] for i in index.overlapping(spans)]

    def arabic_for(self, spans: Sequence[Span]) -> tuple[list[Span], bool]:
        """The Arabic segments linked with any English segment overlapping ``spans``, and
        whether any such English segment was found in this alignment at all."""
        links = self.links_of(spans)
        return sorted({x for _, ar in links for x in ar}), bool(links)


@dataclass(frozen=True, slots=True)
class Pivot:
    """The Arabic original of an English↔English alignment and its two bridges."""

    arabic_id: int
    arabic_text: str
    a_id: int
    b_id: int
    a: Bridge | None  # Arabic ↔ English A (None: not aligned)
    b: Bridge | None
    arabic_name: str = "Arabic original"
    a_name: str = "English A"
    b_name: str = "English B"


@dataclass(frozen=True, slots=True)
class _Reading:
    side: str | None  # "a", "b" or None (the Arabic shows neither, or both)
    arabic: str  # what the Arabic shows, as written
    a: str  # what each English rendering says, as written
    b: str
    basis: str | None = None  # when the type alone does not say (meaning: negation or certainty)


def arbitrate(
    findings: Sequence[Finding], a_text: str, b_text: str, links: Sequence[LinkView], pivot: Pivot
) -> list[Finding]:
    """Each finding with the Arabic's verdict in ``detail["pivot"]`` where the Arabic
    link shows it; findings where one English agrees get a longer description and
    ``AGREEMENT_BOOST`` more severity."""
    by_index = {v.index: v for v in links}
    a_segments = _Index([(x, 0) for x in {x for v in links for x in v.a}])
    b_segments = _Index([(x, 0) for x in {x for v in links for x in v.b}])
    out: list[Finding] = []
    for f in findings:
        if f.type in _PRESENCE:
            a_spans, b_spans = f.a_spans, f.b_spans
        else:
            # Compare whole sentences: the evidence of a finding may be one phrase of them.
            view = by_index.get(f.link) if f.link is not None else None
            a_spans = _sentences(f.a_spans, a_segments, view.a if view else ())
            b_spans = _sentences(f.b_spans, b_segments, view.b if view else ())
        verdict = _verdict(f, a_text, b_text, a_spans, b_spans, pivot, links)
        if verdict is None:
            out.append(f)
            continue
        detail = {**f.detail, "pivot": verdict}
        if verdict["agrees"] is None:
            out.append(replace(f, detail=detail))
            continue
        said = f.description.rstrip()
        stop = "" if not said or said.endswith((".", "!", "?", "…")) else "."
        description = f"{said}{stop} {_sentence(f.type, verdict, pivot)}".lstrip()
        severity = round(min(1.0, f.severity + AGREEMENT_BOOST), 3)
        out.append(replace(f, severity=severity, description=description, detail=detail))
    return out


_PRESENCE = (DivergenceType.OMISSION, DivergenceType.ADDITION)


def _sentences(evidence: Sequence[Span], segments: _Index, link: Sequence[Span]) -> tuple[Span, ...]:
    """The segments the evidence lies in, and the finding's link's own segments."""
    found = set(segments.spans_overlapping(evidence)) | set(link)
    return tuple(sorted(found)) if found else tuple(evidence)


def _verdict(
    f: Finding, a_text: str, b_text: str, a_spans: Sequence[Span], b_spans: Sequence[Span], pivot: Pivot,
    links_ab: Sequence[LinkView],
) -> dict[str, Any] | None:
    arabic: list[Span] = []
    if pivot.a is not None and a_spans:
        arabic.extend(pivot.a.arabic_for(a_spans)[0])
    if pivot.b is not None and b_spans:
        arabic.extend(s for s in pivot.b.arabic_for(b_spans)[0] if s not in arabic)
    arabic.sort()
    reading: _Reading | None
    if f.type in _PRESENCE:
        reading = _presence(f, a_spans, b_spans, pivot, links_ab)
        arabic = [] if reading is None or not reading.arabic else arabic
    elif not arabic:
        return None  # the Arabic link is not known here: nothing to say
    elif f.type is DivergenceType.NUMBER:
        reading = _numbers(_texts(a_text, a_spans), _texts(b_text, b_spans), _texts(pivot.arabic_text, arabic))
    elif f.type in (DivergenceType.ENTITY, DivergenceType.SPEAKER):
        reading = _names(_texts(a_text, a_spans), _texts(b_text, b_spans), _texts(pivot.arabic_text, arabic))
    elif f.type is DivergenceType.QUOTE:
        reading = _quotes(_texts(a_text, a_spans), _texts(b_text, b_spans), _texts(pivot.arabic_text, arabic))
    elif f.type is DivergenceType.MEANING:
        texts = (_texts(a_text, a_spans), _texts(b_text, b_spans), _texts(pivot.arabic_text, arabic))
        reading = _negation(*texts) or _certainty(*texts)
    else:
        reading = None
    if reading is None:
        return None
    agrees = {"a": pivot.a_id, "b": pivot.b_id}.get(reading.side or "")
    return {
        "agrees": agrees,
        "side": reading.side,
        "basis": reading.basis or _BASIS.get(f.type, f.type.value),
        "arabic": reading.arabic,
        "a": reading.a,
        "b": reading.b,
        "arabic_rendering": pivot.arabic_id,
        "arabic_spans": [list(s) for s in arabic],
    }


_BASIS = {
    DivergenceType.NUMBER: "figure", DivergenceType.ENTITY: "name", DivergenceType.SPEAKER: "speaker",
    DivergenceType.OMISSION: "presence", DivergenceType.ADDITION: "presence", DivergenceType.QUOTE: "quote",
    DivergenceType.MEANING: "negation",
}  # fmt: skip


def _texts(text: str, spans: Sequence[Span]) -> str:
    return "\n".join(text[s:e] for s, e in spans)


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- figures -----------------------------------------------------------------------------
def _figures(text: str) -> list[tuple[NumberMention, str]]:
    return [(m, text[m.start : m.end]) for m in find_numbers(text)]


def _shares(m: NumberMention, others: Sequence[tuple[NumberMention, str]]) -> str | None:
    keys = m.keys()
    return next((label for o, label in others if keys & o.keys()), None)


def _numbers(a: str, b: str, arabic: str) -> _Reading | None:
    a_fig, b_fig, ar_fig = _figures(a), _figures(b), _figures(arabic)
    a_only = [(m, t) for m, t in a_fig if _shares(m, b_fig) is None]
    b_only = [(m, t) for m, t in b_fig if _shares(m, a_fig) is None]
    if not a_only and not b_only:
        return None  # the finding is not about a figure both texts write differently
    a_in = [(t, hit) for m, t in a_only if (hit := _shares(m, ar_fig)) is not None]
    b_in = [(t, hit) for m, t in b_only if (hit := _shares(m, ar_fig)) is not None]
    a_says = ", ".join(t for _, t in a_only) or "no such figure"
    b_says = ", ".join(t for _, t in b_only) or "no such figure"
    if a_in and not b_in:
        return _Reading("a", a_in[0][1], a_says, b_says)
    if b_in and not a_in:
        return _Reading("b", b_in[0][1], a_says, b_says)
    shown = ", ".join(t for _, t in ar_fig)
    return _Reading(None, shown, a_says, b_says)


# -- names -------------------------------------------------------------------------------
def _arabic_keys(arabic: str) -> set[str]:
    """Skeletons of the Arabic words, with and without a leading clitic and article."""
    keys: set[str] = set()
    for word in _ARABIC_WORD.findall(arabic):
        forms = {word}
        if word.startswith(_CLITICS) and len(word) > 3:
            forms.add(word[1:])
        for form in list(forms):
            if form.startswith("ال") and len(form) > 3:
                forms.add(form[2:])
        keys |= {k for k in (skeleton(x) for x in forms) if k}
    return keys


def _in_arabic(name: str, arabic_keys: set[str]) -> bool:
    for key in word_keys(name):
        if len(key) < 2:
            continue
        if key in arabic_keys:
            return True
        if len(key) >= 4 and any(len(k) >= 4 and fuzz.ratio(key, k) >= 85 for k in arabic_keys):
            return True
    return False


def _same_word(k: str, others: Sequence[str]) -> bool:
    return any(k == o or (len(k) >= 4 and len(o) >= 4 and fuzz.ratio(k, o) >= 85) for o in others)


def _names(a: str, b: str, arabic: str) -> _Reading | None:
    """Names (word by word: "Tarek Nassar" and "Tarek Halabi" differ in one word) one
    English side has and the other lacks, looked up in the Arabic."""
    a_names = [n.text for n in find_names(a)]
    b_names = [n.text for n in find_names(b)]
    a_keys = [k for n in a_names for k in word_keys(n) if len(k) >= 2]
    b_keys = [k for n in b_names for k in word_keys(n) if len(k) >= 2]
    a_only = [n for n in a_names if any(not _same_word(k, b_keys) for k in word_keys(n) if len(k) >= 2)]
    b_only = [n for n in b_names if any(not _same_word(k, a_keys) for k in word_keys(n) if len(k) >= 2)]
    if not a_only and not b_only:
        return None
    keys = _arabic_keys(arabic)

    def found(name: str, other_keys: list[str]) -> bool:
        distinct = " ".join(w for w in re.split(r"[\s-]+", name) if any(not _same_word(k, other_keys) for k in word_keys(w)))
        return bool(distinct) and _in_arabic(distinct, keys)

    a_in = [n for n in a_only if found(n, b_keys)]
    b_in = [n for n in b_only if found(n, a_keys)]
    a_says = ", ".join(a_only) or "no such name"
    b_says = ", ".join(b_only) or "no such name"
    side = "a" if a_in and not b_in else "b" if b_in and not a_in else None
    shown = ""
    if side:
        name, others = (a_in[0], b_keys) if side == "a" else (b_in[0], a_keys)
        distinct = " ".join(w for w in re.split(r"[\s-]+", name) if any(not _same_word(k, others) for k in word_keys(w)))
        shown = _arabic_word_for(distinct, arabic)
    return _Reading(side, shown, a_says, b_says)


def _arabic_word_for(name: str, arabic: str) -> str:
    """The Arabic word(s) that render ``name`` (for the description)."""
    found: list[str] = []
    wanted = {k for k in word_keys(name) if len(k) >= 2}
    for word in _ARABIC_WORD.findall(arabic):
        if _arabic_keys(word) & wanted or any(
            len(k) >= 4 and len(w) >= 4 and fuzz.ratio(k, w) >= 85 for k in wanted for w in _arabic_keys(word)
        ):
            found.append(word)
    return " ".join(dict.fromkeys(found))


# -- quotes ------------------------------------------------------------------------------
def _quotes(a: str, b: str, arabic: str) -> _Reading | None:
    a_quotes, b_quotes = bool(_QUOTE_MARKS.search(a)), bool(_QUOTE_MARKS.search(b))
    if a_quotes == b_quotes:
        return None
    ar_quotes = bool(_QUOTE_MARKS.search(arabic))
    says = {True: "quotes it directly", False: "reports it without quotation marks"}
    side = "a" if a_quotes == ar_quotes else "b"
    return _Reading(side, says[ar_quotes], says[a_quotes], says[b_quotes])


# -- negation ----------------------------------------------------------------------------
# Negation as the pivot reads it: an English negator, an Arabic negative particle (not ما
# or غير, which are as often "what" and "other than"). (General
# function words of each language, not vocabulary of any text; to move into the language
# word-list modules when those exist.)
_EN_NEGATION = re.compile(r"\b(?:not|no|never|nor|neither|none|nothing|nobody|cannot|\w+n[’']t)\b", re.I)
_AR_NEGATION = re.compile(rf"(?<![{LETTERS}])(?:لا|لم|لن|ليس|ليست|ولا|ولم|ولن|وليس|فلا|فلم|فلن)(?![{LETTERS}])")


def _negation(a: str, b: str, arabic: str) -> _Reading | None:
    a_neg, b_neg = bool(_EN_NEGATION.search(a)), bool(_EN_NEGATION.search(b))
    if a_neg == b_neg:
        return None  # not a difference of negation (modality, direction): the Arabic is not read
    ar_neg = _AR_NEGATION.search(arabic)
    says = {True: "negates it", False: "does not negate it"}
    side = "a" if a_neg == bool(ar_neg) else "b"
    return _Reading(side, ar_neg.group() if ar_neg else "", says[a_neg], says[b_neg])


# -- certainty ---------------------------------------------------------------------------
# Hedged (may, perhaps, قد يـ, ربما) against firm (must, will, يجب, سوف, لا بد); -1 / +1.
_EN_HEDGE = re.compile(
    r"\b(?:may|might|could|perhaps|possibly|probably|likely|apparently|reportedly|allegedly|"
    r"seems?|seemed|appears?|appeared|suggest(?:s|ed)?)\b", re.I)
_EN_FIRM = re.compile(
    r"\b(?:must|will|shall|certainly|definitely|surely|clearly|undoubtedly|confirmed|has to|have to)\b", re.I)
_AR_HEDGE = re.compile(
    rf"(?<![{LETTERS}])(?:و?قد(?= [يتنأ])|و?ربما|لعل|من الممكن|من المحتمل|و?يبدو|احتمال|محتمل)(?![{LETTERS}])")
_AR_FIRM = re.compile(
    rf"(?<![{LETTERS}])(?:و?يجب|و?سوف|لا بد|لابد|بالتأكيد|حتما|حتماً|مؤكد|و?أكد|يتعين|ينبغي)(?![{LETTERS}])")


def _stance(text: str, hedge: re.Pattern[str], firm: re.Pattern[str]) -> tuple[int, str]:
    if m := hedge.search(text):
        return -1, m.group()
    if m := firm.search(text):
        return 1, m.group()
    return 0, ""


def _certainty(a: str, b: str, arabic: str) -> _Reading | None:
    (a_st, a_word), (b_st, b_word) = _stance(a, _EN_HEDGE, _EN_FIRM), _stance(b, _EN_HEDGE, _EN_FIRM)
    if a_st == b_st:
        return None
    ar_st, ar_word = _stance(arabic, _AR_HEDGE, _AR_FIRM)
    says = {-1: "hedges it", 0: "states it plainly", 1: "states it firmly"}
    # A plain Arabic statement sides with the English that does not hedge it (the hedge is
    # the English's own); against a firm English it is silent (Arabic firmness is often
    # only a verb form: the future سـ).
    plain = ar_st == 0 and -1 in (a_st, b_st) and 0 in (a_st, b_st)
    side = "a" if ar_st == a_st and (ar_st or plain) else "b" if ar_st == b_st and (ar_st or plain) else None
    a_says = f"{says[a_st]} ({a_word})" if a_word else says[a_st]
    b_says = f"{says[b_st]} ({b_word})" if b_word else says[b_st]
    return _Reading(side, ar_word, a_says, b_says, basis="certainty")


# -- presence ----------------------------------------------------------------------------
def _presence(
    f: Finding, a_spans: Sequence[Span], b_spans: Sequence[Span], pivot: Pivot, links_ab: Sequence[LinkView]
) -> _Reading | None:
    """Omission: A has a passage B lacks (addition: the other way round).

    The passage's link in its Arabic↔English alignment tells whether the Arabic has it:
    no Arabic there, the Arabic lacks it too. Arabic there that the other rendering
    does not cover (a one-sided link in the other Arabic↔English alignment, or a merged
    link whose English renders other Arabic sentences: ``_explained``): the Arabic has it
    and the other rendering drops it. Arabic the other rendering covers, in a link
    where the passage sits beside other English sentences: those sentences render the
    Arabic, the passage is extra. Anything else is left undecided.
    """
    omission = f.type is DivergenceType.OMISSION
    has, lacks = ("a", "b") if omission else ("b", "a")
    own, other = (pivot.a, pivot.b) if omission else (pivot.b, pivot.a)
    spans = a_spans if omission else b_spans
    if own is None or not spans:
        return None
    links = own.links_of(spans)
    if not links:
        return None  # that English passage is not in the Arabic↔English alignment
    arabic = sorted({x for _, ar in links for x in ar})
    says = {has: "has the passage", lacks: "has no such passage"}
    if not arabic:
        return _Reading(lacks, "", says["a"], says["b"])
    shown = _clip(_texts(pivot.arabic_text, arabic))
    if other is None:
        return None
    covered = [link for link in other.links_of(arabic, arabic=True) if link[0]]
    # English↔English links as (other rendering's segments, this rendering's segments).
    cross = [(v.b, v.a) if omission else (v.a, v.b) for v in links_ab]
    if not covered or _explained(covered, arabic, cross, own):
        return _Reading(has, shown, says["a"], says["b"])
    beside = [x for eng, _ in links for x in eng if not any(s < x[1] and x[0] < e for s, e in spans)]
    if beside:
        return _Reading(lacks, "", says["a"], says["b"])
    return None


def _explained(
    covered: Sequence[tuple[tuple[Span, ...], tuple[Span, ...]]],
    arabic: Sequence[Span],
    cross: Sequence[tuple[tuple[Span, ...], tuple[Span, ...]]],
    own: Bridge,
) -> bool:
    """Whether the other rendering's English that the aligner put with ``arabic`` renders
    other Arabic sentences instead: through the English↔English links, that English goes
    with sentences of this rendering whose own Arabic is other than ``arabic``."""
    other_english = [x for eng, _ in covered for x in eng]
    mine = [x for theirs, ours in cross if _overlap(theirs, other_english) for x in ours]
    if not mine:
        return False
    their_arabic = own.arabic_for(mine)[0]
    return bool(their_arabic) and not _overlap(their_arabic, arabic)


def _overlap(spans: Sequence[Span], others: Sequence[Span]) -> bool:
    return any(s < e2 and s2 < e for s, e in spans for s2, e2 in others)


# -- description ---------------------------------------------------------------------------
def _sentence(kind: DivergenceType, verdict: dict[str, Any], pivot: Pivot) -> str:
    side = verdict["side"]
    agree, other = (pivot.a_name, pivot.b_name) if side == "a" else (pivot.b_name, pivot.a_name)
    other_says = verdict["b" if side == "a" else "a"]
    arabic = pivot.arabic_name
    if verdict["basis"] == "presence":
        if verdict["arabic"]:
            return f"{agree} agrees with the {arabic}, which has this passage; {other} leaves it out."
        return f"{agree} agrees with the {arabic}, which has no such passage; {other} adds it."
    if verdict["basis"] == "certainty":
        if not verdict["arabic"]:
            return f"{agree} agrees with the {arabic}, which states it without a hedge; {other} {other_says}."
        how = "hedges it" if _AR_HEDGE.fullmatch(verdict["arabic"]) else "states it firmly"
        return f"{agree} agrees with the {arabic}, which {how} ({verdict['arabic']}); {other} {other_says}."
    if verdict["basis"] == "negation":
        negated = "negates it" if verdict["arabic"] else "does not negate it"
        shown = f" ({verdict['arabic']})" if verdict["arabic"] else ""
        return f"{agree} agrees with the {arabic}, which {negated}{shown}; {other} {other_says}."
    if verdict["basis"] == "quote":
        return f"{agree} agrees with the {arabic}, which {verdict['arabic']}; {other} {other_says}."
    shown = ""
    if verdict["arabic"]:
        # "the Arabic original (2,500)", or "the Arabic original (Al-Hayat), which has 2,500"
        shown = f", which has {verdict['arabic']}" if arabic.endswith(")") else f" ({verdict['arabic']})"
    return f"{agree} agrees with the {arabic}{shown}; {other} says {other_says}."


# -- loading from a workspace ------------------------------------------------------------
def arabic_decides(
    ws: Workspace, alignment_id: int, result: Detection, a_text: str, b_text: str, links: Sequence[LinkView]
) -> Detection:
    """An alignment's detection result with its findings arbitrated by the Arabic original,
    when it has one (two renderings in one language, an Arabic rendering aligned to one
    or both); unchanged otherwise."""
    with ws.session() as s:
        alignment = s.get(Alignment, alignment_id)
        pivot = load_pivot(s, alignment) if alignment is not None else None
    if pivot is None:
        return result
    return replace(result, findings=tuple(arbitrate(result.findings, a_text, b_text, links, pivot)))


def load_pivot(session: Session, alignment: Alignment) -> Pivot | None:
    """The Arabic original for an alignment of two renderings in one other language.

    Looks for a rendering in another language aligned with A and/or B (in the same work
    when the renderings belong to one), preferring Arabic, then one aligned with both, then
    the newest alignments. None when A and B differ in language or nothing is aligned.
    """
    from khaddam_align.diverge.service import load_links  # the service imports this module

    a, b = alignment.a, alignment.b
    if a.language != b.language:
        return None
    rows = session.scalars(
        select(Alignment)
        .where(or_(Alignment.a_id.in_((a.id, b.id)), Alignment.b_id.in_((a.id, b.id))), Alignment.id != alignment.id)
        .order_by(Alignment.id.desc())
    ).all()
    works = {w for w in (a.work_id, b.work_id) if w is not None}
    bridges: dict[int, dict[int, Alignment]] = {}  # pivot rendering id → English id → newest alignment
    pivots: dict[int, Rendering] = {}
    for row in rows:
        english, other = (row.a, row.b) if row.a_id in (a.id, b.id) else (row.b, row.a)
        if other.id in (a.id, b.id) or other.language == a.language:
            continue
        if works and other.work_id is not None and other.work_id not in works:
            continue
        pivots[other.id] = other
        bridges.setdefault(other.id, {}).setdefault(english.id, row)
    if not pivots:
        return None
    best = max(pivots, key=lambda rid: (pivots[rid].language == "ar", len(bridges[rid]), max(r.id for r in bridges[rid].values())))
    original = pivots[best]

    def bridge(english_id: int) -> Bridge | None:
        row = bridges[best].get(english_id)
        if row is None:
            return None
        return Bridge.of(load_links(session, row), arabic_is_a=row.a_id == original.id)

    names = distinct_names([identity_of(a), identity_of(b), identity_of(original, original=True)])
    return Pivot(
        original.id, original.text, a.id, b.id, bridge(a.id), bridge(b.id),
        arabic_name=names[2], a_name=names[0], b_name=names[1],
    )
