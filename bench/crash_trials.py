"""Crash trials: ``kill -9`` at random moments during import, align, realign, verdict and every export.

Each trial copies a prepared workspace (two renderings, an alignment, its divergences)
into a fresh folder, runs one CLI command in a forked child (the parent has already
imported everything, so the kill lands in the command's work, not in Python's start-up)
and SIGKILLs it after a random delay drawn from the command's measured duration. Then:

- ``PRAGMA integrity_check`` of the workspace must say ``ok``;
- all or nothing: the workspace equals its state before the command or the state a
  complete run produces (renderings with their segments, links, verdicts and notes,
  audit entries), never a mix;
- exports: the target is the previous file, byte for byte, or a complete new export;
  no temporary file remains once the next export into the folder has run (and the
  number left right after the kill is reported too).

Runs whose command finished before the kill are counted but are not kills; each
operation is tried until it has ``--kills`` kills (or ``--max-attempts`` runs).

    .venv/bin/python bench/crash_trials.py --kills 20            # the figures in docs/reliability.md
    .venv/bin/python bench/crash_trials.py --kills 3 --ops verdict export-xlsx
    .venv/bin/python bench/crash_trials.py --ops import align realign verdict --pg-url "$KHADDAM_TEST_PG_URL"

On PostgreSQL each trial gets its own database (``CREATE DATABASE … TEMPLATE``) and
"integrity" means no orphaned rows. Exit status 1 when any figure that must be 0 is not.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KHADDAM_ALIGN_USER", "crash-bench")

EXPORTS = ("json", "html", "csv", "xlsx", "tmx", "pdf")
OPS = ("import", "align", "realign", "verdict", *(f"export-{f}" for f in EXPORTS))
TEMP_SUFFIX = ".khaddam-align-tmp"

WORDS_EN = (  # noqa: SIM905 - a sentence is easier to read than a list of words
    "the minister said talks would continue between the delegations on border security water "
    "rights trade and the return of refugees after the meeting in the capital last week"
).split()


def _article(seed: int, sentences: int, *, other_numbers: bool = False) -> str:
    """Sentences of stock words; every fifth names a number, which ``other_numbers`` changes."""
    rng = random.Random(seed)
    out = []
    for i in range(sentences):
        words = [rng.choice(WORDS_EN) for _ in range(rng.randint(8, 24))]
        number = rng.randint(10, 900)
        if i % 5 == 0:
            words.insert(3, f"{number + 1 if other_numbers else number} soldiers were killed in")
        out.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(out) + "\n"


def run_cli(db: str | Path, *args: str) -> None:
    """The ``khaddam-align`` command, in this process (as the forked child runs it)."""
    from khaddam_align.cli import main

    try:
        main(["--db", str(db), *args], standalone_mode=False)
    except SystemExit as exc:  # pragma: no cover - click exits on errors
        if exc.code not in (0, None):
            raise


@dataclass
class Base:
    folder: Path
    db: str  # a SQLite file or a PostgreSQL URL
    texts: dict[str, Path]
    divergence_id: int
    previous: dict[str, bytes] = field(default_factory=dict)  # format -> the "previous export" in the target


class Backend:
    """Where trial workspaces live: SQLite files (copied) or PostgreSQL databases (from a template)."""

    name = "sqlite"

    def new_base(self, folder: Path) -> str:
        return str(folder / "ws.sqlite")

    def settle(self, db: str) -> None:
        with contextlib.closing(sqlite3.connect(db)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def copy(self, base: str, folder: Path) -> str:
        target = folder / "ws.sqlite"
        shutil.copy2(base, target)
        return str(target)

    def drop(self, db: str) -> None:
        pass

    def rows(self, db: str, sql: str) -> list[tuple[Any, ...]]:
        with contextlib.closing(sqlite3.connect(db)) as conn:
            return [tuple(r) for r in conn.execute(sql).fetchall()]

    def integrity(self, db: str) -> str:
        return str(self.rows(db, "PRAGMA integrity_check")[0][0])


class PostgresBackend(Backend):
    """Each trial gets ``CREATE DATABASE … TEMPLATE base``; integrity = no orphaned rows."""

    name = "postgresql"
    ORPHANS = (
        "SELECT count(*) FROM link_segment m LEFT JOIN link l ON l.id = m.link_id WHERE l.id IS NULL",
        "SELECT count(*) FROM link_segment m LEFT JOIN segment s ON s.id = m.segment_id WHERE s.id IS NULL",
        "SELECT count(*) FROM link l LEFT JOIN alignment a ON a.id = l.alignment_id WHERE a.id IS NULL",
        "SELECT count(*) FROM segment s LEFT JOIN rendering r ON r.id = s.rendering_id WHERE r.id IS NULL",
        "SELECT count(*) FROM divergence d LEFT JOIN alignment a ON a.id = d.alignment_id WHERE a.id IS NULL",
    )

    def __init__(self, server: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.server = make_url(server)
        self.admin = create_engine(server, isolation_level="AUTOCOMMIT")
        self.prefix = f"khaddam_crash_{os.getpid()}_"
        self.made: list[str] = []

    def _create(self, name: str, template: str | None = None) -> str:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            if template:
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  "WHERE datname = :d AND pid <> pg_backend_pid()"), {"d": template})
            conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        self.made.append(name)
        return self.server.set(database=name).render_as_string(hide_password=False)

    def new_base(self, folder: Path) -> str:
        return self._create(self.prefix + "base")

    def settle(self, db: str) -> None:
        pass

    def copy(self, base: str, folder: Path) -> str:
        from sqlalchemy.engine import make_url

        return self._create(f"{self.prefix}{folder.name.replace('-', 'm')}", template=make_url(base).database)

    def drop(self, db: str) -> None:
        from sqlalchemy import text
        from sqlalchemy.engine import make_url

        name = make_url(db).database
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def drop_all(self) -> None:
        for name in self.made:
            with contextlib.suppress(Exception):
                self.drop(self.server.set(database=name).render_as_string(hide_password=False))
        self.admin.dispose()

    def rows(self, db: str, sql: str) -> list[tuple[Any, ...]]:
        from sqlalchemy import create_engine, text
        from sqlalchemy.pool import NullPool

        engine = create_engine(db, poolclass=NullPool)
        try:
            with engine.connect() as conn:
                return [tuple(r) for r in conn.execute(text(sql)).all()]
        finally:
            engine.dispose()

    def integrity(self, db: str) -> str:
        orphans = sum(int(self.rows(db, q)[0][0]) for q in self.ORPHANS)
        return "ok" if orphans == 0 else f"{orphans} orphaned rows"


BACKEND: Backend = Backend()


def build_base(root: Path, sentences: int) -> Base:
    folder = root / "base"
    folder.mkdir()
    texts = {
        "a": folder / "a.txt",
        "b": folder / "b.txt",
        "c": folder / "c.txt",
    }
    texts["a"].write_text(_article(1, sentences))
    texts["b"].write_text(_article(1, sentences, other_numbers=True))
    texts["c"].write_text(_article(3, sentences))
    db = BACKEND.new_base(folder)
    run_cli(db, "import", str(texts["a"]), str(texts["b"]))
    run_cli(db, "align", "1", "2")
    run_cli(db, "divergences", "1")
    divergence_id = BACKEND.rows(db, "SELECT min(id) FROM divergence")[0][0]
    BACKEND.settle(db)
    assert divergence_id is not None, "the base alignment has no divergence to give a verdict on"
    base = Base(folder, db, texts, int(divergence_id))
    for fmt in EXPORTS:
        target = folder / f"previous.{fmt}"
        fork_run(["export", "1", "-o", str(target)], db, None)  # in a child: Qt's app never exists here
        base.previous[fmt] = target.read_bytes()
        target.unlink()
    return base


def command(op: str, base: Base, db: str, out: Path) -> list[str]:
    if op == "import":
        return ["import", str(base.texts["c"])]
    if op == "align":
        return ["align", "1", "2", "--method", "lexical"]
    if op == "realign":
        return ["realign", "1"]
    if op == "verdict":
        return ["verdict", str(base.divergence_id), "confirmed", "--note", "checked against the scan"]
    fmt = op.split("-", 1)[1]
    return ["export", "1", "-o", str(out / f"report.{fmt}")]


def snapshot(db: str) -> Any:
    """What all-or-nothing compares: every row a command can write, in a comparable form."""
    q = BACKEND.rows
    renderings = q(
        db,
        "SELECT r.id, r.sha256, length(r.text), (SELECT count(*) FROM segment s WHERE s.rendering_id = r.id) "
        "FROM rendering r ORDER BY r.id",
    )
    members: dict[int, list[tuple[str, int]]] = {}
    for link_id, side, position in q(db, "SELECT link_id, side, segment_position FROM link_segment"):
        members.setdefault(link_id, []).append((str(side), position))
    links = [
        (alignment_id, position, str(status), sorted(members.get(link_id, [])))
        for link_id, alignment_id, position, status in q(
            db, "SELECT id, alignment_id, position, status FROM link ORDER BY alignment_id, position"
        )
    ]
    return {
        "renderings": renderings,
        "alignments": q(db, "SELECT id, a_id, b_id FROM alignment ORDER BY id"),
        "links": links,
        "divergences": [(i, str(v), n) for i, v, n in q(db, "SELECT id, verdict, note FROM divergence ORDER BY id")],
        "audit": q(db, "SELECT action, entity, entity_id FROM audit_entry ORDER BY id"),
    }


def integrity(db: str) -> str:
    return BACKEND.integrity(db)


def fingerprint(fmt: str, data: bytes) -> Any:
    """An export's content without what changes from run to run (export time, zip dates, PDF ids)."""
    if fmt == "json":
        doc = json.loads(data.decode("utf-8"))
        doc.pop("exported", None)
        doc.pop("generator", None)
        return doc
    if fmt == "xlsx":
        from io import BytesIO

        from openpyxl import load_workbook

        book = load_workbook(BytesIO(data))
        return [[list(r) for r in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]
    if fmt == "csv":
        return list(csv.reader(data.decode("utf-8-sig").splitlines()))
    if fmt == "pdf":
        if not (data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")):
            raise ValueError("not a complete PDF")
        return len(data) // 1000  # layout is deterministic; ids and dates are not
    return hashlib.sha256(data).hexdigest()  # html, tmx: deterministic


@dataclass
class Tally:
    op: str
    attempts: int = 0
    kills: int = 0
    completed_before_kill: int = 0
    integrity_failures: int = 0
    partial_writes: int = 0  # all-or-nothing violated
    states_before: int = 0
    states_after: int = 0
    damaged_previous_exports: int = 0
    exports_kept_previous: int = 0
    exports_new_complete: int = 0
    temp_left_right_after_kill: int = 0
    temp_left_after_next_export: int = 0
    stray_tmp_files: int = 0  # files left in the system temp folder (openpyxl scratch files, …)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def _temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def _system_tmp_names() -> set[str]:
    """Files in the (private) system temp folder, but the trial folders themselves."""
    tmp = Path(tempfile.gettempdir())
    return {p.name for p in tmp.iterdir() if not p.name.startswith("khaddam-crash-")}


def fork_run(argv: list[str], db: str, delay: float | None) -> tuple[bool, float]:
    """Run the CLI in a forked child; SIGKILL it after ``delay`` s. Returns (killed, seconds)."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), contextlib.redirect_stderr(null):
                run_cli(db, *argv)
        except BaseException:
            code = 3
        os._exit(code)
    if delay is not None:
        deadline = start + delay
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return False, time.perf_counter() - start
            if time.perf_counter() >= deadline:
                os.kill(pid, signal.SIGKILL)
                break
            time.sleep(0.0005)
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return True, elapsed
    if os.WEXITSTATUS(status) != 0:
        raise RuntimeError(f"the command {argv} failed (exit {os.WEXITSTATUS(status)})")
    return False, elapsed


def trial_folder(root: Path, base: Base, n: int) -> tuple[Path, str, Path]:
    folder = root / f"t{n}"
    folder.mkdir()
    db = BACKEND.copy(base.db, folder)
    out = folder / "out"
    out.mkdir()
    return folder, db, out


def reference(op: str, root: Path, base: Base) -> tuple[Any, Any, float]:
    """The state before and after a complete run of ``op``, its export fingerprint and duration."""
    folder, db, out = trial_folder(root, base, -1 - OPS.index(op) - 100 * random.randrange(1 << 30))
    before = snapshot(db)
    killed, seconds = fork_run(command(op, base, db, out), db, None)
    assert not killed
    after = snapshot(db)
    fp = None
    if op.startswith("export-"):
        fmt = op.split("-", 1)[1]
        fp = fingerprint(fmt, (out / f"report.{fmt}").read_bytes())
    BACKEND.drop(db)
    shutil.rmtree(folder)
    return (before, after), fp, seconds


def run_op(op: str, root: Path, base: Base, kills: int, max_attempts: int, rng: random.Random) -> Tally:
    tally = Tally(op)
    runs = [reference(op, root, base) for _ in range(3)]
    (before, after), new_fp, _ = runs[0]
    seconds = min(r[2] for r in runs)  # the fastest complete run: kills are drawn from it
    # The previous report differs from any new one (an export of the same rows would be identical).
    previous = {f: data + b"\n(previous export)\n" for f, data in base.previous.items()}
    fmt = op.split("-", 1)[1] if op.startswith("export-") else None
    t0 = time.perf_counter()
    n = 0
    while tally.kills < kills and tally.attempts < max_attempts:
        n += 1
        folder, db, out = trial_folder(root, base, n)
        target = out / f"report.{fmt}" if fmt else None
        if target is not None:
            target.write_bytes(previous[fmt])  # type: ignore[index]
        stray_before = _system_tmp_names()
        tally.attempts += 1
        # Half the kills anywhere in the run, half in its last part, where files and commits are written.
        delay = rng.uniform(0.0, seconds * 1.2) if rng.random() < 0.5 else rng.uniform(seconds * 0.7, seconds * 1.05)
        killed, _ = fork_run(command(op, base, db, out), db, delay)
        if not killed:
            tally.completed_before_kill += 1
        tally.kills += killed
        tally.stray_tmp_files += len(_system_tmp_names() - stray_before)
        if integrity(db) != "ok":
            tally.integrity_failures += 1
            tally.notes.append(f"trial {n}: integrity_check: {integrity(db)}")
        state = snapshot(db)
        if state == before:
            tally.states_before += 1
        elif state == after:
            tally.states_after += 1
        else:
            tally.partial_writes += 1
            tally.notes.append(f"trial {n}: the workspace is neither the state before nor after")
        if target is not None and fmt is not None:
            tally.temp_left_right_after_kill += len(_temps(out))
            data = target.read_bytes() if target.exists() else b""
            if data == previous[fmt]:
                tally.exports_kept_previous += 1
            else:
                try:
                    complete = fingerprint(fmt, data) == new_fp
                except Exception:
                    complete = False
                if complete:
                    tally.exports_new_complete += 1
                else:
                    tally.damaged_previous_exports += 1
                    tally.notes.append(f"trial {n}: {target.name} is neither the previous file nor a complete export")
            # the next export into the folder (another file) clears what a killed one left
            with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
                run_cli(db, "export", "1", "-o", str(out / "next.json"))
            tally.temp_left_after_next_export += len(_temps(out))
        BACKEND.drop(db)
        shutil.rmtree(folder, ignore_errors=True)
    tally.seconds = time.perf_counter() - t0
    return tally


def _prepare_imports() -> None:
    """Import everything the commands use before forking (and never create Qt's app here)."""
    import openpyxl  # noqa: F401

    import khaddam_align.align.service
    import khaddam_align.cli
    import khaddam_align.diverge.service
    import khaddam_align.export.html
    import khaddam_align.export.merge
    import khaddam_align.export.tabular
    import khaddam_align.export.tmx
    import khaddam_align.ingest.service  # noqa: F401

    with contextlib.suppress(ImportError):
        import khaddam_align_ui.pdf_export  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--kills", type=int, default=20, help="kills per operation (default 20)")
    parser.add_argument("--max-attempts", type=int, default=0, help="runs per operation at most (default 4 × kills)")
    parser.add_argument("--ops", nargs="*", default=list(OPS), choices=OPS)
    parser.add_argument("--sentences", type=int, default=150, help="sentences per test article")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--json", dest="json_out", type=Path, help="also write the figures as JSON")
    parser.add_argument("--pg-url", help="run on PostgreSQL: a server URL (e.g. $KHADDAM_TEST_PG_URL); "
                        "each trial gets its own database")
    args = parser.parse_args(argv)
    global BACKEND
    if args.pg_url:
        BACKEND = PostgresBackend(args.pg_url)
    rng = random.Random(args.seed)
    # A private system temp folder, so "/tmp" counts only what these commands leave there
    # (the machine's /tmp is shared with other programs).
    private_tmp = tempfile.mkdtemp(prefix="khaddam-crash-tmp-")
    tempfile.tempdir = private_tmp
    os.environ["TMPDIR"] = private_tmp
    _prepare_imports()
    results: list[Tally] = []
    with tempfile.TemporaryDirectory(prefix="khaddam-crash-") as tmp:
        root = Path(tmp)
        with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), contextlib.redirect_stderr(null):
            base = build_base(root, args.sentences)
        print(f"{'operation':14} {'kills':>5} {'done':>5} {'integ':>5} {'partial':>7} {'before':>6} {'after':>5} "
              f"{'damaged':>7} {'kept':>4} {'new':>4} {'tmp@kill':>8} {'tmp@next':>8} {'/tmp':>4} {'secs':>6}")
        for op in args.ops:
            t = run_op(op, root, base, args.kills, args.max_attempts or 4 * args.kills, rng)
            results.append(t)
            export = op.startswith("export-")
            dash = "-"
            print(
                f"{op:14} {t.kills:5} {t.completed_before_kill:5} {t.integrity_failures:5} {t.partial_writes:7} "
                f"{t.states_before:6} {t.states_after:5} "
                f"{t.damaged_previous_exports if export else dash:>7} {t.exports_kept_previous if export else dash:>4} "
                f"{t.exports_new_complete if export else dash:>4} {t.temp_left_right_after_kill if export else dash:>8} "
                f"{t.temp_left_after_next_export if export else dash:>8} {t.stray_tmp_files:4} {t.seconds:6.1f}",
                flush=True,
            )
            for note in t.notes[:5]:
                print("   ", note)
    if isinstance(BACKEND, PostgresBackend):
        BACKEND.drop_all()
    shutil.rmtree(private_tmp, ignore_errors=True)
    print(f"backend: {BACKEND.name}")
    if args.json_out:
        args.json_out.write_text(json.dumps([t.__dict__ for t in results], indent=2) + "\n")
    bad = sum(t.integrity_failures + t.partial_writes + t.damaged_previous_exports + t.temp_left_after_next_export
              for t in results)
    short = [t.op for t in results if t.kills < args.kills]
    if short:
        print(f"fewer than {args.kills} kills for: {', '.join(short)} (the command finished first too often)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
