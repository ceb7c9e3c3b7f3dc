"""Commands about alignment: align two renderings (or three), realign a range."""

from __future__ import annotations

import click

from khaddam_align.align.core import METHODS
from khaddam_align.align.service import align_renderings, align_work, realign
from khaddam_align.cli import main
from khaddam_align.cli.common import AppContext, ProgressDisplay, echo_json, json_option, pass_app
from khaddam_align.progress import Progress
from khaddam_align.storage import Link


def _progress() -> Progress | None:
    """Progress on stderr: a redrawn line on a terminal, plain lines in a log (``ProgressDisplay``)."""
    return ProgressDisplay()


def _summary(app: AppContext, alignment_id: int) -> dict[str, object]:
    with app.ws.session() as s:
        links = s.query(Link).filter(Link.alignment_id == alignment_id).all()
        sizes = [(len([m for m in lk.members if m.side == "a"]), len([m for m in lk.members if m.side == "b"])) for lk in links]
        scores = [lk.score for lk in links]
    return {
        "id": alignment_id,
        "links": len(links),
        "matched": sum(1 for a, b in sizes if a and b),
        "only_a": sum(1 for a, b in sizes if a and not b),
        "only_b": sum(1 for a, b in sizes if b and not a),
        "low_confidence": sum(1 for sc in scores if sc < 0.5),
    }


def _echo_summary(info: dict[str, object]) -> None:
    click.echo(
        f"Alignment {info['id']}: {info['links']} links ({info['matched']} matched, "
        f"{info['only_a']} only in A, {info['only_b']} only in B); "
        f"{info['low_confidence']} under 0.5 confidence to review."
    )


@main.command("align")
@click.argument("a_id", type=int)
@click.argument("b_id", type=int)
@click.argument("c_id", type=int, required=False)
@click.option(
    "--method",
    type=click.Choice(METHODS),
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


@main.command("realign")
@click.argument("alignment_id", type=int)
@click.option("--start", type=int, default=None, help="First link position to recompute (0-based).")
@click.option("--end", type=int, default=None, help="Recompute links before this position.")
@json_option
@pass_app
def realign_cmd(app: AppContext, alignment_id: int, start: int | None, end: int | None, as_json: bool) -> None:
    """Recompute the links of an alignment that are not confirmed; confirmed links stay."""
    written = realign(app.ws, alignment_id, start=start, end=end, progress=_progress())
    info = {**_summary(app, alignment_id), "recomputed": written}
    if as_json:
        echo_json(info)
        return
    _echo_summary(info)
