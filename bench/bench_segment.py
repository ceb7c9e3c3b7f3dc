"""Benchmark: sentence segmentation alone, on about 2 MB of text.

    python bench/bench_segment.py [--size-mb 2] [--repeat 3]

Texts: the shared corpus repeated (English, when ../shared/corpus exists),
generated English and Arabic news-like text, two hard cases (very many short
lines; nothing but punctuation), each also with 1,000 excluded ranges and
200 caption ranges. Prints a results table (best of
``--repeat`` runs). With ../shared/devdata present it also prints the
boundary scores on ntrex-dev (see docs/segmentation.md).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from khaddam_align.segment import segment_text
from khaddam_align.segment.evaluation import (
    BoundaryScores,
    boundary_scores,
    document_from_sentences,
)
from khaddam_align.storage.models import SegmentKind

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

_WORDS_EN = (
    "the president said that war Iraq Syria Iran would could America opposition "
    "and of to in on with meeting minister Khatami al-Assad Khamenei forces"
)
EN_WORDS = _WORDS_EN.split(" ")
EN_PIECES = ["Brig. Gen. Nassif", "Mr. Chirac", "the U.S. President", "2.5 percent", "9/11",
             "George W. Bush", "Jan. 26"]  # fmt: skip
_WORDS_AR = (
    "قال الرئيس إن الحرب العراق سوريا إيران أمريكا المعارضة في من إلى على مع "
    "الاجتماع الوزير خاتمي الأسد خامنئي القوات ٢٠٠٣ ٢٫٥"
)
AR_WORDS = _WORDS_AR.split(" ")


def generated(words: list[str], pieces: list[str], size: int, *, seed: int) -> str:
    """News-like paragraphs of 1-6 sentences, some quoted, until ``size`` characters."""
    rng = random.Random(seed)
    comma, stops = ("،", ".؟!…") if pieces == [] else (",", ".?!")
    paragraphs: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(1, 6)):
            tokens = [rng.choice(words) for _ in range(rng.randint(5, 25))]
            if pieces and rng.random() < 0.3:
                tokens.insert(rng.randrange(len(tokens)), rng.choice(pieces))
            if rng.random() < 0.3:
                tokens[len(tokens) // 2] += comma
            sentence = " ".join(tokens).capitalize() + rng.choice(stops * 3)[0]
            sentences.append(f"“{sentence}”" if rng.random() < 0.2 else sentence)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def corpus_text(size: int) -> str | None:
    files = sorted((SHARED / "corpus").glob("00*.txt"))
    if not files:
        return None
    one = "\n\n".join(p.read_text(encoding="utf-8") for p in files)
    return (one + "\n\n") * (size // len(one) + 1)


def ranges(text: str, count: int, *, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    starts = sorted(rng.sample(range(len(text)), count))
    return [(s, min(len(text), s + rng.randint(1, 200))) for s in starts]


def best_of(repeat: int, run: Callable[[], int]) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        count = run()
        times.append(time.perf_counter() - t0)
    return min(times), count


def speed_table(size: int, repeat: int) -> None:
    texts: list[tuple[str, str, str]] = []
    corpus = corpus_text(size)
    if corpus is not None:
        texts.append(("corpus 000-004 repeated", "en", corpus))
    texts.append(("generated English", "en", generated(EN_WORDS, EN_PIECES, size, seed=1)))
    # about 2 MB of UTF-8 (Arabic letters take two bytes each)
    texts.append(("generated Arabic", "ar", generated(AR_WORDS, [], size * 10 // 18, seed=2)))
    # hard cases: a line every 20 characters; a long run of dots with spaces
    texts.append(("lines of 20 chars", "en", ("Short line of words\n" * (size // 20))))
    texts.append(("punctuation runs", "en", ("x " + ". ! ?" * (size // 5)) + "......" * 1000))

    print(
        f"{'text':26} {'lang':4} {'Mchar':>6} {'MB':>5} {'ranges':>6} "
        f"{'segments':>8} {'best s':>7} {'MB/s':>6}"
    )
    for name, language, text in texts:
        mb = len(text.encode("utf-8")) / 1e6
        excluded = ranges(text, 1000, seed=3)
        kinds = [(s, e, SegmentKind.CAPTION) for s, e in ranges(text, 200, seed=4)]
        for label, ex, kd in (("0", [], []), ("1200", excluded, kinds)):

            def run(
                text: str = text,
                language: str = language,
                ex: list[tuple[int, int]] = ex,
                kd: list[tuple[int, int, SegmentKind]] = kd,
            ) -> int:
                return len(segment_text(text, language, excluded=ex, kinds=kd))

            seconds, count = best_of(repeat, run)
            print(
                f"{name:26} {language:4} {len(text) / 1e6:6.2f} {mb:5.2f} {label:>6} "
                f"{count:8d} {seconds:7.3f} {mb / seconds:6.1f}"
            )


def accuracy_table() -> None:
    ntrex = SHARED / "devdata" / "ntrex-dev"
    if not ntrex.is_dir():
        return
    punctuated = re.compile(r"[.!?؟…][\"'”’»)]*\Z")
    print("\nntrex-dev, boundaries inside paragraphs of 3/4/5 sentences")
    print(f"{'lang':4} {'ref':>5} {'P':>6} {'R':>6} {'F1':>6} {'detectable':>10} {'R det.':>7}")
    for language in ("ar", "en"):
        total = detectable = BoundaryScores(0, 0, 0)
        for path in sorted(ntrex.glob(f"*.{language}.txt")):
            doc = document_from_sentences(path.read_text(encoding="utf-8").splitlines())
            ends = set(doc.paragraph_ends)
            predicted = [s.end for s in segment_text(doc.text, language) if s.end not in ends]
            total += boundary_scores(predicted, doc.internal)
            marked = [b for b in doc.internal if punctuated.search(doc.text, 0, b)]
            detectable += boundary_scores(predicted, marked)
        print(
            f"{language:4} {total.reference:5d} {total.precision:6.3f} {total.recall:6.3f} "
            f"{total.f1:6.3f} {detectable.reference:10d} {detectable.recall:7.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    speed_table(int(args.size_mb * 1_000_000), args.repeat)
    accuracy_table()


if __name__ == "__main__":
    main()
