"""The ``khaddam-align`` command: a thin layer over the core library.

Every subcommand lives in a small module of this package and registers itself
on ``main``. Library errors (``KhaddamError``) become one line on stderr and a
non-zero exit, never a traceback. With no subcommand, the desktop app opens.
"""

from __future__ import annotations

import sys

import click
from sqlalchemy.exc import SQLAlchemyError

from khaddam_align.cli.common import AppContext, error_line, run_frontend
from khaddam_align.errors import KhaddamError


class _Group(click.Group):
    """Turns ``KhaddamError`` into ``Error: <message>`` and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (KhaddamError, SQLAlchemyError) as exc:  # a database fault mid-command is one line too
            click.echo(error_line(exc, ctx.obj if isinstance(ctx.obj, AppContext) else None), err=True)
            ctx.exit(1)


@click.group(cls=_Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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
    if ctx.invoked_subcommand is None:
        run_frontend("gui", db)


@main.command()
@click.pass_obj
def gui(app: AppContext) -> None:
    """Open the desktop app."""
    run_frontend("gui", app.db)


def _register() -> None:
    # Each module adds its commands to ``main``; imported here, not at module top, to keep
    # ``khaddam_align.cli`` importable from the command modules.
    from khaddam_align.cli import (
        align_cmd,  # noqa: F401
        compare_cmd,  # noqa: F401
        diverge_cmd,  # noqa: F401
        export_cmd,  # noqa: F401
        sources_cmd,  # noqa: F401
    )


_register()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
