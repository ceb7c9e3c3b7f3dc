"""``mark``: a reviewer's own finding (or a row note) on one row of an alignment."""

from __future__ import annotations

import click

from khaddam_align.cli import main
from khaddam_align.cli.choices import MARK_TYPES
from khaddam_align.cli.common import AppContext, echo_json, json_option, pass_app

NOTE = "note"  # khaddam_align.ops.markup.NOTE: a note on the row, no spans needed


def parse_row_ref(ref: str) -> tuple[int, int]:
    """``ALIGNMENT:ROW`` → (alignment id, row counted from 1)."""
    from khaddam_align.errors import KhaddamError

    try:
        aid, row = (int(x) for x in ref.split(":"))
    except ValueError:
        raise KhaddamError(f"{ref!r} is not ALIGNMENT:ROW.", hint="Write it like 3:12 (alignment 3, row 12).") from None
    if row < 1:
        raise KhaddamError(f"Row {row} does not exist: rows are counted from 1.", hint="Write it like 3:12.")
    return aid, row


@main.command("mark")
@click.argument("ref", metavar="ALIGNMENT:ROW")
@click.option("--type", "kind", required=True, type=click.Choice(MARK_TYPES),
              help=f"What kind of finding ({NOTE!r}: a note on the row).")
@click.option("--a-text", default=None, metavar="WORDS",
              help="The words in the row's first rendering (the original, for Arabic ↔ English).")
@click.option("--b-text", default=None, metavar="WORDS", help="The words in the row's second rendering.")
@click.option("--note", default="", metavar="TEXT", help="Why it is a finding, what you checked.")
@click.option("--severity", type=click.FloatRange(0, 1), default=0.6, show_default=True,
              help="How serious (0–1).")
@json_option
@pass_app
def mark(app: AppContext, ref: str, kind: str, a_text: str | None, b_text: str | None, note: str,
         severity: float, as_json: bool) -> None:
    """Record a finding the detector missed on row ROW of ALIGNMENT (ROW counted from 1, as the app shows it).

    The words are looked up in the row's texts; words that occur more than once there are an
    error (give more of the sentence). The finding is stored with your name and kept by
    re-detection and realign.
    """
    from khaddam_align.ops.markup import find_words, mark_finding, row_text

    aid, row = parse_row_ref(ref)
    found = row_text(app.ws, aid, row)
    a_spans = [find_words(found.a_text, found.a_segments, a_text, side_name="first rendering")] if a_text else []
    b_spans = [find_words(found.b_text, found.b_segments, b_text, side_name="second rendering")] if b_text else []
    marked = mark_finding(app.ws, found.link_id, type=kind, severity=severity, note=note, a_spans=a_spans,
                          b_spans=b_spans)
    if as_json:
        echo_json({"divergence": marked.divergence_id, "alignment": aid, "row": row, "type": kind,
                   "a_spans": a_spans, "b_spans": b_spans, "created_by": app.ws.user})
        return
    click.echo(f"Marked divergence {marked.divergence_id} ({kind}) on alignment {aid} row {row}, by {app.ws.user}.")
