"""The JSON alignment document: one alignment, its sources, links and divergences.

The format is versioned by ``SCHEMA`` and documented in docs/formats.md.
A work's three alignments (original ↔ first rendering, original ↔ second,
first ↔ second) travel in one document: the first alignment's, with the other
two as full alignment documents under ``"companions"`` (``build_work_document``).
Each rendering carries its display ``name`` (``khaddam_align.naming``); each
divergence its ``origin`` ("detected" or "reviewer") and ``created_by``.
Segment offsets are code-point offsets into the rendering's stored text, so
``text[start:end]`` is the exact slice; ``text`` is included for convenience.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from khaddam_align.errors import NotFound
from khaddam_align.naming import view_names
from khaddam_align.storage.models import Alignment, Divergence, Link, Rendering, Segment
from khaddam_align.timestamps import iso_utc

SCHEMA = "khaddam-align.alignment/1"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

Document = dict[str, Any]


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else iso_utc(moment)


def _rendering(r: Rendering) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title,
        "publisher": r.publisher,
        "author": r.author,
        "date": r.published,
        "language": r.language,
        "file_name": r.file_name,
        "sha256": r.sha256,
        "url": r.url,
    }


def _segments(session: Session, r: Rendering) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Segment).where(Segment.rendering_id == r.id).order_by(Segment.position)
    ).all()
    text = r.text
    return [
        {
            "index": s.position,
            "start": s.start,
            "end": s.end,
            "kind": str(s.kind),
            "paragraph": s.paragraph,
            "text": text[s.start : s.end],
        }
        for s in rows
    ]


def build_document(session: Session, alignment_id: int) -> Document:
    """The alignment document of ``alignment_id`` (a JSON-ready dict).

    Raises ``NotFound`` if there is no such alignment.
    """
    alignment = session.get(Alignment, alignment_id)
    if alignment is None:
        raise NotFound(
            f"There is no alignment {alignment_id} in this workspace.",
            hint="Alignment ids are printed by khaddam-align align and khaddam-align compare.",
        )
    links = session.scalars(
        select(Link)
        .where(Link.alignment_id == alignment_id)
        .order_by(Link.position, Link.id)
        .options(selectinload(Link.members))
    ).all()
    link_index = {link.id: i for i, link in enumerate(links)}
    link_rows = []
    for link in links:
        sides: dict[str, list[int]] = {"a": [], "b": []}
        for m in sorted(link.members, key=lambda m: m.segment_position):
            sides[str(m.side)].append(m.segment_position)
        link_rows.append(
            {
                "a": sides["a"],
                "b": sides["b"],
                "score": float(link.score),
                "status": str(link.status),
                "note": link.note,
            }
        )
    divergences = session.scalars(
        select(Divergence).where(Divergence.alignment_id == alignment_id).order_by(Divergence.id)
    ).all()
    div_rows = [
        {
            "id": d.id,
            "key": d.key,
            "link": link_index.get(d.link_id) if d.link_id is not None else None,
            "type": d.type,
            "severity": float(d.severity),
            "a_spans": [list(span) for span in d.a_spans],
            "b_spans": [list(span) for span in d.b_spans],
            "description": d.description,
            "detail": d.detail,
            "verdict": str(d.verdict),
            "note": d.note,
            "reviewer": d.reviewer,
            "stale": d.stale,
            "origin": d.origin or "detected",
            "created_by": d.created_by or "",
            "created": _iso(d.created),
        }
        for d in divergences
    ]
    return {
        "schema": SCHEMA,
        "alignment": {
            "id": alignment.id,
            "method": alignment.method,
            "created": _iso(alignment.created),
            "updated": _iso(alignment.updated),
            "settings": alignment.settings,
        },
        "renderings": _named({"a": _rendering(alignment.a), "b": _rendering(alignment.b)}),
        "segments": {"a": _segments(session, alignment.a), "b": _segments(session, alignment.b)},
        "links": link_rows,
        "divergences": div_rows,
        "generator": _generator(),
    }


def _named(renderings: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Add each rendering's display name ("Daily Courier (English)", "Arabic original")."""
    for r, name in zip(renderings.values(), view_names([_Fields(r) for r in renderings.values()]), strict=True):
        r["name"] = name
    return renderings


class _Fields:
    """A rendering dict seen with the attribute names ``identity_of`` reads."""

    def __init__(self, r: dict[str, Any]) -> None:
        self.id, self.language, self.publisher = r["id"], r["language"], r["publisher"]
        self.file_name, self.published = r["file_name"], r["date"]


def build_work_document(session: Session, alignment_ids: list[int]) -> Document:
    """One document for a work's view: the first alignment's, with the others under ``"companions"``.

    ``alignment_ids``: [original ↔ first, original ↔ second, first ↔ second] (the last may be absent).
    Names are made distinct across all three renderings.
    """
    docs = [build_document(session, aid) for aid in alignment_ids]
    main = docs[0]
    if len(docs) > 1:
        main["companions"] = docs[1:]
        three = [main["renderings"]["a"], main["renderings"]["b"], docs[1]["renderings"]["b"]]
        names = dict(zip((r["id"] for r in three), view_names([_Fields(r) for r in three]), strict=True))
        for doc in docs:
            for r in doc["renderings"].values():
                r["name"] = names.get(r["id"], r.get("name", ""))
    return main


def _generator() -> dict[str, str]:
    """The tool and its version (from git tags, khaddam_align/version.py); the aligner's
    settings are in ``alignment.settings``."""
    from khaddam_align.version import tool_version

    return {"name": "khaddam-align", "version": tool_version()}


def write_json(document: Document, path: str | os.PathLike[str]) -> None:
    """Write ``document`` as UTF-8 JSON (logical order Arabic, not escaped)."""
    from khaddam_align.export.atomic import write_text

    body = json.dumps(document, ensure_ascii=False, indent=2)
    # A lone surrogate cannot be encoded as UTF-8: keep it as a JSON escape, which round-trips.
    body = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", body)
    write_text(path, body + "\n")
