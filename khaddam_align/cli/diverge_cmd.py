"""Commands about divergences: list (detecting first if needed), quotes, word diff. ``verdict`` is in ``edit_cmd``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from khaddam_align.cli import main
from khaddam_align.cli.choices import DIVERGENCE_TYPES
from khaddam_align.cli.common import AppContext, echo_json, json_option, pass_app

if TYPE_CHECKING:
    from khaddam_align.diverge.service import LinkDiff

_COLOURS = {"speaker": "red", "number": "red", "entity": "magenta", "meaning": "yellow",
            "quote": "cyan", "omission": "blue", "addition": "green"}


@main.command("divergences")
@click.argument("alignment_id", type=int)
@click.option("--type", "kind", type=click.Choice(DIVERGENCE_TYPES), help="Only this type of divergence.")
@click.option("--min-severity", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Hide divergences below this severity.")
@click.option("--redetect", is_flag=True, help="Run detection again first (verdicts are kept).")
@click.option("--stale", "include_stale", is_flag=True, help="Also list divergences the last run no longer found.")
@json_option
@pass_app
def divergences(app: AppContext, alignment_id: int, kind: str | None, min_severity: float,
                redetect: bool, include_stale: bool, as_json: bool) -> None:
    """List the divergences of ALIGNMENT_ID, most important first.

    The first time (or with --redetect) the divergences are detected and saved.
    """
    from khaddam_align.diverge import service

    rows = service.list_divergences(app.ws, alignment_id, include_stale=True)
    if redetect or not rows:
        summary = service.detect_divergences(app.ws, alignment_id)
        if not as_json:
            from khaddam_align.views.grid import view_for_alignment

            first, second = view_for_alignment(app.ws, alignment_id).columns[:2]
            click.echo(
                f"Detected {summary.found} divergences ({summary.new} new, {summary.stale} no longer found); "
                f"outside the shared stretch: {summary.a_outside} segments of {first.label}, "
                f"{summary.b_outside} of {second.label}.",
                err=True,
            )
    rows = service.list_divergences(app.ws, alignment_id, type=kind, min_severity=min_severity,
                                    include_stale=include_stale)
    if as_json:
        echo_json([r.to_json() | {"row": None if r.link is None else r.link + 1, "stale": r.stale,
                                  "reviewer": r.reviewer} for r in rows])
        return
    if not rows:
        click.echo("No divergences.")
        return
    for r in rows:
        tag = click.style(f"{r.type:8}", fg=_COLOURS.get(r.type))
        row = "—" if r.link is None else str(r.link + 1)  # rows count from 1, as in the app and reports
        verdict = "" if r.verdict == "open" else f" [{r.verdict}]"
        stale = " (stale)" if r.stale else ""
        click.echo(f"{r.id:>5}  {r.severity:.2f}  {tag}  " + app.show(f"row {row:>4}  {r.description}{verdict}{stale}"))


@main.command("coverage")
@click.argument("alignment_id", type=int)
@json_option
@pass_app
def coverage(app: AppContext, alignment_id: int, as_json: bool) -> None:
    """Passages of ALIGNMENT_ID outside the stretch both renderings cover (not divergences)."""
    from khaddam_align.diverge import service

    cov = service.alignment_coverage(app.ws, alignment_id)
    if as_json:
        echo_json({"a": [list(r) for r in cov.a_runs], "b": [list(r) for r in cov.b_runs]})
        return
    names = side_names(app, alignment_id)
    for label, runs, text in ((names[0], cov.a_runs, cov.a_text), (names[1], cov.b_runs, cov.b_text)):
        count = f"{len(runs)} passage" + ("" if len(runs) == 1 else "s")
        click.echo(click.style(app.show(f"{label}, outside the stretch both cover: {count}"), bold=True))
        for s, e in runs:
            passage = " ".join(text[s:e].split())
            click.echo(app.show(f"  [{s}, {e})  {passage[:110]}{'…' if len(passage) > 110 else ''}"))


@main.command("quotes")
@click.argument("rendering_id", type=int)
@json_option
@pass_app
def quotes(app: AppContext, rendering_id: int, as_json: bool) -> None:
    """List the direct quotes of RENDERING_ID with their speakers."""
    from khaddam_align.diverge import service

    found = service.rendering_quotes(app.ws, rendering_id)
    if as_json:
        echo_json([{"start": q.start, "end": q.end, "speaker": q.speaker, "text": q.text,
                    "nested": [list(n) for n in q.nested]} for q in found])
        return
    if not found:
        click.echo("No direct quotes found.")
        return
    for q in found:
        who = click.style(app.show(f"{q.speaker or '?':12}"), bold=True)
        text = " ".join(q.text.split())
        click.echo(f"{q.start:>7}  {who}  " + app.show(f"{text[:150]}{'…' if len(text) > 150 else ''}"))


def side_names(app: AppContext, alignment_id: int) -> tuple[str, str]:
    """The two renderings of an alignment as people name them ("Demo Weekly (English)"), never "A"/"B"."""
    from khaddam_align.errors import NotFound
    from khaddam_align.naming import view_names
    from khaddam_align.storage.models import Alignment, Rendering

    with app.ws.session() as s:
        alignment = s.get(Alignment, alignment_id)
        if alignment is None:
            raise NotFound(f"There is no alignment {alignment_id}.", hint="List them with: khaddam-align alignments")
        a, b = s.get(Rendering, alignment.a_id), s.get(Rendering, alignment.b_id)
        first, second = view_names([a, b])  # the Arabic side of an Arabic ↔ other pair is the original
    return first, second


def _echo_link(app: AppContext, d: LinkDiff, names: tuple[str, str]) -> None:
    a_parts: list[str] = []
    b_parts: list[str] = []
    for run in d.diff.runs:
        a_piece = d.a_text[run.a_span[0] : run.a_span[1]]
        b_piece = d.b_text[run.b_span[0] : run.b_span[1]]
        if run.kind == "equal":
            a_parts.append(app.show(a_piece))
            b_parts.append(app.show(b_piece))
            continue
        if a_piece:
            a_parts.append(click.style(app.show(a_piece), fg="red", strikethrough=True))
        if b_piece:
            b_parts.append(click.style(app.show(b_piece), fg="green", underline=True))
    click.echo(click.style(f"row {d.position + 1}", bold=True) + f"  (similarity {d.diff.similarity():.2f})")
    click.echo(f"  {app.show(names[0])}: " + " ".join(a_parts))
    click.echo(f"  {app.show(names[1])}: " + " ".join(b_parts))


@main.command("diff")
@click.argument("alignment_id", type=int)
@click.option("--row", "row", type=click.IntRange(1), help="Only this row (counted from 1, as in the app).")
@pass_app
def diff(app: AppContext, alignment_id: int, row: int | None) -> None:
    """Coloured word diff of ALIGNMENT_ID's rows (red: only in the first rendering, green: only in the second)."""
    from khaddam_align.diverge import service

    names = side_names(app, alignment_id)
    positions = [row - 1] if row is not None else service.link_positions(app.ws, alignment_id)
    for position in positions:
        _echo_link(app, service.link_diff(app.ws, alignment_id, position), names)
