"""A 1 MB line with no sentence break aligns in bounded work; progress shows in a log too."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from khaddam_align.diverge import worddiff
from khaddam_align.text.sample import feature_sample

WORDS = ["the", "minister", "said", "talks", "would", "continue", "between", "delegations", "on", "border", "security", "and", "water"]


def test_feature_sample_keeps_short_text_and_bounds_long() -> None:
    assert feature_sample("a short sentence.") == "a short sentence."
    long = " ".join(random.Random(1).choice(WORDS) for _ in range(200_000))
    sample = feature_sample(long)
    assert len(sample) <= 4_001
    assert long.startswith(sample.split(" ")[0])


@settings(max_examples=200, deadline=None)
@given(a=st.lists(st.sampled_from("abcde"), max_size=60), b=st.lists(st.sampled_from("abcde"), max_size=60),
       cells=st.integers(1, 400))
def test_windowed_opcodes_cover_both_sides(a: list[str], b: list[str], cells: int) -> None:
    original = worddiff.MAX_DIFF_CELLS
    worddiff.MAX_DIFF_CELLS = cells
    try:
        ops = worddiff._opcodes(a, b)
    finally:
        worddiff.MAX_DIFF_CELLS = original
    a_pos = b_pos = 0
    for tag, a_lo, a_hi, b_lo, b_hi in ops:  # contiguous, in order, complete
        assert (a_lo, b_lo) == (a_pos, b_pos)
        if tag == "equal":
            assert a[a_lo:a_hi] == b[b_lo:b_hi]
        a_pos, b_pos = a_hi, b_hi
    assert (a_pos, b_pos) == (len(a), len(b))
    if len(a) * len(b) <= cells:
        assert ops == [(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Indel.opcodes(a, b)]


@pytest.mark.slow
def test_one_megabyte_line_aligns_in_bounded_memory(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = [rng.choice(WORDS) for _ in range(170_000)]  # ~1 MB, one line
    (tmp_path / "a.txt").write_text(" ".join(words) + "\n")
    words[::50] = ["changed"] * len(words[::50])
    (tmp_path / "b.txt").write_text(" ".join(words) + "\n")
    db = tmp_path / "ws.sqlite"
    cli = [sys.executable, "-c", "from khaddam_align.cli import main; main()", "--db", str(db)]
    assert subprocess.run([*cli, "import", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
                          capture_output=True, timeout=300).returncode == 0
    # /usr/bin/time-like: the child's peak memory, read from its rusage
    code = (
        "import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(p.returncode); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.stderr.write(p.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code, *cli, "align", "1", "2"], capture_output=True, text=True,
                          timeout=300)
    rc, peak_kb = (int(x) for x in proc.stdout.split())
    assert rc == 0, proc.stderr
    assert peak_kb < 600_000  # was 2.4 GB for the word diff of two such lines
    proc = subprocess.run([sys.executable, "-c", code, *cli, "divergences", "1"], capture_output=True, text=True,
                          timeout=300)
    rc, peak_kb = (int(x) for x in proc.stdout.split())
    assert rc == 0, proc.stderr
    assert peak_kb < 600_000


def test_progress_lines_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from khaddam_align.cli.common import ProgressDisplay

    show = ProgressDisplay(every=0.0, quiet=0.0)
    assert not show.tty
    show(0.1, "Comparing segments")
    show(0.5, "Aligning \x1b[2J")
    show(1.0, "Done")
    err = capsys.readouterr().err
    assert err.splitlines() == [" 10%  Comparing segments", " 50%  Aligning \u241b[2J", "100%  Done"]
    assert "\r" not in err
