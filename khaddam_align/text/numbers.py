"""Numbers, dates and quantities however written, reduced to comparable keys.

``find_numbers(text)`` returns every number-like mention with its span and a
canonical value; ``number_keys(text)`` returns the set of keys two texts can
share ("2500", "2,500", "2.500" and "٢٥٠٠" all give ``"2500"``; "5 June 1997",
"June 5, 1997" and "5 حزيران 1997" all give ``"1997-06-05"``).

Both languages: digits (ASCII, Arabic-Indic, Persian; separators ٫ ٬), number
words with compounds ("two thousand five hundred", "خمسة وعشرون", "ثلاثة آلاف"),
Arabic duals ("ساعتين", "الطرفان" → 2), ordinals ("fifth", "الخامس"),
fractions ("half", "ونصف", "ربع") and durations: "half an hour", "30 minutes"
and "نصف ساعة" all carry the key ``"min:30"``; "two and a half hours" and
"ساعتين ونصف" carry ``"2.5"`` and ``"min:150"``.

Keys are strings: plain numbers (``"2500"``, ``"2.5"``), years (``"y:2003"``),
full dates (``"d:2003-03-16"``), day-month (``"dm:03-16"``), month-year
(``"my:2003-03"``), a month alone (``"m:03"``), weekdays (``"wd:tuesday"``)
and relative days (``"rel:-1"`` for yesterday). A full date also yields its
partial keys so "16 March" matches "March 16, 2003". ``DATE_KINDS`` are the
kinds that are dates rather than quantities.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from khaddam_align.text import lexicon_ar as ar
from khaddam_align.text import lexicon_en as en
from khaddam_align.text.arabic import ARABIC_WORD_MARKED, fold, to_ascii_digits

__all__ = ["DATE_KINDS", "NumberMention", "find_numbers", "number_keys", "to_ascii_digits", "words_to_number"]

ENGLISH_MONTHS = en.MONTHS
ARABIC_MONTHS = ar.MONTHS
_UNITS = en.UNITS
_SCALES = en.SCALES
DATE_KINDS = frozenset({"date", "day-month", "month-year", "year", "month", "weekday", "relative"})


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number or date in a text: ``text[start:end]``, its kind and canonical value.

    ``kind`` is "number", "year", "date" (day, month and year), "day-month",
    "month-year", "month", "weekday" or "relative"; ``value`` is e.g. "2500",
    "2003", "2003-03-16", "03-16", "2003-03", "03", "tuesday", "-1".
    ``extra`` holds further keys of the same mention (the value in minutes of a
    duration, a figure times its scale word, the other reading of "1.500").
    """

    start: int
    end: int
    kind: str
    value: str
    extra: tuple[str, ...] = field(default=())

    @property
    def is_date(self) -> bool:
        return self.kind in DATE_KINDS

    def keys(self) -> frozenset[str]:
        """The comparison keys of this mention (a full date also gives its parts)."""
        if self.kind == "date":
            y, m, d = self.value.split("-")
            return frozenset({f"d:{self.value}", f"dm:{m}-{d}", f"my:{y}-{m}", f"y:{y}", f"m:{m}"})
        if self.kind == "day-month":
            m, _d = self.value.split("-")
            return frozenset({f"dm:{self.value}", f"m:{m}"})
        if self.kind == "month-year":
            y, m = self.value.split("-")
            return frozenset({f"my:{self.value}", f"y:{y}", f"m:{m}"})
        if self.kind == "year":
            return frozenset({f"y:{self.value}", self.value})
        if self.kind == "month":
            return frozenset({f"m:{self.value}"})
        if self.kind == "weekday":
            return frozenset({f"wd:{self.value}"})
        if self.kind == "relative":
            return frozenset({f"rel:{self.value}"})
        return frozenset({self.value, *self.extra})


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
_ANY_MONTH = re.compile(_MONTH, re.I)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Arabic text often writes "آذار (مارس)": both names for one month.
_MONTH_GROUP = rf"(?P<month>{_MONTH})\.?(?:\s*\((?:{_MONTH})\))?"
_DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_GROUP}(?:,?\s+(?P<year>\d{{4}}))?", re.I)
_DATE_MDY = re.compile(rf"{_MONTH_GROUP}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?", re.I)
_DATE_MY = re.compile(rf"{_MONTH_GROUP}\s+(?:of\s+)?(?:عام\s+|سنة\s+)?(?P<year>\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_NUMBER = re.compile(rf"(?<![\w.]){_NUM}(?![\d])")
def _month_number(name: str) -> int:
    low = name.lower()
    if low in ENGLISH_MONTHS:
        return ENGLISH_MONTHS[low]
    return ARABIC_MONTHS[name]


_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_AR_WORD = ARABIC_WORD_MARKED
_EN_NUMBER_WORDS = frozenset(en.UNITS) | frozenset(en.SCALES) | frozenset(en.ORDINALS) | frozenset(en.FRACTIONS)
_AR_SCALES = {fold(k): v for k, v in {"مئة": 100, "مائة": 100, "ألف": 1000, "آلاف": 1000, "الاف": 1000,
                                      "مليون": 10**6, "ملايين": 10**6, "مليار": 10**9, "مليارات": 10**9}.items()}
_EN_MONTH_ALONE = re.compile(
    r"(?:(?<=\bin )|(?<=\bof )|(?<=\bsince )|(?<=\buntil )|(?<=\bearly )|(?<=\blate )|(?<=\bmid-)|(?<=\blast )"
    r"|(?<=\bnext )|(?<=\bby ))(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b(?!\s+\d)"
)
_AR_MONTH_ALONE = re.compile(
    r"(?:(?<=في )|(?<=شهر )|(?<=منذ )|(?<=حتى )|(?<=مطلع )|(?<=أواخر )|(?<=أوائل ))(?P<month>"
    + "|".join(sorted((re.escape(m) for m in ar.MONTHS), key=len, reverse=True)) + r")(?![\w])(?!\s*\d)"
)


def _fmt(value: float) -> str:
    """2.0 → "2", 2.5 → "2.5", 1/3 → "0.333"."""
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _digit_values(raw: str) -> tuple[str, tuple[str, ...]]:
    """Canonical value of a digit string and its other readings.

    "1.500" (a dot followed by exactly three digits) is also 1500, the European
    thousands separator; "1,5" (a comma with one or two digits) is also 1.5.
    """
    value = _canonical_number(raw)
    extra: list[str] = []
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        extra.append(_canonical_number(raw.replace(".", "")))
    if re.fullmatch(r"\d+,\d{1,2}", raw):
        extra.append(_canonical_number(raw.replace(",", ".")))
    return value, tuple(extra)


def words_to_number(words: str) -> float | None:
    """ "two thousand five hundred" → 2500, "twenty-one" → 21, "two and a half" → 2.5; None if not a number phrase."""
    total, current = 0.0, 0.0
    seen = False
    for word in re.split(r"[\s-]+", words.lower()):
        if word in {"and", "", "a", "an"}:
            continue
        if word in en.UNITS:
            current += en.UNITS[word]
        elif word in en.SCALES:
            scale = en.SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        elif word in en.FRACTIONS and seen:
            current += en.FRACTIONS[word]
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    return int(value) if value.is_integer() else value


def _might_have_numbers(norm: str) -> bool:
    # Fast path: most sentences have no digit, no number or calendar word and no Arabic.
    return bool(_DIGIT.search(norm) or _EN_TRIGGER.search(norm) or _AR_WORD.search(norm))


@lru_cache(maxsize=100_000)
def _ar_base(word: str) -> tuple[str, ...]:
    """The folded word and its forms with clitics stripped (longest clitic first)."""
    w = fold(word)
    forms = [w]
    for prefix in ar.PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 2:
            forms.append(w[len(prefix):])
    return tuple(forms)


@lru_cache(maxsize=100_000)
def _ar_number(word: str) -> tuple[str, float] | None:
    """(kind, value) of one Arabic word: unit, scale, hundreds, ordinal, fraction or dual."""
    if fold(word) in ar.NEGATORS:
        return None  # "لست" (I am not) is a negator, not ل + ست (six)
    for form in _ar_base(word):
        if form in ar.UNITS:
            return "unit", float(ar.UNITS[form])
        if form in ar.HUNDREDS:
            return "unit", float(ar.HUNDREDS[form])
    for form in _ar_base(word):
        if form in ar.FRACTIONS and form != fold("خمس"):
            return "fraction", ar.FRACTIONS[form]
        if form in ar.ORDINALS and len(form) >= 3 and fold(word) != form and ar.ORDINALS[form] > 2:
            return "ordinal", float(ar.ORDINALS[form])  # with the article: الخامس (الأول / الثاني are weak)
        for ending in ar.DUAL_ENDINGS:
            if form.endswith(ending) and len(form) - len(ending) >= 2:
                stem = form[: -len(ending)]
                # ساعة → ساعتان (ة becomes ت); طرف → طرفان
                noun = stem + "ه" if ending.startswith("ت") else stem
                if noun in ar.DUAL_NOUNS:
                    return "dual", 2.0
    return None


@lru_cache(maxsize=100_000)
def _ar_duration(word: str) -> int | None:
    for form in _ar_base(word):
        if form in ar.DURATIONS_MIN:
            return ar.DURATIONS_MIN[form]
        for ending in ("تين", "تان"):
            if form.endswith(ending) and form[: -len(ending)] + "ه" in ar.DURATIONS_MIN:
                return ar.DURATIONS_MIN[form[: -len(ending)] + "ه"]
        for ending in ("ين", "ان"):
            if form.endswith(ending) and form[: -len(ending)] in ar.DURATIONS_MIN:
                return ar.DURATIONS_MIN[form[: -len(ending)]]
    return None


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

    def add(s: int, e: int, kind: str, value: str, extra: tuple[str, ...] = ()) -> None:
        found.append(NumberMention(s, e, kind, value, extra))
        taken.append((s, e))

    for m in _ISO.finditer(norm):
        add(m.start(), m.end(), "date", f"{m['year']}-{m['month']}-{m['day']}")
    months = _ANY_MONTH.search(norm) is not None
    for pattern in (_DATE_DMY, _DATE_MDY) if months else ():
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
    for m in _DATE_MY.finditer(norm) if months else ():
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "month-year", f"{m['year']}-{_month_number(m['month']):02d}")
    for pattern in (_EN_MONTH_ALONE, _AR_MONTH_ALONE) if months else ():
        for m in pattern.finditer(norm):
            if free(m.start(), m.end()):
                add(m.start(), m.end(), "month", f"{_month_number(m['month']):02d}")
    for m in _NUMBER.finditer(norm):
        if not free(m.start(), m.end()):
            continue
        value, extra = _digit_values(m.group())
        is_year = _YEAR.fullmatch(value) is not None and "," not in m.group() and not extra
        end, extra = _scaled(norm, m.end(), float(value), extra)
        add(m.start(), end, "year" if is_year and end == m.end() else "number", value, extra)
    for m in _AND_A_HALF.finditer(norm):  # "an hour and a half"
        unit = m["unit"].lower()
        if free(m.start(), m.end()) and unit in en.DURATIONS_MIN:
            add(m.start(), m.end(), "number", "1.5", (f"min:{_fmt(1.5 * en.DURATIONS_MIN[unit])}",))
    _english_words(norm, free, add)
    _arabic_words(norm, free, add)
    found.sort(key=lambda n: (n.start, n.end))
    return found


_AND_A_HALF = re.compile(r"\b(?:an?|one)\s+(?P<unit>[A-Za-z]+)\s+and\s+a\s+half\b", re.I)
_Free = Callable[[int, int], bool]
_DETERMINERS = frozenset({"the", "its", "his", "her", "their", "our", "my", "your", "this", "that"})
_UNIT_SINGULAR = frozenset({"minute", "hour", "day", "week", "month", "year", "man", "member", "point", "mile",
                            "seat", "nation", "party", "state", "stage", "part", "time"})
_Add = Callable[..., None]
_REL_FIRST = frozenset(p.split()[0] for p in en.RELATIVE_DAYS)
_EN_START = _EN_NUMBER_WORDS | frozenset(en.WEEKDAYS) | _REL_FIRST | {"half", "quarter"}
_EN_TRIGGER = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(w) for w in (_EN_START - {"the", "this", "last", "next"})
                               | {p.split()[-1] for p in en.RELATIVE_DAYS}), key=len, reverse=True))
    + r"|(?:January|February|March|April|May|June|July|August|September|October|November|December))",
    re.I,
)
_EN_AFTER = re.compile(r"[ \t]+(?:(?P<and>and (?:a )?half|and a quarter)[ \t]+)?(?P<unit>[A-Za-z]+)")
_AR_AFTER = re.compile(f"[ \t]+(?P<unit>{ARABIC_WORD_MARKED.pattern})")


def _scaled(norm: str, end: int, value: float, extra: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    """A scale word or unit of time after a figure: "2,500 million", "30 minutes", "3 ساعات"."""
    m = _EN_AFTER.match(norm, end)
    keys = list(extra)
    if m:
        unit = m["unit"].lower()
        if m["and"]:
            value += 0.25 if "quarter" in m["and"] else 0.5
        if unit in en.SCALES and not m["and"]:
            keys.append(_fmt(value * en.SCALES[unit]))
            return m.end(), tuple(keys)
        if unit in en.DURATIONS_MIN:
            keys.append(f"min:{_fmt(value * en.DURATIONS_MIN[unit])}")
            if m["and"]:
                keys.append(_fmt(value))
            return m.end(), tuple(keys)
    a = _AR_AFTER.match(norm, end)
    if a:
        unit = fold(a["unit"])
        scale = _AR_SCALES.get(unit)
        if scale is None and unit.startswith(("و", "ب")) and unit[1:] in _AR_SCALES:
            scale = None
        if scale:
            keys.append(_fmt(value * scale))
            return a.end(), tuple(keys)
        minutes = _ar_duration(a["unit"])
        if minutes:
            keys.append(f"min:{_fmt(value * minutes)}")
            return a.end(), tuple(keys)
    return end, tuple(keys)


def _english_words(norm: str, free: _Free, add: _Add) -> None:
    """Number words, ordinals, fractions, weekdays and relative days of English text."""
    words = [(m.start(), m.end(), m.group()) for m in _EN_WORD.finditer(norm)]
    i = 0
    while i < len(words):
        s, e, w = words[i]
        low = w.lower()
        parts = low.split("-")
        if low not in _EN_START and parts[0] not in _EN_START:
            i += 1
            continue
        if low in en.WEEKDAYS and w[0].isupper():
            if free(s, e):
                add(s, e, "weekday", low)
            i += 1
            continue
        rel = _relative_at(words, i) if low in _REL_FIRST else None
        if rel is not None:
            j, offset = rel
            if free(s, words[j][1]):
                add(s, words[j][1], "relative", str(offset))
            i = j + 1
            continue
        if len(parts) == 2 and parts[0] in en.UNITS and parts[1] in _UNIT_SINGULAR and free(s, e):
            value0 = float(en.UNITS[parts[0]])  # "a four-day week", "a two-hour meeting"
            add(s, e, "number", _fmt(value0), (f"min:{_fmt(value0 * en.DURATIONS_MIN[parts[1]])}",)
                if parts[1] in en.DURATIONS_MIN else ())
            i += 1
            continue
        if not all(p in _EN_NUMBER_WORDS for p in parts) or not free(s, e):
            i += 1
            continue
        # "half an hour", "a quarter of an hour"
        if low in ("half", "quarter") and i + 2 < len(words):
            nxt, unit = words[i + 1][2].lower(), words[i + 2][2].lower()
            if nxt in ("a", "an", "of") and unit in en.DURATIONS_MIN:
                minutes = en.FRACTIONS[low] * en.DURATIONS_MIN[unit]
                add(s, words[i + 2][1], "number", _fmt(en.FRACTIONS[low]), (f"min:{_fmt(minutes)}",))
                i += 3
                continue
        j = i
        while j + 1 < len(words):
            gap = norm[words[j][1] : words[j + 1][0]]
            nxt = words[j + 1][2].lower()
            if gap in (" ", "-") and all(p in en.UNITS or p in en.SCALES for p in nxt.split("-")):
                j += 1
            elif gap == " " and nxt == "and" and j + 2 < len(words) and (
                words[j + 2][2].lower() in en.UNITS or words[j + 2][2].lower() in ("a", "half")
            ):
                if words[j + 2][2].lower() == "a" and j + 3 < len(words) and words[j + 3][2].lower() in ("half", "quarter"):
                    j += 3
                elif words[j + 2][2].lower() == "half":
                    j += 2
                else:
                    j += 2
            else:
                break
        phrase = norm[s : words[j][1]]
        end = words[j][1]
        value: float | None
        kind = "number"
        extra0: tuple[str, ...] = ()
        if len(parts) == 1 and j == i and low in en.ORDINALS and low not in en.UNITS:
            prev = words[i - 1][2].lower() if i > 0 else ""
            if low in en.WEAK_NUMBER_WORDS and prev not in _DETERMINERS:
                i += 1  # "at first", "a second", "second to none": not a position in a series
                continue
            value = float(en.ORDINALS[low])
            if low in en.FRACTIONS:
                if i > 0 and words[i - 1][2].lower() in ("a", "one"):
                    value = en.FRACTIONS[low]  # "a third", "one fifth"
                else:
                    extra0 = (_fmt(en.FRACTIONS[low]),)  # "the final third": an ordinal or a part
        elif len(parts) == 1 and j == i and low in en.FRACTIONS:
            value = en.FRACTIONS[low]
        elif len(parts) == 2 and parts[1] in en.FRACTIONS and parts[0] in en.UNITS:
            value = en.UNITS[parts[0]] * en.FRACTIONS[parts[1]]  # "two-thirds"
        else:
            parsed = words_to_number(phrase)
            value = None if parsed is None else float(parsed)
        if value is None:
            i = j + 1
            continue
        if low == "one" and j == i:  # "one" alone is mostly a pronoun ("one of them")
            i += 1
            continue
        if low == "both" and any(w2[2].lower() == "and" for w2 in words[i + 2 : i + 7]):
            i += 1  # "both the drivers and the cooks": a conjunction, not a count
            continue
        ordinal = len(parts) == 1 and j == i and low in en.ORDINALS and low not in en.UNITS
        # "the fifth day" is a position, not five days: no scale or duration after an ordinal.
        end2, extra = (end, extra0) if ordinal else _scaled(norm, end, value, extra0)
        add(s, end2, kind, _fmt(value), extra)
        while j + 1 < len(words) and words[j + 1][0] < end2:
            j += 1
        i = j + 1


def _relative_at(words: list[tuple[int, int, str]], i: int) -> tuple[int, int] | None:
    """A relative day starting at word ``i`` ("yesterday", "last week"): (last word index, offset)."""
    for n in (4, 3, 2, 1):
        if i + n <= len(words):
            phrase = " ".join(w[2].lower() for w in words[i : i + n])
            if phrase in en.RELATIVE_DAYS and phrase not in ("today", "this year", "this week", "this month"):
                return i + n - 1, en.RELATIVE_DAYS[phrase]
    return None


def _arabic_words(norm: str, free: _Free, add: _Add) -> None:
    """Arabic number words with compounds joined by و, duals, ordinals, fractions, weekdays, relative days."""
    words = [(m.start(), m.end(), m.group()) for m in _AR_WORD.finditer(norm)]
    i = 0
    while i < len(words):
        s, e, w = words[i]
        folded = [f for f in _ar_base(w)]
        day = next((ar.WEEKDAYS[f] for f in folded if f in ar.WEEKDAYS), None)
        if day is None and i > 0 and fold(words[i - 1][2]) in ("يوم", "اليوم"):
            day = next((ar.WEEKDAYS["ال" + f] for f in folded if "ال" + f in ar.WEEKDAYS), None)
        if day and free(s, e) and (fold(w).startswith(("ال", "وال", "بال")) or i > 0):
            add(s, e, "weekday", day)
            i += 1
            continue
        two = fold(w + " " + words[i + 1][2]) if i + 1 < len(words) and norm[e : words[i + 1][0]] == " " else ""
        if two in ar.RELATIVE_DAYS and free(s, words[i + 1][1]):
            add(s, words[i + 1][1], "relative", str(ar.RELATIVE_DAYS[two]))
            i += 2
            continue
        if any(f in ar.RELATIVE_DAYS for f in folded) and fold(w) not in (fold("اليوم"),) and free(s, e):
            add(s, e, "relative", str(next(ar.RELATIVE_DAYS[f] for f in folded if f in ar.RELATIVE_DAYS)))
            i += 1
            continue
        first = _ar_number(w)
        scale_first = any(f in _AR_SCALES for f in folded)
        if (scale_first or (first and first[1] == 100)) and _percent_at(norm, words, i):
            i += 1  # "في المائة" / "بالمائة": per cent, not a figure
            continue
        if first is None and not scale_first:
            # "ساعة ونصف": a unit of time followed by a fraction
            minutes = _ar_duration(w)
            if minutes and i + 1 < len(words) and norm[e : words[i + 1][0]] == " ":
                frac = _ar_number(words[i + 1][2])
                if frac and frac[0] == "fraction" and fold(words[i + 1][2]).startswith("و") and free(s, words[i + 1][1]):
                    value = 1 + frac[1]
                    add(s, words[i + 1][1], "number", _fmt(value), (f"min:{_fmt(value * minutes)}",))
                    i += 2
                    continue
            i += 1
            continue
        if not free(s, e):
            i += 1
            continue
        total, current = 0.0, 0.0
        minutes_unit: int | None = None
        kind0 = first[0] if first else "unit"
        if first and first[0] == "dual":
            current = 2.0
            minutes_unit = _ar_duration(w)
        elif first and first[0] == "fraction":
            current = first[1]
            # "نصف ساعة": a fraction of the unit that follows
            if i + 1 < len(words):
                minutes_unit = _ar_duration(words[i + 1][2])
                if minutes_unit:
                    value = first[1]
                    end = words[i + 1][1]
                    add(s, end, "number", _fmt(value), (f"min:{_fmt(value * minutes_unit)}",))
                    i += 2
                    continue
        elif first:
            current = first[1]
        else:
            current = 1.0 * next(_AR_SCALES[f] for f in folded if f in _AR_SCALES)
        j = i
        while j + 1 < len(words) and norm[words[j][1] : words[j + 1][0]] in (" ", ""):
            nxt = words[j + 1][2]
            nf = _ar_base(nxt)
            scale = next((_AR_SCALES[f] for f in nf if f in _AR_SCALES), None)
            part = _ar_number(nxt)
            joined = fold(nxt).startswith("و")
            if scale and not joined:
                current = max(current, 1) * scale
                if scale >= 1000:
                    total += current
                    current = 0
                j += 1
            elif part and joined and part[0] in ("unit", "fraction", "dual"):
                if part[0] == "dual" and minutes_unit is None:
                    minutes_unit = _ar_duration(nxt)
                current += part[1] if part[0] != "dual" else 2
                j += 1
            elif not joined and current < 10 and fold(nxt) in (fold("عشر"), fold("عشرة")):
                current += 10  # "التاسع عشر", "خمسة عشر": the teens
                j += 1
            elif minutes_unit is None and (mu := _ar_duration(nxt)) and kind0 in ("unit",):
                minutes_unit = mu
                j += 1
                break
            else:
                break
        value = total + current
        end = words[j][1]
        if kind0 == "ordinal" and j == i:
            add(s, end, "number", _fmt(value))
        else:
            extra: tuple[str, ...] = (f"min:{_fmt(value * minutes_unit)}",) if minutes_unit else ()
            if minutes_unit is None and j + 1 < len(words):
                mu = _ar_duration(words[j + 1][2])
                if mu and norm[words[j][1] : words[j + 1][0]] == " ":
                    extra = (f"min:{_fmt(value * mu)}",)
            add(s, end, "number", _fmt(value), extra)
        i = j + 1


def _percent_at(norm: str, words: list[tuple[int, int, str]], i: int) -> bool:
    w = fold(words[i][2])
    if w.startswith(("بالم", "بالمئ")):
        return True
    return i > 0 and fold(words[i - 1][2]) == "في" and w.startswith("ال")


def number_keys(text: str) -> frozenset[str]:
    """All comparison keys of the numbers and dates in ``text``."""
    keys: set[str] = set()
    for mention in find_numbers(text):
        keys |= mention.keys()
    return frozenset(keys)
