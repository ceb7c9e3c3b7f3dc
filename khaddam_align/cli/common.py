"""Shared pieces of the CLI: context object, output helpers, option bundles.

Light on purpose: ``--help`` imports this module, so the core (SQLAlchemy, numpy, …) is
imported only inside the functions that need it (docs/architecture.md, "CLI start-up").
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click

from khaddam_align.errors import KhaddamError

if TYPE_CHECKING:
    from khaddam_align.storage import Workspace

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
            from khaddam_align.storage import open_workspace

            self._ws = open_workspace(self.db)
        return self._ws

    def close(self) -> None:
        """Close the workspace's connections when the command ends: SQLite then folds its
        write-ahead log into the file and removes it (the file alone holds everything)."""
        if self._ws is not None:
            self._ws.close()
            self._ws = None

    @property
    def where(self) -> str:
        """The workspace as named in messages."""
        if self._ws is not None:
            return self._ws.where
        from khaddam_align.storage import default_db_path

        return self.db or str(default_db_path())

    def show(self, text: str) -> str:
        """Text prepared for the terminal (Arabic shaped/reordered when needed)."""
        from khaddam_align.terminal import display_text

        return display_text(text, mode=self.bidi, stream=sys.stdout)


pass_app = click.make_pass_decorator(AppContext)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (plain logical text).")(func)


# json.dumps escapes C0 controls itself; these would still act on a terminal (C1, bidi controls).
_JSON_ACTING = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(value: Any) -> str:
    """JSON (logical-order text, not ASCII-escaped) in which no character can act on a terminal."""
    body = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    return _JSON_ACTING.sub(lambda m: f"\\u{ord(m.group()):04x}", body)


def echo_json(value: Any) -> None:
    click.echo(json_text(value))


def safe(text: str) -> str:
    """A field for the terminal without Arabic reordering: controls and bidi controls made visible."""
    from khaddam_align.text.visible import visible

    return visible(text)


class ProgressDisplay:
    """Progress on stderr: one redrawn line on a terminal; otherwise (a log, CI, a pipe), once the
    work has run ``quiet`` seconds, a plain line when the step changes and at least every ``every``
    seconds, so long work shows it is alive while quick commands print nothing extra."""

    def __init__(self, *, every: float = 10.0, quiet: float = 2.0) -> None:
        self.tty = sys.stderr.isatty()
        self.every = every
        self.started = time.monotonic()
        self.quiet = quiet
        self.last_label = ""
        self.last_line = 0.0

    def __call__(self, fraction: float, label: str) -> bool:
        now = time.monotonic()
        text = f"{fraction:4.0%}  {safe(label)}"
        if self.tty:
            click.echo(f"\r\033[K{text}"[:120], err=True, nl=fraction >= 1.0)
        elif now - self.started < self.quiet:
            pass
        elif label != self.last_label or now - self.last_line >= self.every or fraction >= 1.0:
            click.echo(text, err=True)
            self.last_line = now
        self.last_label = label
        return True


def error_line(exc: Exception, app: AppContext | None = None) -> str:
    """The one line a ``KhaddamError`` (or a database fault) is shown as; names in it may hold escape sequences."""
    if type(exc).__module__.startswith("sqlalchemy"):  # imported only on this error path
        from sqlalchemy.exc import SQLAlchemyError

        from khaddam_align.storage.db import database_error

        if isinstance(exc, SQLAlchemyError):
            exc = database_error(exc, app.where if app is not None else "the workspace")
    from khaddam_align.text.visible import visible

    return visible(f"Error: {exc}", keep="")


def run_frontend(name: str, db: str | None) -> None:
    """Start a front end registered under the ``khaddam_align.frontends`` entry point.

    The core never imports the Qt app; the app registers itself as a plugin.
    """
    from importlib.metadata import entry_points

    found = {ep.name: ep for ep in entry_points(group="khaddam_align.frontends")}
    if name not in found:
        raise KhaddamError(
            "The desktop app is not installed.",
            hint="Reinstall khaddam-align with its ui package (pip install -e .).",
        )
    launch = found[name].load()
    sys.exit(launch(db=db))
