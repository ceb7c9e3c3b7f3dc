"""Commands about sources: import, sources, show, segments, exclude, include.

A thin layer over ``khaddam_align.ingest.service``: parse options, call the
service, print. Terminal text goes through ``app.show`` (Arabic shaped for
terminals); ``--json`` prints plain logical text.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from khaddam_align.cli import main
from khaddam_align.cli.common import AppContext, echo_json, json_option, pass_app, safe

if TYPE_CHECKING:
    from khaddam_align.ingest.service import RenderingSummary
    from khaddam_align.progress import Progress


def _line(r: RenderingSummary) -> str:
    bits = [f"#{r.id:<3}", r.language, f"{r.published or '—':10}", r.publisher or "—", r.title]
    return "  ".join(bits)


def _terminal_progress() -> Progress | None:
    """A one-line progress display on stderr, only when it is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(fraction: float, label: str) -> bool:
        end = "\n" if fraction >= 1.0 else ""
        click.echo(f"\r\033[K{fraction:4.0%}  {safe(label)}"[:120] + end, err=True, nl=False)
        return True

    return show


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _oneline(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["auto", "ar", "en"]),
    default="auto",
    show_default=True,
    help="Language of the text (auto: from the script, Arabic or Latin).",
)
@click.option("--publisher", help="Publisher (overrides the file's header and the catalog).")
@click.option("--author", help="Author.")
@click.option("--title", help="Title.")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="Publication date.")
@click.option("--work", metavar="NAME", help="The Work this renders (created if new).")
@json_option
@pass_app
def import_(
    app: AppContext,
    files: tuple[Path, ...],
    lang: str,
    publisher: str | None,
    author: str | None,
    title: str | None,
    date: str | None,
    work: str | None,
    as_json: bool,
) -> None:
    """Import text, HTML or DOCX files as renderings (all files are checked before any is saved)."""
    from khaddam_align.ingest.service import Metadata, import_files

    meta = Metadata(title=title, publisher=publisher, author=author, date=date)
    report = import_files(app.ws, files, lang=lang, meta=meta, work=work, progress=_terminal_progress())
    if as_json:
        echo_json([r.as_dict() for r in report.imported])
        for message in report.messages:
            click.echo(safe(message), err=True)
        return
    for r in report.imported:
        click.echo(app.show(f"Imported #{r.id}: {r.title}"))
        details = [r.language, r.publisher or "publisher unknown", r.published or "date unknown"]
        if r.author:
            details.append(r.author)
        counts = f"{_count(r.segments, 'segment')}, {_count(r.excluded, 'excluded range')}"
        click.echo(app.show(f"    {', '.join(details)}; {counts}"))
        if r.work:
            click.echo(app.show(f"    work: {r.work}"))
    for message in report.messages:
        click.echo(app.show(message))
    if not report.imported:
        click.echo("Nothing new imported.")


@main.command("sources")
@json_option
@pass_app
def sources(app: AppContext, as_json: bool) -> None:
    """List the renderings in the workspace."""
    from khaddam_align.ingest.service import list_renderings

    items = list_renderings(app.ws)
    if as_json:
        echo_json([r.as_dict() for r in items])
        return
    if not items:
        click.echo("The workspace is empty. Import a file with: khaddam-align import FILE")
        return
    for r in items:
        click.echo(app.show(_line(r)))


@main.command("show")
@click.argument("rendering_id", metavar="ID", type=int)
@json_option
@pass_app
def show(app: AppContext, rendering_id: int, as_json: bool) -> None:
    """Show a rendering's metadata and its excluded (cleaned-out) ranges."""
    from khaddam_align.ingest.decode import label
    from khaddam_align.ingest.service import get_rendering

    d = get_rendering(app.ws, rendering_id)
    if as_json:
        echo_json(d.as_dict())
        return
    r = d.summary
    rows = [
        ("title", r.title),
        ("publisher", r.publisher),
        ("author", r.author),
        ("date", r.published),
        ("language", r.language),
        ("series", d.series),
        ("part", d.part),
        ("work", r.work),
        ("url", d.url),
        ("file", f"{r.file_name} ({d.file_format}{', ' + label(d.encoding) if d.encoding else ''})"),
        ("sha256", d.sha256),
        ("text", f"{d.characters} characters, {r.segments} segments"),
    ]
    if r.split_from_id:
        rows.append(("split from", f"#{r.split_from_id} (same file)"))
    for key in ("publisher_raw", "date_raw", "catalog", "covers"):
        if key in d.extra:
            rows.append((key.replace("_", " "), str(d.extra[key])))
    click.echo(f"Rendering #{r.id}")
    for key, value in rows:
        if value:
            click.echo(app.show(f"  {key + ':':12} {value}"))
    click.echo(f"Excluded ranges ({len(d.ranges)}; switch with: khaddam-align include/exclude RANGE_ID):")
    if not d.ranges:
        click.echo("  none")
    for e in d.ranges:
        state = "excluded" if e.active else "included"
        click.echo(app.show(f"  #{e.id:<4} {state:8} {e.start}-{e.end}  {e.reason}: {_oneline(e.text, 70)}"))


@main.command("segments")
@click.argument("rendering_id", metavar="ID", type=int)
@json_option
@pass_app
def segments(app: AppContext, rendering_id: int, as_json: bool) -> None:
    """List a rendering's segments: index, offsets (start-end in the stored text), kind and text."""
    from khaddam_align.ingest.service import list_segments

    items = list_segments(app.ws, rendering_id)
    if as_json:
        echo_json([s.as_dict() for s in items])
        return
    if not items:
        click.echo(f"Rendering #{rendering_id} has no segments.")
    for s in items:
        # Offsets are code points into the stored text (as in --json and every report).
        click.echo(f"{s.index:>5}  {s.start:>7}-{s.end:<7} {s.kind:8} " + app.show(_oneline(s.text, 200)))


def _switch(app: AppContext, range_id: int, active: bool) -> None:
    from khaddam_align.ingest.service import set_range_active

    change = set_range_active(app.ws, range_id, active)
    verb = "excluded" if active else "included"
    if not change.changed:
        click.echo(f"Range #{range_id} was already {verb}.")
        return
    click.echo(f"Range #{range_id} {verb}; rendering #{change.rendering_id} now has {change.segments} segments.")


@main.command("exclude")
@click.argument("range_id", metavar="RANGE_ID", type=int)
@pass_app
def exclude(app: AppContext, range_id: int) -> None:
    """Switch a cleaning range back on: its text is left out of the segments."""
    _switch(app, range_id, True)


@main.command("include")
@click.argument("range_id", metavar="RANGE_ID", type=int)
@pass_app
def include(app: AppContext, range_id: int) -> None:
    """Switch a cleaning range off: its text becomes segments again."""
    _switch(app, range_id, False)
