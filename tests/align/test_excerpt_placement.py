"""Where a name-less excerpt goes: word patterns that recur together (``lexicon.shared_patterns``)
and other ends of the stretch (``dp.other_ends``) choose among places the lengths fit alike."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from khaddam_align.align import SideInput, align_texts
from khaddam_align.align.dp import Ends, Filled, other_ends
from khaddam_align.align.lexicon import shared_patterns
from khaddam_align.align.params import PASSES


def _stems(words: list[str]) -> list[set[str]]:
    return [{w} for w in words]


def _placed(n: int, words: dict[str, tuple[int, ...]]) -> list[set[str]]:
    """``n`` segments; each word in the segments listed, a filler word of its own everywhere."""
    return [{f"f{k}"} | {w for w, at in words.items() if k in at} for k in range(n)]


def test_shared_patterns_counts_link_sets_both_sides_recur_in_beyond_chance() -> None:
    # Twelve links; A word x_k and B word y_k both in links k, k + 4 and k + 8 (k < 3).
    a = _placed(12, {f"x{k}": (k, k + 4, k + 8) for k in range(3)})
    b = _placed(12, {f"y{k}": (k, k + 4, k + 8) for k in range(3)})
    right = [(k, k + 1, k, k + 1) for k in range(12)]
    # Three shared patterns of size 3; by chance 3 · 3 / C(12, 3) = 9 / 220 of them.
    assert shared_patterns((a, b), right) == pytest.approx(3 - 9 / 220)
    # The B words' last occurrence one link later: no B pattern is an A pattern any more.
    b_moved = _placed(12, {f"y{k}": (k, k + 4, k + 9) for k in range(3)})
    assert shared_patterns((a, b_moved), right) == pytest.approx(-9 / 220)


def test_shared_patterns_counts_a_phrase_once() -> None:
    # Two A words and three B words all in links 0 and 3: one pattern, not six word pairs.
    a = [{"p", "q"} if k in (0, 3) else {f"a{k}"} for k in range(8)]
    b = [{"r", "s", "t"} if k in (0, 3) else {f"b{k}"} for k in range(8)]
    beads = [(k, k + 1, k, k + 1) for k in range(8)]
    assert shared_patterns((a, b), beads) == pytest.approx(1 - 1 / 28)


def test_shared_patterns_ignores_too_few_links() -> None:
    n = PASSES.faithful_min_links - 1
    a = _stems([f"x{k % 2}" for k in range(n)])
    b = _stems([f"y{k % 2}" for k in range(n)])
    assert shared_patterns((a, b), [(k, k + 1, k, k + 1) for k in range(n)]) == 0


def test_other_ends_are_the_next_cheapest_far_enough_apart() -> None:
    last_row = np.array([9.0, 1.0, 1.5, 8.0, 3.0, 2.0, 7.0, np.inf])
    filled = Filled(pointers=[(0, np.zeros(1))] * 4, last_row=last_row,
                    last_col=np.full(4, np.inf), ends=Ends(b=True))
    assert filled.end() == (3, 1)
    # Cell 2 is too close to the best end (1); 5 and then 3 are the next ones 2 apart.
    assert other_ends(filled, 2, gap=2) == [(3, 5, 2.0), (3, 3, 8.0)]
    assert other_ends(Filled(filled.pointers, last_row, filled.last_col), 2, gap=2) == []  # fixed ends


def _book(devdata: Path, name: str) -> tuple[list[str], list[str]]:
    with (devdata / "bible-dev" / f"{name}.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [r["ar_svd"] for r in rows], [r["en_web"] for r in rows]


def test_a_name_less_english_excerpt_finds_its_place_in_the_arabic_book(devdata_dir: Path) -> None:
    # Fourteen English verses from the middle of a short epistle (few names, no numbers) against
    # the whole Arabic text: the length pattern alone fits an earlier stretch better.
    arabic, english = _book(devdata_dir, "titus")
    start, size = 26, 14
    links = align_texts(SideInput(arabic, language="ar"), SideInput(english[start : start + size], language="en"))
    right = {((start + k,), (k,)) for k in range(size)}
    found = {(lk.a, lk.b) for lk in links} & right
    assert len(found) >= size - 2
