"""Allowed bead shapes as data: (segments of A, segments of B) per link."""

from __future__ import annotations

SKIP_A = (1, 0)  # an A segment only A has
SKIP_B = (0, 1)  # a B segment only B has


def bead_shapes(max_side: int = 3) -> tuple[tuple[int, int], ...]:
    """1-1, 1-2, 2-1, 2-2, 1-3, 3-1 … up to ``max_side`` on either side, plus 1-0 and 0-1.

    Shapes with both sides above 2 (2-3, 3-3) are left out: they are rare and
    the DP can build them from smaller beads.
    """
    if max_side < 1:
        raise ValueError("max_side must be at least 1")
    shapes = [(1, 1)]
    for k in range(2, max_side + 1):
        shapes += [(1, k), (k, 1)]
    if max_side >= 2:
        shapes.append((2, 2))
    return (*shapes, SKIP_A, SKIP_B)
