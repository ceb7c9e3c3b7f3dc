"""``export`` an alignment (html, pdf, csv, xlsx, tmx, json) and ``import-alignment`` a JSON document."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from khaddam_align.cli import main
from khaddam_align.cli.choices import EXPORT_FORMATS
from khaddam_align.cli.common import AppContext, echo_json, json_option, pass_app


@main.command("export")
@click.argument("alignment_id", type=int)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
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
    from khaddam_align.export.service import ExportOptions, export_alignment

    options = ExportOptions(
        only_divergences=only_divergences, only_confirmed=only_confirmed, tmx_all_links=all_links
    )
    notes: list[str] = []
    path = export_alignment(app.ws, alignment_id, output, fmt=fmt, options=options, notes=notes)
    click.echo(app.show(f"Wrote {path}"), err=True)
    for note in notes:
        click.echo(f"Note: {note}", err=True)
    if path.suffix.lower() == ".tmx" or fmt == "tmx":
        _hint_if_no_confirmed_links(app, alignment_id, all_links=all_links)


def _hint_if_no_confirmed_links(app: AppContext, alignment_id: int, *, all_links: bool) -> None:
    """A TMX of confirmed links only is empty until someone confirms links: say so."""
    if all_links:
        return
    from sqlalchemy import func, select

    from khaddam_align.storage.models import Link, LinkStatus

    with app.ws.session() as s:
        confirmed = s.scalar(
            select(func.count(Link.id)).where(
                Link.alignment_id == alignment_id, Link.status == LinkStatus.CONFIRMED
            )
        )
    if not confirmed:
        click.echo(
            "Note: no link of this alignment is confirmed yet, so the TMX file has no translation units. "
            f"Confirm rows (khaddam-align confirm {alignment_id}:ROW..., or in the app) "
            "or add --all-links to export every link.",
            err=True,
        )


@main.command("import-alignment")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--into", type=int, help="Merge into this alignment (default: the latest of the same two renderings).")
@json_option
@pass_app
def import_alignment_cmd(app: AppContext, file: Path, into: int | None, as_json: bool) -> None:
    """Read an alignment document (JSON export) into the workspace, merging a colleague's work.

    The renderings must already be imported (they are matched by the SHA-256 of
    their files). Conflicting verdicts and links are listed; ours are kept.
    """
    from khaddam_align.export.merge import import_alignment

    report = import_alignment(app.ws, file, into=into)
    if as_json:
        echo_json({**asdict(report), "conflicts": [asdict(c) for c in report.conflicts]})
        return
    click.echo(report.summary())
    for c in report.conflicts:
        click.echo(app.show(f"  conflict ({c.what}) at {c.where}: ours {c.ours!r}, theirs {c.theirs!r}"))
