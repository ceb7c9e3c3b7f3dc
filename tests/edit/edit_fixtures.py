"""An aligned workspace built from storage models: two renderings, segments, links."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import insert

from khaddam_align.ops import store_alignment
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Rendering, Segment


@dataclass(frozen=True)
class Aligned:
    alignment_id: int
    a_id: int
    b_id: int


def add_rendering(ws: Workspace, sentences: list[str], *, language: str, publisher: str) -> int:
    """A rendering whose text is the sentences joined by spaces, one segment each."""
    text = " ".join(sentences)
    with ws.transaction() as s:
        r = Rendering(
            language=language,
            publisher=publisher,
            sha256=str(hash(text)),
            text=text,
            title=publisher,
        )
        s.add(r)
        s.flush()
        rows, start = [], 0
        for pos, sent in enumerate(sentences):
            rows.append(
                {"rendering_id": r.id, "position": pos, "start": start, "end": start + len(sent)}
            )
            start += len(sent) + 1
        s.execute(insert(Segment), rows)
        return r.id


@pytest.fixture
def aligned(ws: Workspace) -> Aligned:
    a = add_rendering(
        ws, [f"Sentence number {i} of A here." for i in range(6)], language="en", publisher="A"
    )
    b = add_rendering(ws, [f"Line {i} of B." for i in range(7)], language="en", publisher="B")
    beads = [
        ([0], [0], 0.9),
        ([1], [1, 2], 0.4),
        ([2], [3], 0.8),
        ([3], [], 0.2),
        ([4, 5], [4], 0.6),
        ([], [5], 0.1),
        ([], [6], 0.3),
    ]
    return Aligned(store_alignment(ws, a, b, beads), a, b)
