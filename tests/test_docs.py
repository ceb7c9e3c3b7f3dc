"""Docs that nobody checks rot: every CLI command is documented, the README's commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import click

from khaddam_align.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _all_docs() -> str:
    parts = [ROOT.joinpath("README.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted(ROOT.joinpath("docs").glob("*.md"))]
    return "\n".join(parts)


def test_every_cli_command_is_documented() -> None:
    docs = _all_docs()
    missing = [name for name in main.commands if f"khaddam-align {name}" not in docs and f"`{name}" not in docs]
    assert missing == []


def test_every_option_of_every_command_is_documented() -> None:
    docs = _all_docs()
    missing = []
    for name, cmd in main.commands.items():
        for param in cmd.params:
            if isinstance(param, click.Option):
                longest = max(param.opts, key=len)
                if longest.startswith("--") and longest not in docs:
                    missing.append(f"{name} {longest}")
    assert missing == []


def test_readme_two_commands_exist_and_ci_runs_the_test_command() -> None:
    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    assert "bash scripts/dev.sh app" in readme
    assert "bash scripts/dev.sh test" in readme
    ci = ROOT.joinpath(".ci", "run").read_text(encoding="utf-8")
    assert re.search(r"scripts/dev\.sh test", ci)
