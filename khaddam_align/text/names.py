"""Names: one system for spelling variants, people and their titles, in both scripts.

Spellings: ``name_key`` reduces a name to consonant skeletons (``translit.skeleton``),
so transliteration variants meet ("Youssef" / "Yusuf" / "يوسف",
"al-Rashid" / "Rashid" / "الرشيد"); ``same_name`` adds a rapidfuzz ratio for
near misses and, between two Latin spellings, requires the same first sound
(two names that reduce to one skeleton but start differently stay apart).

People: ``learn_people(text)`` finds who a rendering names, from general
mechanisms only (no list of particular people or places): capitalised runs of
two or more words, a single capitalised word after a role word ("Ambassador
Nasser"), titles written next to a name ("Freedonian Foreign Minister Sami
Aoun") that later resolve "the Freedonian minister"; capitalised words that are
places (after "in", "to", "from" …), organisations (a run ending in "Council",
"Party" …), nationalities (right before a role word or a group noun) or
ordinary words (also written in lower case in the same text) are not people.
A person's key is their last name word, normalised; ``same_person`` compares
keys across renderings and scripts.

``find_names(text)`` finds capitalised name-like runs with their spans (used by
the aligner's anchors).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from khaddam_align.text import lexicon_en as en
from khaddam_align.text.translit import is_arabic, skeleton

# Capitalised words that start sentences or titles but are not names.
_NOT_NAMES = (
    en.FUNCTION_WORDS | frozenset(en.ROLE_WORDS) | frozenset(en.TITLE_MODIFIERS) | frozenset(en.WEEKDAYS)
    | frozenset(k for k in en.MONTHS if len(k) > 3)
)
_PARTICLE = re.compile(r"(?:al|el|bin|ibn|bint|abu|abd(?:[aeu]l)?|de|van|von)(?:-.*)?")
_TRAILING_PARTICLE = re.compile(r"[\s-]+(?:al|el|bin|ibn|abu|de|van|von)$", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)


@dataclass(frozen=True, slots=True)
class NameMention:
    """A run of capitalised words in a text: ``text[start:end]`` and its key."""

    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return name_key(self.text)


def name_key(name: str) -> str:
    """A spelling-independent key for a name (one word or several).

    Particles that vary between spellings (al-, el-, Abd-el/Abd-ul joined or not)
    are normalised; each word becomes its consonant skeleton.
    """
    text = name.replace("’", "'")
    text = re.sub(r"\b(abd)[-\s]?(?:u|e|a)?l[-\s]?", r"\1 ", text, flags=re.I)
    words = [w for w in re.split(r"[\s-]+", text) if w]
    parts = [skeleton(w) for w in words if w.lower() not in {"al", "el", "ال"}]
    return " ".join(p for p in parts if p)


def word_keys(name: str) -> list[str]:
    """Skeletons of each word of ``name``, articles dropped (for word-level matching)."""
    return [k for k in name_key(name).split(" ") if k]


def _first_sound(name: str) -> str:
    low = strip_accents(name).lower()
    low = re.sub(r"^(?:al|el)[-\s]+", "", low).lstrip("'’")
    return "v" if low[:1] in "aeiouy" else low[:1]


def same_name(a: str, b: str, *, threshold: float = 85.0) -> bool:
    """Whether two spellings (any script) plausibly name the same thing."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    cross = is_arabic(a) != is_arabic(b)
    if not cross and _first_sound(a) != _first_sound(b):
        return False  # one skeleton, different first sounds
    if ka == kb or fuzz.ratio(ka, kb) >= threshold:
        return True
    if cross:  # English spellings often drop h and the ayn: Cairo / القاهرة
        ha, hb = ka.replace("h", ""), kb.replace("h", "")
        return bool(ha) and (ha == hb or (min(len(ha), len(hb)) >= 3 and fuzz.ratio(ha, hb) >= threshold))
    return False


def strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def name_norm(word: str) -> str:
    """A name word as keys use it: lower case, no accents, straight apostrophe, no 's, no al-/el-."""
    w = strip_accents(word).lower().replace("’", "'").replace("‘", "'").replace("‐", "-")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'.,")
    return re.sub(r"^(?:al|el|ul)-", "", w)


def same_person(a: str, b: str) -> bool:
    """Whether two person keys (normalised last names, any script) are the same person."""
    if a == b:
        return True
    if NARRATOR in (a, b):
        return False
    return same_name(a, b)


def find_names(text: str) -> list[NameMention]:
    """Runs of capitalised words (joined by name particles like al-, bin, abd-), in order.

    A single capitalised word that is a common function word or title word
    ("The", "President") is not a name; inside a run such words end it.
    """
    found: list[NameMention] = []
    run_start = run_end = -1
    for m in _WORD.finditer(text):
        word = m.group()
        low = word.lower().strip("'’")
        particle = _PARTICLE.fullmatch(low) is not None
        is_cap = word[0].isupper() and low not in _NOT_NAMES
        joinable = run_start >= 0 and text[run_end : m.start()] in {" ", "-"}
        if (is_cap or (particle and low.startswith(("al-", "el-")) and len(low) > 3)) and (run_start < 0 or joinable):
            if run_start < 0:
                run_start = m.start()
            run_end = m.end()
            continue
        if particle and run_start >= 0 and joinable:
            run_end = m.end()
            continue
        if run_start >= 0:
            found.append(_mention(text, run_start, run_end))
            run_start = -1
        if is_cap:
            run_start, run_end = m.start(), m.end()
    if run_start >= 0:
        found.append(_mention(text, run_start, run_end))
    return [n for n in found if n.key]


def _mention(text: str, start: int, end: int) -> NameMention:
    # Trim particles left dangling at the end ("Sami al" never happens, but "bin" may).
    span = text[start:end]
    trimmed = _TRAILING_PARTICLE.sub("", span)
    return NameMention(start, start + len(trimmed), trimmed)


# --- people named in a rendering -----------------------------------------------------------------------

NARRATOR = "narrator"
ROLE_WORDS = frozenset(en.ROLE_WORDS)
TITLE_WORDS = ROLE_WORDS | frozenset(en.TITLE_MODIFIERS)
_ORGANISATION = frozenset(en.ORGANISATION_WORDS)
_GROUP_NOUNS = frozenset(en.GROUP_NOUNS)
_PLACE_CONTEXT = frozenset(en.PLACE_CONTEXT)
_MONTHS = frozenset(k for k in en.MONTHS if len(k) > 3)
_ORDINARY = en.FUNCTION_WORDS | _MONTHS | frozenset(en.WEEKDAYS)

_CAP = r"(?:(?:al|el|Al|El)[-‐])?[A-ZÀ-ÖØ-Þ][\w’'\-]*"
_LINK = r"(?:\s+(?:bin|ibn|al|el|de|of|the)\s+|\s+|-)"
_RUN = re.compile(rf"{_CAP}(?:{_LINK}{_CAP})*")
_CAP_WORD = re.compile(r"(?<![\w’'\-])([A-ZÀ-ÖØ-Þ][\w’'\-]+)")


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named in the text: ``text[start:end]`` is the name, ``title`` the words around it."""

    start: int
    end: int
    name: str
    key: str
    title: tuple[str, ...] = ()


def _words(phrase: str) -> list[str]:
    return [name_norm(w) for w in re.findall(r"[\w’'\-]+", phrase)]


def qualifier_key(word: str) -> str:
    """A nationality or place qualifier reduced so that its forms meet: Freedonian / Freedonia → "free"."""
    return word[:4]


def title_key(words: list[str]) -> tuple[str, ...]:
    """Normalise title words: qualifiers cut to their stem, no articles, no "affairs"/"mr"/"dr"."""
    out: list[str] = []
    for w in words:
        if w in ("the", "of", "a", "an", "affairs", "mr", "dr", "mrs", "ms"):
            continue
        out.append(w if w in TITLE_WORDS else qualifier_key(w))
    return tuple(out)


@dataclass
class _Context:
    """What the whole text says about capitalised words: which are places, organisations, ordinary words."""

    lower: set[str]
    place: set[str]
    qualifier: set[str]

    def not_person(self, w: str) -> bool:
        """``w`` (normalised) is an ordinary word, a place, a nationality or an organisation word."""
        return (w in _ORDINARY or w in _ORGANISATION or w in self.lower or w in self.place
                or w in self.qualifier or len(w) < 2)


_STRONG_PLACE = frozenset({"in", "into", "inside", "visit", "visited", "visiting", "across", "throughout",
                           "toward", "towards"})
_SPEECH = frozenset(v for v in en.SPEECH_VERBS if " " not in v)


def _context(text: str) -> _Context:
    """Places by context ("in X", "to X" more often than X acts as a person), nationalities
    (right before a role word or a group noun), and words also written in lower case."""
    lower = set(re.findall(r"(?<![\w’'\-])[a-z][a-z’'\-]+", text))
    lower -= {"al", "el", "bin", "ibn", "de", "abu"}
    place: dict[str, float] = {}
    person: dict[str, float] = {}
    qualifier: set[str] = set()
    for m in _CAP_WORD.finditer(text):
        word = m.group(1)
        before = text[max(0, m.start() - 16) : m.start()].split()
        after = text[m.end() : m.end() + 30].split()
        w = name_norm(word)
        prev = before[-1].lower() if before else ""
        nxt_raw = after[0] if after else ""
        nxt = nxt_raw.lower().strip(".,;:”\"")
        possessive = word.endswith(("’s", "'s"))
        if prev in _PLACE_CONTEXT and not possessive and not nxt_raw[:1].isupper():
            place[w] = place.get(w, 0.0) + (1.0 if prev in _STRONG_PLACE else 0.5)
        if name_norm(prev) in ROLE_WORDS or nxt in _SPEECH:
            person[w] = person.get(w, 0.0) + 1
        elif nxt_raw[:1].isupper() and nxt not in _ORDINARY:
            person[w] = person.get(w, 0.0) + 0.5  # part of a longer name (or of a place name: "Freedonia City")
        if prev[:1].isupper() and before and not before[-1].endswith((".", ":", "”", "\"")):
            person[w] = person.get(w, 0.0) + 0.5
        if nxt_raw[:1].islower() and (nxt in ROLE_WORDS or nxt in _GROUP_NOUNS):
            qualifier.add(w)  # "Freedonian delegation", "Freedonian president"
        if possessive and nxt in ROLE_WORDS:
            qualifier.add(w)  # "Freedonia's president"
    places = {w for w, n in place.items() if n > person.get(w, 0.0)}
    return _Context(lower, places, qualifier)


def _split_run(run: str, ctx: _Context) -> tuple[list[str], list[str]]:
    """Split a capitalised run into leading title words and the name words."""
    parts = re.split(r"\s+", run)
    title: list[str] = []
    i = 0
    while i < len(parts) - 1:
        w = name_norm(parts[i])
        nxt = name_norm(parts[i + 1])
        if w in TITLE_WORDS or w in ctx.qualifier or (nxt in TITLE_WORDS and w not in ROLE_WORDS and ctx.not_person(w)) or nxt in TITLE_WORDS:
            title.append(w)
            i += 1
        else:
            break
    return title, parts[i:]


@dataclass
class People:
    """What one rendering says about people: aliases, title table, mentions."""

    aliases: dict[str, str] = field(default_factory=dict)  # single word → person key
    titles: dict[tuple[str, ...], Counter[str]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    context: _Context | None = None

    def is_person(self, word_norm: str) -> bool:
        return word_norm in self.aliases

    def key_of(self, word_norm: str) -> str | None:
        return self.aliases.get(word_norm)

    def not_person(self, word_norm: str) -> bool:
        return self.context.not_person(word_norm) if self.context else word_norm in _ORDINARY

    def has_qualifier(self, word_norm: str) -> bool:
        q = qualifier_key(word_norm)
        return any(q in t for t in self.titles)

    def resolve_title(self, words: list[str]) -> str | None:
        """The person a title phrase ("the Freedonian president", "the Freedonian") most likely means."""
        want = set(title_key(words)) - {"former", "late", "then"}
        if not want:
            return None
        if not want & ROLE_WORDS:  # "the Freedonian": the head of state first
            return self.resolve_title([*want, "president"]) or self._resolve(want)
        return self._resolve(want)

    def _resolve(self, want: set[str]) -> str | None:
        best: tuple[float, str] | None = None
        for title, who in self.titles.items():
            have = set(title)
            if not want <= have:
                continue
            person, n = who.most_common(1)[0]
            extra = len(have - want)
            score = n - 2 * extra + (3 if "president" in have and "vice" not in have else 0)
            if best is None or score > best[0]:
                best = (score, person)
        return best[1] if best else None


def _name_key(name_words: list[str]) -> str:
    return name_norm(name_words[-1])


def learn_people(text: str) -> People:
    """Collect people from multi-word capitalised names and names that follow a title."""
    ctx = _context(text)
    people = People(context=ctx)
    word_users: dict[str, set[str]] = {}
    found: list[tuple[list[str], list[str], int]] = []
    for m in _RUN.finditer(text):
        title, name = _split_run(m.group(), ctx)
        name = [w for w in name if name_norm(w) not in ("bin", "ibn", "of", "the")] or name
        names_n = [name_norm(w) for w in name]
        if any(w in _ORGANISATION for w in names_n):
            continue  # "the Trade League", "Defence Council"
        if any(ctx.not_person(w) or w in ROLE_WORDS for w in names_n):
            continue
        if len(name) < 2 and not (title and set(title) & ROLE_WORDS):
            continue
        found.append((title, name, m.start()))
        if len(name) >= 2:
            for w in names_n:
                if len(w) >= 4:
                    word_users.setdefault(w, set()).add(_name_key(name))
    for title, name, pos in found:
        key = _name_key(name)
        if len(name) == 1 and len(word_users.get(key, ())) == 1:
            key = next(iter(word_users[key]))
        if len(key) < 3:
            continue
        people.counts[key] += 1
        tk = title_key(title)
        # "(former Freedonian President) Sami Aoun": a parenthesis just before the name.
        before = text[max(0, pos - 60) : pos]
        paren = re.search(r"\(([^()]*)\)\s*$", before)
        if paren:
            tk = title_key(_words(paren.group(1))) + tk
        if tk and set(tk) & ROLE_WORDS:
            people.titles.setdefault(tuple(w for w in tk if w not in ("former", "late", "then")), Counter())[key] += 1
    for word, keys in word_users.items():
        if len(keys) == 1:
            people.aliases[word] = next(iter(keys))
    for key in list(people.counts):
        people.aliases.setdefault(key, key)
    return people


def mentions(text: str, people: People, *, start: int = 0, end: int | None = None) -> list[Mention]:
    """People named in ``text[start:end]`` (known names and aliases), with the title words next to them."""
    stop = len(text) if end is None else end
    ctx = people.context or _context(text)
    found: list[Mention] = []
    for m in _RUN.finditer(text, start, stop):
        title, name = _split_run(m.group(), ctx)
        keys = [people.key_of(name_norm(w)) for w in name]
        known = [k for k in keys if k]
        if not known:
            continue
        key = known[-1]
        name_text = " ".join(name)
        offset = m.start() + m.group().find(name[0])
        tk = list(title)
        before = text[max(0, m.start() - 60) : m.start()]
        paren = re.search(r"\(([^()]*)\)\s*$", before)
        if paren:
            tk = _words(paren.group(1)) + tk
        lead = re.search(r"\b(former|late|then)\s*$", before)
        if lead:
            tk = [lead.group(1), *tk]
        after = text[m.end() : m.end() + 60]
        paren_after = re.match(r"\s*\(([^()]*)\)", after)
        if paren_after:
            tk = tk + _words(paren_after.group(1))
        found.append(Mention(offset, offset + len(name_text), name_text, key, title_key(tk)))
    return found


_REF_WORD = re.compile(r"[\w’'\-]+")


def person_refs(text: str, people: People, *, start: int = 0, end: int | None = None,
                last_speaker: str | None = None) -> list[tuple[int, str]]:
    """Every reference to a person in ``text[start:end]`` as (offset, key), in order.

    Names and aliases, title phrases ("the Freedonian president", "Freedonia's
    president", "the Freedonian" once a title taught it), "I" (the narrator) and
    "he"/"she" (``last_speaker``).
    """
    stop = len(text) if end is None else end
    words = [(m.start(), m.group()) for m in _REF_WORD.finditer(text, start, stop)]
    refs: list[tuple[int, str]] = []
    i = 0
    while i < len(words):
        pos, w = words[i]
        n = name_norm(w)
        if w == "I":
            refs.append((pos, NARRATOR))
        elif n in en.PRONOUNS_HE and last_speaker:
            refs.append((pos, last_speaker))
        elif w[:1].isupper() or w.startswith(("al-", "el-")):
            key = people.key_of(n)
            nxt = name_norm(words[i + 1][1]) if i + 1 < len(words) else ""
            if key and not people.not_person(n):
                # Skip the rest of a multi-word name.
                while i + 1 < len(words) and people.key_of(name_norm(words[i + 1][1])) == key:
                    i += 1
                refs.append((pos, key))
            elif n not in _ORDINARY and n not in ROLE_WORDS and (nxt in TITLE_WORDS or people.has_qualifier(n)):
                j = i
                phrase = []
                while j < len(words) and j < i + 4:
                    wn = name_norm(words[j][1])
                    if wn in TITLE_WORDS or (j == i) or people.has_qualifier(wn):
                        phrase.append(wn)
                        j += 1
                    else:
                        break
                is_title = any(p in ROLE_WORDS for p in phrase) or (
                    len(phrase) == 1 and i > 0 and name_norm(words[i - 1][1]) == "the"
                    and (j >= len(words) or not words[j][1][:1].isupper())
                )
                who = people.resolve_title(phrase) if is_title else None
                if who:
                    refs.append((pos, who))
                    i = j - 1
        elif (n in ROLE_WORDS and i > 0 and (name_norm(words[i - 1][1]) == "the" or people.has_qualifier(name_norm(words[i - 1][1])))
              and not (i + 1 < len(words) and people.key_of(name_norm(words[i + 1][1])))):  # "the minister Sami Aoun"
            phrase = [name_norm(words[k][1]) for k in range(max(0, i - 2), i + 1)]
            who = people.resolve_title(phrase)
            if who and not (refs and refs[-1][1] == who and pos - refs[-1][0] < 25):
                refs.append((pos, who))
        i += 1
    return refs


@lru_cache(maxsize=4)
def _folded(text: str) -> str:
    return strip_accents(text)


def display_name(key: str, text: str, people: People | None = None) -> str:
    """A readable name for a key: the surface form in the text, capitalised."""
    if key == NARRATOR:
        return "the narrator"
    if key.startswith("the "):
        return key  # a speaker named by role only
    folded = _folded(text)
    for m in re.finditer(rf"\b(?:al-)?{re.escape(key)}\b", folded, re.IGNORECASE):
        if not m.group()[-len(key) :][:1].isupper():
            continue  # a lowercase byline ("some-name-tool") is not the person
        # Offsets agree when folding kept the length (precomposed accents); else show the folded form.
        return text[m.start() : m.end()] if len(folded) == len(text) else m.group()
    return key if is_arabic(key) else key.capitalize()
