"""Commands that edit a workspace: rows (links), verdicts, realign, deleting; and the record of who did what.

A row (link) is addressed ``ALIGNMENT:ROW`` with ROW counted from 1, as the
app and every report number it. Each command is one operation of
``khaddam_align.ops`` (one transaction, one audit entry, conflict checks); a
refused edit exits 1 with one line saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import click

from khaddam_align.cli import main
from khaddam_align.cli.choices import VERDICTS
from khaddam_align.cli.common import AppContext, echo_json, json_option, pass_app

# The core (SQLAlchemy, the ops layer) is imported inside each command: --help stays light.

_ADDRESS = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*$")


@dataclass(frozen=True, slots=True)
class RowRef:
    alignment_id: int
    row: int  # from 1
    link_id: int
    version: int

    def __str__(self) -> str:
        return f"{self.alignment_id}:{self.row}"


def parse_address(text: str) -> tuple[int, int]:
    """``"3:12"`` → ``(3, 12)``; rows count from 1."""
    found = _ADDRESS.match(text)
    if found is None or int(found.group(2)) < 1:
        raise click.BadParameter(
            f"{text!r} is not a row address. Write ALIGNMENT:ROW, e.g. 3:12 (rows count from 1, as in the app)."
        )
    return int(found.group(1)), int(found.group(2))


def resolve_row(app: AppContext, text: str) -> RowRef:
    """The link at ``ALIGNMENT:ROW`` with the version read now."""
    from sqlalchemy import func, select

    from khaddam_align.errors import NotFound
    from khaddam_align.storage.models import Alignment, Link

    alignment_id, row = parse_address(text)
    with app.ws.session() as s:
        if s.get(Alignment, alignment_id) is None:
            raise NotFound(f"There is no alignment {alignment_id}.", hint="List them with: khaddam-align alignments")
        found = s.execute(
            select(Link.id, Link.version).where(Link.alignment_id == alignment_id, Link.position == row - 1)
        ).first()
        if found is None:
            count = s.scalar(select(func.count()).select_from(Link).where(Link.alignment_id == alignment_id)) or 0
            raise NotFound(
                f"Alignment {alignment_id} has no row {row} (it has rows 1–{count}).",
                hint=f"See the rows with: khaddam-align diff {alignment_id}",
            )
        return RowRef(alignment_id, row, int(found[0]), int(found[1]))


def _status(app: AppContext, rows: tuple[str, ...], status: str, verb: str) -> None:
    from khaddam_align import ops
    from khaddam_align.storage.models import LinkStatus

    # Every address is checked before any row changes: a typo in the last one changes nothing.
    refs = list({ref.link_id: ref for ref in (resolve_row(app, text) for text in rows)}.values())
    for ref in refs:
        ops.set_status(app.ws, ref.link_id, LinkStatus(status), expected=ref.version)
        click.echo(f"Row {ref}: {verb}.")


@main.command("confirm")
@click.argument("rows", metavar="ALIGNMENT:ROW...", nargs=-1, required=True)
@pass_app
def confirm(app: AppContext, rows: tuple[str, ...]) -> None:
    """Confirm rows (links): realign keeps them as anchors. ROW counts from 1."""
    _status(app, rows, "confirmed", "confirmed")


@main.command("unconfirm")
@click.argument("rows", metavar="ALIGNMENT:ROW...", nargs=-1, required=True)
@pass_app
def unconfirm(app: AppContext, rows: tuple[str, ...]) -> None:
    """Set rows back to unreviewed (auto): realign may change them again."""
    _status(app, rows, "auto", "unconfirmed")


@main.command("reject")
@click.argument("rows", metavar="ALIGNMENT:ROW...", nargs=-1, required=True)
@pass_app
def reject(app: AppContext, rows: tuple[str, ...]) -> None:
    """Mark rows as wrongly aligned (realign recomputes them)."""
    _status(app, rows, "rejected", "rejected")


@main.command("merge")
@click.argument("row", metavar="ALIGNMENT:ROW")
@pass_app
def merge(app: AppContext, row: str) -> None:
    """Merge a row with the row below it."""
    from khaddam_align import ops

    ref = resolve_row(app, row)
    ops.merge_with_next(app.ws, ref.link_id, expected=ref.version)
    click.echo(f"Rows {ref.row} and {ref.row + 1} of alignment {ref.alignment_id} merged into row {ref.row}.")


@main.command("split")
@click.argument("row", metavar="ALIGNMENT:ROW")
@click.option("--a-keep", type=click.IntRange(0), help="Segments of the first rendering (left column) that stay in the row (default 1).")
@click.option("--b-keep", type=click.IntRange(0), help="Segments of the second rendering (right column) that stay in the row (default 1).")
@pass_app
def split(app: AppContext, row: str, a_keep: int | None, b_keep: int | None) -> None:
    """Split a row in two: the first segments stay, the rest go to a new row below it."""
    from khaddam_align import ops

    ref = resolve_row(app, row)
    ops.split_link(app.ws, ref.link_id, a_keep=a_keep, b_keep=b_keep, expected=ref.version)
    click.echo(f"Row {ref} split into rows {ref.row} and {ref.row + 1}.")


@main.command("note")
@click.argument("row", metavar="ALIGNMENT:ROW")
@click.argument("text")
@pass_app
def note(app: AppContext, row: str, text: str) -> None:
    """Set a row's note (an empty TEXT clears it)."""
    from khaddam_align import ops

    ref = resolve_row(app, row)
    ops.set_link_note(app.ws, ref.link_id, text, expected=ref.version)
    click.echo(f"Row {ref}: note {'cleared' if not text else 'saved'}.")


@main.command("verdict")
@click.argument("divergence_id", type=int)
@click.argument("verdict", type=click.Choice(VERDICTS))
@click.option("--note", help="A note to keep with the verdict.")
@click.option("--replace", is_flag=True, help="Replace a verdict or note another reviewer recorded.")
@pass_app
def verdict(app: AppContext, divergence_id: int, verdict: str, note: str | None, replace: bool) -> None:
    """Record your verdict on DIVERGENCE_ID: confirmed, dismissed, open or check-source.

    You are KHADDAM_ALIGN_USER (else your login name). Replacing another
    reviewer's verdict or note needs --replace.
    """
    from khaddam_align import ops
    from khaddam_align.storage.models import Divergence, Link

    ops.set_verdict(app.ws, divergence_id, verdict, note=note, replace=replace)
    with app.ws.session() as s:
        row = s.get(Divergence, divergence_id)
        assert row is not None
        link = s.get(Link, row.link_id) if row.link_id is not None else None
        # Say what was judged (alignment, row, type): a mistyped id shows at once.
        where = f"alignment {row.alignment_id}" + (f", row {link.position + 1}" if link is not None else "")
        kind = getattr(row.type, "value", row.type)
        shown = f"Divergence {row.id} ({where}, {kind}): {row.verdict.value}" + (f" — {row.note}" if row.note else "")
    click.echo(app.show(shown))


@main.command("history")
@click.argument("divergence_id", type=int)
@json_option
@pass_app
def history(app: AppContext, divergence_id: int, as_json: bool) -> None:
    """Every verdict and note change of DIVERGENCE_ID, oldest first (from the audit log)."""
    from khaddam_align import ops
    from khaddam_align.ops.conflict import when_text

    changes = ops.divergence_history(app.ws, divergence_id)
    if as_json:
        echo_json([c.as_dict() for c in changes])  # times in UTC, with the zone
        return
    if not changes:
        click.echo(f"Divergence {divergence_id}: no verdict or note recorded yet.")
        return
    for c in changes:
        what = f"verdict {c.before_verdict or '?'} → {c.verdict or '?'}"
        if c.note != c.before_note:
            what += f"; note {c.before_note!r} → {c.note!r}"
        if c.recorded_by:
            what += f" (recorded by {c.recorded_by} in the imported file)"
        click.echo(app.show(f"{when_text(c.at)}  {c.user:12}  {c.action:20}  {what}"))


@main.command("alignments")
@json_option
@pass_app
def alignments(app: AppContext, as_json: bool) -> None:
    """List the alignments in the workspace: renderings, rows, confirmed rows, verdicts."""
    from sqlalchemy import case, func, select

    from khaddam_align.storage.models import (
        Alignment,
        Divergence,
        Link,
        LinkStatus,
        Rendering,
        Verdict,
    )
    from khaddam_align.timestamps import iso_utc

    with app.ws.session() as s:
        labels = {r.id: r.label for r in s.scalars(select(Rendering))}
        counts = {int(a): int(n) for a, n in s.execute(select(Link.alignment_id, func.count()).group_by(Link.alignment_id))}
        confirmed = {
            int(a): int(n)
            for a, n in s.execute(
                select(Link.alignment_id, func.count())
                .where(Link.status == LinkStatus.CONFIRMED)
                .group_by(Link.alignment_id)
            )
        }
        divs = {
            aid: (int(total), int(judged or 0))
            for aid, total, judged in s.execute(
                select(
                    Divergence.alignment_id,
                    func.count(),
                    func.sum(case((Divergence.verdict != Verdict.OPEN, 1), else_=0)),
                ).group_by(Divergence.alignment_id)
            )
        }
        rows = [
            {
                "id": al.id, "a": al.a_id, "b": al.b_id, "a_label": labels.get(al.a_id, ""),
                "b_label": labels.get(al.b_id, ""), "method": al.method, "rows": int(counts.get(al.id, 0)),
                "confirmed": int(confirmed.get(al.id, 0)), "divergences": divs.get(al.id, (0, 0))[0],
                "judged": divs.get(al.id, (0, 0))[1], "updated": iso_utc(al.updated) if al.updated else "",
                "version": al.version,
            }
            for al in s.scalars(select(Alignment).order_by(Alignment.id))
        ]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No alignments yet. Align two renderings with: khaddam-align align A_ID B_ID")
        return
    for r in rows:
        click.echo(app.show(
            f"#{r['id']:<3} {r['a']}↔{r['b']}  {r['a_label']} ↔ {r['b_label']}  [{r['method']}]  "
            f"{r['rows']} rows, {r['confirmed']} confirmed; {r['divergences']} divergences, {r['judged']} judged"
        ))


@main.command("delete-alignment")
@click.argument("alignment_id", type=int)
@pass_app
def delete_alignment(app: AppContext, alignment_id: int) -> None:
    """Delete an alignment with its rows, divergences and verdicts (the audit log keeps the record)."""
    from khaddam_align import ops

    ops.delete_alignment(app.ws, alignment_id)
    click.echo(f"Alignment {alignment_id} deleted.")


@main.command("delete-rendering")
@click.argument("rendering_id", type=int)
@click.option("--cascade", is_flag=True, help="Also delete the alignments that use it.")
@pass_app
def delete_rendering(app: AppContext, rendering_id: int, cascade: bool) -> None:
    """Delete a rendering (refused while alignments use it, unless --cascade)."""
    from khaddam_align import ops

    changes = ops.delete_rendering(app.ws, rendering_id, cascade=cascade)
    gone = sorted(changes.alignment_ids)
    with_ = f", with alignment{'s' if len(gone) > 1 else ''} {', '.join(map(str, gone))}" if gone else ""
    click.echo(f"Rendering {rendering_id} deleted{with_}.")


@main.command("realign")
@click.argument("alignment_id", type=int)
@click.option("--from", "from_row", type=click.IntRange(1), default=None, help="First row to recompute (from 1).")
@click.option("--to", "to_row", type=click.IntRange(1), default=None, help="Last row to recompute (inclusive).")
@json_option
@pass_app
def realign_cmd(app: AppContext, alignment_id: int, from_row: int | None, to_row: int | None, as_json: bool) -> None:
    """Recompute the rows of an alignment that are not confirmed; confirmed rows stay as anchors.

    Rows confirmed by someone else while it computes are kept too.
    """
    from khaddam_align import ops
    from khaddam_align.cli.align_cmd import _echo_summary, _progress, _summary

    _check_rows(app, alignment_id, from_row, to_row)
    changes = ops.realign(
        app.ws, alignment_id, start=None if from_row is None else from_row - 1, end=to_row, progress=_progress()
    )
    info = {**_summary(app, alignment_id), "recomputed": len(changes.added_link_ids)}
    if as_json:
        echo_json(info)
        return
    _echo_summary(info)
    click.echo(f"Recomputed {info['recomputed']} rows; confirmed rows kept as they were.")


def _check_rows(app: AppContext, alignment_id: int, from_row: int | None, to_row: int | None) -> None:
    """--from/--to must name rows the alignment has, in order (else one line, exit 1)."""
    from sqlalchemy import func, select

    from khaddam_align.errors import KhaddamError, NotFound
    from khaddam_align.storage.models import Alignment, Link

    with app.ws.session() as s:
        if s.get(Alignment, alignment_id) is None:
            raise NotFound(f"There is no alignment {alignment_id}.", hint="List them with: khaddam-align alignments")
        count = s.scalar(select(func.count()).select_from(Link).where(Link.alignment_id == alignment_id)) or 0
    for name, value in (("--from", from_row), ("--to", to_row)):
        if value is not None and value > count:
            raise KhaddamError(
                f"{name} {value}: alignment {alignment_id} has rows 1–{count}.",
                hint=f"See the rows with: khaddam-align diff {alignment_id}",
            )
    if from_row is not None and to_row is not None and from_row > to_row:
        raise KhaddamError(f"--from {from_row} comes after --to {to_row}.", hint="Give the first row, then the last.")
