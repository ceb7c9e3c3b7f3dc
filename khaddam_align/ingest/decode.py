"""Bytes to text: UTF-8 (with or without BOM), UTF-16 (BOM or plain), Windows-1256.

The decoded text is what gets stored, character for character (line endings
included); only a byte-order mark is dropped, since it marks the encoding and
is not part of the text. Bytes that fit none of these encodings raise a
``SourceError`` naming the file and the first line that does not decode.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from khaddam_align.errors import SourceError
from khaddam_align.text.arabic import ARABIC_LETTER_ANY as _ARABIC_LETTER

# Control characters never found in text files (everything below 0x20 except \t \n \v \f \r).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be" or "cp1256"


def decode_bytes(data: bytes, *, name: str) -> Decoded:
    """Decode a text file's bytes; ``name`` is used in error messages."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", name=name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name=name)
    guess = _bomless_utf16(data)
    if guess:
        return _strict(data, guess, name=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _windows_1256(data, bad_offset=exc.start, name=name)
    _check_not_binary(text, name=name)
    return Decoded(text, "utf-8")


def _strict(data: bytes, encoding: str, *, name: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of(data[: exc.start], encoding)
        raise SourceError(
            f"{name}: line {line}: the bytes are not valid {_label(encoding)}.",
            hint="Re-save the file as UTF-8 and import it again.",
        ) from exc
    _check_not_binary(text, name=name)
    return Decoded(text, encoding)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM shows as a NUL in every other byte of mostly-ASCII text."""
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


def _windows_1256(data: bytes, *, bad_offset: int, name: str) -> Decoded:
    """Accept Windows-1256 only when the result looks like Arabic text, not noise."""
    text = data.decode("cp1256")  # every byte maps to something, so plausibility decides
    non_ascii = [c for c in text if ord(c) > 127]
    arabic = sum(1 for c in non_ascii if _ARABIC_LETTER.match(c))
    if _BINARY.search(text) is None and non_ascii and arabic >= 0.6 * len(non_ascii):
        return Decoded(text, "cp1256")
    line = data.count(b"\n", 0, bad_offset) + 1
    raise SourceError(
        f"{name}: line {line}: the bytes are not UTF-8, UTF-16 or Windows-1256 text.",
        hint="Re-save the file as UTF-8 (or export it as .txt, .html or .docx) and import it again.",
    )


def _check_not_binary(text: str, *, name: str) -> None:
    m = _BINARY.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise SourceError(
            f"{name}: line {line}: contains control character U+{ord(m.group()):04X}; this is not a text file.",
            hint="Import a .txt, .html or .docx file.",
        )


def _line_of(prefix: bytes, encoding: str) -> int:
    if encoding.startswith("utf-16"):
        return prefix.decode(encoding, errors="replace").count("\n") + 1
    return prefix.count(b"\n") + 1


def _label(encoding: str) -> str:
    return {"utf-8-sig": "UTF-8", "utf-16": "UTF-16"}.get(encoding, encoding.upper())
