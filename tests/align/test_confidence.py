"""The confidence model: one definition of "low", its record, and ranking on held-out dev text."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from khaddam_align.align import AlignSettings, SideInput
from khaddam_align.align.confidence import (
    DEFAULT_CALIBRATION,
    LOW_CONFIDENCE,
    MATCH_FEATURES,
    SKIP_FEATURES,
    calibration_record,
    confidences,
    is_low,
)
from khaddam_align.align.core import align_path


def test_low_confidence_is_one_threshold_and_confirmed_links_are_never_low() -> None:
    assert is_low(LOW_CONFIDENCE - 0.01)
    assert not is_low(LOW_CONFIDENCE)
    assert not is_low(0.9)
    assert not is_low(0.1, "confirmed")
    assert is_low(0.1, "rejected")


def test_the_record_matches_the_model() -> None:
    record = calibration_record()
    assert len(DEFAULT_CALIBRATION.match) == len(MATCH_FEATURES) == len(record["match_features"])
    assert len(DEFAULT_CALIBRATION.skip) == len(SKIP_FEATURES) == len(record["skip_features"])
    assert record["low_confidence"] == LOW_CONFIDENCE
    assert record["version"]


def _auc(scores: list[float], right: list[bool]) -> float:
    pos = [s for s, ok in zip(scores, right, strict=True) if ok]
    neg = [s for s, ok in zip(scores, right, strict=True) if not ok]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def test_wrong_links_rank_lower_on_text_the_model_was_not_fitted_on(devdata_dir: Path) -> None:
    """A book perturbed in a way the calibration never saw: Arabic ↔ English verses with a
    passage missing from the English (a one-sided stretch) and merged verses."""
    book = sorted((devdata_dir / "bible-dev").glob("*.tsv"))[-1]
    rows = list(csv.DictReader(book.read_text(encoding="utf-8").splitlines(), delimiter="\t"))
    ar = [r["ar_svd"] for r in rows][:80]
    en = [r["en_web"] for r in rows][:80]
    rng = random.Random(5)
    b: list[str] = []
    gold: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    i = 0
    while i < len(ar):
        if 30 <= i < 45:  # a passage B leaves out
            gold.add(((i,), ()))
            i += 1
        elif rng.random() < 0.1 and i + 1 < len(ar):  # two verses as one sentence
            gold.add(((i, i + 1), (len(b),)))
            b.append(en[i] + " " + en[i + 1])
            i += 2
        else:
            gold.add(((i,), (len(b),)))
            b.append(en[i])
            i += 1
    scorer, beads = align_path(SideInput(ar, "ar"), SideInput(b, "en"), settings=AlignSettings())
    scores = confidences(scorer, beads)
    right = [(tuple(range(a0, a1)), tuple(range(b0, b1))) in gold for a0, a1, b0, b1 in beads]
    assert 0 < sum(right) < len(right)
    assert _auc(scores, right) > 0.65
    # A low-confidence link is more often wrong than the average link.
    low = [ok for s, ok in zip(scores, right, strict=True) if is_low(s)]
    assert low
    assert sum(low) / len(low) < sum(right) / len(right)
