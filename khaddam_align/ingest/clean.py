"""Cleaning scraped text: find the articles in a file, their title, header,
captions and noise.

Nothing here changes the text. The result is a list of ``Article`` values:
character ranges to exclude (with a reason the user sees) and ranges of a
known kind (title, caption, meta) for the segmenter. All functions are pure.

Signals, each checked on the real corpus (see tests/ingest/test_clean_corpus.py):

- **title**: the article's first line when it reads like a title (short, no
  final full stop) or is followed by header lines;
- **metadata header**: ``key: value`` lines right after the title (header.py);
- **repeated line**: a line that already appeared a few lines earlier in the
  same article (scrapers repeat titles, photo captions and standfirsts);
- **stray short line**: a line of at most 3 letters or digits ("TT", "20"), or of
  at most 3 symbols ("__");
- **publisher credit line**: a line that is just the publisher's name;
- **caption**: a short one-sentence line with photo vocabulary or photo credit,
  or set apart by two or more blank lines;
- **appended article**: after the body has started, a title-like line followed
  within a few lines by header lines, a byline or date, its own repetition, or
  scraper noise (duplicated lines, stray short lines) starts a new article; so
  does a title-like line after two or more blank lines where the words before
  and after it hardly overlap (a topic break).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from khaddam_align.ingest.header import Header, header_field, parse_date, parse_header
from khaddam_align.ingest.lines import Line, norm, split_lines
from khaddam_align.storage.models import SegmentKind

REPEAT_WINDOW = 15  # a repeat counts as noise within this many lines of the first occurrence
MIN_REPEAT = 12  # shorter lines may repeat legitimately
LOOKAHEAD = 14  # lines after a title-like line searched for signs of a new article
LEAD_PARAGRAPHS = 3  # body paragraphs after title/header that form the standfirst
TOPIC_WINDOW = 12  # lines compared on each side of a possible topic break
TOPIC_MIN_WORDS = 40  # distinct words needed on each side to judge a topic break
TOPIC_OVERLAP = 0.12  # shared-word ratio below which the topic has changed

_PHOTO = re.compile(
    r"\b(photos?|photograph|pictured|file image|shakes? hands|shaking hands)\b"
    r"|\((?:AFP|Reuters|AP|EPA|Getty Images|SANA|[^)]{0,40}\bphoto\b[^)]{0,40})\)"
    r"|\((?:right|left|centre|center|R|L|C)\)"
    r"|صورة|\((?:أ ف ب|رويترز|أ ب)\)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?؟…](?=\s|$)")
_QUOTE_START = re.compile(r"^[\"“”«'‘]")
_BYLINE = re.compile(r"^(?:By|BY|بقلم)\s+[^\W\d_][\w.'’\- ]{1,50}$")  # "By Jane Smith", no comma
_WORD = re.compile(r"[^\W\d_]{5,}")  # content-ish words, any script
_TITLE_BAD_END = (".", ",", ";", ":", "،", "؛")


@dataclass(frozen=True, slots=True)
class Exclusion:
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class KindRange:
    start: int
    end: int
    kind: SegmentKind


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a file: its character range and what cleaning found in it."""

    start: int
    end: int
    title: str
    header: Header
    exclusions: tuple[Exclusion, ...]
    kinds: tuple[KindRange, ...]


def title_like(text: str) -> bool:
    """Short, and not ending like a sentence (closing quotes aside: `said.”` is a sentence)."""
    bare = text.rstrip("\"'”’»)]")
    return 0 < len(text) <= 250 and not bare.endswith(_TITLE_BAD_END) and len(text.split()) <= 40


def is_body(text: str) -> bool:
    return len(text) >= 80 and _SENTENCE_END.search(text) is not None


def stray(text: str) -> bool:
    """At most 3 characters, all letters/digits ("TT", "20") or none ("__", "***")."""
    if not 0 < len(text) <= 3:
        return False
    return text.isalnum() or not any(c.isalnum() for c in text)


def analyze(text: str, *, publishers: Collection[str] = ()) -> list[Article]:
    """Split ``text`` into articles and clean each one."""
    lines = split_lines(text)
    starts = find_article_starts(lines)
    bounds = [*starts, len(lines)]
    names = {norm(p) for p in publishers if p.strip()}
    articles = []
    for k, first in enumerate(starts):
        chunk = lines[first : bounds[k + 1]]
        end = lines[bounds[k + 1]].start if bounds[k + 1] < len(lines) else len(text)
        articles.append(clean_article(chunk, start=lines[first].start, end=end, publishers=names))
    return articles


def find_article_starts(lines: Sequence[Line]) -> list[int]:
    """Line indexes where an article starts: the first non-blank line, then any appended article."""
    first = next((ln.index for ln in lines if not ln.blank), 0)
    starts = [first]
    seen: set[str] = set()
    body = False
    for i in range(first, len(lines)):
        line = lines[i]
        if line.blank:
            continue
        if (
            body
            and title_like(line.text)
            and lines[i - 1].blank
            and norm(line.text) not in seen
            and (_starts_article(lines, i) or _topic_break(lines, i, since=starts[-1]))
        ):
            starts.append(i)
            seen, body = set(), False
        seen.add(norm(line.text))
        body = body or is_body(line.text)
    return starts


def _starts_article(lines: Sequence[Line], i: int) -> bool:
    title = norm(lines[i].text)
    following = [ln for ln in lines[i + 1 : i + 1 + LOOKAHEAD] if not ln.blank]
    noise = 0
    for n, line in enumerate(following):
        if norm(line.text) == title:
            return True
        if n < 3 and (header_field(line) or _BYLINE.match(line.text) or _date_line(line.text)):
            return True
        if stray(line.text) or (n and line.text == following[n - 1].text):
            noise += 1
    return noise >= 2


def _words(lines: Sequence[Line]) -> set[str]:
    return {w.casefold() for ln in lines for w in _WORD.findall(ln.text)}


def _topic_break(lines: Sequence[Line], i: int, *, since: int) -> bool:
    """A title-like line set apart by 2+ blank lines, with hardly a word shared
    between the text before it (in this article) and the text after it."""
    if _blank_before(lines, i) < 2:
        return False
    before = _words(lines[max(since, i - TOPIC_WINDOW) : i])
    after = _words(lines[i + 1 : i + 1 + TOPIC_WINDOW])
    if len(before) < TOPIC_MIN_WORDS or len(after) < TOPIC_MIN_WORDS:
        return False
    return len(before & after) / min(len(before), len(after)) < TOPIC_OVERLAP


def _date_line(text: str) -> bool:
    return len(text) <= 40 and any(c.isdigit() for c in text) and parse_date(text) is not None


def _blank_before(lines: Sequence[Line], i: int) -> int:
    n = 0
    while i - n - 1 >= 0 and lines[i - n - 1].blank:
        n += 1
    return n


def caption_like(lines: Sequence[Line], i: int) -> bool:
    text = lines[i].text
    if len(text) > 400 or _QUOTE_START.match(text):
        return False
    photo = _PHOTO.search(text) is not None
    if not photo and not text.endswith((".", ")")):
        return False
    gap = _blank_before(lines, i) if i > 0 else 0
    score = 2 * photo + (2 if gap >= 3 else 1 if gap == 2 else 0)
    score += len(text) <= 300 and len(_SENTENCE_END.findall(text)) <= 1
    return score >= 3


def clean_article(lines: Sequence[Line], *, start: int, end: int, publishers: Collection[str] = ()) -> Article:
    """Title, header, noise and captions of one article (``lines`` are its lines)."""
    body_lines = [ln for ln in lines if not ln.blank]
    if not body_lines:
        return Article(start, end, "", Header(), (), ())
    first = body_lines[0]
    pos = {ln.index: k for k, ln in enumerate(lines)}
    header = parse_header(lines, pos[first.index])
    header_idx = {ln.index for ln in header.lines}
    if "publisher" in header.fields:  # the header's own spelling counts as a credit line too
        publishers = {*publishers, norm(header.fields["publisher"])}
    exclusions: list[Exclusion] = []
    kinds: list[KindRange] = []
    title = ""
    if header.lines:
        exclusions.append(Exclusion(header.start, header.end, "metadata header"))
        kinds.extend(KindRange(ln.start, ln.end, SegmentKind.META) for ln in header.lines)
    if first.index in header_idx:  # header first: the title, if any, follows it
        after = [ln for ln in body_lines if ln.index > header.lines[-1].index]
        if after and title_like(after[0].text):
            first = after[0]
            title = first.text
    elif header.lines or title_like(first.text):
        title = first.text
    if title:
        kinds.append(KindRange(first.start, first.end, SegmentKind.TITLE))

    seen: dict[str, tuple[int, str]] = {}
    if title:
        seen[norm(title)] = (first.index, "title")
    lead = 0
    for line in body_lines:
        if line.index in header_idx or (title and line is first):
            continue
        key = norm(line.text)
        earlier = seen.get(key)
        if stray(line.text):
            exclusions.append(Exclusion(line.start, line.end, "stray short line"))
        elif key in publishers and len(line.text) <= 60:
            exclusions.append(Exclusion(line.start, line.end, "publisher credit line"))
        elif earlier and len(line.text) >= MIN_REPEAT and line.index - earlier[0] <= REPEAT_WINDOW:
            exclusions.append(Exclusion(line.start, line.end, f"repeated {earlier[1]}"))
            seen[key] = (line.index, earlier[1])
        elif caption_like(lines, pos[line.index]):
            kinds.append(KindRange(line.start, line.end, SegmentKind.CAPTION))
            seen[key] = (line.index, "caption")
        else:
            body = is_body(line.text)
            role = "standfirst" if body and lead < LEAD_PARAGRAPHS else "line"
            # The lead is the first few body paragraphs, before any sub-heading.
            lead = lead + 1 if body else (LEAD_PARAGRAPHS if lead else 0)
            seen[key] = (line.index, role)
    exclusions.sort(key=lambda e: e.start)
    kinds.sort(key=lambda k: k.start)
    return Article(start, end, title, header, tuple(exclusions), tuple(kinds))


def active_kinds(kinds: Sequence[KindRange], excluded: Sequence[tuple[int, int]]) -> list[KindRange]:
    """The kind ranges that do not overlap any excluded range."""
    return [k for k in kinds if not any(a < k.end and k.start < b for a, b in excluded)]


__all__ = [
    "Article",
    "Exclusion",
    "KindRange",
    "active_kinds",
    "analyze",
    "caption_like",
    "clean_article",
    "find_article_starts",
    "split_lines",
]
