"""Three renderings of one Work: check the three pairwise alignments against each other.

Given Arabic↔English A, Arabic↔English B and English A↔English B, every
link is checked through the other two: an English A↔B link whose two sides
map to disjoint Arabic segments (or an Arabic↔English link whose English side
maps, through the third rendering, somewhere else) gets its confidence lowered
and a note saying why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from khaddam_align.align.core import AlignedLink

PENALTY = 0.5  # confidence is multiplied by this where the three alignments disagree


def _mapping(links: Sequence[AlignedLink], *, reverse: bool = False) -> dict[int, set[int]]:
    """Segment → linked segments on the other side (a→b, or b→a when ``reverse``)."""
    out: dict[int, set[int]] = {}
    for link in links:
        src, dst = (link.b, link.a) if reverse else (link.a, link.b)
        for s in src:
            out.setdefault(s, set()).update(dst)
    return out


def _via(segments: Sequence[int], mapping: dict[int, set[int]]) -> set[int]:
    out: set[int] = set()
    for s in segments:
        out |= mapping.get(s, set())
    return out


def _check(
    links: Sequence[AlignedLink],
    *,
    left: dict[int, set[int]],
    right: dict[int, set[int]],
    what: str,
) -> list[AlignedLink]:
    """Lower links whose sides map (through ``left`` and ``right``) to disjoint third segments."""
    out = []
    for link in links:
        via_a, via_b = _via(link.a, left), _via(link.b, right)
        if via_a and via_b and not via_a & via_b:
            note = f"{what}: {sorted(via_a)} vs {sorted(via_b)}"
            note = f"{link.note}; {note}" if link.note else note
            out.append(replace(link, score=round(link.score * PENALTY, 4), note=note))
        else:
            out.append(link)
    return out


def reconcile(
    ar_ea: Sequence[AlignedLink],
    ar_eb: Sequence[AlignedLink],
    ea_eb: Sequence[AlignedLink],
) -> tuple[list[AlignedLink], list[AlignedLink], list[AlignedLink]]:
    """The three link lists with confidence lowered (and a note) where they disagree."""
    ar_to_ea, ea_to_ar = _mapping(ar_ea), _mapping(ar_ea, reverse=True)
    ar_to_eb, eb_to_ar = _mapping(ar_eb), _mapping(ar_eb, reverse=True)
    ea_to_eb, eb_to_ea = _mapping(ea_eb), _mapping(ea_eb, reverse=True)
    new_ea_eb = _check(
        ea_eb, left=ea_to_ar, right=eb_to_ar, what="the two English sides link to different Arabic segments"
    )
    new_ar_ea = _check(
        ar_ea, left=ar_to_eb, right=ea_to_eb, what="through English B, these link to different segments"
    )
    new_ar_eb = _check(
        ar_eb, left=ar_to_ea, right=eb_to_ea, what="through English A, these link to different segments"
    )
    return new_ar_ea, new_ar_eb, new_ea_eb
