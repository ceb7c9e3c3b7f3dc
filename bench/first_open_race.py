"""Two processes open the same NEW workspace at the same instant: both must succeed, one schema.

Each pair starts two real processes that wait for a shared start time, then call
``open_workspace`` on a workspace that does not exist yet (a new SQLite file, or a new
empty PostgreSQL database). Counted: pairs where a process failed, and workspaces whose
schema is not exactly one head revision with every table.

    .venv/bin/python bench/first_open_race.py --pairs 20
    .venv/bin/python bench/first_open_race.py --pairs 20 --pg-url "$KHADDAM_TEST_PG_URL"
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

CHILD = """
import sys, time
start = float(sys.argv[2])
from khaddam_align.storage import open_workspace
time.sleep(max(0.0, start - time.time()))
open_workspace(sys.argv[1]).close()
"""


def check(url: str) -> bool:
    from sqlalchemy import inspect, text

    from khaddam_align.storage import open_workspace
    from khaddam_align.storage.migrate import head_revision
    from khaddam_align.storage.models import Base

    ws = open_workspace(url)
    try:
        with ws.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        return versions == [head_revision()] and set(Base.metadata.tables) <= tables
    finally:
        ws.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--pg-url", help="race on new PostgreSQL databases of this server")
    args = parser.parse_args(argv)
    failures = bad_schema = 0
    admin = None
    if args.pg_url:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        admin = create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="khaddam-race-") as tmp:
        for n in range(args.pairs):
            if admin is not None:
                name = f"khaddam_race_{uuid.uuid4().hex[:10]}"
                with admin.connect() as conn:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
                url = make_url(args.pg_url).set(database=name).render_as_string(hide_password=False)
            else:
                url = str(Path(tmp) / f"new{n}.sqlite")
            start = time.time() + 2.0  # both processes are up and waiting by then
            procs = [
                subprocess.Popen([sys.executable, "-c", CHILD, url, str(start)], stderr=subprocess.PIPE, text=True)
                for _ in range(2)
            ]
            for p in procs:
                _, err = p.communicate(timeout=300)
                if p.returncode != 0:
                    failures += 1
                    print(f"pair {n}: {err.strip().splitlines()[-1] if err.strip() else p.returncode}")
            if not check(url):
                bad_schema += 1
            if admin is not None:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    backend = "postgresql" if admin else "sqlite"
    print(f"backend {backend}: {args.pairs} racing pairs, {failures} failed opens, {bad_schema} bad schemas "
          f"({time.perf_counter() - t0:.0f} s)")
    return 1 if failures or bad_schema else 0


if __name__ == "__main__":
    sys.exit(main())
