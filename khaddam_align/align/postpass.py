"""Post-passes: local repairs of a DP path the bead costs cannot express.

Each takes the beads of a path (and the scorer that rated them) and returns new
beads covering the same segments in order.
"""

from __future__ import annotations

import numpy as np

from khaddam_align.align.bands import Bead
from khaddam_align.align.scoring import BeadScorer


def _is_match(b: Bead) -> bool:
    return b[1] > b[0] and b[3] > b[2]


def _lone_a(b: Bead) -> bool:
    return b[1] - b[0] == 1 and b[3] == b[2]


def _lone_b(b: Bead) -> bool:
    return b[3] - b[2] == 1 and b[1] == b[0]


def pair_lone_skips(
    beads: list[Bead], scorer: BeadScorer, *, max_deviation: float, fuzzy_min: float = 1.01
) -> list[Bead]:
    """Turn "match, 1-0, 0-1, match" (either order) into "match, 1-1, match" when lengths agree.

    In a parallel stretch a freely paraphrased sentence shares few words with its
    counterpart and the DP may prefer skipping both; sandwiched between matches
    and of fitting length, they are far more likely one link. With English↔English
    rapidfuzz ratios, a lone pair whose ratio reaches ``fuzzy_min`` is joined
    wherever it is (weak links among skips are split again by ``unlink_isolated``).
    """
    if max_deviation <= 0:
        return beads
    ratios = scorer.fuzzy.get((1, 1))
    out: list[Bead] = []
    k = 0
    while k + 1 < len(beads):
        x, y = beads[k], beads[k + 1]
        if (_lone_a(x) and _lone_b(y)) or (_lone_b(x) and _lone_a(y)):
            a0 = x[0] if _lone_a(x) else y[0]
            b0 = x[2] if _lone_b(x) else y[2]
            sandwiched = bool(out) and _is_match(out[-1]) and k + 2 < len(beads) and _is_match(beads[k + 2])
            close = ratios is not None and float(ratios[a0, b0]) >= fuzzy_min
            fits = scorer.length_deviation(range(a0, a0 + 1), range(b0, b0 + 1)) <= max_deviation
            if (sandwiched or close) and fits:
                out.append((a0, a0 + 1, b0, b0 + 1))
                k += 2
                continue
        out.append(x)
        k += 1
    return out + beads[k:]


def repair_swaps(beads: list[Bead], scorer: BeadScorer, *, margin: float = 0.0) -> list[Bead]:
    """Turn "1-0, 1-1, 0-1" (or "0-1, 1-1, 1-0") into one 2-2 link when the two skipped
    segments match each other (linking them costs less than skipping both): two
    neighbouring sentences in swapped order, which a monotone path can only half link."""
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        if k + 2 < len(beads):
            x, mid, y = beads[k], beads[k + 1], beads[k + 2]
            one_to_one = mid[1] - mid[0] == 1 and mid[3] - mid[2] == 1
            if one_to_one and ((_lone_a(x) and _lone_b(y)) or (_lone_b(x) and _lone_a(y))):
                sa, sb = (x, y) if _lone_a(x) else (y, x)
                cross = float(scorer.match_cost(sa[1], np.array([sb[3]]), (1, 1))[0])
                if cross < float(scorer.skip_a[sa[0]] + scorer.skip_b[sb[2]]) - margin:
                    out.append((x[0], y[1], x[2], y[3]))
                    k += 3
                    continue
        out.append(beads[k])
        k += 1
    return out


def unlink_isolated(
    beads: list[Bead], scorer: BeadScorer, *, weak_similarity: float, weak_fuzzy: float
) -> list[Bead]:
    """Split weak matches with no strong match next to them into skips.

    Two renderings' different introductions share topic words (country names, the
    war), enough for the path to pair their sentences loosely. A paraphrase
    inside a shared stretch has a well-anchored neighbour; a weak link among
    skips and other weak links does not, and is more likely two one-sided
    sentences. Weak: anchor similarity below ``weak_similarity`` and rapidfuzz
    ratio below ``weak_fuzzy``.
    """
    def strong(bead: Bead) -> bool:
        if not _is_match(bead):
            return False
        a0, a1, b0, b1 = bead
        if scorer.similarity(range(a0, a1), range(b0, b1)) >= weak_similarity:
            return True
        fuzzy = scorer.fuzzy.get((a1 - a0, b1 - b0))
        return fuzzy is not None and float(fuzzy[a0, b0]) >= weak_fuzzy

    strength = [strong(b) for b in beads]
    out: list[Bead] = []
    for k, (a0, a1, b0, b1) in enumerate(beads):
        backed = any(strength[x] for x in (k - 1, k + 1) if 0 <= x < len(beads))
        if _is_match(beads[k]) and not strength[k] and not backed:
            out += [(i, i + 1, b0, b0) for i in range(a0, a1)] + [(a1, a1, j, j + 1) for j in range(b0, b1)]
        else:
            out.append((a0, a1, b0, b1))
    return out
