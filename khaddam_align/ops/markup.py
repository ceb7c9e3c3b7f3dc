"""Reviewer mark-up: a finding the detector missed, or a note on a row, stored as a Divergence.

A marked finding is a ``Divergence`` with ``origin="reviewer"``, ``created_by`` (who) and
``created`` (when); its spans are offsets into each rendering's text (one side may be empty),
its link is the row it was marked on. Re-detection leaves reviewer rows alone and realign
re-points them like any divergence, so they survive both. It is one undoable edit: undo
withdraws it (marks it ``stale``, hidden everywhere), redo brings it back.

``find_words`` locates the words a user types (the CLI's ``--a-text``/``--b-text``) in a row's
text; words found more than once are an error, never a guess.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from khaddam_align.errors import KhaddamError, NotFound
from khaddam_align.ops.actions import Action
from khaddam_align.ops.change import Draft
from khaddam_align.ops.history import Changes, EditError, History, run_edit
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import (
    Alignment,
    Divergence,
    Link,
    LinkSegment,
    Segment,
    Verdict,
    utcnow,
)

FINDING_TYPES = ("number", "date", "entity", "speaker", "quote", "negation", "modality", "meaning",
                 "omission", "addition", "note", "other")
NOTE = "note"  # a note on the row, no spans needed

Span = tuple[int, int]


@dataclass(frozen=True)
class RowText:
    """One row (link) of an alignment: each side's segments as (start, end) in its rendering's text."""

    link_id: int
    alignment_id: int
    a_text: str
    b_text: str
    a_segments: tuple[Span, ...]
    b_segments: tuple[Span, ...]


def row_text(ws: Workspace, alignment_id: int, row: int) -> RowText:
    """Row ``row`` (counted from 1, as the app and the reports show it) of an alignment."""
    with ws.session() as s:
        al = s.get(Alignment, alignment_id)
        if al is None:
            raise NotFound(f"There is no alignment {alignment_id}.", hint="List them with: khaddam-align alignments")
        link = s.scalar(select(Link).where(Link.alignment_id == alignment_id, Link.position == row - 1))
        if link is None:
            n = len(al.links)
            raise NotFound(f"Alignment {alignment_id} has no row {row}.", hint=f"Rows are numbered 1 to {n}.")
        members = s.execute(
            select(LinkSegment.side, Segment.start, Segment.end).join(Segment, Segment.id == LinkSegment.segment_id)
            .where(LinkSegment.link_id == link.id).order_by(LinkSegment.segment_position)
        ).all()
        a = tuple((st, en) for side, st, en in members if side == "a")
        b = tuple((st, en) for side, st, en in members if side == "b")
        return RowText(link.id, alignment_id, al.a.text, al.b.text, a, b)


def find_words(text: str, segments: Sequence[Span], words: str, *, side_name: str) -> Span:
    """The one place in these segments where ``words`` occur (whitespace-tolerant, case-sensitive)."""
    wanted = words.strip()
    if not wanted:
        raise KhaddamError(f"No words given for {side_name}.")
    body = r"\s+".join(re.escape(w) for w in wanted.split())
    # whole words: "the" is not found inside "then"
    pattern = re.compile((r"(?<!\w)" if wanted[0].isalnum() else "") + body + (r"(?!\w)" if wanted[-1].isalnum() else ""))
    hits = [(m.start(), m.end()) for a, b in segments for m in pattern.finditer(text, a, b)]
    if not hits:
        raise KhaddamError(f"“{wanted}” is not in the row's {side_name} text.",
                           hint="Copy the words exactly as the row shows them (case matters).")
    if len(hits) > 1:
        raise KhaddamError(f"“{wanted}” occurs {len(hits)} times in the row's {side_name} text: which one is meant "
                           "is ambiguous.", hint="Give more words around it so they occur once.")
    return hits[0]


def _key(alignment_id: int, link_id: int, type_: str, a: Sequence[Span], b: Sequence[Span], user: str,
         note: str) -> str:
    raw = f"{alignment_id}|{link_id}|{type_}|{list(a)}|{list(b)}|{user}|{note}|{utcnow().isoformat()}"
    return "reviewer:" + hashlib.sha256(raw.encode()).hexdigest()[:48]


def _describe(row: RowText, a: Sequence[Span], b: Sequence[Span], type_: str) -> str:
    def words(text: str, spans: Sequence[Span]) -> str:
        return " … ".join(text[s:e] for s, e in spans)

    bits = []
    if a:
        bits.append(f"“{words(row.a_text, a)}”")
    if b:
        bits.append(f"“{words(row.b_text, b)}”")
    if not bits:
        return "note on this row" if type_ == NOTE else f"{type_} (marked on the row)"
    if len(bits) == 1:
        return f"{type_}: {bits[0]} ({'first' if a else 'second'} rendering only)"
    return f"{type_}: {bits[0]} vs {bits[1]}"


@dataclass(frozen=True)
class Marked:
    divergence_id: int
    changes: Changes


def mark_finding(
    ws: Workspace,
    link_id: int,
    *,
    type: str,
    severity: float = 0.5,
    note: str = "",
    a_spans: Sequence[Span] = (),
    b_spans: Sequence[Span] = (),
    history: History | None = None,
) -> Marked:
    """Store a reviewer's finding on the row ``link_id`` (one transaction, an audit entry, undoable)."""
    if type not in FINDING_TYPES:
        raise KhaddamError(f"Unknown finding type {type!r}.", hint=f"Use one of: {', '.join(FINDING_TYPES)}.")
    if not 0.0 <= severity <= 1.0:
        raise KhaddamError(f"Severity {severity} is outside 0–1.", hint="Give a number such as 0.8 (serious).")
    if type == NOTE and not note.strip():
        raise KhaddamError("A row note needs its text.", hint="Write the note (--note TEXT).")
    if type != NOTE and not a_spans and not b_spans and not note.strip():
        raise KhaddamError("Say what the finding is: select words in the row or write a note.")
    created: list[int] = []

    def plan(d: Draft) -> int:
        s = d.session
        link = s.get(Link, link_id)
        if link is None:
            raise EditError(f"Row (link {link_id}) no longer exists.", hint="Reload the alignment.")
        members = s.execute(
            select(LinkSegment.side, Segment.start, Segment.end).join(Segment, Segment.id == LinkSegment.segment_id)
            .where(LinkSegment.link_id == link_id)
        ).all()
        for side, spans in (("a", a_spans), ("b", b_spans)):
            inside = [(st, en) for sd, st, en in members if sd == side]
            for start, end in spans:
                if end <= start or not any(st <= start and end <= en for st, en in inside):
                    raise EditError(f"The words marked ({start}–{end}) are not in this row's text.",
                                    hint="Select words inside the row's cells.")
        al = s.get(Alignment, link.alignment_id)
        assert al is not None
        row = RowText(link.id, al.id, al.a.text, al.b.text, (), ())
        div = Divergence(
            alignment_id=al.id, link_id=link.id, key=_key(al.id, link.id, type, a_spans, b_spans, ws.user, note),
            type=type, severity=0.0 if type == NOTE else severity,
            a_spans=[list(x) for x in a_spans], b_spans=[list(x) for x in b_spans],
            description=_describe(row, a_spans, b_spans, type), detail={"marked": True},
            verdict=Verdict.OPEN if type == NOTE else Verdict.CONFIRMED, note=note, reviewer=ws.user,
            stale=True, origin="reviewer", created_by=ws.user,
        )
        s.add(div)
        s.flush()
        created.append(div.id)
        # undo withdraws the finding (stale), redo brings it back: one Change like every edit
        d.divergence(div.id)
        d._div_before[div.id]["stale"] = True
        d._div_after[div.id]["stale"] = False
        return link.id

    label = "Add a row note" if type == NOTE else f"Mark up a finding ({type})"
    changes = run_edit(ws, label, plan, history=history, action=Action.DIVERGENCE_MARK, entity="link",
                       entity_id=link_id, rows_changed=False, type=type)
    return Marked(created[0], changes)
