"""The import service on real workspace files: storage, errors, re-import, ranges."""

from __future__ import annotations

import codecs
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from khaddam_align.errors import KhaddamError, NotFound, SourceError
from khaddam_align.ingest.service import (
    Metadata,
    get_rendering,
    import_file,
    import_files,
    import_text,
    list_renderings,
    list_segments,
    set_range_active,
)
from khaddam_align.storage import (
    Alignment,
    AuditEntry,
    ExcludedRange,
    Rendering,
    Segment,
    Workspace,
)

EN = (
    "Talks Resume in the Capital\n"
    "\n"
    "publisher: The Daily Example\n"
    "\n"
    "AUTHOR: Jane Reporter\n"
    "\n"
    "Publishing date: 2024-05-01\n"
    "\n"
    "\n"
    "The committee met on Monday. Mr. Smith said the budget was ready.\n"
    "\n"
    "The Daily Example\n"
    "\n"
    "Members agreed to publish the minutes before the end of the week, officials said.\n"
)
AR = (
    "عنوان المقال عن المحادثات\n"
    "\n"
    "الناشر: صحيفة المثال\n"
    "\n"
    "قال الرئيس إن المحادثات كانت مثمرة، وإن الجانبين اتفقا على مواصلة التنسيق. ثم غادر القاعة.\n"
    "\n"
    "هل يمكن أن تنجح الخطة؟ هذا ما ستكشفه الأيام المقبلة.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _counts(ws: Workspace) -> tuple[int, int, int, int]:
    with ws.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Rendering)) or 0,
            s.scalar(select(func.count()).select_from(Segment)) or 0,
            s.scalar(select(func.count()).select_from(ExcludedRange)) or 0,
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def _check_segments(ws: Workspace, rendering_id: int) -> None:
    detail = get_rendering(ws, rendering_id)
    with ws.session() as s:
        text = s.get(Rendering, rendering_id).text  # type: ignore[union-attr]
    active = [(r.start, r.end) for r in detail.ranges if r.active]
    for seg in list_segments(ws, rendering_id):
        assert seg.text == text[seg.start : seg.end] == seg.text.strip()
        assert not any(a < seg.end and seg.start < b for a, b in active)


def test_english_file_with_header_crlf_stored_verbatim(ws: Workspace, tmp_path: Path) -> None:
    data = EN.replace("\n", "\r\n").encode("utf-8")
    report = import_file(ws, _write(tmp_path, "en.txt", data))
    [r] = report.imported
    assert (r.title, r.publisher, r.author, r.published, r.language) == (
        "Talks Resume in the Capital",
        "The Daily Example",
        "Jane Reporter",
        "2024-05-01",
        "en",
    )
    with ws.session() as s:
        stored = s.get(Rendering, r.id)
        assert stored is not None
        assert stored.text == data.decode("utf-8")  # CRLF kept
        assert stored.encoding == "utf-8"
        assert stored.file_name == "en.txt"
    detail = get_rendering(ws, r.id)
    assert [x.reason for x in detail.ranges] == ["metadata header", "publisher credit line"]
    segs = list_segments(ws, r.id)
    assert segs[0].kind == "title"
    assert segs[0].text == "Talks Resume in the Capital"
    assert all("publisher" not in s.text and s.text != "The Daily Example" for s in segs)
    _check_segments(ws, r.id)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_arabic_file_in_each_encoding(ws: Workspace, tmp_path: Path, encoding: str) -> None:
    report = import_file(ws, _write(tmp_path, f"ar-{encoding}.txt", AR.encode(encoding)))
    [r] = report.imported
    assert r.language == "ar"
    assert r.publisher == "صحيفة المثال"
    with ws.session() as s:
        stored = s.get(Rendering, r.id)
        assert stored is not None
        assert stored.text == AR
        assert stored.encoding == encoding
    texts = [s.text for s in list_segments(ws, r.id)]
    assert texts[0] == "عنوان المقال عن المحادثات"
    assert "هل يمكن أن تنجح الخطة؟" in texts
    _check_segments(ws, r.id)


def test_flags_override_header_and_lang_overrides_detection(ws: Workspace, tmp_path: Path) -> None:
    path = _write(tmp_path, "en.txt", EN.encode("utf-8"))
    meta = Metadata(title="Own Title", publisher="Other Paper", author="A. N. Other", date="2020-02-02")
    [r] = import_file(ws, path, meta=meta, lang="ar", work="My Work").imported
    assert (r.title, r.publisher, r.author, r.published, r.language, r.work) == (
        "Own Title",
        "Other Paper",
        "A. N. Other",
        "2020-02-02",
        "ar",
        "My Work",
    )
    assert get_rendering(ws, r.id).extra["header"]["AUTHOR"] == "Jane Reporter"


def test_reimport_same_bytes_is_reported_not_duplicated(ws: Workspace, tmp_path: Path) -> None:
    path = _write(tmp_path, "en.txt", EN.encode("utf-8"))
    first = import_file(ws, path)
    copy = _write(tmp_path, "copy.txt", EN.encode("utf-8"))
    before = _counts(ws)
    again = import_files(ws, [path, copy])
    assert again.imported == ()
    assert [a.ids for a in again.already] == [tuple(first.ids), tuple(first.ids)]
    assert again.messages[0] == f"en.txt: already imported as #{first.ids[0]}; not imported again."
    assert _counts(ws) == before


def test_same_file_twice_in_one_call_is_imported_once(ws: Workspace, tmp_path: Path) -> None:
    path = _write(tmp_path, "en.txt", EN.encode("utf-8"))
    report = import_files(ws, [path, path])
    assert len(report.imported) == 1
    assert len(report.already) == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", r"empty\.txt: the file is empty"),
        ("blank.txt", b"  \n\r\n ", r"blank\.txt: the file is empty"),
        ("bom.txt", codecs.BOM_UTF8 + b"\n", r"bom\.txt: the file has no text"),
        ("scan.pdf", b"%PDF-1.7 ...", r"scan\.pdf: cannot import \.pdf files"),
        ("photo.png", b"\x89PNG\r\n", r"photo\.png: cannot import \.png files"),
        ("renamed.txt", b"%PDF-1.4 binary", r"renamed\.txt: this is a PDF document, not text"),
        ("noise.txt", b"ok\n" + bytes(range(0x80, 0x100)) * 2, r"noise\.txt: line 2: the bytes are not UTF-8"),
        ("old.doc", b"\xd0\xcf\x11\xe0", r"old\.doc: cannot import \.doc files"),
    ],
)
def test_bad_files_raise_one_clear_error_and_change_nothing(
    ws: Workspace, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    good = _write(tmp_path, "good.txt", EN.encode("utf-8"))
    bad = _write(tmp_path, name, data)
    before = _counts(ws)
    with pytest.raises(SourceError, match=message):
        import_files(ws, [good, bad])  # the good file is not saved either
    assert _counts(ws) == before


def test_directory_missing_file_and_bad_date(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="is a folder, not a file"):
        import_file(ws, tmp_path)
    with pytest.raises(SourceError, match=r"nope\.txt: no such file"):
        import_file(ws, tmp_path / "nope.txt")
    path = _write(tmp_path, "en.txt", EN.encode("utf-8"))
    with pytest.raises(SourceError, match=r"--date 2021-02-30: not a valid date"):
        import_file(ws, path, meta=Metadata(date="2021-02-30"))
    with pytest.raises(SourceError, match="unknown language"):
        import_file(ws, path, lang="fr")
    assert _counts(ws) == (0, 0, 0, 0)


def test_two_articles_become_two_renderings_over_the_same_text(ws: Workspace, tmp_path: Path) -> None:
    second = (
        "\n\n\nA Different Story About Rivers\n\nRiver photo (Reuters)\nTT\n\n"
        "A Different Story About Rivers\n\nThe river rose by two metres overnight. Farmers moved their cattle.\n"
    )
    text = EN + second
    report = import_file(ws, _write(tmp_path, "two.txt", text.encode("utf-8")))
    first, split = report.imported
    assert split.split_from_id == first.id
    assert split.title == "A Different Story About Rivers"
    assert split.publisher == ""  # the header belongs to the first article
    assert f"split off as its own rendering #{split.id}" in report.messages[0]
    with ws.session() as s:
        assert s.get(Rendering, first.id).text == s.get(Rendering, split.id).text == text  # type: ignore[union-attr]
    r1 = get_rendering(ws, first.id).ranges
    r2 = get_rendering(ws, split.id).ranges
    assert r1[-1].reason == f"appended article, split off as rendering #{split.id}"
    assert r1[-1].end == len(text)
    assert r2[0].reason == f"first article of the file, kept as rendering #{first.id}"
    assert r2[0].start == 0
    assert r2[0].end == r1[-1].start
    assert all("river" not in s.text.lower() for s in list_segments(ws, first.id))
    assert all("committee" not in s.text for s in list_segments(ws, split.id))
    _check_segments(ws, first.id)
    _check_segments(ws, split.id)


def test_include_and_exclude_resegment(ws: Workspace, tmp_path: Path) -> None:
    [r] = import_file(ws, _write(tmp_path, "en.txt", EN.encode("utf-8"))).imported
    header = next(x for x in get_rendering(ws, r.id).ranges if x.reason == "metadata header")
    before = [s.text for s in list_segments(ws, r.id)]
    change = set_range_active(ws, header.id, False)
    assert change.changed
    after = list_segments(ws, r.id)
    assert change.segments == len(after) == len(before) + 3
    assert [s.kind for s in after if s.text.startswith(("publisher:", "AUTHOR:", "Publishing"))] == ["meta"] * 3
    assert set_range_active(ws, header.id, False).changed is False
    set_range_active(ws, header.id, True)
    assert [s.text for s in list_segments(ws, r.id)] == before
    with ws.session() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["rendering.import", "range.include", "range.exclude"]


def test_switching_a_range_of_an_aligned_rendering_is_refused(ws: Workspace, tmp_path: Path) -> None:
    a = import_file(ws, _write(tmp_path, "en.txt", EN.encode("utf-8"))).ids[0]
    b = import_file(ws, _write(tmp_path, "ar.txt", AR.encode("utf-8"))).ids[0]
    with ws.transaction() as s:
        s.add(Alignment(a_id=b, b_id=a, method="test", created=datetime.now(UTC)))
    range_id = get_rendering(ws, a).ranges[0].id
    with pytest.raises(KhaddamError, match=rf"Rendering #{a} is already aligned"):
        set_range_active(ws, range_id, False)
    assert get_rendering(ws, a).ranges[0].active is True
    with pytest.raises(NotFound, match="no excluded range #999"):
        set_range_active(ws, 999, False)


def test_pasted_text(ws: Workspace) -> None:
    report = import_text(ws, AR, name="from clipboard")
    [r] = report.imported
    assert r.file_name == "from clipboard"
    assert r.language == "ar"
    assert get_rendering(ws, r.id).file_format == "paste"
    assert import_text(ws, AR).already[0].ids == (r.id,)
    with pytest.raises(SourceError, match="no text to import"):
        import_text(ws, " \n ")


def test_html_and_docx_files(ws: Workspace, tmp_path: Path) -> None:
    import io

    import docx

    body = "The delegation arrived in Tehran in the morning, and the talks began at once, officials said."
    html = f"<html><head><title>Tehran Talks</title></head><body><article><h1>Tehran Talks</h1><p>{body}</p><p>{body[::-1]}</p></article></body></html>"
    document = docx.Document()
    document.add_paragraph("Word Title")
    document.add_paragraph(body)
    out = io.BytesIO()
    document.save(out)
    report = import_files(
        ws, [_write(tmp_path, "p.html", html.encode("utf-8")), _write(tmp_path, "d.docx", out.getvalue())]
    )
    h, d = report.imported
    assert h.title == "Tehran Talks"
    assert get_rendering(ws, h.id).file_format == "html"
    assert d.title == "Word Title"
    assert [s.text for s in list_segments(ws, d.id)][:2] == ["Word Title", body]


def test_listing(ws: Workspace, tmp_path: Path) -> None:
    import_files(ws, [_write(tmp_path, "en.txt", EN.encode("utf-8")), _write(tmp_path, "ar.txt", AR.encode("utf-8"))])
    rows = list_renderings(ws)
    assert [(r.language, r.file_name) for r in rows] == [("en", "en.txt"), ("ar", "ar.txt")]
    assert rows[0].segments == len(list_segments(ws, rows[0].id))
    assert rows[0].excluded == 2
    with pytest.raises(NotFound, match="no rendering #42"):
        get_rendering(ws, 42)


def test_import_on_sqlite_and_postgresql(any_ws: Workspace, tmp_path: Path) -> None:
    [r] = import_file(any_ws, _write(tmp_path, "ar.txt", AR.encode("cp1256")), work="عمل").imported
    assert r.work == "عمل"
    assert get_rendering(any_ws, r.id).encoding == "cp1256"
    _check_segments(any_ws, r.id)
    header = get_rendering(any_ws, r.id).ranges[0]
    assert set_range_active(any_ws, header.id, False).changed


_WORDS = st.sampled_from(["Mr. Smith", "said", "the", "قال", "الرئيس", "Gen.", "«نعم»", "TT", "20", "“Yes.”", "؟", "."])
_LINES = st.lists(_WORDS, min_size=0, max_size=8).map(" ".join)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_LINES, min_size=1, max_size=20), st.sampled_from(["\n", "\r\n"]))
def test_stored_text_is_verbatim_and_segments_are_slices(ws: Workspace, lines: list[str], eol: str) -> None:
    text = eol.join(lines) + "x"
    report = import_text(ws, text, name="prop")
    if not report.imported:  # the same text came up twice
        return
    rid = report.imported[0].id
    with ws.session() as s:
        assert s.get(Rendering, rid).text == text  # type: ignore[union-attr]
    _check_segments(ws, rid)


def test_cancelling_saves_nothing(ws: Workspace, tmp_path: Path) -> None:
    from khaddam_align.errors import Cancelled

    paths = [_write(tmp_path, "en.txt", EN.encode("utf-8")), _write(tmp_path, "ar.txt", AR.encode("utf-8"))]
    seen: list[str] = []

    def progress(fraction: float, label: str) -> bool:
        seen.append(label)
        return label != "Saving" or seen.count("Saving") < 2  # cancel at the last moment, mid-transaction

    with pytest.raises(Cancelled):
        import_files(ws, paths, progress=progress)
    assert _counts(ws) == (0, 0, 0, 0)
    fractions: list[float] = []
    import_files(ws, paths, progress=lambda f, _label: fractions.append(f) is None)
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert _counts(ws)[0] == 2


def test_catalog_match_fills_missing_metadata_and_work(ws: Workspace, tmp_path: Path) -> None:
    from khaddam_align.ingest.catalog import load_catalog

    cat_file = tmp_path / "catalog.toml"
    cat_file.write_text(
        '[publishers]\n"Daily Example" = ["The Daily Example", "ذا ديلي"]\n'
        '[[work]]\nname = "Budget talks, May 2024"\nnote = "The May budget round."\n'
        '[[rendering]]\nkey = "daily-2024-05-01"\npublisher = "Daily Example"\npublished = "2024-05-01"\n'
        'series = "Budget"\npart = "1 of 2"\nurl = "https://example.org/a"\nauthor = "Catalog Author"\n'
        'work = "Budget talks, May 2024"\n',
        encoding="utf-8",
    )
    catalog = load_catalog(cat_file)
    [r] = import_file(ws, _write(tmp_path, "en.txt", EN.encode("utf-8")), catalog=catalog).imported
    assert r.publisher == "Daily Example"  # clean name from [publishers]
    assert r.author == "Jane Reporter"  # the header wins over the catalog
    assert r.catalog == "daily-2024-05-01"
    assert r.work == "Budget talks, May 2024"
    detail = get_rendering(ws, r.id)
    assert (detail.series, detail.part, detail.url) == ("Budget", "1 of 2", "https://example.org/a")
    assert detail.extra["publisher_raw"] == "The Daily Example"
    from khaddam_align.storage import Work

    with ws.session() as s:
        assert s.scalar(select(Work.note).where(Work.name == r.work)) == "The May budget round."
