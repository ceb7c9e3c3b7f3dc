"""Numbers, dates and quantities however written, reduced to comparable keys.

``find_numbers(text)`` returns every number-like mention with its span and a
canonical value; ``number_keys(text)`` returns the set of keys two texts can
share ("2500" and "2,500" and "٢٥٠٠" all give ``"2500"``; "5 June 1997",
"June 5, 1997" and "5 حزيران 1997" all give ``"1997-06-05"``).

Keys are strings: plain numbers (``"2500"``, ``"2.5"``), years
(``"y:2003"``), full dates (``"d:2003-03-16"``), day-month (``"dm:03-16"``)
and month-year (``"my:2003-03"``). A full date also yields its partial keys so
"16 March" matches "March 16, 2003".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khaddam_align.text.arabic import to_ascii_digits

ENGLISH_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Levantine/Iraqi (كانون الثاني …) and Egyptian/Gulf (يناير …) month names.
ARABIC_MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9,
    "تشرين الأول": 10, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9,
    "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}  # fmt: skip

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

# Common Arabic number words (masculine/feminine forms).
_ARABIC_WORDS: dict[str, int] = {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "ثلاثة": 3, "ثلاث": 3,
    "أربعة": 4, "اربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
    "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10,
    "عشرون": 20, "عشرين": 20, "مئة": 100, "مائة": 100, "ألف": 1000, "الف": 1000,
    "مليون": 1_000_000,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number or date in a text: ``text[start:end]``, its kind and canonical value.

    ``kind`` is "number", "year", "date" (day, month and year), "day-month" or
    "month-year"; ``value`` is e.g. "2500", "2003", "2003-03-16", "03-16", "2003-03".
    """

    start: int
    end: int
    kind: str
    value: str

    def keys(self) -> frozenset[str]:
        """The comparison keys of this mention (a full date also gives its parts)."""
        if self.kind == "date":
            y, m, d = self.value.split("-")
            return frozenset({f"d:{self.value}", f"dm:{m}-{d}", f"my:{y}-{m}", f"y:{y}"})
        if self.kind == "day-month":
            return frozenset({f"dm:{self.value}"})
        if self.kind == "month-year":
            y, _m = self.value.split("-")
            return frozenset({f"my:{self.value}", f"y:{y}"})
        if self.kind == "year":
            return frozenset({f"y:{self.value}", self.value})
        return frozenset({self.value})


def _canonical_number(raw: str) -> str:
    """ "2,500" → "2500", "2.50" → "2.5", "03" → "3"."""
    raw = raw.replace(",", "").replace("\u066c", "")
    if "." in raw:
        whole, frac = raw.split(".", 1)
        frac = frac.rstrip("0")
        whole = whole.lstrip("0") or "0"
        return f"{whole}.{frac}" if frac else whole
    return raw.lstrip("0") or "0"


def _month_pattern() -> str:
    names = sorted(list(ENGLISH_MONTHS) + list(ARABIC_MONTHS), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


_MONTH = _month_pattern()
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Arabic text often writes "آذار (مارس)": both names for one month.
_MONTH_GROUP = rf"(?P<month>{_MONTH})\.?(?:\s*\((?:{_MONTH})\))?"
_DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_GROUP}(?:,?\s+(?P<year>\d{{4}}))?", re.I)
_DATE_MDY = re.compile(rf"{_MONTH_GROUP}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?", re.I)
_DATE_MY = re.compile(rf"{_MONTH_GROUP}\s+(?:of\s+)?(?:عام\s+|سنة\s+)?(?P<year>\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_NUMBER = re.compile(rf"(?<![\w.]){_NUM}(?![\d])")
_WORD_NUMBER = re.compile(
    r"\b(?:" + "|".join(sorted(list(_UNITS) + list(_SCALES), key=len, reverse=True)) + r")"
    r"(?:(?:[\s-]+|\s+and\s+)(?:" + "|".join(sorted(list(_UNITS) + list(_SCALES), key=len, reverse=True)) + r"))*\b",
    re.I,
)
_ARABIC_WORD = re.compile(r"(?<![\w])(?:و)?(" + "|".join(sorted(_ARABIC_WORDS, key=len, reverse=True)) + r")(?![\w])")


def _month_number(name: str) -> int:
    low = name.lower()
    if low in ENGLISH_MONTHS:
        return ENGLISH_MONTHS[low]
    return ARABIC_MONTHS[name]


def words_to_number(words: str) -> int | None:
    """ "two thousand five hundred" → 2500, "twenty-one" → 21; None if not a number phrase."""
    total, current = 0, 0
    seen = False
    for word in re.split(r"[\s-]+", words.lower()):
        if word in {"and", ""}:
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_SCALES) | frozenset(_ARABIC_WORDS)
_WORDS = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


def _might_have_numbers(norm: str) -> bool:
    # Fast path: most sentences have no digit and no number word.
    if _DIGIT.search(norm):
        return True
    words = set(_WORDS.findall(norm.lower()))
    return bool(words & _NUMBER_WORDS) or any(w[1:] in _ARABIC_WORDS for w in words if w.startswith("و"))


def find_numbers(text: str) -> list[NumberMention]:
    """Every number and date mention in ``text`` (Arabic or English), in text order.

    Digits inside a date are reported as the date only, not again as numbers.
    """
    norm = to_ascii_digits(text)
    found: list[NumberMention] = []
    if not _might_have_numbers(norm):
        return found
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s: int, e: int, kind: str, value: str) -> None:
        found.append(NumberMention(s, e, kind, value))
        taken.append((s, e))

    for m in _ISO.finditer(norm):
        add(m.start(), m.end(), "date", f"{m['year']}-{m['month']}-{m['day']}")
    for pattern in (_DATE_DMY, _DATE_MDY):
        for m in pattern.finditer(norm):
            if not free(m.start(), m.end()):
                continue
            day = int(m["day"])
            if not 1 <= day <= 31:
                continue
            month = _month_number(m["month"])
            if m["year"]:
                add(m.start(), m.end(), "date", f"{m['year']}-{month:02d}-{day:02d}")
            else:
                add(m.start(), m.end(), "day-month", f"{month:02d}-{day:02d}")
    for m in _DATE_MY.finditer(norm):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "month-year", f"{m['year']}-{_month_number(m['month']):02d}")
    for m in _NUMBER.finditer(norm):
        if not free(m.start(), m.end()):
            continue
        value = _canonical_number(m.group())
        is_year = _YEAR.fullmatch(value) is not None and "," not in m.group()
        add(m.start(), m.end(), "year" if is_year else "number", value)
    for m in _WORD_NUMBER.finditer(norm):
        if free(m.start(), m.end()):
            n = words_to_number(m.group())
            if n is not None and m.group().lower() not in {"one"}:  # "one" is mostly a pronoun
                add(m.start(), m.end(), "number", str(n))
    for m in _ARABIC_WORD.finditer(norm):
        if free(m.start(1), m.end(1)):
            add(m.start(1), m.end(1), "number", str(_ARABIC_WORDS[m.group(1)]))
    found.sort(key=lambda n: (n.start, n.end))
    return found


def number_keys(text: str) -> frozenset[str]:
    """All comparison keys of the numbers and dates in ``text``."""
    keys: set[str] = set()
    for mention in find_numbers(text):
        keys |= mention.keys()
    return frozenset(keys)
