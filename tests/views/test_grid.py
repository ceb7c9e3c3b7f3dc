"""The grid read model: named columns, rows with versions, cell offsets, divergences of every pair."""

from __future__ import annotations

from khaddam_align.storage import Workspace
from khaddam_align.views import workspace as read
from khaddam_align.views.divergences import (
    DivFilter,
    filter_items,
    next_open,
    sort_items,
    view_divergences,
)
from khaddam_align.views.grid import RowSource, pair_names, view_for_three
from tests.ui.ui_fixtures import ENGLISH_A, build_trio


def test_columns_are_named_and_rows_carry_versions_and_offsets(ws: Workspace) -> None:
    trio = build_trio(ws)
    view = view_for_three(ws, trio.ar_a, trio.ar_b, trio.a_b)
    assert [c.header for c in view.columns] == ["Arabic original", "Paper A (English)",
                                                "Paper B (English)"]
    assert set(pair_names(view).values()) >= {"Paper A (English) ↔ Paper B (English)"}
    source = RowSource(ws, view)
    ids = source.link_ids()
    rows = source.fetch(ids)
    row = rows[ids[2]]
    assert row.version == 1
    cell = row.cells[1]
    assert cell.text == ENGLISH_A[2]
    start = sum(len(s) + 1 for s in ENGLISH_A[:2]) + ENGLISH_A[2].index("Cairo")
    assert cell.local(start, start + 5) == (ENGLISH_A[2].index("Cairo"), ENGLISH_A[2].index("Cairo") + 5)
    assert cell.local(0, 3) is None


def test_divergence_list_covers_every_pair_and_sorts_and_filters(ws: Workspace) -> None:
    trio = build_trio(ws)
    source = RowSource(ws, view_for_three(ws, trio.ar_a, trio.ar_b, trio.a_b))
    items = view_divergences(source)
    assert len(items) == 1
    item = items[0]
    assert item.row_number == 2
    assert item.div.pair == "Paper A (English) ↔ Paper B (English)"
    assert filter_items(items, DivFilter(verdicts=frozenset({"dismissed"}))) == []
    assert sort_items(items, "pair") == items
    assert next_open(items, None) == item
    assert next_open(items, item.div.id) is None


def test_change_marker_moves_with_every_audited_write(ws: Workspace) -> None:
    before = read.change_marker(ws)
    trio = build_trio(ws)
    from khaddam_align import ops

    link = RowSource(ws, view_for_three(ws, trio.ar_a, trio.ar_b)).link_ids()[1]
    ops.confirm_link(ws, link)
    after = read.change_marker(ws)
    assert after > before
    assert [c.action for c in read.changes_since(ws, before)][-1] in {"link.confirmed", "link.status", "link.confirm"}
    assert read.existing_alignments(ws, [trio.ar, trio.en_a, trio.en_b]) == [trio.ar_a, trio.ar_b, trio.a_b]


def test_read_models_on_every_backend(any_ws: Workspace) -> None:
    """The same reads on SQLite and on the PostgreSQL test server (when there is one)."""
    before = read.change_marker(any_ws)
    trio = build_trio(any_ws)
    source = RowSource(any_ws, view_for_three(any_ws, trio.ar_a, trio.ar_b, trio.a_b))
    assert len(source.link_ids()) == 4
    assert [i.row_number for i in view_divergences(source)] == [2]
    assert source.filtered(unmatched=True) == []
    assert read.change_marker(any_ws) >= before
    assert [w.three for w in read.works(any_ws) if w.three] == [(trio.ar_a, trio.ar_b, trio.a_b)]
