"""People, places and titles: a person named in one rendering of a sentence and not the other,
a different title ("the former prime minister" / "the prime minister"), or one proper
name put in place of another in the same words ("a summit in Cairo" / "a summit in Amman")."""

from __future__ import annotations

import re

from khaddam_align.diverge.model import DivergenceType, Finding, LinkContext, Side, Span
from khaddam_align.diverge.normalize import norm
from khaddam_align.diverge.severity import severity
from khaddam_align.diverge.worddiff import diff_tokens
from khaddam_align.text import lexicon_en as en
from khaddam_align.text.names import Mention, mentions, same_name
from khaddam_align.text.translit import skeleton

_QUALIFIERS = frozenset({"former", "late", "then", "vice", "deputy", "acting", "prime", "foreign", "supreme"})


def _mentions(side: Side, spans: tuple[Span, ...]) -> list[Mention]:
    out: list[Mention] = []
    for s, e in spans:
        key = ("mentions", s, e)
        if key not in side.cache:
            side.cache[key] = mentions(side.text, side.people, start=s, end=e)
        out.extend(side.cache[key])
    return out


def _norms(side: Side, spans: tuple[Span, ...]) -> set[str]:
    """Normalised words of the spans and the skeletons of their capitalised words (names in any spelling)."""
    out: set[str] = set()
    for span in spans:
        key = ("norms", span)
        if key not in side.cache:
            tokens = side.tokens(span)
            side.cache[key] = {t.norm for t in tokens} | {"~" + skeleton(t.surface) for t in tokens if t.surface[:1].isupper()}
        out |= side.cache[key]
    return out


def _named_in(m: Mention, words: set[str]) -> bool:
    parts = [w for w in m.name.split() if len(w) > 2]
    return (m.key in words or bool({norm(w) for w in parts} & words)
            or any(len(k) >= 2 and "~" + k in words for k in map(skeleton, parts)))


def _title_diff(ta: tuple[str, ...], tb: tuple[str, ...]) -> str | None:
    qa, qb = set(ta) & _QUALIFIERS, set(tb) & _QUALIFIERS
    if qa != qb:
        return f"“{' '.join(ta)}” vs “{' '.join(tb)}”"
    return None


def _with_title(text: str, m: Mention) -> Span:
    """The name with a title in parentheses right before or after it: "(former Freedonian President) Emre Öztürk"."""
    start, end = m.start, m.end
    before = re.search(r"\([^()]*\)\s*$", text[max(0, start - 60) : start])
    if before:
        start -= len(before.group())
    after = re.match(r"\s*\([^()]*\)", text[end : end + 60])
    if after:
        end += after.end()
    return (start, end)


def _proper(text: str, start: int, end: int) -> bool:
    """A capitalised word that does not open its sentence (so a name, not just a first word)."""
    word = text[start:end]
    if not word[:1].isupper() or (word.isupper() and len(word) > 1 and len(word) <= 3):
        return False  # acronyms (UN, UNSC) are rewritten freely
    before = text[max(0, start - 3) : start].rstrip(" “\"‘(")
    return bool(before) and before[-1] not in ".!?:\n"


def _substitutions(ctx: LinkContext) -> list[Finding]:
    """One proper name replaced by another inside otherwise matching words."""
    findings: list[Finding] = []
    for pair in ctx.pairs:
        if pair.similarity < 0.5 or not pair.inside:
            continue
        diff = diff_tokens(ctx.a.tokens(pair.a), ctx.b.tokens(pair.b), a_end=pair.a[1], b_end=pair.b[1])
        runs = diff.runs
        a_tokens, b_tokens = diff.a_tokens, diff.b_tokens
        for k, run in enumerate(runs):
            # A name of up to three words ("Omar Nasser" → "Sami Karam"), with the same words before
            # it, or after it when it ends the sentence ("… said Nasser." / "… said Karam.").
            short = 1 <= run.a_hi - run.a_lo <= 3 and 1 <= run.b_hi - run.b_lo <= 3
            before = k > 0 and runs[k - 1].kind == "equal"
            after = k < len(runs) - 1 and runs[k + 1].kind == "equal"
            framed = (before and after) or (before and k == len(runs) - 1)
            if run.kind != "replace" or not short or not framed:
                continue
            (a_s, a_e), (b_s, b_e) = run.a_span, run.b_span
            a_word, b_word = ctx.a.text[a_s:a_e], ctx.b.text[b_s:b_e]
            if not (_proper(ctx.a.text, a_s, a_tokens[run.a_lo].end) and _proper(ctx.b.text, b_s, b_tokens[run.b_lo].end)):
                continue
            if not all(t.surface[:1].isupper() or t.norm in ("al", "bin", "ibn", "de")
                       for t in (*a_tokens[run.a_lo : run.a_hi], *b_tokens[run.b_lo : run.b_hi])):
                continue  # only names: every word capitalised
            if same_name(a_word, b_word):
                continue  # a spelling variant (Ozturk / Öztürk, Rashid / Rasheed)
            findings.append(Finding(
                DivergenceType.ENTITY, severity("entity.substituted"), (run.a_span,), (run.b_span,),
                f"{ctx.a_name} says {a_word}, {ctx.b_name} says {b_word} in the same words",
                ctx.link.index, {"a_name": a_word, "b_name": b_word},
            ))
    return findings


_NOT_A_NAME = (frozenset(en.FUNCTION_WORDS) | frozenset(en.ROLE_WORDS) | frozenset(en.TITLE_MODIFIERS)
               | frozenset(en.ORDINALS) | frozenset(en.UNITS))
# Nationality and group adjectives ("Norwegian", "Maltese", "Danish", "Mexicans"): a rendering
# turns them into the place or people's name freely, so they are never one name put for another.
_ADJECTIVE_ENDINGS = en.DEMONYM_ENDINGS


def _names_in(side: Side, span: Span) -> list[tuple[Span, str]]:
    """Capitalised words inside a sentence (not its first word, not a function or role word):
    the proper names a paraphrase keeps however freely it rewords the rest."""
    out: list[tuple[Span, str]] = []
    for t in side.tokens(span):
        word = t.surface
        if (len(word) <= 2 or t.norm in _NOT_A_NAME or not word.isalpha() or word.lower().endswith(_ADJECTIVE_ENDINGS)
                or not _proper(side.text, t.start, t.end)):
            continue
        before = side.text[max(span[0], t.start - 3) : t.start].rstrip()
        if before and not (before[-1].isalpha() or before[-1] == ","):
            continue  # after a quote mark, colon or bracket: a capital that opens a clause
        out.append(((t.start, t.end), word))
    return out


def _lacks(name: str, other: Side, spans: tuple[Span, ...]) -> bool:
    """Whether the other sentences have no word of this name, in any case, spelling or derived
    form ("Malta" / "Maltese", "Peru" / "Peruvians")."""
    stem = name.lower()[: max(3, min(4, len(name) - 1))]
    for span in spans:
        for t in other.tokens(span):
            if t.norm == norm(name) or (t.surface[:1].isupper() and (
                    t.surface.lower().startswith(stem) or same_name(name, t.surface))):
                return False
    return True


def _swapped(ctx: LinkContext, done: set[Span]) -> list[Finding]:
    """A name of one sentence gone and another name in its place, however the rest is reworded:
    "when he was in Rome" / "when he came to Ephesus". Two free renderings keep names even when
    they change every other word, so a name on each side that the other sentence lacks is one
    put in place of the other."""
    findings: list[Finding] = []
    for pair in ctx.pairs:
        if pair.similarity < _SWAP_MIN_SIMILARITY or not pair.inside:
            continue
        # Absent from the other rendering's neighbouring sentences too (not moved, not reordered).
        gone = [(s, w) for s, w in _names_in(ctx.a, pair.a) if _lacks(w, ctx.b, (pair.b, *ctx.b_window))]
        came = [(s, w) for s, w in _names_in(ctx.b, pair.b) if _lacks(w, ctx.a, (pair.a, *ctx.a_window))]
        if len(gone) != 1 or len(came) != 1 or gone[0][0] in done or came[0][0] in done:
            continue  # one name for one other: several unmatched words are a rewording, not a swap
        (a_span, a_word), (b_span, b_word) = gone[0], came[0]
        findings.append(Finding(
            DivergenceType.ENTITY, severity("entity.swapped_in_paraphrase"), (a_span,), (b_span,),
            f"{ctx.a_name} says {a_word}, {ctx.b_name} says {b_word} in the same sentence",
            ctx.link.index, {"a_name": a_word, "b_name": b_word},
        ))
    return findings


_SWAP_MIN_SIMILARITY = 0.2


def find(ctx: LinkContext) -> list[Finding]:
    findings: list[Finding] = _substitutions(ctx)
    findings += _swapped(ctx, {s for f in findings for s in (*f.a_spans, *f.b_spans)})
    a_paired = tuple(dict.fromkeys(p.a for p in ctx.pairs))
    b_paired = tuple(dict.fromkeys(p.b for p in ctx.pairs))
    a_words = _norms(ctx.a, ctx.a_window)
    b_words = _norms(ctx.b, ctx.b_window)
    a_here = _mentions(ctx.a, a_paired)
    b_here = _mentions(ctx.b, b_paired)
    for me, them, here, other_words in ((ctx.a_name, ctx.b_name, a_here, b_words), (ctx.b_name, ctx.a_name, b_here, a_words)):
        done: set[str] = set()
        for m in here:
            if m.key in done or _named_in(m, other_words):
                continue
            done.add(m.key)
            span = (m.start, m.end)
            a_side = here is a_here
            other_side = ctx.b if a_side else ctx.a
            elsewhere = other_side.named(m.key, (ctx.a if a_side else ctx.b).people)
            a_spans, b_spans = ((span,), ()) if a_side else ((), (span,))
            findings.append(Finding(
                DivergenceType.ENTITY, severity("entity.named_elsewhere" if elsewhere else "entity.only_here"), a_spans, b_spans,
                f"{me} names {m.name} here; {them} does not"
                + ("" if elsewhere else f" ({them} never names this person)"),
                ctx.link.index, {"person": m.key},
            ))
    # Titles of the same person on both sides.
    b_titles = {m.key: m for m in _mentions(ctx.b, ctx.b_window) if m.title}
    seen: set[str] = set()
    for m in _mentions(ctx.a, ctx.link.a):
        other = b_titles.get(m.key)
        if not m.title or other is None or m.key in seen:
            continue
        why = _title_diff(m.title, other.title)
        if why:
            seen.add(m.key)
            a_span, b_span = _with_title(ctx.a.text, m), _with_title(ctx.b.text, other)
            a_says = " ".join(ctx.a.text[a_span[0] : a_span[1]].split())
            b_says = " ".join(ctx.b.text[b_span[0] : b_span[1]].split())
            findings.append(Finding(
                DivergenceType.ENTITY, severity("entity.title"), (a_span,), (b_span,),
                f"Different title: {ctx.a_name} “{a_says}”, {ctx.b_name} “{b_says}”",
                ctx.link.index, {"person": m.key, "a_title": list(m.title), "b_title": list(other.title)},
            ))
    return findings
