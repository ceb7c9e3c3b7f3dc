"""``compare``: import, align, detect and report in one command."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

import click

from khaddam_align.cli import main
from khaddam_align.cli.choices import ALIGN_METHODS
from khaddam_align.cli.common import AppContext, echo_json, json_option, pass_app, safe


class TerminalProgress:
    """Progress on stderr: one updating line on a terminal, a line per step otherwise."""

    def __init__(self, *, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.last_label = ""
        self.last_draw = 0.0

    def __call__(self, fraction: float, label: str) -> bool:
        if label == "Done" and fraction < 1.0:
            return True  # a sub-step finished; the next step's label follows
        now = time.monotonic()
        if self.tty:
            if label != self.last_label or now - self.last_draw > 0.1 or fraction >= 1.0:
                bar = "#" * int(fraction * 30)
                click.echo(f"\r[{bar:<30}] {fraction * 100:3.0f}%  {safe(label)[:60]:<60}", nl=False, file=self.stream)
                self.last_draw = now
                if fraction >= 1.0:
                    click.echo("", file=self.stream)
        elif label != self.last_label:
            click.echo(f"{fraction * 100:3.0f}%  {safe(label)}", file=self.stream)
        self.last_label = label
        return True


@main.command("compare")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))  # checked by import, one line
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report file: .html, .pdf, .xlsx, .json (also .csv, .tmx).",
)
@click.option(
    "--method",
    type=click.Choice(ALIGN_METHODS),
    default="auto",
    show_default=True,
    help="Alignment method.",
)
@click.option("--only-divergences", is_flag=True, help="Report only links with a divergence.")
@click.option(
    "--new-alignment",
    is_flag=True,
    help="Align again even if the workspace already has an alignment of these files (default: reuse it, keeping its links and verdicts).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@json_option
@pass_app
def compare(
    app: AppContext,
    files: tuple[Path, ...],
    output: Path,
    method: str,
    only_divergences: bool,
    new_alignment: bool,
    quiet: bool,
    as_json: bool,
) -> None:
    """Compare FILE_A FILE_B [FILE_C]: import, align, detect divergences, write the report.

    Uses the default workspace (or --db); files already imported are reused.
    With three files (an Arabic text and two English renderings) each pair is
    aligned and ONE report shows the three side by side with the divergences
    of every pair (CSV/XLSX: a pair column; TMX: the first pair only, noted).
    """
    if len(files) not in (2, 3):
        raise click.UsageError("compare takes two or three files.")
    from khaddam_align.export.compare import compare_files
    from khaddam_align.export.service import ExportOptions

    result = compare_files(
        app.ws,
        files,
        output,
        method=method,
        options=ExportOptions(only_divergences=only_divergences),
        new_alignment=new_alignment,
        progress=None if quiet else TerminalProgress(),
    )
    if as_json:
        echo_json(
            {
                "report": str(result.report),
                "renderings": list(result.rendering_ids),
                "alignments": [
                    {"id": p.alignment_id, "a": p.a_id, "b": p.b_id, "report": str(p.report),
                     "links": p.links, "divergences": p.divergences, "reused": p.reused}
                    for p in result.pairs
                ],
            }
        )
        return
    for p in result.pairs:
        click.echo(
            f"Alignment {p.alignment_id} (renderings {p.a_id} ↔ {p.b_id}): {p.links} links, "
            f"{p.divergences} divergences"
            + (f" → {safe(str(p.report))}" if len(result.pairs) == 1 else "")
            + (" (existing alignment reused; --new-alignment aligns again)" if p.reused else "")
        )
    if len(result.pairs) > 1:
        click.echo(f"One report, the three renderings side by side, every pair's divergences → {safe(str(result.report))}")
    for note in result.notes:
        click.echo(f"Note: {safe(note)}", err=True)
