"""Aligned workspaces for the app's tests, built directly from storage models."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert

from khaddam_align.ops import store_alignment
from khaddam_align.storage import Workspace
from khaddam_align.storage.models import Divergence, Link, LinkStatus, Rendering, Segment

ARABIC = [
    "ردّ خدام قائلاً: إن سوريا لن تقبل بأي حل.",
    "وأضاف أن دمشق قدّمت أكثر من 2500 مليون دولار.",
    "وأشار الرفاعي إلى قمة طارئة في القاهرة.",
    "واستمر اللقاء ساعتين.",
]
ENGLISH_A = [
    "Khaddam replied that Syria will not accept any solution.",
    "He added that Damascus had provided more than 2,500 million dollars.",
    "Al-Rifai pointed to an emergency summit in Cairo.",
    "The meeting lasted two hours.",
]
ENGLISH_B = [
    "Khaddam answered that Syria would accept no solution.",
    "He added that Damascus had given more than 250 million dollars.",
    "Rifai mentioned an emergency summit in Amman.",
    "An extra sentence only B has.",
    "The talks lasted two hours.",
]


@dataclass(frozen=True)
class Trio:
    ar: int
    en_a: int
    en_b: int
    ar_a: int  # alignment ids
    ar_b: int
    a_b: int


def add_rendering(ws: Workspace, sentences: list[str], *, language: str, publisher: str) -> int:
    text = " ".join(sentences)
    with ws.transaction() as s:
        r = Rendering(language=language, publisher=publisher, sha256=f"{publisher}-{len(text)}", text=text,
                      title=publisher, published="2024-01-01")
        s.add(r)
        s.flush()
        rows, start = [], 0
        for pos, sent in enumerate(sentences):
            rows.append({"rendering_id": r.id, "position": pos, "start": start, "end": start + len(sent)})
            start += len(sent) + 1
        s.execute(insert(Segment), rows)
        return r.id


def build_trio(ws: Workspace) -> Trio:
    """Arabic + two English renderings, aligned pairwise; one divergence; varied status and confidence."""
    ar = add_rendering(ws, ARABIC, language="ar", publisher="Arabic daily")
    a = add_rendering(ws, ENGLISH_A, language="en", publisher="Paper A")
    b = add_rendering(ws, ENGLISH_B, language="en", publisher="Paper B")
    one = [([i], [i], 0.9) for i in range(4)]
    ar_a = store_alignment(ws, ar, a, [([0], [0], 0.95), ([1], [1], 0.3), ([2], [2], 0.9), ([3], [3], 0.8)],
                           statuses=[LinkStatus.CONFIRMED, LinkStatus.AUTO, LinkStatus.AUTO, LinkStatus.AUTO])
    ar_b = store_alignment(ws, ar, b, [([0], [0], 0.9), ([1], [1], 0.9), ([2], [2], 0.9), ([], [3], 0.4),
                                       ([3], [4], 0.9)])
    a_b = store_alignment(ws, a, b, [*one[:3], ([], [3], 0.4), ([3], [4], 0.9)])
    with ws.transaction() as s:
        link = s.query(Link).filter(Link.alignment_id == a_b, Link.position == 1).one()
        s.add(Divergence(alignment_id=a_b, link_id=link.id, key="n1", type="number", severity=0.9,
                         description="2,500 million vs 250 million"))
    return Trio(ar, a, b, ar_a, ar_b, a_b)
