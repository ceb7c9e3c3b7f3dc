"""A real Arabic–English pair (ntrex-dev news): compare, then every format.

Read from ../shared/devdata (skipped when absent); the files are laid out as
paragraphs in tmp_path, never copied into the repository.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from khaddam_align.cli import main

pytestmark = [pytest.mark.corpus, pytest.mark.slow]
DTD = Path(__file__).parent / "data" / "tmx14.dtd"
ARTICLE = "bbc.381646"


def _layout(lines: list[str]) -> str:
    """Headline, then paragraphs of three sentences."""
    head, body = lines[0], lines[1:]
    paragraphs = [" ".join(body[k : k + 3]) for k in range(0, len(body), 3)]
    return "\n\n".join([head, *paragraphs]) + "\n"


@pytest.fixture
def pair(devdata_dir: Path, tmp_path: Path) -> tuple[Path, Path, list[tuple[str, str]]]:
    src = devdata_dir / "ntrex-dev"
    ar_lines = (src / f"{ARTICLE}.ar.txt").read_text(encoding="utf-8").splitlines()
    en_lines = (src / f"{ARTICLE}.en.txt").read_text(encoding="utf-8").splitlines()
    ar, en = tmp_path / "news_ar.txt", tmp_path / "news_en.txt"
    ar.write_text(_layout(ar_lines), encoding="utf-8")
    en.write_text(_layout(en_lines), encoding="utf-8")
    return ar, en, list(zip(ar_lines, en_lines, strict=True))


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text)))


def test_arabic_english_news_every_format(pair: tuple[Path, Path, list[tuple[str, str]]], db_path: Path, tmp_path: Path) -> None:
    ar, en, gold = pair
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db_path), "compare", str(ar), str(en), "-o", str(tmp_path / "r.pdf"), "-q", "--json"])
    assert result.exit_code == 0, result.output
    alignment_id = json.loads(result.stdout)["alignments"][0]["id"]

    tmx = tmp_path / "r.tmx"
    assert runner.invoke(main, ["--db", str(db_path), "export", str(alignment_id), "-o", str(tmx), "--all-links"]).exit_code == 0
    tree = etree.parse(str(tmx))
    assert etree.DTD(str(DTD)).validate(tree)
    pairs = {
        (_norm(tu.findtext("tuv[1]/seg") or ""), _norm(tu.findtext("tuv[2]/seg") or ""))
        for tu in tree.findall("body/tu")
    }
    expected = {(_norm(a), _norm(e)) for a, e in gold}
    # Most gold sentence pairs come out as translation units (the aligner is not perfect).
    assert len(pairs & expected) >= 0.8 * len(expected), (len(pairs & expected), len(expected))

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = _norm(subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True).stdout)
    words = set(text.split())
    for side in (0, 1):
        source_words = {w for g in gold for w in _norm(g[side]).split() if len(w) > 3}
        assert len(source_words & words) / len(source_words) > 0.95
