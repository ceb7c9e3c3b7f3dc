"""Text decoding: the encodings we accept, and clear errors for the rest."""

from __future__ import annotations

import codecs

import pytest

from khaddam_align.errors import SourceError
from khaddam_align.ingest.decode import decode_bytes

ARABIC = "قال الرئيس: «نحن مستعدون»، ثم غادر.\nوفي اليوم التالي عاد إلى دمشق؟\n"
ENGLISH = "Mr. Khaddam said: “We are ready.”\r\nThen he left.\r\n"


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (ENGLISH.encode("utf-8"), "utf-8", ENGLISH),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig", ARABIC),
        (ARABIC.encode("utf-16"), "utf-16", ARABIC),  # with BOM (native order)
        (codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"), "utf-16", ENGLISH),
        (ENGLISH.encode("utf-16-le"), "utf-16-le", ENGLISH),  # no BOM
        (ARABIC.encode("utf-16-be"), "utf-16-be", ARABIC),
        (ARABIC.encode("cp1256"), "cp1256", ARABIC),
    ],
)
def test_accepted_encodings_decode_exactly(data: bytes, encoding: str, text: str) -> None:
    decoded = decode_bytes(data, name="f.txt")
    assert decoded.encoding == encoding
    assert decoded.text == text  # line endings included


def test_undecodable_bytes_name_file_and_first_bad_line() -> None:
    # Every byte value above 0x7F in a row: no code page reads it as Arabic or Western text.
    data = b"line one\nline two\n" + bytes(range(0x80, 0x100)) * 3 + b"\n"
    with pytest.raises(SourceError, match=r"f\.txt: line 3: the bytes are not UTF-8, UTF-16/32, or Arabic or Western") as info:
        decode_bytes(data, name="f.txt")
    assert "UTF-8" in (info.value.hint or "")
    assert "\n" not in str(info.value)


def test_binary_control_characters_are_refused() -> None:
    with pytest.raises(SourceError, match=r"line 2: contains control character U\+0001"):
        decode_bytes(b"text\nmore \x01 binary\n", name="f.txt")


def test_broken_utf16_after_bom_names_the_line() -> None:
    data = codecs.BOM_UTF16_LE + "a\nb\n".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    with pytest.raises(SourceError, match=r"line 3: the bytes are not valid UTF-16"):
        decode_bytes(data, name="f.txt")
