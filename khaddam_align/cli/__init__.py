"""The ``khaddam-align`` command: a thin layer over the core library.

Every subcommand lives in a module ``cli/<name>_cmd.py`` that registers itself on
``main``; every such module is imported when this package is (no list to keep). Library
errors (``KhaddamError``) become one line on stderr and a non-zero exit, never a
traceback. With no subcommand, the desktop app opens.

Start-up stays fast: ``--help``, ``--version`` and argument errors import only click and
the CLI's own light modules. A command module imports the core (SQLAlchemy, numpy, …)
inside its command functions, never at its top (docs/architecture.md, "CLI start-up";
tests/cli/test_startup.py checks it).
"""

from __future__ import annotations

import atexit
import gc
import importlib
import os
import pkgutil
import sys
from typing import Any

# A command is one short process. numpy's OpenBLAS would start a thread per core at import
# (~0.1 s of CPU) for matrix products the commands barely use: one thread, unless the user
# says otherwise (docs/benchmarks.md, "align command end to end").
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import click

from khaddam_align.cli.common import AppContext, error_line, run_frontend
from khaddam_align.errors import KhaddamError


class _Group(click.Group):
    """Turns ``KhaddamError`` into ``Error: <message>`` and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            # A user-fixable problem, or a database fault mid-command (SQLAlchemy's errors, told by
            # their module so that start-up does not import SQLAlchemy): one line each.
            if not isinstance(exc, KhaddamError) and not type(exc).__module__.startswith("sqlalchemy"):
                raise
            click.echo(error_line(exc, ctx.obj if isinstance(ctx.obj, AppContext) else None), err=True)
            ctx.exit(1)


def _usage_line(exc: click.UsageError) -> None:
    where = exc.ctx.command_path if exc.ctx is not None else "khaddam-align"
    message = exc.format_message().rstrip().removeprefix("Invalid value: ")  # the message says it
    stop = "" if message.endswith((".", "!", "?")) else "."
    click.echo(f"Error: {message}{stop} See: {where} --help", err=True)


class _OneLine(_Group):
    """Argument mistakes (an unknown option, a bad value, a missing argument) are one line
    too, naming the ``--help`` to read, with click's exit status 2 (not the usage block)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            _usage_line(exc)
            ctx.exit(2)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as exc:
            _usage_line(exc)
            raise click.exceptions.Exit(2) from None


@click.group(cls=_OneLine, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    metavar="PATH|URL",
    envvar="KHADDAM_ALIGN_DB",
    help="Workspace: a SQLite file path or a SQLAlchemy URL (default: a file in your data folder).",
)
@click.option(
    "--bidi",
    type=click.Choice(["auto", "on", "off"]),
    default="auto",
    show_default=True,
    help="Shape and reorder Arabic for terminals without bidi support (auto: only when writing to a terminal).",
)
@click.version_option(package_name="khaddam-align")
@click.pass_context
def main(ctx: click.Context, db: str | None, bidi: str) -> None:
    """Align an Arabic original with its English renderings and report where they diverge.

    Run without a command to open the desktop app.
    """
    ctx.obj = AppContext(db=db, bidi=bidi)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        run_frontend("gui", db)
    elif ctx.invoked_subcommand != "gui":
        # At exit the interpreter's last garbage collections walk every object the imports made
        # (~0.1 s for SQLAlchemy + numpy + the aligner); frozen objects are skipped. They are
        # still freed, and every file and transaction is closed by then. Not for the app: Qt's
        # objects are left to the collection they expect.
        atexit.register(gc.freeze)


@main.command()
@click.pass_obj
def gui(app: AppContext) -> None:
    """Open the desktop app."""
    run_frontend("gui", app.db)


def command_modules() -> list[str]:
    """The modules that add commands to ``main``: every ``khaddam_align/cli/*_cmd.py``."""
    return sorted(f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__) if m.name.endswith("_cmd"))


def _register() -> None:
    # Imported here, after ``main`` exists, so the command modules can import it from this package.
    for name in command_modules():
        importlib.import_module(name)


_register()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
