"""Bytes to text: Unicode (UTF-8, UTF-16, UTF-32, with or without BOM) and the legacy
8-bit code pages of Arabic and Western European text (Windows-1256, ISO-8859-6, Mac
Arabic, Windows-1252, Latin-1).

The decoded text is what gets stored, character for character (line endings included);
only a byte-order mark is dropped, since it marks the encoding and is not part of the
text. ``Decoded.encoding`` is a Python codec name: ``data.decode(encoding)`` gives the
text back (a BOM codec like ``utf-8-sig`` drops the mark).

Order of decisions:
1. a byte-order mark (UTF-8, UTF-32, UTF-16);
2. UTF-32 or UTF-16 without BOM, from where the zero bytes fall;
3. strict UTF-8 (plain ASCII is UTF-8);
4. a legacy code page: charset-normalizer proposes the candidates it can decode with
   little "mess" (its chaos measure ≤ ``MAX_CHAOS``); a candidate must also read as its
   script reads — Arabic text is made of Arabic letters, Western text mostly of ASCII
   letters with a few accented ones — and among Arabic code pages the one that yields
   the most definite articles (ال) wins (they disagree on which byte is ل).
Anything else is refused with one line naming the file and the first line that is not
UTF-8. Other legacy code pages (Cyrillic, Greek, CJK …) are refused too: between many
8-bit code pages a detector's guess on a short text is often wrong (charset-normalizer
takes a short Windows-1252 text for Windows-1257), and a wrong guess would store wrong
letters without a warning.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from khaddam_align.errors import SourceError
from khaddam_align.text.arabic import ARABIC_CHAR, DIACRITICS, LETTERS

# Control characters never found in text files (everything below 0x20 except \t \n \v \f \r).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# ... and C1 controls: a legacy decoding that gives them is the wrong code page.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MARK = re.compile(f"[{DIACRITICS}]")  # harakat, shadda, sukun, dagger alif …
_STRAY_MARK = re.compile(f"(?<![{LETTERS}{DIACRITICS}])[{DIACRITICS}]")
_ARABIC = ARABIC_CHAR

# Legacy code pages we read, in order of preference when two decode to the same text.
ARABIC_CODEPAGES = ("cp1256", "iso8859-6", "mac-arabic")
WESTERN_CODEPAGES = ("cp1252", "latin-1")
MAX_CHAOS = 0.2  # charset-normalizer's mess ratio above which a decoding is noise
SAMPLE = 64_000  # bytes a legacy code page is chosen on

LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16 with BOM",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32": "UTF-32 with BOM",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
    "cp1256": "Windows-1256",
    "iso8859-6": "ISO-8859-6",
    "mac-arabic": "Mac Arabic",
    "cp1252": "Windows-1252",
    "latin-1": "ISO-8859-1 (Latin-1)",
}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name, one of LABELS


def label(encoding: str) -> str:
    """A human name for a stored encoding: "cp1256" -> "Windows-1256"."""
    return LABELS.get(encoding, encoding)


def decode_bytes(data: bytes, *, name: str) -> Decoded:
    """Decode a text file's bytes; ``name`` is used in error messages."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", name=name)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _strict(data, "utf-32", name=name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name=name)
    guess = _bomless_utf32(data) or _bomless_utf16(data)
    if guess:
        return _strict(data, guess, name=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _legacy(data, bad_offset=exc.start, name=name)
    _check_not_binary(text, name=name)
    return Decoded(text, "utf-8")


def _strict(data: bytes, encoding: str, *, name: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of(data[: exc.start], encoding)
        raise SourceError(
            f"{name}: line {line}: the bytes are not valid {label(encoding)}.",
            hint="Re-save the file as UTF-8 and import it again.",
        ) from exc
    _check_not_binary(text, name=name)
    return Decoded(text, encoding)


def _bomless_utf32(data: bytes) -> str | None:
    """UTF-32 without BOM: two zero bytes (the high half) in every group of four."""
    sample = data[:4000]
    if len(sample) < 8 or len(data) % 4:
        return None
    groups = [sample[i : i + 4] for i in range(0, len(sample) - 3, 4)]
    if all(g[2] == 0 and g[3] == 0 and g[:2] != b"\0\0" for g in groups):
        return "utf-32-le"
    if all(g[0] == 0 and g[1] == 0 and g[2:] != b"\0\0" for g in groups):
        return "utf-32-be"
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM shows as a NUL in every other byte of mostly-ASCII text
    (spaces and line ends do it in Arabic text: U+0020 is 20 00)."""
    sample = data[:4000]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.1 * half and even == 0:
        return "utf-16-le"
    if even > 0.1 * half and odd == 0:
        return "utf-16-be"
    return None


def _legacy(data: bytes, *, bad_offset: int, name: str) -> Decoded:
    """A legacy 8-bit code page, when a reading is plausible (see the module doc).

    The reading is chosen on the first ``SAMPLE`` bytes (one byte is one character) and
    then checked on the whole file.
    """
    texts = _candidates(data[:SAMPLE])
    arabic = [(enc, t) for enc, t in texts if _reads_as_arabic(t)]
    # Most definite articles first, then the share of Arabic letters, then preference.
    arabic.sort(key=lambda c: (-c[1].count("ال"), -_arabic_share(c[1]), _rank(c[0])))
    western = sorted(((enc, t) for enc, t in texts if _reads_as_western(t)), key=lambda c: _rank(c[0]))
    for enc, _sample in arabic or western:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            return Decoded(text, enc)
    line = data.count(b"\n", 0, bad_offset) + 1
    raise SourceError(
        f"{name}: line {line}: the bytes are not UTF-8, UTF-16/32, or Arabic or Western "
        "(Windows-1256/1252, ISO-8859-6/-1, Mac Arabic) text.",
        hint="Re-save the file as UTF-8 (or export it as .txt, .html or .docx) and import it again.",
    )


def _candidates(data: bytes) -> list[tuple[str, str]]:
    """Legacy decodings charset-normalizer finds coherent enough, as (codec, text)."""
    from charset_normalizer import from_bytes
    from charset_normalizer.constant import IANA_SUPPORTED
    from charset_normalizer.md import mess_ratio

    ours = {enc.replace("-", "_"): enc for enc in (*ARABIC_CODEPAGES, *WESTERN_CODEPAGES)}
    known = [n for n in ours if n in IANA_SUPPORTED]
    matches = from_bytes(data, cp_isolation=known, threshold=MAX_CHAOS)
    found = {ours[m.encoding] for m in matches if m.encoding in ours and m.chaos <= MAX_CHAOS}
    for cn_name in ours.keys() - set(known):  # code pages charset-normalizer does not know (Mac Arabic)
        try:
            text = data.decode(ours[cn_name])
        except UnicodeDecodeError:
            continue
        if mess_ratio(text, maximum_threshold=MAX_CHAOS) <= MAX_CHAOS:
            found.add(ours[cn_name])
    out = []
    for enc in sorted(found, key=_rank):
        text = data.decode(enc)
        if not _CONTROL.search(text):
            out.append((enc, text))
    return out


def _rank(encoding: str) -> int:
    order = (*ARABIC_CODEPAGES, *WESTERN_CODEPAGES)
    return order.index(encoding) if encoding in order else len(order)


def _non_ascii(text: str) -> list[str]:
    return [c for c in text if ord(c) > 127 and not c.isspace()]


def _arabic_share(text: str) -> float:
    chars = _non_ascii(text)
    return sum(1 for c in chars if _ARABIC.match(c)) / len(chars) if chars else 0.0


def _reads_as_arabic(text: str) -> bool:
    """Arabic text: its non-ASCII characters are (nearly all) Arabic, so are most letters,
    and its vowel marks are few and sit on letters (another script's bytes read as Arabic
    give marks at the start of words and in runs)."""
    letters = [c for c in text if c.isalpha()]
    arabic_letters = sum(1 for c in letters if _ARABIC.match(c))
    if _arabic_share(text) < 0.8 or arabic_letters < 0.5 * len(letters):
        return False
    marks = _MARK.findall(text)
    stray = _STRAY_MARK.findall(text)
    return len(marks) <= 0.3 * arabic_letters and len(stray) <= 0.02 * arabic_letters


def _reads_as_western(text: str) -> bool:
    """Western text: mostly ASCII letters; the others Latin letters or common punctuation.

    Arabic bytes read as Windows-1252 give words made only of accented letters ("ÇáÑÆíÓ"),
    so a text where accented letters are a large share of the letters is not Western.
    """
    letters = [c for c in text if c.isalpha()]
    accented = [c for c in letters if ord(c) > 127]
    if not letters or len(accented) > 0.3 * len(letters):
        return False
    return all(ord(c) < 0x250 or 0x2000 <= ord(c) <= 0x20CF or c in "€™" for c in _non_ascii(text))


def _check_not_binary(text: str, *, name: str) -> None:
    m = _BINARY.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise SourceError(
            f"{name}: line {line}: contains control character U+{ord(m.group()):04X}; this is not a text file.",
            hint="Import a .txt, .html or .docx file.",
        )


def _line_of(prefix: bytes, encoding: str) -> int:
    if encoding.startswith(("utf-16", "utf-32")):
        return prefix.decode(encoding, errors="replace").count("\n") + 1
    return prefix.count(b"\n") + 1
