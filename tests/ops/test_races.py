"""Two real processes (spawned workers, each with its own engine) racing on one workspace.

The same scenarios as ``bench/race_trials.py`` (which runs many more trials and
prints the table in docs/concurrency.md), a few trials each, on a SQLite file
and on the PostgreSQL test server.
"""

from __future__ import annotations

import pytest

from bench.race_trials import SCENARIOS, run


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_racing_reviewers_lose_nothing_and_overwrite_nothing_silently(
    backend: str, request: pytest.FixtureRequest
) -> None:
    if backend == "postgresql":
        request.getfixturevalue("pg_url")  # skips without a test server
    tallies = run(backend, SCENARIOS, trials=3)
    assert [t.scenario for t in tallies] == list(SCENARIOS)
    for t in tallies:
        assert t.trials == 3
        assert (t.scenario, t.errors, t.messages) == (t.scenario, 0, [])
        assert (t.scenario, t.lost_acknowledged, t.silent_overwrites, t.duplicates) == (t.scenario, 0, 0, 0)
    by_name = {t.scenario: t for t in tallies}
    # Two reviewers judging one divergence at once: every trial one of them is told no, never both saved.
    assert by_name["verdicts"].refused == 3
    assert by_name["stale-screen"].refused == 3
    assert by_name["import"].both_acknowledged == 3  # one imported it, the other was told "already imported"
