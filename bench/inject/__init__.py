"""Injected-change benchmark for divergence detection (issue 11, item 8).

    python -m bench.inject            # default: all of ../shared/devdata (a few minutes)
    python -m bench.inject --quick    # CI size: 3 news articles and 1 Bible book
    python -m bench.inject --json out.json

Factual changes of five types (number, name, speaker, negation, certainty) are written
into ../shared/devdata pairs in varied wording, detection runs through the core's public
pure API (``khaddam_align.diverge.detect.detect`` on the two texts and line-to-line
links), and recall and precision among the top 2K are reported by type, with a control
run on the unchanged texts.

Kept apart on purpose: the injection vocabulary (``vocab.py``) was written before and
separately from the detectors' word lists. Nothing in this package imports from
``khaddam_align.diverge`` or ``khaddam_align.text`` except the one call that runs
detection (``evaluate.detect_doc``); the injector's wording (and its own rough Arabic
name key) never comes from the core, so the benchmark cannot grade the detectors on
their own trigger words. ``tests/bench/test_inject.py`` checks that separation.
"""
