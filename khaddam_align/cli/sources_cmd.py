"""Commands about sources: list renderings (import, show, segments come with the import work)."""

from __future__ import annotations

import click
from sqlalchemy import select

from khaddam_align.cli import main
from khaddam_align.cli.common import AppContext, echo_json, json_option, pass_app
from khaddam_align.storage import Rendering


@main.command("sources")
@json_option
@pass_app
def sources(app: AppContext, as_json: bool) -> None:
    """List the renderings in the workspace."""
    with app.ws.session() as s:
        rows = s.scalars(select(Rendering).order_by(Rendering.id)).all()
        items = [
            {
                "id": r.id,
                "title": r.title,
                "publisher": r.publisher,
                "date": r.published,
                "language": r.language,
                "file_name": r.file_name,
            }
            for r in rows
        ]
    if as_json:
        echo_json(items)
        return
    if not items:
        click.echo("The workspace is empty. Import a file with: khaddam-align import FILE")
        return
    for it in items:
        click.echo(app.show(f"{it['id']:>4}  {it['language']}  {it['date'] or '—':10}  {it['publisher'] or '—'}  {it['title']}"))
