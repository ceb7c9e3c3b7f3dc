"""Direct quotes and who speaks them.

Quotes are “…” or "…". A quote left open at the end of a paragraph continues
into the next paragraph when that one opens with a quote mark (the newspaper
convention); otherwise it ends with its paragraph. Single quotes ‘…’ inside a
quote are nested quotes. The speaker comes from the attribution around the
quote ("Nasser replied, “…”", "“…,” said al-Rashid", "He added: “…”" — the
last named speaker), from a title ("said the Freedonian"), or, for a paragraph
that is only a quote, from the quote just before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khaddam_align.text import lexicon_en as en
from khaddam_align.text.names import NARRATOR, People, learn_people, name_norm, person_refs

SPEECH_VERBS = "|".join(sorted((re.escape(v) for v in en.SPEECH_VERBS), key=len, reverse=True))
# Speech verbs and the phrases that announce speech ("returned to speak", "his answer was").
_SPEAKING = "|".join(sorted((re.escape(v) for v in (*en.SPEECH_VERBS, *en.SPEAKING_PHRASES)), key=len, reverse=True))
_ROLES = "|".join(sorted((re.escape(r) for r in en.ROLE_WORDS), key=len, reverse=True))
_QUALIFIERS = "|".join(sorted((re.escape(r) for r in en.TITLE_MODIFIERS if r not in ("of", "the")), key=len, reverse=True))
# "the minister", "the foreign minister", "his guest's host": a speaker named by role only.
_TITLE_PHRASE = re.compile(rf"\b(?:the|The)\s+((?:(?:{_QUALIFIERS})\s+)?(?:{_ROLES}))(?:[’']s)?\b", re.I)


def title_speaker(clause: str) -> str | None:
    """A speaker named by role only ("The minister returned to speak, saying: …"): "the minister".

    Such a key names no person; ``speaker`` compares it only with another role key.
    """
    m = _TITLE_PHRASE.search(clause)
    return f"the {m.group(1).lower()}" if m else None


def is_title_key(key: str) -> bool:
    return key.startswith("the ")
_VERB = re.compile(rf"\b(?:{_SPEAKING})\b", re.IGNORECASE)
_OPEN = "“"
_CLOSE = "”"


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote: ``text[start:end]`` including its marks; ``speaker`` a person key or None."""

    start: int
    end: int
    speaker: str | None
    attribution: tuple[int, int] | None = None  # where the speaker is named
    nested: tuple[tuple[int, int], ...] = ()
    paragraphs: int = 1

    def inner(self, text: str) -> str:
        return text[self.start : self.end].strip("“”\"").strip()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _raw_quotes(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraphs) of each top-level double quote."""
    paras = _paragraphs(text)
    out: list[tuple[int, int, int]] = []
    open_at: int | None = None
    count = 0
    for i, (ps, pe) in enumerate(paras):
        straight_open = False
        for pos in range(ps, pe):
            c = text[pos]
            if c == _OPEN or (c == '"' and open_at is None):
                if open_at is None:
                    open_at, count = pos, 1
                    straight_open = c == '"'
                elif pos == ps or text[ps:pos].strip() == "":
                    continue  # the continuation mark of a quote running over paragraphs
                else:  # a new opening before the old one closed: close the old one here
                    out.append((open_at, pos, count))
                    open_at, count = pos, 1
            elif (c == _CLOSE or (c == '"' and (straight_open or open_at is not None))) and open_at is not None:
                out.append((open_at, pos + 1, count))
                open_at = None
        if open_at is not None:
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            if nxt is not None and text[nxt[0]] in (_OPEN, '"'):
                count += 1
                continue
            out.append((open_at, pe, count))
            open_at = None
    return out


def _nested(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    found = []
    for m in re.finditer(r"(?:(?<=[\s:,(])|(?<=^))‘[^‘’]*?[’'](?!\w)", text[start + 1 : end - 1]):
        found.append((start + 1 + m.start(), start + 1 + m.end()))
    return tuple(found)


def _para_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


_BARE = re.compile(rf"(?<!\bthe )(?<!\bThe )\b((?:al-)?[A-Z][\w’'\-]+)\s+(?:{SPEECH_VERBS})\b|\b(?:{SPEECH_VERBS})\s+((?:al-)?[A-Z][\w’'\-]+)")


def _bare_name(clause: str, people: People | None = None) -> str | None:
    """A capitalised word right next to a speech verb ("Nasser replied", "said Nasser"):
    a speaker the rest of the text never names in full."""
    for m in _BARE.finditer(clause):
        word = m.group(1) or m.group(2)
        key = name_norm(word)
        if len(key) > 2 and not (people.not_person(key) if people else key in en.FUNCTION_WORDS):
            return key
    return None


def _speaker_after(text: str, end: int, people: People, last: str | None) -> tuple[str, tuple[int, int]] | None:
    """"“…,” said al-Rashid." / "“…” al-Rashid asked Nasser." / "“…” he warned."."""
    m = re.match(r"[^\n“\".!?]{0,80}", text[end:])
    tail_end = end + (m.end() if m else 0)
    tail = text[end:tail_end]
    if tail_end < len(text) and text[tail_end] in "“\"" and tail.rstrip().endswith((":", ",")):
        return None  # "… Nasser responded: “…": the lead-in of the next quote
    verb = _VERB.search(tail)
    if not verb or verb.start() > 40:
        return None
    refs = person_refs(text, people, start=end, end=tail_end, last_speaker=last)
    if not refs:
        bare = _bare_name(tail, people) or title_speaker(tail)
        return (bare, (end, tail_end)) if bare else None
    vpos = end + verb.start()
    before = [r for r in refs if r[0] < vpos]
    pick = before[-1] if before else refs[0]
    return pick[1], (pick[0], tail_end)


def _speaker_before(text: str, start: int, lo: int, people: People, last: str | None) -> tuple[str, tuple[int, int]] | None:
    """"Nasser replied, “…" / "He added: “…" / "Durand told Nasser that “…"."""
    lead = text[lo:start]
    cut = max(lead.rfind(". "), lead.rfind("? "), lead.rfind("! "), lead.rfind("”"))
    clause_lo = lo + cut + 1 if cut >= 0 else lo
    clause = text[clause_lo:start]
    if not clause.strip() or not _VERB.search(clause):
        return None
    refs = person_refs(text, people, start=clause_lo, end=start, last_speaker=last)
    if not refs and (bare := _bare_name(clause, people)):
        return bare, (clause_lo, start)
    if not refs:
        role = title_speaker(clause)
        if role:
            return role, (clause_lo, start)  # a title no name stands for: the role itself speaks
        # "… and added, “…": the speaker of the sentence so far.
        return (last, (clause_lo, start)) if last else None
    return refs[0][1], (refs[0][0], start)


def _only_refers_to(text: str, prev: Quote, start: int, people: People) -> bool:
    """True when nothing between the last quote and this one names someone else."""
    if prev.speaker is None or start - prev.end > 400:
        return False
    if _VERB.search(text, prev.end, start) and re.search(r"[.!?]\s", text[prev.end : start]):
        return False  # a new sentence introduces a speaker we could not name
    refs = person_refs(text, people, start=prev.end, end=start, last_speaker=prev.speaker)
    return all(key == prev.speaker for _, key in refs)


def _starts_sentence(text: str, para_lo: int, start: int) -> bool:
    """A quote opening a sentence (not a scare quote inside one: hoping for a “new quagmire”)."""
    before = text[para_lo:start].rstrip()
    return not before or before[-1] in ".:!?”\""


# A sentence opening with a passive participle clause ("Asked by Salem where …, Haddad
# replied …"): the person in that clause is not the subject; the main clause starts after it.
_PARTICIPLE_BY = re.compile(r"\s*[A-Z][a-z]+(?:ed|en)\s+by\b[^,.;:“”\"]*,")


def main_clause_start(text: str, start: int, end: int) -> int:
    """Where the main clause of the sentence ``text[start:end]`` begins (after a leading "Asked by X …,")."""
    m = _PARTICIPLE_BY.match(text, start, end)
    return m.end() if m else start


def _last_subject(text: str, lo: int, hi: int, people: People) -> str | None:
    """The person named at the start of the last narrative sentence between two quotes."""
    gap = text[lo:hi]
    sentences = [m for m in re.finditer(r"[^.!?\n“”]+[.!?]?", gap) if len(m.group().strip()) > 12]
    if not sentences:
        return None
    for m in reversed(sentences):
        begin = main_clause_start(text, lo + m.start(), lo + m.end())
        refs = person_refs(text, people, start=begin, end=lo + m.end())
        head = len(text[begin : lo + m.end()]) - len(text[begin : lo + m.end()].lstrip())
        if refs and refs[0][1] != NARRATOR and refs[0][0] - (begin + head) < 25:
            return refs[0][1]
        if _VERB.search(m.group()) or re.search(r"\b(?:president|minister|leader)\b", m.group(), re.I):
            return None  # someone we cannot name is introduced here
    return None


def extract_quotes(text: str, people: People | None = None) -> list[Quote]:
    """All top-level direct quotes of ``text`` in order, with their speakers."""
    people = people or learn_people(text)
    quotes: list[Quote] = []
    last: str | None = None
    prev_end = 0
    for start, end, n_par in _raw_quotes(text):
        para_lo = _para_start(text, start)
        lo = max(para_lo, prev_end) if prev_end > para_lo else para_lo
        subject = _last_subject(text, prev_end, start, people)
        if subject:
            last = subject
        found = _speaker_before(text, start, lo, people, last) or _speaker_after(text, end, people, last)
        speaker: str | None
        attribution: tuple[int, int] | None
        if found:
            speaker, attribution = found
        elif quotes and _only_refers_to(text, quotes[-1], start, people):
            speaker, attribution = quotes[-1].speaker, None  # the same speaker goes on
        elif subject and _starts_sentence(text, para_lo, start):
            speaker, attribution = subject, None  # "Haddad proposed a strategy. “…”"
        else:
            speaker, attribution = None, None
        if speaker and speaker != NARRATOR:
            last = speaker
        quotes.append(Quote(start, end, speaker, attribution, _nested(text, start, end), n_par))
        prev_end = end
    return quotes


def quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote covering most of ``[start, end)`` (at least half of it), if any."""
    best: tuple[int, Quote] | None = None
    for q in quotes:
        overlap = min(end, q.end) - max(start, q.start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, q)
    if best and best[0] * 2 >= (end - start):
        return best[1]
    return None
