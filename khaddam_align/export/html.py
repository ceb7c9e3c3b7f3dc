"""The HTML report: one self-contained file a fact-checker can open and trust.

No scripts, no network (a Content-Security-Policy forbids both), CSS inline.
Every piece of source text goes through Jinja2's autoescaping or
``markupsafe.escape``; highlighting is built from escaped pieces, so a source
containing ``<script>`` shows as text. ``for_qt=True`` renders the variant the
PDF writer feeds to QTextDocument (tables instead of flexbox, no CSS it lacks).
"""

from __future__ import annotations

import json
import os
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from jinja2 import Environment, FunctionLoader
from markupsafe import Markup, escape

from khaddam_align import resources
from khaddam_align.export.atomic import write_text
from khaddam_align.export.document import Document
from khaddam_align.export.rows import LinkRow, link_rows, summarize, xml_safe
from khaddam_align.text.visible import describe, split_acting, visible
from khaddam_align.views.names import name_sides

VERDICT_LABELS = {
    "open": "open",
    "confirmed": "confirmed",
    "dismissed": "dismissed",
    "check-source": "check the source",
}
# Overview strip: the most serious state of a link picks its colour.
STRIP_COLOURS = {
    "confirmed": "#c0392b",
    "open": "#e67e22",
    "check-source": "#8e44ad",
    "dismissed": "#95a5a6",
    "unmatched": "#2c7fb8",
    "none": "#d5e8d4",
}
_STRIP_ORDER = ("confirmed", "check-source", "open", "dismissed", "unmatched", "none")
MAX_STRIP_CELLS = 240
MAX_STRIP_CELLS_QT = 60  # QTextDocument gives every table cell a minimum width


@dataclass(frozen=True)
class _Side:
    """One side of a link as a single string, with a map back to the stored text."""

    text: str
    starts: tuple[int, ...]  # start of each segment in ``text``
    abs_starts: tuple[int, ...]  # the same segment's start in the rendering's stored text
    lengths: tuple[int, ...]

    def to_local(self, start: int, end: int) -> list[tuple[int, int]]:
        """Stored-text span → spans of ``text`` (clipped to this side's segments)."""
        out = []
        for local, absolute, length in zip(self.starts, self.abs_starts, self.lengths, strict=True):
            lo, hi = max(start, absolute), min(end, absolute + length)
            if lo < hi:
                out.append((local + lo - absolute, local + hi - absolute))
        return out


def _side(segments: dict[int, dict[str, Any]], indices: Sequence[int]) -> _Side:
    text, starts, abs_starts, lengths = "", [], [], []
    for i in indices:
        seg = segments.get(i)
        if seg is None:
            continue
        if text:
            text += " "
        starts.append(len(text))
        abs_starts.append(seg["start"])
        lengths.append(len(seg["text"]))
        text += seg["text"]
    return _Side(text, tuple(starts), tuple(abs_starts), tuple(lengths))


def highlight(text: str, marks: Sequence[tuple[int, int, str]]) -> Markup:
    """``text`` escaped, with ``<span class=…>`` over each ``(start, end, class)``.

    Marks may overlap: the text is cut at every mark boundary and each piece
    gets the classes of all marks covering it (``"chg ev"``). Every character of
    ``text`` appears exactly once, escaped.
    """
    def clip(p: int) -> int:
        return min(max(p, 0), len(text))

    changes: dict[int, Counter[str]] = {}  # position -> class count changes there
    for start, end, cls in marks:
        if clip(start) < clip(end):
            changes.setdefault(clip(start), Counter())[cls] += 1
            changes.setdefault(clip(end), Counter())[cls] -= 1
    cuts = sorted({0, len(text), *changes})
    active: Counter[str] = Counter()
    out: list[str] = []
    for lo, hi in pairwise(cuts):
        active.update(changes.get(lo, Counter()))
        classes = sorted((c for c, n in active.items() if n > 0), key=_CLASS_ORDER.index)
        piece = shown_html(text[lo:hi])  # per piece, so offsets stay valid
        if classes:
            out.append(Markup('<span class="{}">{}</span>').format(" ".join(classes), piece))
        else:
            out.append(piece)
    return Markup("").join(out)


def shown_html(text: str) -> Markup:
    """``text`` escaped; each control or bidi character shown as an inert, titled mark (``⟨RLO⟩``)."""
    out = []
    for piece, acting in split_acting(text):
        if acting and piece not in "\t\n":
            out.append(
                Markup('<span class="ctl" title="{}">{}</span>').format(describe(piece), visible(piece, keep=""))
            )
        else:
            out.append(escape(xml_safe(piece)))
    return Markup("").join(out)


def isolated(side: _Side, marks: Sequence[tuple[int, int, str]], direction: str) -> Markup:
    """The side's text with each segment in its own ``<bdi>``, so nothing in one reorders another."""
    if not side.starts:
        return highlight(side.text, marks)
    out = []
    for local, length in zip(side.starts, side.lengths, strict=True):
        end = local + length
        inner = [(max(lo, local) - local, min(hi, end) - local, cls) for lo, hi, cls in marks if lo < end and hi > local]
        out.append(
            Markup('<bdi dir="{}">{}</bdi>').format(direction, highlight(side.text[local:end], inner))
        )
    return Markup(" ").join(out)


_CLASS_ORDER = ("chg", "del", "ins", "ev")


def _word_marks(a: str, b: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """Word differences between two same-language passages (changed runs on each side)."""
    from khaddam_align.diverge.worddiff import diff_texts

    a_marks, b_marks = [], []
    for run in diff_texts(a, b).changed:
        if run.a_span[1] > run.a_span[0]:
            a_marks.append((run.a_span[0], run.a_span[1], "del" if run.kind == "delete" else "chg"))
        if run.b_span[1] > run.b_span[0]:
            b_marks.append((run.b_span[0], run.b_span[1], "ins" if run.kind == "insert" else "chg"))
    return a_marks, b_marks


def _evidence(segments: list[dict[str, Any]], starts: list[int], spans: Sequence[Sequence[int]]) -> str:
    """The stored text covered by ``spans``, read from the segments (excluded text is skipped)."""
    pieces = []
    for start, end in spans:
        i = max(0, bisect_right(starts, start) - 1)
        bits = []
        while i < len(segments) and segments[i]["start"] < end:
            seg = segments[i]
            lo, hi = max(start, seg["start"]), min(end, seg["end"])
            if lo < hi:
                bits.append(seg["text"][lo - seg["start"] : hi - seg["start"]])
            i += 1
        pieces.append(" ".join(bits))
    return " … ".join(p for p in pieces if p)


def _state(row: LinkRow) -> str:
    verdicts = set(row.verdicts)
    for state in _STRIP_ORDER[:4]:
        if state in verdicts:
            return state
    return "unmatched" if not (row.a and row.b) else "none"


def _strip(
    rows: list[LinkRow], *, shown: set[int], max_cells: int = MAX_STRIP_CELLS
) -> list[dict[str, Any]]:
    """At most ``max_cells`` cells, each the most serious state of the links it covers.

    A cell links to the first of its rows that the report shows (``None`` if none is).
    """
    if not rows:
        return []
    per = -(-len(rows) // max_cells)
    cells = []
    for k in range(0, len(rows), per):
        group = rows[k : k + per]
        state = min((_state(r) for r in group), key=_STRIP_ORDER.index)
        cells.append(
            {
                "anchor": next((f"link-{r.index}" for r in group if r.index in shown), None),
                "colour": STRIP_COLOURS[state],
                "title": f"links {group[0].index + 1}–{group[-1].index + 1}: {state}",
            }
        )
    return cells


def _is_rtl(language: str) -> bool:
    return language in ("ar", "fa", "ur", "he")


def _pivot(rows: list[dict[str, Any]], owner: dict[int, int], side: str) -> dict[int, list[int]]:
    """Companion link index → nothing; primary row index → the companion links shown in it.

    ``owner`` maps a shared segment (its index on the companion's ``side``) to the primary row holding
    it; a companion link without a shared segment goes with the row of the link before it.
    """
    mapping: dict[int, list[int]] = {}
    current: int | None = 0 if rows else None
    for k, link in enumerate(rows):
        here = [owner[i] for i in link[side] if i in owner]
        if here:
            current = here[0]
        if current is not None:
            mapping.setdefault(current, []).append(k)
    return mapping


def _view(document: Document, *, only_divergences: bool, only_confirmed: bool, for_qt: bool) -> dict[str, Any]:
    renderings = document["renderings"]
    langs = {s: renderings[s]["language"] for s in ("a", "b")}
    segs = {s: {seg["index"]: seg for seg in document["segments"][s]} for s in ("a", "b")}
    ordered = {s: sorted(document["segments"][s], key=lambda g: g["start"]) for s in ("a", "b")}
    {s: [g["start"] for g in ordered[s]] for s in ("a", "b")}
    names = {s: renderings[s].get("name") or renderings[s]["publisher"] or renderings[s]["file_name"]
             for s in ("a", "b")}
    all_rows = link_rows(document)

    # The three-column view: the original ↔ second-rendering alignment gives the third column,
    # the first ↔ second one adds its divergences (see ``document.build_work_document``).
    companions: list[Document] = list(document.get("companions") or [])
    third = next((c for c in companions if c["renderings"]["a"]["id"] == renderings["a"]["id"]), None)
    cross = next((c for c in companions if c["renderings"]["a"]["id"] == renderings["b"]["id"]), None)
    pairs: list[tuple[Document, str, str, dict[int, list[int]]]] = [
        (document, "a", "b", {r.index: [r.index] for r in all_rows})]  # (doc, its a column, its b column, rows)
    if third is not None:
        langs["c"] = third["renderings"]["b"]["language"]
        names["c"] = third["renderings"]["b"].get("name") or third["renderings"]["b"]["publisher"]
        segs["c"] = {seg["index"]: seg for seg in third["segments"]["b"]}
        owner_a = {i: r.index for r in all_rows for i in r.a}
        pairs.append((third, "a", "c", _pivot(third["links"], owner_a, "a")))
        if cross is not None:
            owner_b = {i: r.index for r in all_rows for i in r.b}
            pairs.append((cross, "b", "c", _pivot(cross["links"], owner_b, "a")))
    columns = ["a", "b", "c"] if third is not None else ["a", "b"]
    third_links = pairs[1][3] if third is not None else {}

    def pair_name(x: str, y: str) -> str:
        return f"{names[x]} ↔ {names[y]}"

    # every divergence of every pair, with the primary row it is shown in
    row_of: list[dict[int, int]] = [{k: row for row, ks in mapping.items() for k in ks} for (_d, _x, _y, mapping) in pairs]
    all_divs: list[dict[str, Any]] = []
    for p, (doc, x, y, _m) in enumerate(pairs):
        for d in doc["divergences"]:
            if d.get("stale") and d.get("origin") == "reviewer":
                continue  # a reviewer's finding withdrawn by undo
            at = row_of[p].get(d["link"]) if d.get("link") is not None else None
            all_divs.append({"d": d, "doc": doc, "x": x, "y": y, "row": at, "pair": pair_name(x, y)})
    divs_by_row: dict[int, list[dict[str, Any]]] = {}
    for item in all_divs:
        if item["row"] is not None:
            divs_by_row.setdefault(item["row"], []).append(item)

    shown = link_rows(document, only_confirmed=only_confirmed)
    if only_divergences:
        shown = [r for r in shown if divs_by_row.get(r.index)]
    shown_idx = {r.index for r in shown}

    table = []
    for row in shown:
        sides = {"a": _side(segs["a"], row.a), "b": _side(segs["b"], row.b)}
        if third is not None:
            c_idx = [i for k in third_links.get(row.index, []) for i in third["links"][k]["b"]]
            sides["c"] = _side(segs["c"], c_idx)
        marks: dict[str, list[tuple[int, int, str]]] = {c: [] for c in columns}
        english = [c for c in columns if langs[c] == langs[columns[-1]]]
        if len(english) >= 2 and langs[english[-2]] == langs[english[-1]]:
            x, y = english[-2], english[-1]
            if sides[x].text and sides[y].text:
                marks[x], marks[y] = _word_marks(sides[x].text, sides[y].text)
        for item in divs_by_row.get(row.index, []):
            d = item["d"]
            marks[item["x"]] += [(lo, hi, "ev") for s, e in d["a_spans"] for lo, hi in sides[item["x"]].to_local(s, e)]
            marks[item["y"]] += [(lo, hi, "ev") for s, e in d["b_spans"] for lo, hi in sides[item["y"]].to_local(s, e)]
        states = [d["d"]["verdict"] for d in divs_by_row.get(row.index, [])]
        state = next((st for st in _STRIP_ORDER[:4] if st in states), _state(row))
        table.append(
            {
                "row": row,
                "html": {c: isolated(sides[c], marks[c], "rtl" if _is_rtl(langs[c]) else "ltr") for c in columns},
                "a_html": isolated(sides["a"], marks["a"], "rtl" if _is_rtl(langs["a"]) else "ltr"),
                "b_html": isolated(sides["b"], marks["b"], "rtl" if _is_rtl(langs["b"]) else "ltr"),
                "state": state,
                "divs": [(i["d"], i["pair"]) for i in divs_by_row.get(row.index, [])],
            }
        )

    divergences = []
    order = sorted(all_divs, key=lambda i: (-float(i["d"]["severity"]), i["row"] if i["row"] is not None else 1 << 30))
    if third is None:
        order = all_divs  # one pair: in the document's order, as before
    for n, item in enumerate(order):
        d, doc = item["d"], item["doc"]
        if item["row"] is not None and item["row"] not in shown_idx:
            continue
        evid = {}
        for side in ("a", "b"):
            seg_sorted = sorted(doc["segments"][side], key=lambda g: g["start"])
            evid[side] = xml_safe(_evidence(seg_sorted, [g["start"] for g in seg_sorted], d[f"{side}_spans"]))
        divergences.append(
            {
                "n": n + 1,
                "d": d,
                "description": name_sides(d["description"], names[item["x"]], names[item["y"]]),
                "row": item["row"],
                "pair": item["pair"],
                "verdict": VERDICT_LABELS.get(d["verdict"], d["verdict"]),
                "a_evidence": evid["a"],
                "b_evidence": evid["b"],
                "a_name": names[item["x"]],
                "b_name": names[item["y"]],
                "a_dir": "rtl" if _is_rtl(langs[item["x"]]) else "ltr",
                "b_dir": "rtl" if _is_rtl(langs[item["y"]]) else "ltr",
                "a_lang": langs[item["x"]],
                "b_lang": langs[item["y"]],
            }
        )

    summary = summarize(document)
    type_verdicts: dict[str, dict[str, int]] = {}
    for item in all_divs if third is not None else [{"d": d} for d in document["divergences"]]:
        d = item["d"]
        type_verdicts.setdefault(d["type"], {}).setdefault(d["verdict"], 0)
        type_verdicts[d["type"]][d["verdict"]] += 1
    strip_rows = all_rows
    if third is not None:  # the strip shows every pair's verdicts on the primary rows
        strip_rows = [_with_divs(r, [i["d"] for i in divs_by_row.get(r.index, [])]) for r in all_rows]
    return {
        "doc": document,
        "a": renderings["a"],
        "b": renderings["b"],
        "c": third["renderings"]["b"] if third is not None else None,
        "columns": columns,
        "names": names,
        "pairs": [pair_name(x, y) for (_d, x, y, _m) in pairs],
        "dir": {s: "rtl" if _is_rtl(langs[s]) else "ltr" for s in columns},
        "lang": langs,
        "generator": document.get("generator", {}),
        "settings": json.dumps(document["alignment"].get("settings", {}), ensure_ascii=False, sort_keys=True),
        "summary": summary,
        "type_verdicts": type_verdicts,
        "verdict_names": list(VERDICT_LABELS),
        "verdict_labels": VERDICT_LABELS,
        "strip": _strip(strip_rows, shown=shown_idx, max_cells=MAX_STRIP_CELLS_QT if for_qt else MAX_STRIP_CELLS),
        "colours": STRIP_COLOURS,
        "table": table,
        "divergences": divergences,
        "filters": {"only_divergences": only_divergences, "only_confirmed": only_confirmed},
        "word_diff": langs["a"] == langs["b"] or (third is not None and langs["b"] == langs["c"]),
        "for_qt": for_qt,
    }


def _with_divs(row: LinkRow, divs: list[dict[str, Any]]) -> LinkRow:
    from dataclasses import replace

    return replace(row, divergences=tuple(divs))


def _finalize(value: Any) -> Any:
    """Every string the template prints: controls and bidi controls shown as inert marks, XML-safe."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return xml_safe(visible(value))
    return value


def _environment() -> Environment:
    return Environment(
        loader=FunctionLoader(resources.template_source),  # importlib.resources, like all package data
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )


def render_html(
    document: Document,
    *,
    only_divergences: bool = False,
    only_confirmed: bool = False,
    for_qt: bool = False,
) -> str:
    """The report as an HTML string (see the module docstring)."""
    view = _view(document, only_divergences=only_divergences, only_confirmed=only_confirmed, for_qt=for_qt)
    return _environment().get_template("report.html.j2").render(**view)


def write_html(
    document: Document,
    path: str | os.PathLike[str],
    *,
    only_divergences: bool = False,
    only_confirmed: bool = False,
) -> None:
    html = render_html(document, only_divergences=only_divergences, only_confirmed=only_confirmed)
    write_text(path, html)
