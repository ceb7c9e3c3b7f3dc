"""Shared pieces of the CLI: context object, output helpers, option bundles."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, TypeVar

import click

from khaddam_align.errors import KhaddamError
from khaddam_align.storage import Workspace, open_workspace

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class AppContext:
    """What every subcommand gets: the chosen workspace and output settings."""

    db: str | None
    bidi: str = "auto"
    _ws: Workspace | None = field(default=None, repr=False)

    @property
    def ws(self) -> Workspace:
        if self._ws is None:
            self._ws = open_workspace(self.db)
        return self._ws

    def show(self, text: str) -> str:
        """Text prepared for the terminal (Arabic shaped/reordered when needed)."""
        from khaddam_align.terminal import display_text  # not at start-up: ``align`` never needs it

        return display_text(text, mode=self.bidi, stream=sys.stdout)


pass_app = click.make_pass_decorator(AppContext)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (plain logical text).")(func)


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def run_frontend(name: str, db: str | None) -> None:
    """Start a front end registered under the ``khaddam_align.frontends`` entry point.

    The core never imports the Qt app; the app registers itself as a plugin.
    """
    found = {ep.name: ep for ep in entry_points(group="khaddam_align.frontends")}
    if name not in found:
        raise KhaddamError(
            "The desktop app is not installed.",
            hint="Reinstall khaddam-align with its ui package (pip install -e .).",
        )
    launch = found[name].load()
    sys.exit(launch(db=db))
