"""Inside a link: which sentence of A renders which sentence of B; the shared stretch of an alignment."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from khaddam_align.diverge.model import LinkView, Pair, Side, Span


def stems(side: Side, span: Span) -> set[str]:
    """Content words cut to five letters: a cheap stemmer (worried/worries, minister/ministers)."""
    key = ("stems", span)
    found: set[str] | None = side.cache.get(key)
    if found is None:
        found = side.cache[key] = {w[:5] for w in side.words(span)}
    return found


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
    scores = {(x, y): similarity(stems(a, x), stems(b, y)) for x in a_spans for y in b_spans}
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
    pairs each sentence with the one that says the same thing, in order: the
    chain of pairs (strictly increasing on both sides) maximising the sum of
    ``similarity - threshold``. Candidates are the pairs sharing a word that is
    not too common (inverted index), so long texts stay fast; the chain is a
    weighted longest-increasing-subsequence with a Fenwick tree (O(K log m)).
    Returns (A index, B index, similarity).
    """
    sa = [stems(a, s) for s in a_spans]
    sb = [stems(b, s) for s in b_spans]
    candidates = _candidates(sa, sb)
    tree = _PrefixMax(len(sb))
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {}
    top: tuple[float, tuple[int, int] | None] = (0.0, None)
    for i in sorted(candidates):
        row = []
        for j in sorted(candidates[i]):
            sim = similarity(sa[i], sb[j])
            if sim <= threshold:
                continue
            prev_score, prev = tree.query(j)  # best chain ending before B sentence j
            row.append((j, prev_score + sim - threshold, prev, sim))
        for j, score, prev, _sim in row:  # update after the whole row: one pair per A sentence
            best[(i, j)] = (score, prev)
            tree.update(j, score, (i, j))
            if score > top[0]:
                top = (score, (i, j))
    out: list[tuple[int, int, float]] = []
    node = top[1]
    while node is not None:
        out.append((node[0], node[1], similarity(sa[node[0]], sb[node[1]])))
        node = best[node][1]
    return out[::-1]


def _candidates(sa: list[set[str]], sb: list[set[str]], *, per_sentence: int = 60) -> dict[int, set[int]]:
    """For each A sentence, the B sentences sharing the most not-too-common words with it."""
    index: dict[str, list[int]] = {}
    for j, words in enumerate(sb):
        for w in words:
            index.setdefault(w, []).append(j)
    limit = max(50, len(sb) // 20)
    out: dict[int, set[int]] = {}
    for i, words in enumerate(sa):
        shared: Counter[int] = Counter()
        for w in words:
            postings = index.get(w, ())
            if len(postings) <= limit:
                shared.update(postings)
        if shared:
            out[i] = {j for j, _n in shared.most_common(per_sentence)}
    return out


class _PrefixMax:
    """Fenwick tree: the best (score, node) among positions < j."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.tree: list[tuple[float, tuple[int, int] | None]] = [(0.0, None)] * (size + 1)

    def query(self, j: int) -> tuple[float, tuple[int, int] | None]:
        best: tuple[float, tuple[int, int] | None] = (0.0, None)
        k = j  # positions 0..j-1 are tree indexes 1..j
        while k > 0:
            if self.tree[k][0] > best[0]:
                best = self.tree[k]
            k -= k & -k
        return best

    def update(self, j: int, score: float, node: tuple[int, int]) -> None:
        k = j + 1
        while k <= self.size:
            if score > self.tree[k][0]:
                self.tree[k] = (score, node)
            k += k & -k


def match_sentences_dense(a: Side, b: Side, a_spans: Sequence[Span], b_spans: Sequence[Span],
                          *, threshold: float = 0.14) -> list[tuple[int, int, float]]:
    """Reference implementation of ``match_sentences``: the full O(n·m) dynamic programme."""
    sa = [stems(a, s) for s in a_spans]
    sb = [stems(b, s) for s in b_spans]
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
