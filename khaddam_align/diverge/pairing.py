"""Inside a link: which sentence of A renders which sentence of B; the shared stretch of an alignment."""

from __future__ import annotations

from collections.abc import Sequence

from khaddam_align.diverge.model import LinkView, Pair, Side, Span


def _stems(side: Side, span: Span) -> set[str]:
    """Content words cut to five letters: a cheap stemmer (worried/worries, American/Americans)."""
    return {w[:5] for w in side.words(span)}


def similarity(a: set[str], b: set[str]) -> float:
    """Dice coefficient of two word sets."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def pair_sentences(a: Side, b: Side, a_spans: Sequence[Span], b_spans: Sequence[Span],
                   *, threshold: float = 0.12) -> list[Pair]:
    """Each A sentence with its most similar B sentence, and each B sentence with its best A one."""
    if not a_spans or not b_spans:
        return []
    scores = {(x, y): similarity(_stems(a, x), _stems(b, y)) for x in a_spans for y in b_spans}
    chosen: dict[tuple[Span, Span], float] = {}
    for x in a_spans:
        y = max(b_spans, key=lambda s: scores[(x, s)])
        if scores[(x, y)] >= threshold:
            chosen[(x, y)] = scores[(x, y)]
    for y in b_spans:
        x = max(a_spans, key=lambda s: scores[(s, y)])
        if scores[(x, y)] >= threshold:
            chosen[(x, y)] = scores[(x, y)]
    return [Pair(x, y, s) for (x, y), s in sorted(chosen.items())]


def shared_stretch(links: Sequence[LinkView], *, min_score: float = 0.2) -> tuple[int, int]:
    """The run of links ``[lo, hi)`` that both renderings cover (each publisher's own introduction
    and continuation fall outside it).

    Maximum-sum interval: a well-matched sentence pair counts +1, a weak one -0.3, each
    sentence without a counterpart -0.2.
    """
    best = (0.0, 0, 0)
    run, start = 0.0, 0
    for i, link in enumerate(links):
        if len(link.a) == 1 and len(link.b) == 1:
            value = 1.0 if link.score >= min_score else -0.3
        else:
            value = -0.2 * (len(link.a) + len(link.b))
        if run <= 0:
            run, start = 0.0, i
        run += value
        if run > best[0]:
            best = (run, start, i + 1)
    return best[1], best[2]


def match_sentences(a: Side, b: Side, a_spans: Sequence[Span], b_spans: Sequence[Span],
                    *, threshold: float = 0.14) -> list[tuple[int, int, float]]:
    """Monotone maximum-weight matching of A and B sentences by content similarity.

    Renderings that condense and reorder defeat a length-driven alignment; this
    pairs each sentence with the one that says the same thing, in order.
    Returns (A index, B index, similarity).
    """
    sa = [_stems(a, s) for s in a_spans]
    sb = [_stems(b, s) for s in b_spans]
    n, m = len(sa), len(sb)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    sims: dict[tuple[int, int], float] = {}
    for i in range(1, n + 1):
        row, prev = score[i], score[i - 1]
        for j in range(1, m + 1):
            best = max(prev[j], row[j - 1])
            sim = similarity(sa[i - 1], sb[j - 1])
            if sim > threshold:
                sims[(i - 1, j - 1)] = sim
                best = max(best, prev[j - 1] + sim - threshold)
            row[j] = best
    out: list[tuple[int, int, float]] = []
    i, j = n, m
    while i > 0 and j > 0:
        found = sims.get((i - 1, j - 1))
        if found is not None and abs(score[i][j] - (score[i - 1][j - 1] + found - threshold)) < 1e-12:
            out.append((i - 1, j - 1, found))
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return out[::-1]


def derive_units(a: Side, b: Side, a_spans: Sequence[Span], b_spans: Sequence[Span]) -> list[LinkView]:
    """Group sentences into units: each matched pair, and the unmatched sentences between two
    matched pairs together (the secondary pairing inside them is done per unit)."""
    matches = match_sentences(a, b, a_spans, b_spans)
    units: list[LinkView] = []
    pi, pj = 0, 0
    for i, j, sim in [*matches, (len(a_spans), len(b_spans), 0.0)]:
        gap_a, gap_b = tuple(a_spans[pi:i]), tuple(b_spans[pj:j])
        if gap_a or gap_b:
            units.append(LinkView(len(units), gap_a, gap_b, 0.3 if gap_a and gap_b else 0.5))
        if i < len(a_spans):
            units.append(LinkView(len(units), (a_spans[i],), (b_spans[j],), sim))
        pi, pj = i + 1, j + 1
    return units


def pair_in_window(a: Side, b: Side, link: LinkView, a_window: Sequence[Span], b_window: Sequence[Span],
                   *, threshold: float = 0.2) -> list[Pair]:
    """Pairs inside the link, then each still unpaired sentence with its best match in the
    neighbouring links (a condensed rendering often merges or moves a sentence)."""
    pairs = pair_sentences(a, b, link.a, link.b)
    a_done = {p.a for p in pairs}
    b_done = {p.b for p in pairs}
    for x in link.a:
        if x not in a_done:
            extra = pair_sentences(a, b, [x], [y for y in b_window if y not in link.b], threshold=threshold)
            pairs.extend(Pair(p.a, p.b, p.similarity, inside=False) for p in extra[:1])
    for y in link.b:
        if y not in b_done:
            extra = pair_sentences(a, b, [x for x in a_window if x not in link.a], [y], threshold=threshold)
            pairs.extend(Pair(p.a, p.b, p.similarity, inside=False) for p in extra[:1])
    return pairs
