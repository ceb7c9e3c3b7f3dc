"""compare: import, align, detect and report in one command, end to end on real files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import func, select

from khaddam_align.cli import main
from khaddam_align.storage import Alignment, Rendering, open_workspace
from khaddam_align.storage.models import Divergence
from tests.conftest import corpus_file

DEMO = Path(__file__).resolve().parents[2] / "sources" / "demo"


@pytest.fixture
def demo() -> Path:
    if not (DEMO / "demo_ar.txt").is_file():
        pytest.skip("demo sources not present")
    return DEMO


def test_compare_arabic_english_html(demo: Path, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "compare", str(demo / "demo_ar.txt"), str(demo / "demo_en_a.txt"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Aligning" in result.stderr  # progress on stderr
    assert f"→ {out}" in result.stdout
    tree = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    rows = tree.xpath("//tr[starts-with(@id, 'link-')]")
    assert len(rows) > 10
    assert {td.get("dir") for td in tree.xpath("//td[@lang='ar']")} == {"rtl"}
    assert "demo_ar.txt" in tree.text_content()
    ws = open_workspace(db_path)
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(Rendering)) == 2
    ws.close()


def test_compare_reuses_imports_and_writes_json_and_xlsx(demo: Path, db_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    files = [str(demo / "demo_en_a.txt"), str(demo / "demo_en_b.txt")]
    first = runner.invoke(main, ["--db", str(db_path), "compare", *files, "-o", str(tmp_path / "r.json"), "--json", "-q"])
    assert first.exit_code == 0, first.output
    assert first.stderr == ""
    summary = json.loads(first.stdout)
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert doc["alignment"]["id"] == summary["alignments"][0]["id"]
    assert len(doc["divergences"]) == summary["alignments"][0]["divergences"]
    assert doc["divergences"], "the demo renderings differ; detection should find something"
    second = runner.invoke(main, ["--db", str(db_path), "compare", *files, "-o", str(tmp_path / "r.xlsx"), "-q"])
    assert second.exit_code == 0, second.output
    assert load_workbook(tmp_path / "r.xlsx").active.max_row == len(doc["links"]) + 1  # type: ignore[union-attr]
    ws = open_workspace(db_path)
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(Rendering)) == 2  # not imported twice
        assert s.scalar(select(func.count()).select_from(Alignment)) == 1  # the alignment is reused too
    ws.close()


def test_compare_three_files_writes_one_report_with_three_columns(demo: Path, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "three.html"
    files = [str(demo / "demo_en_a.txt"), str(demo / "demo_ar.txt"), str(demo / "demo_en_b.txt")]
    result = CliRunner().invoke(main, ["--db", str(db_path), "compare", *files, "-o", str(out), "-q", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["report"] == str(out)
    assert len(summary["alignments"]) == 3
    assert {a["report"] for a in summary["alignments"]} == {str(out)}  # every pair is in the one report
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".html") == ["three.html"]
    page = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    header = " ".join(page.xpath("//th//text()"))
    # three columns, named: the Arabic original and both English renderings
    assert "Arabic original" in header
    ws = open_workspace(db_path)
    with ws.session() as s:
        names = {r.id: r for r in s.scalars(select(Rendering))}
        english = [r for r in names.values() if r.language == "en"]
        assert len(english) == 2
        divs = s.scalar(select(func.count()).select_from(Divergence)) or 0
    ws.close()
    text = out.read_text(encoding="utf-8")
    # the English ↔ English pair's divergences are in it too: every divergence id appears
    assert divs == sum(a["divergences"] for a in summary["alignments"])
    en_en = next(a for a in summary["alignments"] if a["a"] in {r.id for r in english}
                 and a["b"] in {r.id for r in english})
    assert en_en["divergences"] > 0
    ws = open_workspace(db_path)
    with ws.session() as s:
        ids = set(s.scalars(select(Divergence.id).where(Divergence.alignment_id == en_en["id"],
                                                        Divergence.stale.is_(False))).all())
    ws.close()
    listed = {int(t) for t in page.xpath('//td[@class="num"]/span/text()') if t.strip().isdigit()}
    assert ids
    assert ids <= listed, "the report's ranked list has the English ↔ English divergences"
    assert "↔" in text
    # again in text form: one report line
    again = CliRunner().invoke(main, ["--db", str(db_path), "compare", *files, "-o", str(tmp_path / "t.csv"), "-q"])
    assert again.exit_code == 0, again.output
    assert again.stdout.count("→") == 1
    rows = (tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("pair,")


def test_compare_errors_are_one_line(demo: Path, db_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    bad_ext = runner.invoke(main, ["--db", str(db_path), "compare", str(demo / "demo_ar.txt"), str(demo / "demo_en_a.txt"), "-o", str(tmp_path / "r.doc")])
    assert bad_ext.exit_code == 1
    assert "Cannot tell the report format" in bad_ext.output
    no_dir = runner.invoke(main, ["--db", str(db_path), "compare", str(demo / "demo_ar.txt"), str(demo / "demo_en_a.txt"), "-o", str(tmp_path / "no" / "r.html")])
    assert no_dir.exit_code == 1
    assert "does not exist" in no_dir.output
    assert "Traceback" not in bad_ext.output + no_dir.output
    ws = open_workspace(db_path)
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(Rendering)) == 0  # checked before importing
    ws.close()


def test_compare_three_files_never_reuses_a_pair_aligned_the_other_way(demo: Path, db_path: Path,
                                                                       tmp_path: Path) -> None:
    """A newer alignment of two of the files made the other way round (second English ↔ Arabic)
    is not the one reused: it would drop that rendering's column from the three-column report."""
    files = [str(demo / "demo_ar.txt"), str(demo / "demo_en_a.txt"), str(demo / "demo_en_b.txt")]
    first = CliRunner().invoke(main, ["--db", str(db_path), "compare", *files, "-o", str(tmp_path / "a.html"),
                                      "-q", "--json"])
    assert first.exit_code == 0, first.output
    ar, _, en_b = json.loads(first.stdout)["renderings"]
    reversed_ = CliRunner().invoke(main, ["--db", str(db_path), "align", str(en_b), str(ar), "--json"])
    assert reversed_.exit_code == 0, reversed_.output
    reversed_id = json.loads(reversed_.stdout)["id"]
    out = tmp_path / "b.html"
    again = CliRunner().invoke(main, ["--db", str(db_path), "compare", *files, "-o", str(out), "-q", "--json"])
    assert again.exit_code == 0, again.output
    used = [a["id"] for a in json.loads(again.stdout)["alignments"]]
    assert reversed_id not in used
    assert used == [a["id"] for a in json.loads(first.stdout)["alignments"]]  # the earlier three, reused
    page = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    header = [" ".join(th.itertext()).strip() for th in page.xpath("//thead//th")]
    assert sum(("English" in h) for h in header) == 2, header  # both English columns are there


@pytest.mark.parametrize("bad", ["missing.txt", "folder", "empty.docx"])
def test_compare_reads_every_file_before_importing_any(demo: Path, db_path: Path, tmp_path: Path, bad: str) -> None:
    """A missing, unreadable or broken second (or third) file stops compare before the first is
    imported: the workspace is left as it was."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "empty.docx").write_bytes(b"not a zip")
    result = CliRunner().invoke(main, ["--db", str(db_path), "compare", str(demo / "demo_ar.txt"),
                                       str(tmp_path / bad), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1, result.output
    assert bad in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "r.html").exists()
    ws = open_workspace(db_path)
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(Rendering)) == 0
    ws.close()


@pytest.mark.corpus
@pytest.mark.slow
def test_compare_corpus_pair_every_format(corpus_dir: Path, db_path: Path, tmp_path: Path) -> None:
    files = [str(corpus_file(corpus_dir, "001")), str(corpus_file(corpus_dir, "002"))]
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db_path), "compare", *files, "-o", str(tmp_path / "r.html"), "-q", "--json"])
    assert result.exit_code == 0, result.output
    alignment_id = json.loads(result.stdout)["alignments"][0]["id"]
    for fmt in ("json", "csv", "xlsx", "tmx"):
        out = tmp_path / f"r.{fmt}"
        res = runner.invoke(main, ["--db", str(db_path), "export", str(alignment_id), "-o", str(out), "--all-links"] if fmt == "tmx"
                            else ["--db", str(db_path), "export", str(alignment_id), "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert out.stat().st_size > 1000
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert doc["renderings"]["a"]["publisher"] == "Asharq Al-Awsat"
    assert doc["renderings"]["b"]["publisher"] == "Al Majalla"
    tree = lxml.html.document_fromstring((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert len(tree.xpath("//tr[starts-with(@id, 'link-')]")) == len(doc["links"])


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_terminal_progress_lines_and_bar() -> None:
    from khaddam_align.cli.compare_cmd import TerminalProgress

    log = _Stream(tty=False)
    progress = TerminalProgress(stream=log)
    for fraction, label in [(0.0, "Reading"), (0.1, "Reading"), (0.2, "Done"), (0.5, "Aligning"), (1.0, "Done")]:
        assert progress(fraction, label) is True
    assert log.getvalue().splitlines() == ["  0%  Reading", " 50%  Aligning", "100%  Done"]
    tty = _Stream(tty=True)
    bar = TerminalProgress(stream=tty)
    bar(0.5, "Aligning")
    bar(1.0, "Done")
    assert tty.getvalue().startswith("\r[" + "#" * 15 + " " * 15 + "]  50%  Aligning")
    assert tty.getvalue().endswith("\n")


def test_tmx_of_an_unreviewed_alignment_says_why_it_is_empty(demo: Path, db_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    files = [str(demo / "demo_en_a.txt"), str(demo / "demo_en_b.txt")]
    assert runner.invoke(main, ["--db", str(db_path), "compare", *files, "-o", str(tmp_path / "r.json")]).exit_code == 0
    with open_workspace(db_path).session() as s:
        alignment_id = s.scalars(select(Alignment.id)).one()
    plain = runner.invoke(main, ["--db", str(db_path), "export", str(alignment_id), "-o", str(tmp_path / "a.tmx")])
    assert plain.exit_code == 0
    assert "no link of this alignment is confirmed" in plain.stderr
    assert "<tu " not in (tmp_path / "a.tmx").read_text(encoding="utf-8")
    every = runner.invoke(
        main, ["--db", str(db_path), "export", str(alignment_id), "-o", str(tmp_path / "b.tmx"), "--all-links"]
    )
    assert "confirmed" not in every.stderr
    assert "<tu " in (tmp_path / "b.tmx").read_text(encoding="utf-8")


def test_compare_again_reuses_the_alignment_and_keeps_verdicts(demo: Path, db_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    files = [str(demo / "demo_en_a.txt"), str(demo / "demo_en_b.txt")]
    base = ["--db", str(db_path), "compare", *files, "--json", "-q"]
    first = json.loads(runner.invoke(main, [*base, "-o", str(tmp_path / "1.json")]).stdout)
    alignment_id = first["alignments"][0]["id"]
    doc = json.loads((tmp_path / "1.json").read_text(encoding="utf-8"))
    divergence_id = doc["divergences"][0]["id"]
    verdict = ["--db", str(db_path), "verdict", str(divergence_id), "confirmed", "--note", "checked"]
    assert runner.invoke(main, verdict).exit_code == 0

    again = json.loads(runner.invoke(main, [*base, "-o", str(tmp_path / "2.json")]).stdout)
    assert again["alignments"][0]["id"] == alignment_id
    assert again["alignments"][0]["reused"] is True
    kept = {d["id"]: d for d in json.loads((tmp_path / "2.json").read_text(encoding="utf-8"))["divergences"]}
    assert (kept[divergence_id]["verdict"], kept[divergence_id]["note"]) == ("confirmed", "checked")

    fresh = json.loads(runner.invoke(main, [*base, "--new-alignment", "-o", str(tmp_path / "3.json")]).stdout)
    assert fresh["alignments"][0]["id"] != alignment_id
    assert fresh["alignments"][0]["reused"] is False
