"""Legacy and Unicode encodings: fixture files generated here from texts written for the test,
decoded exactly, the encoding stored with the rendering and shown by ``show``."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from khaddam_align.cli import main
from khaddam_align.errors import SourceError
from khaddam_align.ingest.decode import decode_bytes, label

# Written for these tests (not from the corpus).
ARABIC = (
    "قال وزير الخارجية في المؤتمر الصحفي إن المحادثات مع الوفد الزائر كانت صريحة ومفيدة،\n"
    "وأضاف أن الجانبين اتفقا على عقد اجتماع جديد في الشهر القادم لمتابعة الملفات العالقة.\n"
    "وسأل أحد الصحفيين عن موعد الزيارة المقبلة؟ فأجاب: سنعلن ذلك في الوقت المناسب.\n"
)
ARABIC_QUOTES = ARABIC.replace("فأجاب: ", "فأجاب: «") + "»\n"  # « » exist in Windows-1256 only
ARABIC_DIGITS = ARABIC + "عدد الحضور ١٢٣ شخصاً.\n"  # Arabic-Indic digits: Mac Arabic, not ISO-8859-6
WESTERN_1252 = (
    "The minister’s café meeting in Genève — “a frank exchange” — ended at 5 pm.\r\n"
    "Costs: 12 € per head; the naïve draft was rewritten by the rapporteur.\r\n"
)
LATIN_1 = "Le ministre a parlé de la coopération économique à Genève, déjà évoquée en été.\n"
SHORT_ISO_ARABIC = "سلام عليكم\n"  # too short for statistics: the code pages disagree on ل and م

CASES = [
    ("cp1256", ARABIC_QUOTES, "cp1256"),
    ("iso8859-6", ARABIC, "iso8859-6"),
    ("iso8859-6", SHORT_ISO_ARABIC, "iso8859-6"),
    ("mac-arabic", ARABIC_DIGITS, "mac-arabic"),
    ("cp1252", WESTERN_1252, "cp1252"),
    ("latin-1", LATIN_1, None),  # same bytes as Windows-1252: either name decodes it exactly
    ("utf-32", ARABIC, "utf-32"),
    ("utf-32-le", ARABIC, "utf-32-le"),
    ("utf-32-be", WESTERN_1252, "utf-32-be"),
    ("utf-16-le", ARABIC, "utf-16-le"),
    ("utf-16-be", ARABIC, "utf-16-be"),
    ("utf-8-sig", ARABIC, "utf-8-sig"),
]


@pytest.mark.parametrize(("written_as", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_encoding_decodes_exactly(written_as: str, text: str, expected: str | None) -> None:
    data = text.encode(written_as)
    decoded = decode_bytes(data, name="f.txt")
    assert decoded.text == text
    if expected is not None:
        assert decoded.encoding == expected
    strip = decoded.encoding in ("utf-8-sig", "utf-16", "utf-32")
    assert data.decode(decoded.encoding) == text or strip  # the stored name decodes the file


def test_utf32_with_bom_in_both_byte_orders() -> None:
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")):
        decoded = decode_bytes(bom + ARABIC.encode(codec), name="f.txt")
        assert (decoded.text, decoded.encoding) == (ARABIC, "utf-32")


def test_arabic_read_as_western_mojibake_is_not_chosen() -> None:
    # Windows-1256 Arabic is also "valid" Windows-1252 (ÞÇá ...); it must come back as Arabic.
    decoded = decode_bytes(ARABIC.encode("cp1256"), name="f.txt")
    assert decoded.text == ARABIC


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(0x80, 0x100)) * 4,  # every high byte: noise in any code page
        "Текст на русском языке, не арабский и не латинский.\n".encode("cp1251"),  # Cyrillic code page
    ],
    ids=["noise", "cyrillic"],
)
def test_undecidable_bytes_are_refused_with_one_line(data: bytes) -> None:
    with pytest.raises(SourceError) as info:
        decode_bytes(data, name="odd.txt")
    message = str(info.value)
    assert message.startswith("odd.txt: line 1:")
    assert "\n" not in message


@pytest.mark.parametrize(("written_as", "text", "expected"), CASES[:6], ids=[c[0] for c in CASES[:6]])
def test_import_stores_the_encoding_and_show_prints_it(
    tmp_path: Path, written_as: str, text: str, expected: str | None
) -> None:
    path = tmp_path / f"{written_as}.txt"
    path.write_bytes(text.encode(written_as))
    db = str(tmp_path / "w.sqlite")
    runner = CliRunner()
    imported = runner.invoke(main, ["--db", db, "import", str(path), "--json"])
    assert imported.exit_code == 0, imported.output
    rid = json.loads(imported.stdout)[0]["id"]
    shown = runner.invoke(main, ["--db", db, "show", str(rid), "--json"])
    info = json.loads(shown.output)
    if expected is not None:
        assert info["encoding"] == expected
    assert path.read_bytes().decode(info["encoding"]) == text
    text_view = runner.invoke(main, ["--db", db, "--bidi", "off", "show", str(rid)]).output
    assert f"(text, {label(info['encoding'])})" in text_view
    segments = runner.invoke(main, ["--db", db, "segments", str(rid), "--json"])
    for seg in json.loads(segments.output):
        assert text[seg["start"] : seg["end"]] == seg["text"]  # offsets into the decoded text


def test_utf8_arabic_with_one_bad_byte_is_refused_not_read_as_mojibake() -> None:
    data = (ARABIC * 3).encode("utf-8")
    cut = data.index(b"\n", 300) + 1
    line = data[:cut].count(b"\n") + 1  # the bad byte starts this line
    data = data[:cut] + b"\xff" + data[cut:]
    with pytest.raises(SourceError, match=rf"^f\.txt: line {line}: the bytes are not UTF-8"):
        decode_bytes(data, name="f.txt")


def test_mixed_utf8_and_latin1_is_refused_at_the_first_latin1_line() -> None:
    data = "A line in UTF-8: “quoted”.\n".encode() * 3 + b"caf\xe9 in Latin-1\n"
    with pytest.raises(SourceError, match=r"^f\.txt: line 4: "):
        decode_bytes(data, name="f.txt")
