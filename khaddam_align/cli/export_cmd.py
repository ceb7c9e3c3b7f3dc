"""``export``: write an alignment as a report (html, pdf), a table (csv, xlsx), TMX or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from khaddam_align.cli import main
from khaddam_align.cli.common import AppContext, pass_app
from khaddam_align.export.service import FORMATS, ExportOptions, export_alignment


@main.command("export")
@click.argument("alignment_id", type=int)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format (default: from the extension of -o).",
)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write.",
)
@click.option("--only-divergences", is_flag=True, help="Reports and tables: only links with a divergence.")
@click.option("--only-confirmed", is_flag=True, help="Reports and tables: only confirmed links.")
@click.option(
    "--all-links",
    is_flag=True,
    help="TMX: every link with text on both sides that is not rejected (default: confirmed links only).",
)
@pass_app
def export(
    app: AppContext,
    alignment_id: int,
    fmt: str | None,
    output: Path,
    only_divergences: bool,
    only_confirmed: bool,
    all_links: bool,
) -> None:
    """Write alignment ALIGNMENT_ID to a file (json, html, pdf, csv, xlsx or tmx)."""
    options = ExportOptions(
        only_divergences=only_divergences, only_confirmed=only_confirmed, tmx_all_links=all_links
    )
    path = export_alignment(app.ws, alignment_id, output, fmt=fmt, options=options)
    click.echo(f"Wrote {path}", err=True)
