"""Values of the detection core: link views, sides, pairs and findings."""

from __future__ import annotations

import enum
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from khaddam_align.diverge.normalize import WORD, Token, content_words, norm, tokenize
from khaddam_align.diverge.quotes import Quote, extract_quotes
from khaddam_align.text.names import People, learn_people
from khaddam_align.text.translit import skeleton

Span = tuple[int, int]


class DivergenceType(enum.StrEnum):
    SPEAKER = "speaker"
    NUMBER = "number"
    ENTITY = "entity"
    MEANING = "meaning"
    QUOTE = "quote"
    OMISSION = "omission"  # in A, missing from B
    ADDITION = "addition"  # in B, missing from A


@dataclass(frozen=True, slots=True)
class LinkView:
    """One alignment link as offsets: A's and B's segment spans (either may be empty)."""

    index: int
    a: tuple[Span, ...]
    b: tuple[Span, ...]
    score: float = 1.0
    link_id: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A typed divergence with evidence spans in both texts and a one-line description."""

    type: DivergenceType
    severity: float
    a_spans: tuple[Span, ...]
    b_spans: tuple[Span, ...]
    description: str
    link: int | None = None  # LinkView.index
    detail: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def key(self, a_text: str, b_text: str) -> str:
        """Stable identity: type and normalised evidence text (offsets move when alignment changes)."""
        def evidence(text: str, spans: tuple[Span, ...]) -> str:
            return " ".join(t.norm for s, e in spans for t in tokenize(text, start=s, end=e))

        payload = json.dumps([self.type.value, evidence(a_text, self.a_spans), evidence(b_text, self.b_spans)])
        return hashlib.sha256(payload.encode()).hexdigest()[:40]


@dataclass
class Side:
    """One rendering's text with what is learnt from it once: people and quotes."""

    text: str
    people: People
    quotes: list[Quote]
    _tokens: dict[Span, list[Token]] = field(default_factory=dict)
    _all: set[str] = field(default_factory=set)
    _skeletons: set[str] = field(default_factory=set)
    dates: set[str] | None = None  # year keys of the whole text, filled on first use
    language: str = "en"
    cache: dict[Any, Any] = field(default_factory=dict)  # per-text results computed once (numbers, cross-language)

    @classmethod
    def of(cls, text: str, language: str = "en") -> Side:
        """A side for ``text``; people and English quote attribution are learnt for non-Arabic text only."""
        people = learn_people(text) if language != "ar" else People()
        return cls(text, people, extract_quotes(text, people), language=language)

    def tokens(self, span: Span) -> list[Token]:
        if span not in self._tokens:
            self._tokens[span] = tokenize(self.text, start=span[0], end=span[1])
        return self._tokens[span]

    def words(self, span: Span) -> set[str]:
        return content_words(self.tokens(span))

    def named(self, key: str, people: People) -> bool:
        """Whether this text names the person ``key`` of ``people`` (any part of their name)."""
        if not self._all:
            every = set(WORD.findall(self.text))  # words only: no offsets needed here
            self._all = {norm(w) for w in every}
            self._skeletons = {skeleton(w) for w in every if w[:1].isupper()}
        words = {w for w, k in people.aliases.items() if k == key and len(w) >= 4} | {key}
        return bool(words & self._all) or any(len(k) >= 2 and k in self._skeletons for k in map(skeleton, words))

    def slice(self, span: Span) -> str:
        return self.text[span[0] : span[1]]


@dataclass(frozen=True, slots=True)
class Pair:
    """A sentence of A and the sentence of B that renders it, with their content-word similarity."""

    a: Span
    b: Span
    similarity: float
    inside: bool = True  # both sentences in the same link (not found in a neighbouring one)


@dataclass
class LinkContext:
    """What a detector sees for one link: both sides, the sentence pairs and a window of neighbours."""

    link: LinkView
    a: Side
    b: Side
    pairs: list[Pair]
    a_window: tuple[Span, ...]  # this link's A segments and its neighbours'
    b_window: tuple[Span, ...]
    rare: frozenset[str] = frozenset()  # word stems found in few sentences of either text
    a_name: str = "the first rendering"  # how descriptions name each rendering (naming.rendering_name)
    b_name: str = "the second rendering"
    a_language: str = "en"
    b_language: str = "en"
    length_ratio: float = 0.0  # median B/A length (characters) of the alignment's 1:1 links; 0 = unknown

    def name(self, a_side: bool) -> str:
        return self.a_name if a_side else self.b_name
