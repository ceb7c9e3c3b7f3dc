"""Reading an alignment document back into a workspace (``import-alignment``).

Renderings are found by the SHA-256 of their file and checked segment by
segment (same offsets), so a colleague's document lands on the same text. With
no alignment of the pair yet, one is created. Otherwise the document is merged:

- a link reviewed there (confirmed/rejected) replaces links here that nobody
  reviewed; where both sides reviewed the same segments differently, ours stays
  and a conflict is reported;
- a divergence verdict given there fills an ``open`` one here; two different
  verdicts are a conflict, never overwritten;
- divergences only the document has are added.

One import is one transaction: on any error nothing is written.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

from khaddam_align.errors import KhaddamError
from khaddam_align.export.document import SCHEMA, Document
from khaddam_align.ops.actions import Action
from khaddam_align.ops.core import Op, run_op
from khaddam_align.storage.db import Workspace
from khaddam_align.storage.models import (
    Alignment,
    Divergence,
    Link,
    LinkSegment,
    LinkStatus,
    Rendering,
    Segment,
    Side,
    Verdict,
)

SegKey = tuple[frozenset[int], frozenset[int]]  # (A positions, B positions) of a link


class DocumentError(KhaddamError):
    """An alignment document cannot be read or does not fit this workspace."""


@dataclass(frozen=True)
class Conflict:
    """Something both sides decided differently; ours was kept."""

    what: str  # "link" | "divergence" | "note"
    where: str  # e.g. "A segments 3-4 / B segment 5"
    ours: str
    theirs: str


@dataclass(frozen=True)
class ImportAlignmentReport:
    alignment_id: int
    created: bool
    links_added: int = 0
    links_removed: int = 0
    links_updated: int = 0
    divergences_added: int = 0
    verdicts_updated: int = 0
    conflicts: tuple[Conflict, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        verb = "Created" if self.created else "Merged into"
        return (
            f"{verb} alignment {self.alignment_id}: {self.links_added} links added, "
            f"{self.links_removed} replaced, {self.links_updated} updated; "
            f"{self.divergences_added} divergences added, {self.verdicts_updated} verdicts taken; "
            f"{len(self.conflicts)} conflicts (ours kept)."
        )


MAX_DOCUMENT_BYTES = 500_000_000  # a document carries both texts; far above any real one
MAX_NESTING = 32  # free-form JSON (settings, detail) deeper than this is not ours


def read_document(path: str | os.PathLike[str]) -> Document:
    """Load and check an alignment document file (a regular file, at most ``MAX_DOCUMENT_BYTES``)."""
    from khaddam_align.errors import SourceError
    from khaddam_align.ingest.sources import read_limited

    where = os.fspath(path)
    if not os.path.lexists(path):
        raise DocumentError(f"{where} does not exist.", hint="Check the file name.")
    try:
        raw = read_limited(Path(path), name=where, limit=MAX_DOCUMENT_BYTES)
    except SourceError as exc:
        raise DocumentError(exc.message, hint=exc.hint) from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{where} is not UTF-8 text.", hint="Give a .json file written by export.") from exc
    except json.JSONDecodeError as exc:
        raise DocumentError(
            f"{where}, line {exc.lineno}: not valid JSON ({exc.msg}).",
            hint="Give a file written by: khaddam-align export ID --format json.",
        ) from exc
    except RecursionError as exc:
        raise DocumentError(
            f"{where}: the JSON is nested too deeply to be an alignment document.",
            hint="Give a file written by: khaddam-align export ID --format json.",
        ) from exc
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise DocumentError(f"{where}: not a usable JSON document ({exc}).") from exc
    check_document(data, where=where)
    return data  # type: ignore[no-any-return]


class _Checker:
    """Type checks that name the field: ``links[3].a[0]: expected a whole number, found "x"``."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, path: str, problem: str) -> DocumentError:
        return DocumentError(
            f"{self.where} is damaged or incomplete: {path}: {problem}.",
            hint="The document is damaged or was not written by khaddam-align; export it again with: "
            "khaddam-align export ID --format json",
        )

    @staticmethod
    def _found(value: Any) -> str:
        shown = json.dumps(value, ensure_ascii=True, default=str) if _depth(value, 3) < 3 else "a nested value"
        return shown if len(shown) <= 40 else shown[:37] + "…"

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected an object, found {self._found(value)}")
        return value

    def seq(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list, found {self._found(value)}")
        return value

    def field(self, parent: dict[str, Any], key: str, path: str) -> Any:
        if key not in parent:
            raise self.fail(f"{path}.{key}" if path else key, "missing")
        return parent[key]

    def whole(self, value: Any, path: str, *, minimum: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(path, f"expected a whole number ≥ {minimum}, found {self._found(value)}")
        return value

    def number(self, value: Any, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise self.fail(path, f"expected a number, found {self._found(value)}")
        return float(value)

    def text(self, value: Any, path: str, *, optional: bool = True) -> str:
        if value is None and optional:
            return ""
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, found {self._found(value)}")
        if _SURROGATE.search(value):
            raise self.fail(path, "holds an unpaired surrogate (\\ud800-\\udfff), which is not a character")
        return value

    def choice(self, value: Any, path: str, allowed: type[LinkStatus] | type[Verdict]) -> None:
        names = [str(v.value) for v in allowed]
        if value not in names:
            raise self.fail(path, f"expected one of {', '.join(names)}, found {self._found(value)}")

    def free(self, value: Any, path: str) -> None:
        """Free-form JSON (settings, detail): an object, not nested absurdly, text without surrogates."""
        self.obj(value, path)
        if _depth(value, MAX_NESTING + 1) > MAX_NESTING:
            raise self.fail(path, f"nested more than {MAX_NESTING} levels deep")
        if _SURROGATE.search(json.dumps(value, ensure_ascii=False)):
            raise self.fail(path, "holds an unpaired surrogate (\\ud800-\\udfff), which is not a character")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _depth(value: Any, cap: int) -> int:
    """Nesting depth of ``value``, counted up to ``cap`` (iterative: no recursion limit)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level >= cap:
                return level
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def check_document(data: Any, *, where: str = "the document") -> None:
    """Check every field the import uses; a bad one raises ``DocumentError`` naming its path."""
    if not isinstance(data, dict) or "schema" not in data:
        raise DocumentError(f"{where} is not a khaddam-align alignment document (no schema).")
    if data["schema"] != SCHEMA:
        shown = data["schema"] if isinstance(data["schema"], str) and len(data["schema"]) < 80 else "another"
        raise DocumentError(
            f"{where} has schema {shown!r}; this version reads {SCHEMA!r}.",
            hint="Export it again with this version, or update khaddam-align.",
        )
    c = _Checker(where)
    alignment = c.obj(c.field(data, "alignment", ""), "alignment")
    c.text(alignment.get("method"), "alignment.method")
    if "settings" in alignment:
        c.free(alignment["settings"], "alignment.settings")
    renderings = c.obj(c.field(data, "renderings", ""), "renderings")
    segments = c.obj(c.field(data, "segments", ""), "segments")
    for side in ("a", "b"):
        meta = c.obj(c.field(renderings, side, "renderings"), f"renderings.{side}")
        c.text(c.field(meta, "sha256", f"renderings.{side}"), f"renderings.{side}.sha256", optional=False)
        for key in ("file_name", "title"):
            c.text(meta.get(key), f"renderings.{side}.{key}")
        listed = c.seq(c.field(segments, side, "segments"), f"segments.{side}")
        for n, seg in enumerate(listed):
            path = f"segments.{side}[{n}]"
            c.obj(seg, path)
            c.whole(c.field(seg, "index", path), f"{path}.index")
            start = c.whole(c.field(seg, "start", path), f"{path}.start")
            end = c.whole(c.field(seg, "end", path), f"{path}.end")
            if end < start:
                raise c.fail(path, f"ends ({end}) before it starts ({start})")
            c.text(seg.get("text"), f"{path}.text")
    links = c.seq(c.field(data, "links", ""), "links")
    for n, link in enumerate(links):
        path = f"links[{n}]"
        c.obj(link, path)
        for side in ("a", "b"):
            for k, i in enumerate(c.seq(c.field(link, side, path), f"{path}.{side}")):
                c.whole(i, f"{path}.{side}[{k}]")
        c.choice(c.field(link, "status", path), f"{path}.status", LinkStatus)
        c.number(c.field(link, "score", path), f"{path}.score")
        c.text(link.get("note"), f"{path}.note")
    for n, d in enumerate(c.seq(c.field(data, "divergences", ""), "divergences")):
        path = f"divergences[{n}]"
        c.obj(d, path)
        c.text(c.field(d, "type", path), f"{path}.type", optional=False)
        c.choice(c.field(d, "verdict", path), f"{path}.verdict", Verdict)
        for side in ("a_spans", "b_spans"):
            for k, span in enumerate(c.seq(c.field(d, side, path), f"{path}.{side}")):
                pair = c.seq(span, f"{path}.{side}[{k}]")
                if len(pair) != 2:
                    raise c.fail(f"{path}.{side}[{k}]", f"expected [start, end], found {len(pair)} values")
                lo = c.whole(pair[0], f"{path}.{side}[{k}][0]")
                hi = c.whole(pair[1], f"{path}.{side}[{k}][1]")
                if hi < lo:
                    raise c.fail(f"{path}.{side}[{k}]", f"ends ({hi}) before it starts ({lo})")
        if "severity" in d:
            c.number(d["severity"], f"{path}.severity")
        for key in ("description", "note", "reviewer", "key"):
            c.text(d.get(key), f"{path}.{key}")
        if d.get("link") is not None:
            c.whole(d["link"], f"{path}.link")
        if "detail" in d:
            c.free(d["detail"], f"{path}.detail")
        if "stale" in d and not isinstance(d["stale"], bool):
            raise c.fail(f"{path}.stale", "expected true or false")


def _find_rendering(session: Session, doc: Document, side: str, where: str) -> tuple[Rendering, dict[int, Segment]]:
    """The rendering with the document's sha256 whose segments have the document's offsets."""
    meta = doc["renderings"][side]
    wanted = {int(s["index"]): (int(s["start"]), int(s["end"])) for s in doc["segments"][side]}
    candidates = session.scalars(
        select(Rendering).where(Rendering.sha256 == meta["sha256"]).order_by(Rendering.id)
    ).all()
    if not candidates:
        from khaddam_align.resources import DEMO_FILES

        name = meta.get("file_name") or meta.get("title")
        publisher = f"{meta['publisher']}, " if meta.get("publisher") else ""
        raise DocumentError(
            f"{where}: its {'first' if side == 'a' else 'second'} rendering ({publisher}{name}, "
            f"sha256 {meta['sha256'][:12]}…) is not in this workspace.",
            hint="It is the demo's: run khaddam-align demo first." if name in DEMO_FILES
            else "Import the same file first with: khaddam-align import FILE",
        )
    for r in candidates:
        by_offsets = {(s.start, s.end): s for s in r.segments}
        if all(span in by_offsets for span in wanted.values()) and len(by_offsets) == len(wanted):
            return r, {i: by_offsets[span] for i, span in wanted.items()}
    r = candidates[0]
    have = {(s.start, s.end) for s in r.segments}
    missing = next(((i, sp) for i, sp in sorted(wanted.items()) if sp not in have), None)
    detail = (
        f"segment {missing[0]} at {missing[1][0]}–{missing[1][1]} is not a segment here"
        if missing
        else f"this workspace has {len(have)} segments, the document {len(wanted)}"
    )
    raise DocumentError(
        f"{where}: rendering {side.upper()} ({r.label}) is segmented differently ({detail}).",
        hint="Segment it the same way as the colleague who exported the document, then import again.",
    )


def _key(a: Iterable[int], b: Iterable[int]) -> SegKey:
    return frozenset(a), frozenset(b)


def _describe(key: SegKey) -> str:
    def side(name: str, idx: frozenset[int]) -> str:
        if not idx:
            return f"no {name} segment"
        nums = sorted(idx)
        return f"{name} segment{'s' if len(nums) > 1 else ''} {', '.join(str(n) for n in nums)}"

    return f"{side('A', key[0])} / {side('B', key[1])}"


def _new_link(alignment: Alignment, position: int, data: dict[str, Any], segs: dict[str, dict[int, Segment]]) -> Link:
    link = Link(
        alignment=alignment,
        position=position,
        score=float(data["score"]),
        status=LinkStatus(data["status"]),
        note=data.get("note", ""),
    )
    link.members = [
        LinkSegment(segment=segs[side][i], side=Side(side), segment_position=segs[side][i].position)
        for side in ("a", "b")
        for i in data[side]
    ]
    return link


def _link_key(link: Link) -> SegKey:
    return (
        frozenset(m.segment_position for m in link.members if m.side == Side.A),
        frozenset(m.segment_position for m in link.members if m.side == Side.B),
    )


@dataclass
class _Tally:
    links_added: int = 0
    links_removed: int = 0
    links_updated: int = 0
    divergences_added: int = 0
    verdicts_updated: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    taken: dict[str, dict[str, str]] = field(default_factory=dict)  # divergence id → verdict/note taken


def _components(ours: list[tuple[SegKey, Any]], theirs: list[tuple[SegKey, Any]]) -> list[tuple[list[int], list[int]]]:
    """Groups of our / their links connected by shared segments (union-find over links)."""
    parent = list(range(len(ours) + len(theirs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, int], int] = {}
    for offset, links in ((0, ours), (len(ours), theirs)):
        for n, (key, _) in enumerate(links):
            for side, idx in (("a", key[0]), ("b", key[1])):
                for i in idx:
                    node = offset + n
                    if (side, i) in owner:
                        parent[find(node)] = find(owner[(side, i)])
                    else:
                        owner[(side, i)] = node
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for node in range(len(parent)):
        mine, other = groups.setdefault(find(node), ([], []))
        (mine if node < len(ours) else other).append(node if node < len(ours) else node - len(ours))
    return list(groups.values())


def _merge_links(
    session: Session, alignment: Alignment, doc: Document, segs: dict[str, dict[int, Segment]], tally: _Tally
) -> None:
    ours = [(_link_key(link), link) for link in alignment.links]
    theirs = [(_key(d["a"], d["b"]), d) for d in doc["links"]]
    reviewed = {LinkStatus.CONFIRMED, LinkStatus.REJECTED}
    replacements: dict[int, list[dict[str, Any]]] = {}  # first removed link's position -> new links
    removed: set[int] = set()
    for mine, other in _components(ours, theirs):
        if not mine or not other:
            continue  # segments only one side links: nothing to compare
        if len(mine) == 1 and len(other) == 1 and ours[mine[0]][0] == theirs[other[0]][0]:
            _merge_same_link(ours[mine[0]][1], theirs[other[0]][1], ours[mine[0]][0], tally)
            continue
        union_ours = _union(ours[i][0] for i in mine)
        union_theirs = _union(theirs[j][0] for j in other)
        their_links = [theirs[j][1] for j in other]
        our_links = [ours[i][1] for i in mine]
        where = _describe(union_ours)
        if not any(LinkStatus(d["status"]) in reviewed for d in their_links):
            continue  # their grouping was not reviewed: keep ours silently
        if union_ours != union_theirs or any(link.status in reviewed for link in our_links):
            tally.conflicts.append(
                Conflict(
                    "link",
                    where,
                    "; ".join(f"{_describe(ours[i][0])} {ours[i][1].status}" for i in mine),
                    "; ".join(f"{_describe(theirs[j][0])} {theirs[j][1]['status']}" for j in other),
                )
            )
            continue
        first = min(link.position for link in our_links)
        replacements[first] = sorted(their_links, key=lambda d: (min(d["a"], default=-1), min(d["b"], default=-1)))
        removed.update(link.id for link in our_links)
    if not replacements:
        return
    # Rebuild the order: replaced links give way to theirs at the same place.
    kept = [link for link in alignment.links if link.id not in removed]
    orphans = session.scalars(select(Divergence).where(Divergence.link_id.in_(removed))).all()
    for link in alignment.links:
        if link.id in removed:
            session.delete(link)
            tally.links_removed += 1
    session.flush()
    rows: list[tuple[float, int, Link | dict[str, Any]]] = [(link.position, 0, link) for link in kept]
    for first, new in replacements.items():
        rows += [(first + k / (len(new) + 1), 1, d) for k, d in enumerate(new)]
    rows.sort(key=lambda r: (r[0], r[1]))
    added = []
    for position, (_, _, item) in enumerate(rows):
        if isinstance(item, Link):
            item.position = position
        else:
            added.append(_new_link(alignment, position, item, segs))
            session.add(added[-1])
            tally.links_added += 1
    session.flush()
    _relink(orphans, added)


def _relink(divergences: Iterable[Divergence], links: list[Link]) -> None:
    """Attach divergences of replaced links to the new link their evidence falls in."""
    for d in divergences:
        d.link_id = None
        for link in links:
            ranges: dict[str, list[tuple[int, int]]] = {}
            for m in link.members:
                ranges.setdefault(str(m.side), []).append((m.segment.start, m.segment.end))
            hits = any(
                s < seg_end and seg_start < e
                for side, spans in (("a", d.a_spans), ("b", d.b_spans))
                for s, e in spans
                for seg_start, seg_end in ranges.get(side, [])
            )
            if hits:
                d.link_id = link.id
                break


def _union(keys: Iterable[SegKey]) -> SegKey:
    a: set[int] = set()
    b: set[int] = set()
    for ka, kb in keys:
        a |= ka
        b |= kb
    return frozenset(a), frozenset(b)


def _merge_same_link(link: Link, data: dict[str, Any], key: SegKey, tally: _Tally) -> None:
    theirs = LinkStatus(data["status"])
    changed = False
    if theirs != link.status:
        if link.status == LinkStatus.AUTO:
            link.status = theirs
            link.score = float(data["score"])
            changed = True
        elif theirs != LinkStatus.AUTO:
            tally.conflicts.append(Conflict("link", _describe(key), str(link.status), str(theirs)))
    note = data.get("note", "")
    if note and note != link.note:
        if not link.note:
            link.note = note
            changed = True
        else:
            tally.conflicts.append(Conflict("note", f"link {_describe(key)}", link.note, note))
    tally.links_updated += changed


def _merge_divergences(
    session: Session, alignment: Alignment, doc: Document, tally: _Tally, *, created: bool
) -> None:
    links_by_key = {_link_key(link): link for link in alignment.links}
    doc_keys = [_key(d["a"], d["b"]) for d in doc["links"]]
    existing = {
        d.key: d
        for d in session.scalars(select(Divergence).where(Divergence.alignment_id == alignment.id))
    }
    for n, data in enumerate(doc["divergences"]):
        key = data.get("key") or f"imported-{n}"
        link_pos = data.get("link")
        link = links_by_key.get(doc_keys[link_pos]) if link_pos is not None and 0 <= link_pos < len(doc_keys) else None
        ours = existing.get(key)
        if ours is None:
            row = Divergence(
                alignment_id=alignment.id,
                link_id=link.id if link is not None else None,
                key=key,
                type=data["type"],
                severity=float(data.get("severity", 0.0)),
                a_spans=data["a_spans"],
                b_spans=data["b_spans"],
                description=data.get("description", ""),
                detail=data.get("detail", {}),
                verdict=Verdict(data["verdict"]),
                note=data.get("note", ""),
                reviewer=data.get("reviewer", ""),
                stale=bool(data.get("stale", False)),
            )
            if link is None and link_pos is not None:
                # Their link is not one of ours (a conflict kept ours): attach by evidence.
                _relink([row], list(alignment.links))
            session.add(row)
            tally.divergences_added += not created
            continue
        theirs = Verdict(data["verdict"])
        where = f"divergence {ours.id} ({ours.type})"  # the id verdict and history take
        if theirs != ours.verdict and theirs != Verdict.OPEN:
            if ours.verdict == Verdict.OPEN:
                tally.taken[str(ours.id)] = {"before_verdict": ours.verdict.value, "before_note": ours.note,
                                             "verdict": theirs.value, "note": ours.note or data.get("note", ""),
                                             "reviewer": data.get("reviewer", "")}
                ours.verdict = theirs
                ours.reviewer = data.get("reviewer", "") or ours.reviewer
                ours.note = ours.note or data.get("note", "")
                tally.verdicts_updated += 1
                continue
            tally.conflicts.append(
                Conflict(
                    "divergence",
                    where,
                    f"{ours.verdict} ({ours.reviewer or 'unknown'})",
                    f"{theirs} ({data.get('reviewer') or 'unknown'})",
                )
            )
        note = data.get("note", "")
        if note and note != ours.note:
            if not ours.note:
                tally.taken[str(ours.id)] = {"before_verdict": ours.verdict.value, "before_note": "",
                                             "verdict": ours.verdict.value, "note": note,
                                             "reviewer": data.get("reviewer", "")}
                ours.note = note
            else:
                tally.conflicts.append(Conflict("note", where, ours.note, note))


def import_alignment(
    ws: Workspace,
    source: str | os.PathLike[str] | Document,
    *,
    into: int | None = None,
) -> ImportAlignmentReport:
    """Create or merge the alignment described by ``source`` (a file or a document dict).

    ``into`` names the alignment to merge into; by default the most recently
    updated alignment of the same two renderings (A and B in the same order),
    or a new one if there is none.
    """
    if isinstance(source, dict):
        where = "the document"
        check_document(source, where=where)
        doc = source
    else:
        where = os.fspath(source)
        doc = read_document(source)
    def body(op: Op) -> ImportAlignmentReport:
        session = op.session
        _count_changes(op, session)
        a, a_segs = _find_rendering(session, doc, "a", where)
        b, b_segs = _find_rendering(session, doc, "b", where)
        segs = {"a": a_segs, "b": b_segs}
        for n, link in enumerate(doc["links"]):
            for side in ("a", "b"):
                unknown = [i for i in link[side] if i not in segs[side]]
                if unknown:
                    raise DocumentError(f"{where}: link {n} names {side.upper()} segment {unknown[0]}, which the document does not list.")
        target_id = _target_id(session, a, b, into, where)
        if target_id is not None:
            op.lock_alignment(target_id)  # merges into one alignment never interleave
        alignment = _target(session, a, b, target_id, where) if target_id is not None else None
        tally = _Tally()
        created = alignment is None
        if alignment is None:
            alignment = Alignment(
                a=a,
                b=b,
                method=str(doc["alignment"].get("method", "imported")),
                settings={**doc["alignment"].get("settings", {}), "imported_from": Path(where).name},
            )
            session.add(alignment)
            for position, data in enumerate(doc["links"]):
                session.add(_new_link(alignment, position, data, segs))
            tally.links_added = len(doc["links"])
            session.flush()
        else:
            _merge_links(session, alignment, doc, segs, tally)
            session.flush()  # refresh() cascades to the links and would drop their unflushed changes
        session.refresh(alignment)
        _merge_divergences(session, alignment, doc, tally, created=created)
        session.flush()
        op.created_id = alignment.id
        op.alignment_ids.add(alignment.id)
        op.rows_changed = created or tally.links_added > 0 or tally.links_removed > 0
        op.detail.update(file=Path(where).name, created=created, conflicts=len(tally.conflicts),
                         verdicts_taken=tally.taken)
        op.divergence_ids.update(int(k) for k in tally.taken)
        op.summary = f"{'created' if created else 'merged into'} alignment {alignment.id} from {Path(where).name}"
        return ImportAlignmentReport(
            alignment_id=alignment.id,
            created=created,
            links_added=tally.links_added,
            links_removed=tally.links_removed,
            links_updated=tally.links_updated,
            divergences_added=tally.divergences_added if not created else len(doc["divergences"]),
            verdicts_updated=tally.verdicts_updated,
            conflicts=tuple(tally.conflicts),
        )

    result, _changes = run_op(ws, Action.ALIGNMENT_IMPORT, body, label="Import alignment", entity="alignment",
                              entity_id=into)
    return result


def _count_changes(op: Op, session: Session) -> None:
    """Every link and divergence this import changes gets ``version + 1`` once (screens showing it are stale)."""
    counted: set[tuple[str, int]] = set()

    def before_flush(s: Session, _context: object, _instances: object) -> None:
        for obj in list(s.dirty):
            if isinstance(obj, Link | Divergence) and s.is_modified(obj):
                kind = "link" if isinstance(obj, Link) else "divergence"
                if (kind, obj.id) not in counted:
                    counted.add((kind, obj.id))
                    obj.version = obj.version + 1
                    getattr(op, f"{kind}_ids").add(obj.id)

    event.listen(session, "before_flush", before_flush)


def _target_id(session: Session, a: Rendering, b: Rendering, into: int | None, where: str) -> int | None:
    """The alignment to merge into: ``into`` (checked), else the latest of the same pair, else None."""
    if into is not None:
        alignment = session.get(Alignment, into)
        if alignment is None:
            raise DocumentError(f"There is no alignment {into} to merge {where} into.")
        if (alignment.a_id, alignment.b_id) != (a.id, b.id):
            raise DocumentError(
                f"Alignment {into} pairs renderings {alignment.a_id} and {alignment.b_id}, "
                f"but {where} pairs {a.id} and {b.id}.",
                hint="Leave out --into to merge into the matching alignment.",
            )
        return into
    return session.scalar(
        select(Alignment.id)
        .where(Alignment.a_id == a.id, Alignment.b_id == b.id)
        .order_by(Alignment.updated.desc(), Alignment.id.desc())
        .limit(1)
    )


def _target(session: Session, a: Rendering, b: Rendering, target_id: int, where: str) -> Alignment | None:
    return session.get(
        Alignment, target_id, options=[selectinload(Alignment.links).selectinload(Link.members)], populate_existing=True
    )
