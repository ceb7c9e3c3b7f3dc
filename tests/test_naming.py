from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from khaddam_align.cli import main
from khaddam_align.naming import (
    RenderingIdentity,
    distinct_names,
    originals,
    rendering_name,
    view_names,
)


def test_names_come_from_publisher_and_language() -> None:
    assert rendering_name(RenderingIdentity(1, "en", publisher="Asharq Al-Awsat")) == "Asharq Al-Awsat (English)"
    assert rendering_name(RenderingIdentity(2, "ar", original=True)) == "Arabic original"
    assert rendering_name(RenderingIdentity(2, "ar", publisher="أرشيف", original=True)) == "Arabic original"
    assert rendering_name(RenderingIdentity(3, "en", file_name="/x/minutes_v2.txt")) == "minutes_v2 (English)"
    assert rendering_name(RenderingIdentity(4, "en")) == "rendering 4 (English)"


def test_clashing_names_are_told_apart() -> None:
    a = RenderingIdentity(1, "en", publisher="P", published="2021-01-01")
    b = RenderingIdentity(2, "en", publisher="P", published="2024-01-01")
    c = RenderingIdentity(3, "en", publisher="P", published="2024-01-01")
    names = distinct_names([a, b, c])
    assert len(set(names)) == 3
    assert names[0] == "P (English, 2021-01-01)"


def test_the_arabic_rendering_is_the_original_wherever_it_stands() -> None:
    assert originals(["ar", "en"]) == [True, False]
    assert originals(["en", "ar"]) == [False, True]
    assert originals(["en", "ar", "en"]) == [False, True, False]
    assert originals(["fr", "en"]) == [True, False]  # no Arabic: the first, when languages differ
    assert originals(["en", "en"]) == [False, False]
    ar, en = RenderingIdentity(1, "ar", publisher="أرشيف"), RenderingIdentity(2, "en", publisher="Daily")
    assert view_names([en, ar]) == ["Daily (English)", "Arabic original"]


def test_an_alignment_made_english_first_still_names_the_arabic_original(tmp_path: Path) -> None:
    """Every screen and report names renderings one way: the summary of ``align EN AR``, its
    divergences and its JSON document all call the Arabic the original."""
    db = str(tmp_path / "w.sqlite")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "demo"]).exit_code == 0
    done = runner.invoke(main, ["--db", db, "align", "2", "1"])
    assert done.exit_code == 0, done.output
    assert "only in Arabic original" in done.output, done.output
    assert "English original" not in done.output
    out = tmp_path / "doc.json"
    alignment_id = done.output.split(":")[0].split()[-1]
    assert runner.invoke(main, ["--db", db, "export", alignment_id, "-o", str(out)]).exit_code == 0
    names = {side: r["name"] for side, r in json.loads(out.read_text(encoding="utf-8"))["renderings"].items()}
    assert names["b"] == "Arabic original"
    assert names["a"].endswith("(English)")
