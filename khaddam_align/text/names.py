"""Names and their spelling variants.

``name_key("Mohammed")`` == ``name_key("Muhammad")``; ``name_key("al-Assad")``
== ``name_key("Assad")``; ``name_key("Shara'")`` == ``name_key("al-Sharaa")``;
``name_key("Abdel Halim")`` == ``name_key("Abdul Halim")``. Keys are consonant
skeletons (see ``translit.skeleton``), so they also work for Arabic script.

``find_names(text)`` finds capitalised name-like tokens and runs in English
text ("Abdul Halim Khaddam", "Hafez al-Assad") with their spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from khaddam_align.text.translit import skeleton

# Capitalised words that start sentences or titles but are not names.
_NOT_NAMES = frozenset(
    """a an the this that these those he she it we they i you his her its our their my your
    in on at by for from to of with and or but if when while as after before during since
    there here what which who whom whose where why how not no yes also however but then
    mr mrs ms dr president minister prime vice foreign affairs general secretary leader king
    prince sheikh supreme
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()  # noqa: SIM905
)
_PARTICLE = re.compile(r"(?:al|el|bin|ibn|bint|abu|abd|abdel|abdul|de|van|von)(?:-.*)?")
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

    Particles that vary between spellings (al-, el-, Abdul/Abdel joined or not)
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


def same_name(a: str, b: str, *, threshold: float = 85.0) -> bool:
    """Whether two spellings (any script) plausibly name the same thing."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    return ka == kb or fuzz.ratio(ka, kb) >= threshold


def find_names(text: str) -> list[NameMention]:
    """Runs of capitalised words (joined by name particles like al-, bin, Abdul), in order.

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
    # Trim particles left dangling at the end ("Hafez al" never happens, but "bin" may).
    span = text[start:end]
    trimmed = _TRAILING_PARTICLE.sub("", span)
    return NameMention(start, start + len(trimmed), trimmed)
