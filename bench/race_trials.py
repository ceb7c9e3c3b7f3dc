"""Racing reviewers: two real processes act on one workspace at the same moment, many times over.

Run: python bench/race_trials.py [--trials 20] [--backend sqlite|postgresql|both] [--json FILE]
(PostgreSQL needs KHADDAM_TEST_PG_URL, e.g. from `bash scripts/pg-test-server.sh start`.)

Two long-lived worker processes ("alice" and "bob", started with the spawn
method, each with its own engine) wait on a shared barrier, then act, each
after a random delay of up to --jitter seconds so both orders happen. The
parent prepares every trial and checks the result in the database:

- verdicts      both set a verdict and note on the same open divergence
- stale-screen  both act on the version their screens showed (bob with --replace)
- realign       alice realigns (a slowed aligner) while bob confirms a row
- undo          alice undoes her confirm while bob rejects that row
- import        both import the same new file

A *lost acknowledged write* is a write a process was told succeeded that is
not in the final state (and that nobody was told they replaced). A *silent
overwrite* is a write that replaced another reviewer's acknowledged write
without being told (no conflict, no --replace). Both must be 0. "refused"
counts clean refusals (a conflict naming the other change).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SCENARIOS = ("verdicts", "stale-screen", "realign", "undo", "import")


# -- the workers (separate processes) --------------------------------------------------------------


def _slow_aligner(delay: float, calls: list[int]) -> Any:
    from khaddam_align.ops.realign import by_length

    def run(a: Sequence[Any], b: Sequence[Any]) -> Any:
        calls.append(len(a))
        time.sleep(delay)
        return by_length(a, b)

    return run


def _act(ws: Any, history: Any, task: dict[str, Any]) -> dict[str, Any]:
    from khaddam_align import ops
    from khaddam_align.ingest.service import import_file

    kind = task["kind"]
    if kind == "verdict":
        changes = ops.set_verdict(ws, task["id"], task["verdict"], note=task["note"], expected=task.get("expected"),
                                  replace=task.get("replace", False))
        return {"version": changes.version("divergence", task["id"])}
    if kind == "status":
        changes = ops.set_status(ws, task["id"], task["status"], expected=task.get("expected"))
        return {"version": changes.version("link", task["id"])}
    if kind == "realign":
        calls: list[int] = []
        changes = ops.realign(ws, task["id"], aligner=_slow_aligner(task["delay"], calls))
        return {"added": len(changes.added_link_ids), "computed": len(calls)}
    if kind == "undo":
        history.undo()
        return {}
    if kind == "import":
        report = import_file(ws, task["path"])
        return {"imported": report.ids, "already": [list(a.ids) for a in report.already]}
    raise ValueError(kind)


def worker(user: str, url: str, inbox: Any, outbox: Any, barrier: Any) -> None:
    """One reviewer's process: prepare (before the barrier), wait, act, report."""
    from khaddam_align import ops
    from khaddam_align.errors import KhaddamError
    from khaddam_align.ops import ConflictError
    from khaddam_align.storage import open_workspace

    ws = open_workspace(url, user=user)
    history = ops.History(ws)
    outbox.put({"ready": user})
    while True:
        task = inbox.get()
        if task is None:
            break
        history.clear()
        prepared = task.get("prepare")
        if prepared == "confirm-with-history":
            ops.confirm_link(ws, task["id"], history=history)
        try:
            barrier.wait(timeout=60)
        except Exception:  # a broken barrier: report it, the parent fails the trial
            outbox.put({"user": user, "outcome": "error", "message": "barrier broken"})
            continue
        time.sleep(random.uniform(0, task.get("jitter", 0.0)))
        started = time.monotonic()
        try:
            info = _act(ws, history, task)
            outbox.put({"user": user, "outcome": "ok", "at": time.time(), "took": time.monotonic() - started, **info})
        except ConflictError as exc:
            outbox.put({"user": user, "outcome": "refused", "message": str(exc)})
        except KhaddamError as exc:
            outbox.put({"user": user, "outcome": "error", "message": str(exc)})
        except Exception as exc:  # a bug: the trial counts as failed
            outbox.put({"user": user, "outcome": "crash", "message": f"{type(exc).__name__}: {exc}"})
    ws.close()


# -- the parent: prepare, run, check -----------------------------------------------------------------


@dataclass
class Tally:
    backend: str
    scenario: str
    trials: int = 0
    both_acknowledged: int = 0
    refused: int = 0
    lost_acknowledged: int = 0
    silent_overwrites: int = 0
    duplicates: int = 0
    recomputed: int = 0  # realign: trials where a confirmation landed while it computed (it recomputed around it)
    errors: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)  # the first few errors, to look into

    @property
    def ok(self) -> bool:
        return self.lost_acknowledged == self.silent_overwrites == self.duplicates == self.errors == 0


class Team:
    """Two worker processes on one workspace."""

    def __init__(self, url: str) -> None:
        ctx = mp.get_context("spawn")
        self.barrier = ctx.Barrier(2)
        self.outbox = ctx.Queue()
        self.inboxes = {u: ctx.Queue() for u in ("alice", "bob")}
        self.procs = [
            ctx.Process(target=worker, args=(u, url, self.inboxes[u], self.outbox, self.barrier), daemon=True)
            for u in ("alice", "bob")
        ]
        for p in self.procs:
            p.start()
        for _ in self.procs:
            self.outbox.get(timeout=120)

    def race(self, alice: dict[str, Any], bob: dict[str, Any]) -> dict[str, dict[str, Any]]:
        self.inboxes["alice"].put(alice)
        self.inboxes["bob"].put(bob)
        results = [self.outbox.get(timeout=180) for _ in range(2)]
        return {r["user"]: r for r in results}

    def close(self) -> None:
        for q in self.inboxes.values():
            q.put(None)
        for p in self.procs:
            p.join(timeout=30)


def _build(ws: Any, tag: str, rows: int = 8) -> tuple[int, list[int], list[int]]:
    """Two imported renderings aligned 1:1 with a divergence on every other row: (alignment, links, divergences)."""
    from sqlalchemy import select

    from khaddam_align.ingest.service import import_text
    from khaddam_align.ops import store_alignment
    from khaddam_align.storage.models import Divergence, Link, Segment

    a = import_text(ws, " ".join(f"Sentence {i} of {tag} says {i * 7} dinars." for i in range(rows)),
                    name=f"a-{tag}.txt", lang="en").ids[0]
    b = import_text(ws, " ".join(f"Line {i} of {tag} reports {i * 7 + 1} dinars." for i in range(rows)),
                    name=f"b-{tag}.txt", lang="en").ids[0]
    with ws.session() as s:
        na = len(s.scalars(select(Segment.id).where(Segment.rendering_id == a)).all())
        nb = len(s.scalars(select(Segment.id).where(Segment.rendering_id == b)).all())
    n = min(na, nb)
    beads = [([i], [i], 0.5) for i in range(n)] + [([i], [], 0.2) for i in range(n, na)] + [([], [j], 0.2) for j in range(n, nb)]
    al = store_alignment(ws, a, b, beads)
    with ws.transaction() as s:  # detected divergences (the detectors are not under test here)
        links = list(s.scalars(select(Link.id).where(Link.alignment_id == al).order_by(Link.position)))
        divs = []
        for k in range(0, len(links), 2):
            d = Divergence(alignment_id=al, link_id=links[k], key=f"{tag}-{k}", type="number", severity=0.8,
                           a_spans=[], b_spans=[], description="number")
            s.add(d)
            s.flush()
            divs.append(d.id)
    return al, links, divs


def _state(ws: Any, model: str, row_id: int) -> Any:
    from khaddam_align.storage.models import Divergence, Link

    with ws.session() as s:
        if model == "divergence":
            d = s.get(Divergence, row_id)
            return None if d is None else (d.verdict.value, d.note, d.reviewer)
        link = s.get(Link, row_id)
        return None if link is None else link.status.value


def trial(team: Team, ws: Any, scenario: str, n: int, tally: Tally, *, jitter: float, folder: Path) -> None:
    errors_before = tally.errors
    results = _trial(team, ws, scenario, n, tally, jitter=jitter, folder=folder)
    if tally.errors > errors_before and len(tally.messages) < 5:
        tally.messages += [f"{u}: {r.get('message', '')}" for u, r in results.items() if r["outcome"] != "ok"]


def _trial(
    team: Team, ws: Any, scenario: str, n: int, tally: Tally, *, jitter: float, folder: Path
) -> dict[str, dict[str, Any]]:
    from sqlalchemy import func, select

    from khaddam_align.storage.models import Rendering

    tag = f"{scenario}-{n}-{uuid.uuid4().hex[:6]}"
    if scenario == "import":
        path = folder / f"{tag}.txt"
        path.write_text(f"A new text {tag}. It has two sentences.\n", encoding="utf-8")
        res = team.race({"kind": "import", "path": str(path), "jitter": jitter},
                        {"kind": "import", "path": str(path), "jitter": jitter})
        imported = [i for r in res.values() if r["outcome"] == "ok" for i in r["imported"]]
        with ws.session() as s:
            count = s.scalar(select(func.count()).select_from(Rendering).where(Rendering.file_name == path.name)) or 0
            present = set(s.scalars(select(Rendering.id).where(Rendering.id.in_(imported or [-1]))))
        tally.duplicates += max(0, count - 1)
        tally.lost_acknowledged += len(set(imported) - present)
        tally.both_acknowledged += all(r["outcome"] == "ok" for r in res.values())
        tally.errors += sum(r["outcome"] not in {"ok", "refused"} for r in res.values()) + (count == 0)
        return res
    al, links, divs = _build(ws, tag)
    if scenario in {"verdicts", "stale-screen"}:
        d = divs[0]
        stale = scenario == "stale-screen"
        a_task = {"kind": "verdict", "id": d, "verdict": "confirmed", "note": "the number is wrong", "jitter": jitter}
        b_task = {"kind": "verdict", "id": d, "verdict": "dismissed", "note": "fine", "jitter": jitter}
        if stale:  # both screens show version 1; bob deliberately replaces what he sees
            a_task["expected"] = b_task["expected"] = 1
            b_task["replace"] = True
        res = team.race(a_task, b_task)
        final = _state(ws, "divergence", d)
        acked = [u for u, r in res.items() if r["outcome"] == "ok"]
        wrote = {"alice": ("confirmed", "the number is wrong", "alice"), "bob": ("dismissed", "fine", "bob")}
        tally.both_acknowledged += len(acked) == 2
        tally.refused += sum(r["outcome"] == "refused" for r in res.values())
        tally.errors += sum(r["outcome"] not in {"ok", "refused"} for r in res.values())
        if len(acked) == 2:
            # Only allowed when the second knowingly replaced the first: never in these two scenarios.
            tally.silent_overwrites += 1
        tally.lost_acknowledged += sum(final != wrote[u] for u in acked if len(acked) == 1)
        return res
    if scenario == "realign":
        target = links[random.randrange(1, len(links) - 1)]
        res = team.race({"kind": "realign", "id": al, "delay": 0.25, "jitter": 0.0},
                        {"kind": "status", "id": target, "status": "confirmed", "jitter": 0.3})
        bob = res["bob"]
        tally.recomputed += res["alice"].get("computed", 0) > 1
        tally.errors += sum(r["outcome"] not in {"ok", "refused"} for r in res.values())
        tally.refused += sum(r["outcome"] == "refused" for r in res.values())
        tally.both_acknowledged += all(r["outcome"] == "ok" for r in res.values())
        if bob["outcome"] == "ok" and _state(ws, "link", target) != "confirmed":
            tally.lost_acknowledged += 1
        return res
    if scenario == "undo":
        target = links[3]
        res = team.race({"kind": "undo", "prepare": "confirm-with-history", "id": target, "jitter": jitter},
                        {"kind": "status", "id": target, "status": "rejected", "jitter": jitter})
        final = _state(ws, "link", target)
        tally.errors += sum(r["outcome"] not in {"ok", "refused"} for r in res.values())
        tally.refused += sum(r["outcome"] == "refused" for r in res.values())
        alice, bob = res["alice"], res["bob"]
        tally.both_acknowledged += alice["outcome"] == bob["outcome"] == "ok"
        if bob["outcome"] == "ok" and final != "rejected":
            # Bob was told his reject is saved: only an undo replayed over it can remove it.
            tally.lost_acknowledged += 1
            tally.silent_overwrites += alice["outcome"] == "ok"
        return res
    raise ValueError(scenario)


@contextmanager
def workspace_url(backend: str, folder: Path) -> Iterator[str]:
    """A fresh workspace: a SQLite file, or a new database on the PostgreSQL test server."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'race.sqlite'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ.get("KHADDAM_TEST_PG_URL")
    if not base:
        raise SystemExit("KHADDAM_TEST_PG_URL is not set: start a server with bash scripts/pg-test-server.sh start")
    name = f"khaddam_race_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(backend: str, scenarios: Sequence[str], trials: int, *, jitter: float = 0.05) -> list[Tally]:
    from khaddam_align.storage import open_workspace

    out = []
    with tempfile.TemporaryDirectory() as tmp, workspace_url(backend, Path(tmp)) as url:
        ws = open_workspace(url, user="setup")
        team = Team(url)
        try:
            for scenario in scenarios:
                tally = Tally(backend, scenario)
                started = time.monotonic()
                for n in range(trials):
                    trial(team, ws, scenario, n, tally, jitter=jitter, folder=Path(tmp))
                    tally.trials += 1
                tally.seconds = round(time.monotonic() - started, 1)
                out.append(tally)
        finally:
            team.close()
            ws.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--scenario", choices=SCENARIOS, action="append")
    parser.add_argument("--jitter", type=float, default=0.05, help="random delay after the barrier, seconds")
    parser.add_argument("--json", type=Path, help="also write the table as JSON")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    rows: list[Tally] = []
    for backend in backends:
        rows += run(backend, args.scenario or SCENARIOS, args.trials, jitter=args.jitter)
    head = (f"{'backend':11} {'scenario':13} {'trials':>6} {'both ok':>7} {'refused':>7} {'lost ack':>8} "
            f"{'silent ow':>9} {'dupes':>5} {'recomp':>6} {'errors':>6} {'s':>6}")
    print(head)
    print("-" * len(head))
    for t in rows:
        print(f"{t.backend:11} {t.scenario:13} {t.trials:>6} {t.both_acknowledged:>7} {t.refused:>7} "
              f"{t.lost_acknowledged:>8} {t.silent_overwrites:>9} {t.duplicates:>5} {t.recomputed:>6} {t.errors:>6} "
              f"{t.seconds:>6}")
        for message in t.messages:
            print(f"    {message}")
    if args.json:
        args.json.write_text(json.dumps([asdict(t) for t in rows], indent=2), encoding="utf-8")
    return 0 if all(t.ok for t in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
