"""Every command an error message or hint names exists (a hint that sends people to a missing command rots)."""

from __future__ import annotations

import re
from pathlib import Path

from khaddam_align.cli import main

ROOT = Path(__file__).resolve().parents[2]
NAMED = re.compile(r"khaddam-align ((?:[a-z][a-z-]*)(?:/[a-z][a-z-]*)*)")
# Words after "khaddam-align" in prose, not commands.
PROSE = {"workspace", "window", "desktop", "with", "to", "or", "and", "is", "alignment", "the", "app", "itself"}


def _named_commands() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for folder in ("khaddam_align", "ui/khaddam_align_ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if '"' not in line and "'" not in line:
                    continue  # hints live in string literals
                for match in NAMED.finditer(line):
                    for name in match.group(1).split("/"):
                        if name not in PROSE:
                            found.setdefault(name, []).append(f"{path.relative_to(ROOT)}:{line_no}")
    return found


def test_every_command_a_hint_names_exists() -> None:
    named = _named_commands()
    assert {"sources", "alignments", "divergences"} <= set(named)  # the scan finds the hints
    missing = {name: where for name, where in named.items() if name not in main.commands}
    assert missing == {}
