"""Inject typed factual changes into sentences and record each one with its offsets.

Every change is one edit of one line: ``line[start:end]`` (the original words) becomes
``new``; a line gets at most one change, so the changed text differs from the original
exactly there. Types: ``number``, ``name``, ``speaker``, ``negation``, ``certainty``.
The wording comes from ``bench.inject.vocab`` only (never from the detectors).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.inject import vocab

KINDS: tuple[str, ...] = ("number", "name", "speaker", "negation", "certainty")
ARABIC_KINDS: tuple[str, ...] = ("number", "negation", "name")


@dataclass(frozen=True, slots=True)
class Edit:
    """One change of one line: ``line[start:end]`` → ``new``."""

    kind: str
    start: int
    end: int
    old: str
    new: str
    form: str  # how it was changed: "digits", "words", "ordinal", "add", "remove", "weaken", ...

    def apply(self, line: str) -> str:
        return line[: self.start] + self.new + line[self.end :]


@dataclass(frozen=True, slots=True)
class Change:
    """An injected change in a document: which side, which line (= link), where."""

    kind: str
    side: str  # "a" or "b"
    line: int
    start: int  # offsets of the new words in the changed side's full text
    end: int
    orig_start: int  # offsets of the replaced words in the original full text
    orig_end: int
    old: str
    new: str
    form: str


# -- helpers ------------------------------------------------------------------------------
_ARABIC = re.compile("[\u0621-\u064a]")
_NAME_WORD = r"[A-Z][a-z]+(?:['’][A-Z][a-z]+)?"
_CAP_RUN = re.compile(rf"\b{_NAME_WORD}(?:[ -](?:(?:al|el|bin|de|van)-?)?{_NAME_WORD})*\b(?!['’]?\w)")
_DIGITS = re.compile(r"(?<![\w.,:/])\d{1,3}(?:,\d{3})+(?![\w,:/])|(?<![\w.,:/])\d+(?:\.\d+)?(?![\w,:/])")
_ORDINAL_DIGITS = re.compile(r"\b(\d+)(st|nd|rd|th)\b")
_YEARLIKE = re.compile(r"1[6-9]\d\d|20\d\d")


def is_arabic(line: str) -> bool:
    return len(_ARABIC.findall(line)) > sum(1 for c in line if c.isascii() and c.isalpha())


def _match_case(old: str, new: str) -> str:
    if old[:1].isupper() and new:
        return new[0].upper() + new[1:]
    return new


def _regex_edits(line: str, rules: Sequence[tuple[str, str]], kind: str, form: str) -> list[Edit]:
    edits: list[Edit] = []
    for pattern, repl in rules:
        for m in re.finditer(pattern, line, flags=re.I):
            if m.group()[:1].isupper() and m.group() in vocab.NOT_A_NAME and m.group() == "May":
                continue  # the month
            new = _match_case(m.group(), m.expand(repl))
            if new != m.group():
                edits.append(Edit(kind, m.start(), m.end(), m.group(), new, form))
    return edits


_NATIONALITY = re.compile(r".*(?:ish|ese|ian|ians|ean|can|cans|ans)$")


def document_names(lines: Sequence[str]) -> list[str]:
    """Capitalised names found inside a sentence of the document and never written in
    lower case there ("Father" is out when "father" also occurs); adjectives of
    nationality are out (a "Danish" firm cannot become an "England" firm)."""
    seen: Counter[str] = Counter()
    lower = {w for line in lines for w in re.findall(r"\b[a-z]+\b", line)}
    for line in lines:
        for m in _CAP_RUN.finditer(line):
            words = m.group().split()
            before = line[max(0, m.start() - 2) : m.start()]
            if m.start() == 0 or re.search(r"[:;.!?\"“‘'(]\s*$", before) or len(m.group()) < 3:
                continue
            if any(w in vocab.NOT_A_NAME or w.lower() in lower for w in words):
                continue
            if len(words) == 1 and _NATIONALITY.fullmatch(words[0]):
                continue
            seen[m.group()] += 1
    return sorted(seen)


def _names_in(line: str, pool: Sequence[str]) -> list[re.Match[str]]:
    known = set(pool)
    return [m for m in _CAP_RUN.finditer(line) if m.group() in known]


def _speech_near(line: str, m: re.Match[str]) -> bool:
    after = line[m.end() : m.end() + 30].lower()
    before = line[max(0, m.start() - 20) : m.start()].lower()
    verbs = vocab.SPEECH_VERBS
    return any(re.match(rf"\W{{0,3}}(?:\w+\W+)?{v}\b", after) for v in verbs) or any(
        re.search(rf"\b{v}\W{{0,3}}$", before) for v in verbs
    )


def _other_name(line: str, current: str, pool: Sequence[str], rng: random.Random) -> str | None:
    words = set(current.split())
    options = [p for p in pool if p not in line and not (set(p.split()) & words)]
    same_shape = [p for p in options if len(p.split()) == len(current.split())]
    choice = same_shape or options
    return rng.choice(choice) if choice else None


# -- English edits ------------------------------------------------------------------------
def number_edits(line: str, rng: random.Random) -> list[Edit]:
    edits: list[Edit] = []
    for m in _DIGITS.finditer(line):
        raw = m.group()
        if _YEARLIKE.fullmatch(raw):
            continue
        value = float(raw.replace(",", ""))
        if value.is_integer():
            v = int(value)
            words = [w for n, w in vocab.DIGITS_AS_WORDS.items() if n != v]
            choice = rng.randrange(3)
            if choice == 0 and v <= 60 and not is_arabic(line):
                edits.append(Edit("number", m.start(), m.end(), raw, rng.choice(words), "digits→words"))
                continue
            new_v = v * 10 if choice == 1 and v < 10_000 else v + rng.randint(1, 9) * (1 if v < 10 else max(1, v // 10))
            new = f"{new_v:,}" if "," in raw else str(new_v)
        else:
            new = raw[:-1] + str((int(raw[-1]) + rng.randint(1, 8)) % 10)
        if new != raw:
            edits.append(Edit("number", m.start(), m.end(), raw, new, "digits"))
    for m in _ORDINAL_DIGITS.finditer(line):
        n = int(m.group(1)) + rng.randint(1, 3)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        edits.append(Edit("number", m.start(), m.end(), m.group(), f"{n}{suffix}", "ordinal digits"))
    for table, form in ((vocab.CARDINAL_SWAPS, "words"), (vocab.ORDINAL_SWAPS, "ordinal")):
        for word, options in table.items():
            for m in re.finditer(rf"\b{word}\b", line, flags=re.I):
                if form == "ordinal" and word == "second" and re.match(r"\s+(?:time|thought)", line[m.end() :]):
                    continue
                edits.append(Edit("number", m.start(), m.end(), m.group(), _match_case(m.group(), rng.choice(options)), form))
    return edits


def document_speakers(lines: Sequence[str], pool: Sequence[str]) -> list[str]:
    """Names of the pool that the document shows speaking somewhere."""
    return sorted({m.group() for line in lines for m in _names_in(line, pool) if _speech_near(line, m)})


def name_edits(
    line: str, rng: random.Random, pool: Sequence[str], *, speaker: bool, speakers: Sequence[str] = ()
) -> list[Edit]:
    edits: list[Edit] = []
    for m in _names_in(line, pool):
        if _speech_near(line, m) != speaker:
            continue
        # A speaker becomes another of the document's speakers where there is one.
        other = (_other_name(line, m.group(), speakers, rng) if speaker else None) or _other_name(line, m.group(), pool, rng)
        if other:
            edits.append(Edit("speaker" if speaker else "name", m.start(), m.end(), m.group(), other, "swap"))
    return edits


def negation_edits(line: str, rng: random.Random) -> list[Edit]:
    remove = _regex_edits(line, vocab.NEGATION_REMOVE, "negation", "remove")
    add = _regex_edits(line, vocab.NEGATION_ADD, "negation", "add")
    # Removing is rarer in text, so it is preferred when possible (both directions get tested).
    return remove if remove and (not add or rng.random() < 0.6) else add


def certainty_edits(line: str, rng: random.Random) -> list[Edit]:
    strong = _regex_edits(line, vocab.CERTAINTY_STRENGTHEN, "certainty", "strengthen")
    weak = _regex_edits(line, vocab.CERTAINTY_WEAKEN, "certainty", "weaken")
    return strong if strong and (not weak or rng.random() < 0.5) else weak


# -- Arabic edits ---------------------------------------------------------------------------
_AR_WORD = re.compile(r"[\u0621-\u064a\u0640\u064b-\u0652]+")


def arabic_number_edits(line: str, rng: random.Random) -> list[Edit]:
    edits: list[Edit] = []
    for m in re.finditer(r"(?<![\d٠-٩])[\d٠-٩]+(?![\d٠-٩])", line):
        raw = m.group()
        indic = any(c in vocab.ARABIC_DIGITS for c in raw)
        ascii_raw = "".join(str(vocab.ARABIC_DIGITS.index(c)) if c in vocab.ARABIC_DIGITS else c for c in raw)
        if _YEARLIKE.fullmatch(ascii_raw):
            continue
        v = int(ascii_raw)
        new_v = v * 10 if rng.random() < 0.4 and v < 10_000 else v + rng.randint(1, 9) * max(1, v // 10)
        new = "".join(vocab.ARABIC_DIGITS[int(c)] for c in str(new_v)) if indic else str(new_v)
        edits.append(Edit("number", m.start(), m.end(), raw, new, "arabic digits" if indic else "digits"))
    for m in _AR_WORD.finditer(line):
        word = m.group()
        stem = word[1:] if word.startswith(("و", "ب")) and word[1:] in vocab.ARABIC_NUMBER_SWAPS else word
        if stem in vocab.ARABIC_NUMBER_SWAPS:
            s = m.end() - len(stem)
            edits.append(Edit("number", s, m.end(), stem, vocab.ARABIC_NUMBER_SWAPS[stem], "arabic words"))
    return edits


def arabic_negation_edits(line: str, rng: random.Random) -> list[Edit]:
    words = list(_AR_WORD.finditer(line))
    remove: list[Edit] = []
    add: list[Edit] = []
    for i, m in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if m.group() in vocab.ARABIC_NEGATORS_REMOVABLE and nxt is not None and line[m.end() : nxt.start()] == " ":
            remove.append(Edit("negation", m.start(), nxt.start(), line[m.start() : nxt.start()], "", "remove"))
        elif (
            m.group().startswith(("ي", "ت")) and len(m.group()) >= 4 and m.group() not in vocab.ARABIC_NOT_VERBS
            and (i == 0 or words[i - 1].group() not in vocab.ARABIC_NEGATORS_REMOVABLE)
        ):
            add.append(Edit("negation", m.start(), m.start(), "", vocab.ARABIC_NEGATOR_ADD + " ", "add"))
    return remove if remove and (not add or rng.random() < 0.6) else add


def _arabic_word_pool(lines: Sequence[str], english: Sequence[str] | None) -> list[str]:
    """Arabic words that render an English name of the same line (by a rough consonant match)."""
    if english is None:
        return []
    pool: set[str] = set()
    named_lines: dict[str, set[int]] = {}
    for i, (ar, en) in enumerate(zip(lines, english, strict=False)):
        for m in _CAP_RUN.finditer(en):
            if m.start() == 0 or any(w in vocab.NOT_A_NAME for w in m.group().split()):
                continue
            for word in m.group().split():
                key = _latin_key(word)
                for w in _AR_WORD.findall(ar):
                    if len(w) >= 3 and len(key) >= 2 and _arabic_key(w) == key:
                        pool.add(w)
                        named_lines.setdefault(w, set()).add(i)
    # A common word that happens to share a name's consonants ("faith" and "Amen") also
    # occurs in lines whose English has no such name: it is not a name.
    return sorted(w for w in pool if all(i in named_lines[w] for i, ar in enumerate(lines) if w in _AR_WORD.findall(ar)))


# A rough consonant key of its own (not the core's transliteration), used only to find
# Arabic words that render a name given in the parallel English line.
_AR_KEY = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f",
    "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "", "ا": "", "أ": "",
    "إ": "", "آ": "", "ء": "", "ؤ": "", "ئ": "", "ع": "", "و": "", "ي": "", "ى": "",
})  # fmt: skip


def _arabic_key(word: str) -> str:
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    key = re.sub(r"[^a-z]", "", word.translate(_AR_KEY))
    return re.sub(r"(.)\1+", r"\1", key)


def _latin_key(word: str) -> str:
    low = word.lower()
    for a, b in (("kh", "k"), ("sh", "s"), ("th", "t"), ("ph", "f"), ("gh", "g"), ("ch", "s"), ("q", "k"), ("c", "k"), ("x", "ks"), ("v", "f"), ("p", "b"), ("dh", "d")):
        low = low.replace(a, b)
    key = re.sub(r"[aeiouyw'’\W]", "", low)
    return re.sub(r"(.)\1+", r"\1", key)


def arabic_name_edits(line: str, rng: random.Random, pool: Sequence[str]) -> list[Edit]:
    edits: list[Edit] = []
    for m in _AR_WORD.finditer(line):
        if m.group() in pool:
            others = [p for p in pool if p not in line and _arabic_key(p) != _arabic_key(m.group())]
            if others:
                edits.append(Edit("name", m.start(), m.end(), m.group(), rng.choice(others), "swap"))
    return edits


# -- documents -----------------------------------------------------------------------------
EditFinder = Callable[[int, str, random.Random], list[Edit]]

_PRONOUN_SPEAKER = re.compile(
    r"\b(?:(?P<pre>[Hh]e|[Ss]he)\s+(?:" + "|".join(v for v in vocab.SPEECH_VERBS if " " not in v) + r")\b"
    r"|(?:" + "|".join(v for v in vocab.SPEECH_VERBS if " " not in v) + r")\s+(?P<post>he|she)\b)"
)


def pronoun_speaker_edits(i: int, lines: Sequence[str], rng: random.Random, speakers: Sequence[str]) -> list[Edit]:
    """ "he said" → "<another speaker> said": a person the text shows speaking, not named in
    this line or the three before it (so not whom "he" refers to)."""
    line = lines[i]
    context = " ".join(lines[max(0, i - 3) : i + 1])
    people = [p for p in speakers if p not in context]
    edits: list[Edit] = []
    for m in _PRONOUN_SPEAKER.finditer(line):
        if not people:
            break
        group = "pre" if m.group("pre") else "post"
        edits.append(Edit("speaker", m.start(group), m.end(group), m.group(group), rng.choice(people), "pronoun→name"))
    return edits


def _finders(lines: Sequence[str], arabic: bool, parallel_english: Sequence[str] | None) -> dict[str, EditFinder]:
    if arabic:
        ar_pool = _arabic_word_pool(lines, parallel_english)
        return {
            "number": lambda i, line, rng: arabic_number_edits(line, rng),
            "negation": lambda i, line, rng: arabic_negation_edits(line, rng),
            "name": lambda i, line, rng: arabic_name_edits(line, rng, ar_pool),
        }
    pool = document_names(lines)
    speakers = document_speakers(lines, pool)

    def speaker(i: int, line: str, rng: random.Random) -> list[Edit]:
        # A named speaker swapped for another; failing that, "he said" given a name.
        return name_edits(line, rng, pool, speaker=True, speakers=speakers) or pronoun_speaker_edits(
            i, lines, rng, speakers
        )

    return {
        "number": lambda i, line, rng: number_edits(line, rng),
        "name": lambda i, line, rng: name_edits(line, rng, pool, speaker=False),
        "speaker": speaker,
        "negation": lambda i, line, rng: negation_edits(line, rng),
        "certainty": lambda i, line, rng: certainty_edits(line, rng),
    }


def inject_lines(
    lines: Sequence[str],
    rng: random.Random,
    *,
    rate: float = 0.3,
    skip: frozenset[int] = frozenset(),
    parallel_english: Sequence[str] | None = None,
) -> tuple[list[str], list[tuple[int, Edit]]]:
    """Change about ``rate`` of the lines, one typed edit each, types kept balanced.

    Lines in ``skip`` (and neighbours of changed lines) are left alone, so each change
    sits in a link of its own. Returns the new lines and (line index, edit) pairs.
    """
    arabic = bool(lines) and sum(is_arabic(x) for x in lines) > len(lines) / 2
    finders = _finders(lines, arabic, parallel_english)
    used: Counter[str] = Counter()
    out = list(lines)
    edits: list[tuple[int, Edit]] = []
    blocked = set(skip)
    for i, line in enumerate(lines):
        if i in blocked or rng.random() >= rate:
            continue
        order = sorted(finders, key=lambda k: (used[k], rng.random()))
        for kind in order:
            # Keep the types balanced: no type more than twice the others' mean (plus 2).
            others = [used[k] for k in finders if k != kind]
            if others and used[kind] > 2 * sum(others) / len(others) + 2:
                continue
            options = finders[kind](i, line, rng)
            if options:
                edit = rng.choice(options)
                out[i] = edit.apply(line)
                edits.append((i, edit))
                used[kind] += 1
                blocked.update({i - 1, i + 1})
                break
    return out, edits


def layout(lines: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """One line per paragraph: the text and each line's [start, end)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in lines:
        spans.append((pos, pos + len(line)))
        pos += len(line) + 2
    return "\n\n".join(lines) + "\n", spans


def changes_of(side: str, original: Sequence[str], edits: Sequence[tuple[int, Edit]], new_lines: Sequence[str]) -> list[Change]:
    """Document-level records (offsets into both full texts) of line edits."""
    _, old_spans = layout(original)
    _, new_spans = layout(new_lines)
    return [
        Change(e.kind, side, i, new_spans[i][0] + e.start, new_spans[i][0] + e.start + len(e.new),
               old_spans[i][0] + e.start, old_spans[i][0] + e.end, e.old, e.new, e.form)
        for i, e in edits
    ]


def check_changes(original: str, changed: str, changes: Sequence[Change]) -> None:
    """Raise AssertionError unless ``changed`` is ``original`` with exactly these edits."""
    rebuilt: list[str] = []
    pos = 0
    shift = 0
    for c in sorted(changes, key=lambda c: c.orig_start):
        if c.orig_start < pos:
            raise AssertionError(f"overlapping changes at {c.orig_start}")
        if original[c.orig_start : c.orig_end] != c.old:
            raise AssertionError(f"change {c} does not record the original words")
        rebuilt.append(original[pos : c.orig_start])
        if c.start != c.orig_start + shift or changed[c.start : c.end] != c.new:
            raise AssertionError(f"change {c} does not sit at its recorded offsets")
        rebuilt.append(c.new)
        shift += len(c.new) - (c.orig_end - c.orig_start)
        pos = c.orig_end
    rebuilt.append(original[pos:])
    if "".join(rebuilt) != changed:
        raise AssertionError("the changed text differs from the original outside the recorded changes")
