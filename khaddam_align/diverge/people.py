"""People named in a rendering: names, their titles, and a title → person table learned from the text.

A person is identified by a key: the normalised last word of their full name
("Bashar al-Assad" → "assad"). Single words used alone ("Saddam", "Bashar")
become aliases of a full name seen elsewhere in the same text. Titles written
next to a name ("Iranian President Mohammad Khatami", "(former Turkish
President) Abdullah Gül") teach the table that resolves "the Iranian
president" or "the Syrian" to a person.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from khaddam_align.diverge.normalize import norm, strip_accents

NARRATOR = "narrator"

ROLE_WORDS = frozenset(
    ["president", "leader", "minister", "envoy", "ambassador", "governor", "king", "prince", "emir", "general", "gen", "brig", "secretary-general", "secretary", "commander", "chief", "spokesman", "premier", "mr", "dr", "sheikh", "chairman", "frenchman", "guide"]
)
TITLE_WORDS = ROLE_WORDS | frozenset(
    ["vice", "prime", "foreign", "supreme", "deputy", "former", "late", "then", "defence", "defense", "interior", "affairs", "of", "the"]
)
DEMONYMS = {
    "iran": "iranian", "syria": "syrian", "iraq": "iraqi", "turkey": "turkish", "france": "french",
    "russia": "russian", "america": "american", "us": "american", "lebanon": "lebanese",
    "egypt": "egyptian", "israel": "israeli", "britain": "british", "spain": "spanish",
    "frenchman": "french", "china": "chinese", "tehran": "iranian", "damascus": "syrian",
}
_NATIONAL = frozenset(DEMONYMS.values()) | {"arab", "kurdish", "palestinian", "saudi", "jordanian"}
# Capitalised words that are places, organisations, months or sentence openers, never people.
NOT_PERSON = frozenset(
    ["iran", "iraq", "syria", "tehran", "damascus", "baghdad", "turkey", "america", "united", "states", "nations", "lebanon", "london", "paris", "istanbul", "arbil", "erbil", "palestine", "israel", "afghanistan", "kurdistan", "france", "russia", "china", "quneitra", "hama", "ankara", "spain", "europe", "middle", "east", "west", "north", "south", "council", "guard", "party", "agency", "conference", "summit", "force", "forces", "front", "ministry", "committee", "union", "brotherhood", "intelligence", "security", "republican", "islamic", "news", "war", "governing", "quint", "hexalateral", "charge", "vietnam", "baath", "qaida", "sharq", "awsat", "asharq", "majalla", "central", "sana", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "god", "allah", "islam", "shia", "sunni", "kurds", "kurd", "arabs", "files", "file", "cia", "unsc", "un", "us", "uk", "the", "a", "an", "after", "before", "in", "on", "at", "upon", "here", "there", "both", "thus", "however", "therefore", "then", "when", "while", "as", "if", "we", "i", "he", "she", "they", "it", "this", "that", "these", "those", "our", "his", "her", "their", "my", "and", "but", "or", "so", "khaddam's", "minutes", "later", "among", "affairs", "turks", "kurds", "interestingly", "chemical", "abu", "through", "from", "with", "for", "to", "of", "by", "during", "since", "until", "despite", "although", "regarding", "heavy", "two", "one", "three"]
) | _NATIONAL | frozenset(DEMONYMS)

_CAP = r"(?:(?:al|el|Al|El)[-‐])?[A-ZÀ-ÖØ-Þ][\w’'\-]*"
_LINK = r"(?:\s+(?:bin|ibn|al|el|de|of|the)\s+|\s+|-)"
_RUN = re.compile(rf"{_CAP}(?:{_LINK}{_CAP})*")


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named in the text: ``text[start:end]`` is the name, ``title`` the words around it."""

    start: int
    end: int
    name: str
    key: str
    title: tuple[str, ...] = ()


def _words(phrase: str) -> list[str]:
    return [norm(w) for w in re.findall(r"[\w’'\-]+", phrase)]


def title_key(words: list[str]) -> tuple[str, ...]:
    """Normalise title words: demonyms for countries, no articles, 'minister of foreign affairs' → foreign minister."""
    out: list[str] = []
    for w in words:
        w = DEMONYMS.get(w, w)
        if w in ("the", "of", "a", "an", "affairs", "mr", "dr"):
            continue
        out.append(w)
    return tuple(out)


def _split_run(run: str) -> tuple[list[str], list[str]]:
    """Split a capitalised run into leading title words and the name words."""
    parts = re.split(r"\s+", run)
    title: list[str] = []
    i = 0
    while i < len(parts) - 1:
        w = norm(parts[i].rstrip(".,"))
        if w in TITLE_WORDS or w in _NATIONAL or w in DEMONYMS:
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

    def is_person(self, word_norm: str) -> bool:
        return word_norm in self.aliases

    def key_of(self, word_norm: str) -> str | None:
        return self.aliases.get(word_norm)

    def resolve_title(self, words: list[str]) -> str | None:
        """The person a title phrase ("the Iranian president", "the Syrian") most likely means."""
        want = set(title_key(words)) - {"former", "late", "then"}
        if not want:
            return None
        if not want & ROLE_WORDS:  # "the Syrian": the head of state first
            return self.resolve_title([*want, "president"]) or self._resolve(want)
        return self._resolve(want)

    def _resolve(self, want: set[str]) -> str | None:
        best: tuple[float, str] | None = None
        for title, who in self.titles.items():
            have = set(title)
            if not want <= have | {"frenchman"}:
                continue
            person, n = who.most_common(1)[0]
            extra = len(have - want)
            score = n - 2 * extra + (3 if "president" in have and "vice" not in have else 0)
            if best is None or score > best[0]:
                best = (score, person)
        return best[1] if best else None


def _name_key(name_words: list[str]) -> str:
    return norm(name_words[-1].rstrip(".,’'"))


def learn_people(text: str) -> People:
    """Collect people from multi-word capitalised names and names that follow a title."""
    people = People()
    word_users: dict[str, set[str]] = {}
    lower_words = set(re.findall(r"\b[a-z][a-z’'\-]+\b", text))
    found: list[tuple[list[str], list[str], int]] = []
    for m in _RUN.finditer(text):
        title, name = _split_run(m.group())
        name = [w for w in name if norm(w) not in ("bin", "ibn", "of", "the")] or name
        names_n = [norm(w) for w in name]
        if any(w in NOT_PERSON for w in names_n) and not title:
            continue
        if any(w in NOT_PERSON or w in ROLE_WORDS for w in names_n):
            continue
        if len(name) < 2 and not (title and set(title) & ROLE_WORDS):
            continue
        if name[-1].lower().rstrip(".,") in lower_words:  # "Agreed" in a headline is not a name
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
        # "(former Turkish President) Abdullah Gül": a parenthesis just before the name.
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
    found: list[Mention] = []
    for m in _RUN.finditer(text, start, stop):
        title, name = _split_run(m.group())
        keys = [people.key_of(norm(w.rstrip(".,"))) for w in name]
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

    Names and aliases, title phrases ("the Iranian president", "Iran's president",
    "the Syrian"), "I" (the narrator) and "he"/"she" (``last_speaker``).
    """
    stop = len(text) if end is None else end
    words = [(m.start(), m.group()) for m in _REF_WORD.finditer(text, start, stop)]
    refs: list[tuple[int, str]] = []
    i = 0
    while i < len(words):
        pos, w = words[i]
        n = norm(w)
        if w == "I":
            refs.append((pos, NARRATOR))
        elif n in ("he", "she") and last_speaker:
            refs.append((pos, last_speaker))
        elif w[:1].isupper() or w.startswith(("al-", "el-")):
            key = people.key_of(n)
            if key and n not in NOT_PERSON:
                # Skip the rest of a multi-word name.
                while i + 1 < len(words) and people.key_of(norm(words[i + 1][1])) == key:
                    i += 1
                refs.append((pos, key))
            elif n in _NATIONAL or n in DEMONYMS or n in ("supreme", "frenchman"):
                j = i
                phrase = []
                while j < len(words) and j < i + 4:
                    wn = norm(words[j][1])
                    if wn in TITLE_WORDS or wn in _NATIONAL or wn in DEMONYMS:
                        phrase.append(wn)
                        j += 1
                    else:
                        break
                is_title = any(p in ROLE_WORDS for p in phrase) or (
                    len(phrase) == 1 and i > 0 and norm(words[i - 1][1]) == "the"
                    and (j >= len(words) or not words[j][1][:1].isupper())
                )
                who = people.resolve_title(phrase) if is_title else None
                if who:
                    refs.append((pos, who))
                    i = j - 1
        elif (n in ROLE_WORDS and i > 0 and norm(words[i - 1][1]) in ("the", *DEMONYMS, *_NATIONAL)
              and not (i + 1 < len(words) and people.key_of(norm(words[i + 1][1])))):  # "the minister Samir Haddad"
            phrase = [norm(words[k][1]) for k in range(max(0, i - 2), i + 1)]
            who = people.resolve_title(phrase)
            if who and not (refs and refs[-1][1] == who and pos - refs[-1][0] < 25):
                refs.append((pos, who))
        i += 1
    return refs


@lru_cache(maxsize=4)
def _folded(text: str) -> str:
    return strip_accents(text)


def display_name(key: str, text: str, people: People) -> str:
    """A readable name for a key: the surface form in the text, capitalised."""
    if key == NARRATOR:
        return "the narrator"
    folded = _folded(text)
    for m in re.finditer(rf"\b(?:al-)?{re.escape(key)}\b", folded, re.IGNORECASE):
        if not m.group()[-len(key) :][:1].isupper():
            continue  # "khaddam-align" in a byline is not the person
        # Offsets agree when folding kept the length (precomposed accents); else show the folded form.
        return text[m.start() : m.end()] if len(folded) == len(text) else m.group()
    return key.capitalize()
