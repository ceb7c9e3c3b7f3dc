"""Commands about alignment: align two renderings (or three). ``realign`` is in ``edit_cmd``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from khaddam_align.cli import main
from khaddam_align.cli.choices import ALIGN_METHODS
from khaddam_align.cli.common import AppContext, ProgressDisplay, echo_json, json_option, pass_app

if TYPE_CHECKING:
    from khaddam_align.progress import Progress


def _progress() -> Progress | None:
    """Progress on stderr: a redrawn line on a terminal, plain lines in a log (``ProgressDisplay``)."""
    return ProgressDisplay()


def _summary(app: AppContext, alignment_id: int) -> dict[str, object]:
    from khaddam_align.align.service import summarize
    from khaddam_align.views.grid import view_for_alignment

    first, second = view_for_alignment(app.ws, alignment_id).columns[:2]
    return {**summarize(app.ws, alignment_id).to_dict(), "a_name": first.label, "b_name": second.label}


def _echo_summary(info: dict[str, object]) -> None:
    from khaddam_align.align.confidence import LOW_CONFIDENCE

    click.echo(
        f"Alignment {info['id']}: {info['links']} links ({info['matched']} matched, "
        f"{info['only_a']} only in {info.get('a_name', 'A')}, {info['only_b']} only in {info.get('b_name', 'B')}); "
        f"{info['low_confidence']} under {LOW_CONFIDENCE:g} confidence to review."
    )


@main.command("align")
@click.argument("a_id", type=int)
@click.argument("b_id", type=int)
@click.argument("c_id", type=int, required=False)
@click.option(
    "--method",
    type=click.Choice(ALIGN_METHODS),
    default="auto",
    show_default=True,
    help="auto: lexical for two English texts, length+anchors for Arabic↔English; "
    "semantic needs sentence-transformers and a local model.",
)
@json_option
@pass_app
def align(app: AppContext, a_id: int, b_id: int, c_id: int | None, method: str, as_json: bool) -> None:
    """Align rendering A_ID with B_ID and store the alignment.

    With a third id (Arabic, English A, English B) all three pairs are aligned
    and links where they disagree get a lower confidence.
    """
    from khaddam_align.align.service import align_renderings, align_work

    if c_id is None:
        infos = [_summary(app, align_renderings(app.ws, a_id, b_id, method=method, progress=_progress()))]
    else:
        ids = align_work(app.ws, [a_id, b_id, c_id], method=method, progress=_progress())
        infos = [_summary(app, i) for i in ids]
    if as_json:
        echo_json(infos[0] if c_id is None else {"id": infos[0]["id"], "alignments": infos})
        return
    for info in infos:
        _echo_summary(info)
