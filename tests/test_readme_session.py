"""The README's "first session", run exactly as written on an empty workspace, so it cannot rot.

Every command of the section's code block runs in order (in a temporary folder, on the
empty workspace the test fixtures give ``KHADDAM_ALIGN_DB``). Ids the README uses must be
ones the commands before it printed: the divergence a ``verdict`` judges must be listed by
the ``divergences`` command just before it, and belong to that alignment.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from khaddam_align.cli import main
from khaddam_align.storage import open_workspace
from khaddam_align.storage.models import Divergence

README = Path(__file__).resolve().parent.parent / "README.md"


def first_session_commands() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## A first session", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"(?:^ {4}\S.*\n)+", section, re.M)
    assert block, "no indented code block in the README's first session"
    commands = [shlex.split(line, comments=True) for line in block.group(0).splitlines()]
    assert all(cmd[0] == "khaddam-align" for cmd in commands), commands
    return [cmd[1:] for cmd in commands]


def test_the_first_session_starts_from_demo_and_only_uses_what_ships() -> None:
    commands = first_session_commands()
    assert commands[0] == ["demo"]
    assert not [c for c in commands if c[0] in ("import", "compare")], "the session must not need the checkout"


@pytest.mark.gui
def test_readme_first_session_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    listed: tuple[int, set[int]] | None = None  # the last `divergences N` and the ids it printed
    for args in first_session_commands():
        result = runner.invoke(main, ["--bidi", "off", *args])
        assert result.exit_code == 0, f"`khaddam-align {shlex.join(args)}` failed:\n{result.output}"
        if args[0] == "divergences":
            ids = {int(line.split()[0]) for line in result.stdout.splitlines() if line.strip()[:1].isdigit()}
            listed = (int(args[1]), ids)
        if args[0] == "verdict":
            divergence_id = int(args[1])
            assert listed is not None, "verdict before any divergences listing"
            alignment_id, ids = listed
            assert divergence_id in ids, (
                f"README: `verdict {divergence_id}` but `divergences {alignment_id}` printed {sorted(ids)}; "
                "update the README's first session"
            )
            ws = open_workspace(None)
            with ws.session() as s:
                row = s.get(Divergence, divergence_id)
                assert row is not None
                assert row.alignment_id == alignment_id
                assert row.verdict == args[2]
                # The README's note must be about this divergence: its numbers are in the description.
                note = args[args.index("--note") + 1] if "--note" in args else ""
                for number in re.findall(r"\d+", note):
                    assert number in row.description, (
                        f"README: the note on divergence {divergence_id} names {number}, "
                        f"but that divergence is: {row.description}"
                    )
            ws.close()
        if "-o" in args:
            out = tmp_path / args[args.index("-o") + 1]
            assert out.is_file()
            assert out.stat().st_size > 5000
