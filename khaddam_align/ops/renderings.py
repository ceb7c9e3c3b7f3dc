"""Rendering operations: edit metadata, delete a rendering."""

from __future__ import annotations

from sqlalchemy import delete, func, or_, select

from khaddam_align.errors import KhaddamError
from khaddam_align.ops.actions import Action
from khaddam_align.ops.core import Op, OpChanges, lock_in_order, run_op
from khaddam_align.storage.db import Workspace
from khaddam_align.storage.models import Alignment, Divergence, Rendering

EDITABLE = ("title", "publisher", "author", "published", "url")


def update_metadata(ws: Workspace, rendering_id: int, *, expected: int | None = None, **fields: str) -> OpChanges:
    """Edit a rendering's metadata (title, publisher, author, published, url); ``expected``: the version shown."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise KhaddamError(f"Cannot edit {', '.join(sorted(unknown))}.", hint=f"Editable: {', '.join(EDITABLE)}.")
    if fields.get("published"):
        from khaddam_align.ingest.header import check_iso_date

        try:
            fields["published"] = check_iso_date(fields["published"])
        except ValueError:
            raise KhaddamError(
                f"{fields['published']!r} is not a date.",
                hint="Write the date as YYYY-MM-DD, e.g. 2021-04-26, or leave it empty.",
            ) from None

    def body(op: Op) -> None:
        op.lock("rendering", rendering_id, bump=False)
        current = op.check("rendering", rendering_id, expected, f"Rendering {rendering_id}")
        r = op.session.get(Rendering, rendering_id)
        assert r is not None
        old = {k: getattr(r, k) for k in fields}
        op.write("rendering", rendering_id, current, f"Rendering {rendering_id}", **fields)
        op.detail.update(old=old, new=dict(fields))
        op.summary = "; ".join(f"{k} {v!r}" for k, v in fields.items())

    _, changes = run_op(ws, Action.RENDERING_METADATA, body, label="Edit metadata", entity="rendering",
                        entity_id=rendering_id)
    return changes


def delete_rendering(ws: Workspace, rendering_id: int, *, cascade: bool = False, expected: int | None = None) -> OpChanges:
    """Delete a rendering; refused while alignments use it, unless ``cascade`` (they go too)."""

    def body(op: Op) -> None:
        op.lock("rendering", rendering_id)
        r = op.session.get(Rendering, rendering_id)
        assert r is not None
        if expected is not None and r.version - 1 != expected:
            raise op.conflict("rendering", rendering_id, f"Rendering {rendering_id}")
        used = list(op.session.scalars(
            select(Alignment.id).where(or_(Alignment.a_id == rendering_id, Alignment.b_id == rendering_id))
            .order_by(Alignment.id)
        ))
        if used and not cascade:
            judged = op.session.scalar(
                select(func.count()).select_from(Divergence)
                .where(Divergence.alignment_id.in_(used), Divergence.verdict != "open")
            ) or 0
            names = ", ".join(str(i) for i in used)
            raise KhaddamError(
                f"Rendering {rendering_id} is used by alignment{'s' if len(used) > 1 else ''} {names}"
                f" ({judged} verdict{'' if judged == 1 else 's'} recorded); not deleted.",
                hint=(f"Delete {'them' if len(used) > 1 else 'it'} first (khaddam-align delete-alignment {used[0]}), "
                      f"or add --cascade to delete {'them' if len(used) > 1 else 'it'} too."),
            )
        lock_in_order(op, alignments=used)
        op.session.execute(delete(Alignment).where(Alignment.id.in_(used)))
        op.session.execute(delete(Rendering).where(Rendering.id == rendering_id))
        op.rows_changed = True
        op.detail.update(file=r.file_name, sha256=r.sha256, alignments=used)
        op.summary = f"deleted rendering {rendering_id} ({r.label})" + (f" and alignments {used}" if used else "")

    _, changes = run_op(ws, Action.RENDERING_DELETE, body, label="Delete rendering", entity="rendering",
                        entity_id=rendering_id)
    return changes
