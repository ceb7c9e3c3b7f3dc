"""Build renderings, segments and an alignment directly in a workspace (no importer, no aligner)."""

from __future__ import annotations

from collections.abc import Sequence

from khaddam_align.segment import segment_text
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Alignment, Link, LinkSegment, Rendering, Segment, Side


def add_rendering(ws: Workspace, text: str, *, publisher: str) -> tuple[int, list[int]]:
    """A rendering of ``text`` with its sentence segments; returns (id, segment ids)."""
    with ws.transaction() as s:
        r = Rendering(publisher=publisher, language="en", sha256=publisher.ljust(64, "0")[:64], text=text)
        s.add(r)
        s.flush()
        ids = []
        for i, span in enumerate(segment_text(text, "en")):
            seg = Segment(rendering_id=r.id, position=i, start=span.start, end=span.end,
                          kind=span.kind, paragraph=span.paragraph)
            s.add(seg)
            s.flush()
            ids.append(seg.id)
        return r.id, ids


def add_alignment(
    ws: Workspace, a_id: int, b_id: int, a_segs: list[int], b_segs: list[int],
    links: Sequence[tuple[Sequence[int], Sequence[int]]] | None = None,
) -> int:
    """An alignment; ``links`` are (A segment indexes, B segment indexes); default 1:1 in order."""
    if links is None:
        n = max(len(a_segs), len(b_segs))
        links = [([i] if i < len(a_segs) else [], [i] if i < len(b_segs) else []) for i in range(n)]
    with ws.transaction() as s:
        al = Alignment(a_id=a_id, b_id=b_id, method="test")
        s.add(al)
        s.flush()
        for pos, (a_idx, b_idx) in enumerate(links):
            link = Link(alignment_id=al.id, position=pos, score=0.9)
            s.add(link)
            s.flush()
            for side, idxs, segs in ((Side.A, a_idx, a_segs), (Side.B, b_idx, b_segs)):
                for k in idxs:
                    s.add(LinkSegment(link_id=link.id, segment_id=segs[k], side=side, segment_position=k))
        return al.id


def pair(ws: Workspace, a_text: str, b_text: str) -> int:
    """Two renderings aligned sentence by sentence; returns the alignment id."""
    a_id, a_segs = add_rendering(ws, a_text, publisher="Paper A")
    b_id, b_segs = add_rendering(ws, b_text, publisher="Paper B")
    return add_alignment(ws, a_id, b_id, a_segs, b_segs)
