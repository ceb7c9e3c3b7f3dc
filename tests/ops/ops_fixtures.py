"""A small reviewed workspace for the operations tests: two renderings, one alignment, two divergences."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from khaddam_align.ops import store_alignment
from khaddam_align.storage import Workspace, open_workspace
from khaddam_align.storage.models import Divergence, Link
from tests.edit.edit_fixtures import add_rendering


@dataclass(frozen=True)
class Built:
    alignment_id: int
    a_id: int
    b_id: int
    divergence_ids: tuple[int, int]


def build(ws: Workspace, *, rows: int = 6, tag: str = "") -> Built:
    """Renderings A (rows sentences) and B, aligned 1:1, with two open divergences on rows 2 and 4."""
    a = add_rendering(ws, [f"Sentence {i} of A{tag} says {i * 7} dinars." for i in range(rows)], language="en",
                      publisher=f"A{tag}")
    b = add_rendering(ws, [f"Line {i} of B{tag} says {i * 7 + 1} dinars." for i in range(rows)], language="en",
                      publisher=f"B{tag}")
    al = store_alignment(ws, a, b, [([i], [i], 0.5) for i in range(rows)])
    with ws.transaction() as s:
        links = list(s.scalars(select(Link.id).where(Link.alignment_id == al).order_by(Link.position)))
        divs = []
        for k, row in enumerate((1, 3)):
            d = Divergence(alignment_id=al, link_id=links[row], key=f"k{k}{tag}", type="number", severity=0.9,
                           a_spans=[], b_spans=[], description=f"number differs in row {row + 1}")
            s.add(d)
            s.flush()
            divs.append(d.id)
    return Built(al, a, b, (divs[0], divs[1]))


def as_user(url_or_path: str | os.PathLike[str], user: str) -> Workspace:
    """The same workspace opened by another reviewer (its own engine and connections)."""
    return open_workspace(url_or_path if isinstance(url_or_path, str) else Path(url_or_path), user=user)


def link_at(ws: Workspace, alignment_id: int, row: int) -> tuple[int, int, str]:
    """(id, version, status) of the link at ``row`` (from 1)."""
    with ws.session() as s:
        found = s.execute(
            select(Link.id, Link.version, Link.status).where(Link.alignment_id == alignment_id, Link.position == row - 1)
        ).one()
        return int(found[0]), int(found[1]), str(found[2].value)


def divergence(ws: Workspace, divergence_id: int) -> tuple[str, str, str, int]:
    """(verdict, note, reviewer, version)."""
    with ws.session() as s:
        d = s.get(Divergence, divergence_id)
        assert d is not None
        return d.verdict.value, d.note, d.reviewer, d.version
