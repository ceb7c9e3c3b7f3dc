"""Hostile files get one clear line from ``import``: never a hang, a memory blow-up or a traceback."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from khaddam_align.cli import main
from khaddam_align.errors import SourceError
from khaddam_align.ingest import extract
from khaddam_align.ingest.sources import read_limited, read_source

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def _import_cli(db: Path, target: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """A real ``khaddam-align import`` process (a hang would hit the timeout and fail the test)."""
    return subprocess.run(
        [sys.executable, "-c", "from khaddam_align.cli import main; main()", "--db", str(db), "import", str(target)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=ENV,
    )


def _one_error_line(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("Error: ")
    for word in words:
        assert word in lines[0]


def test_symlink_to_dev_zero_is_refused(db_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    _one_error_line(_import_cli(db_path, link), "zero.txt", "device")


def test_fifo_is_refused_without_hanging(db_path: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _one_error_line(_import_cli(db_path, fifo, timeout=30), "named pipe")


def test_socket_is_refused(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        _one_error_line(_import_cli(db_path, path), "socket")
    finally:
        server.close()


def test_limit_is_on_bytes_read_not_on_reported_size() -> None:
    proc_file = Path("/proc/self/status")  # st_size 0, but it has content
    if not proc_file.exists():
        pytest.skip("no /proc")
    assert proc_file.stat().st_size == 0
    with pytest.raises(SourceError, match="larger than"):
        read_limited(proc_file, name="status", limit=10)
    assert len(read_limited(proc_file, name="status", limit=1_000_000)) > 10


def test_file_growing_past_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from khaddam_align.ingest import sources

    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    monkeypatch.setattr(sources, "MAX_BYTES", 4000)
    with pytest.raises(SourceError, match="larger than"):
        read_source(big)


def _docx_bytes(text: str = "A paragraph of the article.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, *, replace: dict[str, bytes] | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for name, body in (extra or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def test_docx_zip_bomb_is_refused(db_path: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_docx_bytes())
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z, z.open("word/media/padding.bin", "w") as member:
        chunk = b" " * (1 << 20)
        for _ in range(extract.MAX_UNPACKED_BYTES // len(chunk) + 1):  # written in chunks: no 200 MB in memory
            member.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    proc = _import_cli(db_path, bomb, timeout=120)
    _one_error_line(proc, "bomb.docx", "unpacks to more than")


def test_docx_with_huge_markup_is_refused(db_path: Path, tmp_path: Path) -> None:
    """Markup is what python-docx loads into memory: it has its own, smaller limit."""
    big = tmp_path / "big.docx"
    big.write_bytes(_docx_bytes())
    with zipfile.ZipFile(big, "a", zipfile.ZIP_DEFLATED) as z, z.open("customXml/huge.xml", "w") as member:
        chunk = b"<a>" + b"x" * (1 << 20) + b"</a>"
        for _ in range(extract.MAX_XML_BYTES // len(chunk) + 1):
            member.write(chunk)
    _one_error_line(_import_cli(db_path, big, timeout=120), "big.docx", "XML unpacks to more than")


def test_docx_lying_about_sizes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A directory that under-states sizes passes the first check; unpacking then refuses it."""
    data = _rezip(_docx_bytes(), extra={"word/media/x.xml": b"x" * 50_000})
    monkeypatch.setattr(extract, "MAX_UNPACKED_BYTES", 40_000)
    real = zipfile.ZipFile.infolist

    def lying(self: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
        infos = real(self)
        for info in infos:
            info.file_size = 1
        return infos

    monkeypatch.setattr(zipfile.ZipFile, "infolist", lying)
    with pytest.raises(SourceError, match=r"x\.docx: (the archive unpacks|not a readable)"):
        extract.extract_docx(data, name="x.docx")


def test_docx_with_too_many_entries_is_refused() -> None:
    data = _rezip(_docx_bytes(), extra={f"customXml/bulk{i}.xml": b"<a/>" for i in range(extract.MAX_ZIP_ENTRIES)})
    with pytest.raises(SourceError, match="entries"):
        extract.extract_docx(data, name="many.docx")


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE w:document [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_docx_with_entity_declarations_is_refused(db_path: Path, tmp_path: Path, encoding: str) -> None:
    body = BILLION_LAUGHS if encoding == "utf-8" else BILLION_LAUGHS.decode().replace("UTF-8", "UTF-16").encode("utf-16")
    path = tmp_path / "entities.docx"
    path.write_bytes(_rezip(_docx_bytes(), replace={"word/document.xml": body}))
    _one_error_line(_import_cli(db_path, path), "entities.docx", "DTD")


def test_docx_with_broken_xml_is_one_line(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(_rezip(_docx_bytes(), replace={"word/document.xml": b"<w:document><unclosed>"}))
    _one_error_line(_import_cli(db_path, path), "broken.docx", "not a readable Word")


def test_a_normal_docx_still_imports(tmp_path: Path) -> None:
    path = tmp_path / "ok.docx"
    path.write_bytes(_docx_bytes("The talks will continue, the minister said."))
    assert read_source(path).text == "The talks will continue, the minister said."


def test_file_name_with_escape_sequences_is_shown_inert(db_path: Path, tmp_path: Path) -> None:
    name = "evil\x1b]0;owned\x07\u202egnp.txt"
    path = tmp_path / name
    path.write_bytes(b"")  # empty: refused, and the error names the file
    result = CliRunner().invoke(main, ["--db", str(db_path), "import", str(path)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert "\x07" not in result.output
    assert "\u202e" not in result.output
    assert "evil\u241b]0;owned\u2407\u27e8RLO\u27e9gnp.txt" in result.output


def test_html_with_entity_declarations_is_not_expanded(tmp_path: Path) -> None:
    def body(i: int) -> str:
        return f"&e{i - 1};" * 10 if i else "lol"

    entities = "".join(f'<!ENTITY e{i} "{body(i)}">' for i in range(8))
    page = (
        f'<?xml version="1.0"?><!DOCTYPE html [{entities}]><html><head><title>t</title></head><body><article>'
        "<p>The minister said &e7; the talks would continue for a long time, and more words follow.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "laughs.html"
    path.write_text(page)
    text = read_source(path).text
    assert len(text) < 1000  # 10^7 "lol"s were never made
    assert "the talks would continue" in text


def test_deeply_nested_html_is_one_line(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 200_000 + "text" + "</div>" * 200_000 + "</body></html>")
    _one_error_line(_import_cli(db_path, path), "deep.html")


def test_html_over_its_own_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from khaddam_align.ingest import sources

    page = tmp_path / "page.html"
    page.write_text("<html><body><p>" + "word " * 2000 + "</p></body></html>")
    monkeypatch.setattr(sources, "MAX_HTML_BYTES", 5_000)
    with pytest.raises(SourceError, match="larger than"):
        read_source(page)
    (tmp_path / "same.txt").write_bytes(page.read_bytes())  # the general limit is far higher
    assert read_source(tmp_path / "same.txt").text
