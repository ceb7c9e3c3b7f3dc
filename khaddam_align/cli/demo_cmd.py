"""``demo``: import the shipped demo, align its three pairs, detect divergences, print the ids."""

from __future__ import annotations

import click

from khaddam_align.cli import main
from khaddam_align.cli.common import AppContext, echo_json, json_option, pass_app


@main.command("demo")
@json_option
@pass_app
def demo(app: AppContext, as_json: bool) -> None:
    """Import the demo (an Arabic minute, two English renderings), align and detect divergences.

    Running it again reuses what the workspace already has (same ids, verdicts kept).
    """
    from khaddam_align.demo import open_demo

    result = open_demo(app.ws)
    if as_json:
        echo_json(result.as_dict())
        return
    for r in result.renderings:
        click.echo(app.show(f"Rendering {r.id}: {r.name} ({r.file_name})"))
    for a in result.alignments:
        state = "" if a.created else " (already there, reused)"
        click.echo(app.show(f"Alignment {a.id}: {a.name}: {a.divergences} divergences{state}"))
    ids = [a.id for a in result.alignments]
    click.echo(f"Next: khaddam-align divergences {ids[0]} (or {ids[1]}, {ids[2]}); `khaddam-align` alone opens the app.")
