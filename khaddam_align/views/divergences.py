"""The divergence list of a view: every current divergence of its alignments (all three pairs
in the three-column view), each placed on the grid row that shows its evidence; sorting,
filtering and counts (Qt-free read model)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from khaddam_align.storage.models import Divergence
from khaddam_align.views.grid import DivInfo, RowSource, div_info, pair_names

VERDICT_ORDER = {"open": 0, "check-source": 1, "confirmed": 2, "dismissed": 3}
SORT_KEYS = ("severity", "type", "verdict", "pair", "position")


@dataclass(frozen=True)
class DivItem:
    """One divergence with the grid row it is shown in."""

    div: DivInfo
    row_id: int | None  # link id of the primary alignment's row (None: outside the grid, e.g. a deleted link)
    row_number: int | None  # 1-based row number as the grid shows it

    @property
    def is_open(self) -> bool:
        return self.div.verdict == "open"


@dataclass(frozen=True)
class DivFilter:
    """Empty sets mean "any"; ``min_severity`` keeps items at or above it."""

    types: frozenset[str] = frozenset()
    verdicts: frozenset[str] = frozenset()
    pairs: frozenset[str] = frozenset()
    origins: frozenset[str] = frozenset()
    min_severity: float = 0.0

    def keeps(self, item: DivItem) -> bool:
        d = item.div
        return (
            (not self.types or d.type in self.types)
            and (not self.verdicts or d.verdict in self.verdicts)
            and (not self.pairs or d.pair in self.pairs)
            and (not self.origins or d.origin in self.origins)
            and d.severity >= self.min_severity
        )


@dataclass(frozen=True)
class DivCounts:
    total: int
    shown: int
    by_verdict: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    by_pair: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        open_n = self.by_verdict.get("open", 0)
        bits = [f"{self.shown} of {self.total} shown", f"{open_n} open"]
        bits += [f"{n} {v}" for v, n in sorted(self.by_verdict.items()) if v != "open" and n]
        return " · ".join(bits)


def view_divergences(source: RowSource) -> list[DivItem]:
    """Every current (not stale) divergence of the view's alignments, most severe first."""
    view = source.view
    aids = [a for a in (view.alignment_id, view.third_alignment_id, view.cross_alignment_id) if a is not None]
    names = pair_names(view)
    order = {link_id: k for k, link_id in enumerate(source.link_ids())}
    row_of = source.extra_row_of()
    with source.ws.session() as s:
        rows = s.scalars(
            select(Divergence).where(Divergence.alignment_id.in_(aids), Divergence.stale.is_(False))
        ).all()
        items = []
        for d in rows:
            info = div_info(d, names)
            row: int | None = None
            if d.link_id is not None:
                row = d.link_id if d.alignment_id == view.alignment_id else row_of.get((d.alignment_id, d.link_id))
            items.append(DivItem(info, row, order[row] + 1 if row in order else None))
    return sort_items(items, "severity")


def sort_items(items: Iterable[DivItem], key: str, *, descending: bool | None = None) -> list[DivItem]:
    """Sorted by ``key`` (one of ``SORT_KEYS``); ties fall back to severity, then position.

    Severity sorts most severe first by default; the others ascending.
    """
    def position(i: DivItem) -> int:
        return i.row_number if i.row_number is not None else 1 << 30

    def tie(i: DivItem) -> tuple[float, int, int]:
        return (-i.div.severity, position(i), i.div.id)

    keys = {
        "severity": lambda i: (-i.div.severity, position(i), i.div.id),
        "type": lambda i: (i.div.type, *tie(i)),
        "verdict": lambda i: (VERDICT_ORDER.get(i.div.verdict, 9), *tie(i)),
        "pair": lambda i: (i.div.pair, *tie(i)),
        "position": lambda i: (position(i), -i.div.severity, i.div.id),
    }
    if key not in keys:
        raise ValueError(f"unknown sort key {key!r}; use one of {', '.join(SORT_KEYS)}")
    out = sorted(items, key=keys[key])
    return out[::-1] if descending else out


def filter_items(items: Sequence[DivItem], flt: DivFilter) -> list[DivItem]:
    return [i for i in items if flt.keeps(i)]


def counts(all_items: Sequence[DivItem], shown: Sequence[DivItem]) -> DivCounts:
    return DivCounts(
        len(all_items), len(shown),
        dict(Counter(i.div.verdict for i in all_items)),
        dict(Counter(i.div.type for i in all_items)),
        dict(Counter(i.div.pair for i in all_items)),
    )


def next_open(items: Sequence[DivItem], after_id: int | None) -> DivItem | None:
    """The first open item after ``after_id`` in this order (wrapping round); None when none is open."""
    ids = [i.div.id for i in items]
    start = ids.index(after_id) + 1 if after_id in ids else 0
    for item in [*items[start:], *items[:start]]:
        if item.is_open and item.div.id != after_id:
            return item
    return None
