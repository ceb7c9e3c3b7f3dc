"""Alignment speed: a 5,000 × 5,000-verse Arabic–English pair, time and peak memory.

    python bench/align_speed.py [--verses 5000] [--repeat 3] [--profile]

The pair is bible-dev (ar_svd ↔ en_web) books repeated in a shuffled book
order until 5,000 verses, then perturbed on the English side (merge, split,
drop, add, swap) with a fixed seed; strict/lax F1 are reported too.

Two measures in one run, alternated ``--repeat`` times (medians printed):

- the pure aligner, ``align_texts`` on segments already in memory: warm (called again
  in this process) and cold (called once in a fresh process, as the command does;
  imports and reading the segments are not timed);
- the ``align`` command end to end, as a user runs it: ``khaddam-align --db W align A B``
  in a fresh process on a SQLite workspace holding the two renderings (one segment per
  verse, paragraphs as in the pair): start-up and imports, opening the workspace,
  reading segments, aligning, writing links, printing the summary.

Wall time, CPU time and peak RSS of each fresh process come from a small launcher
process (``resource.getrusage(RUSAGE_CHILDREN)``). Every command run gets a fresh
copy of the workspace; the stored links are checked against the pure aligner's.

The package is byte-compiled first, as ``pip install`` does (an editable checkout under
``PYTHONDONTWRITEBYTECODE`` would otherwise compile its source in every fresh process).

``--profile`` runs the command once more under cProfile and prints where its time goes.
"""

from __future__ import annotations

import argparse
import json
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import Doc, Gold, bible_books, links_score, perturb
from align_quality import GALE_CHURCH

from khaddam_align.align import AlignedLink, AlignSettings, SideInput, align_texts


def _mark(text: str, tag: str) -> str:
    # Every word gets the repetition's tag: a new vocabulary per repetition (worst case).
    return " ".join(word + tag for word in text.split())


def build(
    verses: int, seed: int = 7, *, unique: bool = False, english: bool = False
) -> tuple[list[str], list[str], list[str]]:
    """A side (Arabic, or with ``english`` the World English Bible), the World English Bible
    (or the Bible in Basic English) and spare sentences for insertions."""
    books = bible_books()
    rng = random.Random(seed)
    ar: list[str] = []
    en: list[str] = []
    rep = 0
    while len(ar) < verses:
        order = books[:]
        rng.shuffle(order)
        for _, a, web, bbe in order:
            if english:
                a, web = web, bbe
            if unique:
                ar += [_mark(t, "ابتثجحخدذر"[rep % 10] * (1 + rep // 10)) for t in a]
                en += [_mark(t, "bcdfghjklm"[rep % 10] * (1 + rep // 10)) for t in web]
            else:
                ar += a
                en += web
        rep += 1
    extra = [s for *_, bbe in books for s in bbe] if not english else [s for *_, web, _ in books for s in web]
    return ar[:verses], en[:verses], extra


def drop_block(doc: Doc, start: int, end: int) -> Doc:
    """The pair with the English side of Arabic verses start..end removed (a long one-sided stretch)."""
    gold: Gold = []
    b: list[str] = []
    for a_idx, b_idx in doc.gold:
        if a_idx and start <= a_idx[0] < end:
            gold += [((i,), ()) for i in a_idx]
            continue
        gold.append((a_idx, tuple(range(len(b), len(b) + len(b_idx)))))
        b += [doc.b[j] for j in b_idx]
    b_paras = [0] * len(b)
    return Doc(doc.name, doc.a, b, doc.a_lang, doc.b_lang, doc.a_paras, b_paras, gold)


def build_workspace(doc: Doc, path: Path, *, a_lang: str) -> tuple[int, int]:
    """A SQLite workspace with the pair as two renderings, one segment per sentence (set-up of
    the benchmark, written directly: the importer's segmenter would cut verses differently)."""
    from sqlalchemy import insert

    from khaddam_align.storage import open_workspace
    from khaddam_align.storage.models import Rendering, Segment

    ws = open_workspace(path)
    ids = []
    for side, texts, paras, lang in (("a", doc.a, doc.a_paras, a_lang), ("b", doc.b, doc.b_paras, "en")):
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        pos = 0
        for k, (sentence, para) in enumerate(zip(texts, paras, strict=True)):
            if k:
                sep = "\n\n" if para != paras[k - 1] else " "
                parts.append(sep)
                pos += len(sep)
            spans.append((pos, pos + len(sentence)))
            parts.append(sentence)
            pos += len(sentence)
        with ws.transaction() as s:
            r = Rendering(language=lang, sha256=side * 64, text="".join(parts), publisher=f"bench {side}")
            s.add(r)
            s.flush()
            rows = [
                {"rendering_id": r.id, "position": i, "start": x, "end": y, "kind": "body", "paragraph": p}
                for i, ((x, y), p) in enumerate(zip(spans, paras, strict=True))
            ]
            s.execute(insert(Segment), rows)
            ids.append(r.id)
    ws.close()
    return ids[0], ids[1]


def stored_links(path: Path, alignment_id: int) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """The links of a stored alignment as (A positions, B positions, score)."""
    from sqlalchemy import select

    from khaddam_align.storage import open_workspace
    from khaddam_align.storage.models import Link, LinkSegment

    ws = open_workspace(path)
    with ws.session() as s:
        links = s.execute(
            select(Link.id, Link.score).where(Link.alignment_id == alignment_id).order_by(Link.position)
        ).all()
        sides: dict[int, tuple[list[int], list[int]]] = {lid: ([], []) for lid, _ in links}
        for link_id, side, position in s.execute(
            select(LinkSegment.link_id, LinkSegment.side, LinkSegment.segment_position)
            .join(Link)
            .where(Link.alignment_id == alignment_id)
        ):
            sides[link_id][0 if side == "a" else 1].append(position)
    ws.close()
    return [(tuple(sorted(sides[i][0])), tuple(sorted(sides[i][1])), score) for i, score in links]


CLI: list[str] = []  # --cli: another way to start the command (e.g. an older checkout)


def command() -> list[str]:
    """The installed ``khaddam-align`` script next to this Python, as a user runs it."""
    if CLI:
        return CLI
    script = Path(sys.executable).with_name("khaddam-align")
    if not script.exists():
        raise SystemExit(f"{script} not found: install khaddam-align in this environment (scripts/dev.sh setup)")
    return [str(script)]


# Runs a command and reports its wall time and resource usage (getrusage of children). It is
# a small process of its own: on Linux a child's peak RSS starts at its parent's size at fork
# time, so the benchmark (holding the test data) must not be the command's direct parent.
LAUNCHER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": use.ru_utime + use.ru_stime, "rss_mb": use.ru_maxrss / 1024,
                  "status": done.returncode, "out": done.stdout.decode(), "err": done.stderr.decode()}))
"""


def run_command(args: list[str]) -> tuple[float, float, float, str]:
    """Run ``args`` in a fresh process; its wall time, CPU time (user + system), peak RSS in MB
    and stdout."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *args], capture_output=True, text=True, check=True)
    info = json.loads(done.stdout.strip().splitlines()[-1])
    if info["status"]:
        raise SystemExit(f"{' '.join(args)} failed ({info['status']}): {info['err']}")
    return info["wall"], info["cpu"], info["rss_mb"], info["out"]


def pure_child(db: str, a_id: int, b_id: int) -> None:
    """``--pure-child``: read the two renderings' segments (not timed), align them once in this
    fresh process (cold: first call, as in the command) and print the time as JSON."""
    from sqlalchemy import select

    from khaddam_align.storage import open_workspace
    from khaddam_align.storage.models import Rendering, Segment

    ws = open_workspace(db)
    sides = []
    with ws.session() as s:
        for rid in (a_id, b_id):
            text, lang = s.execute(select(Rendering.text, Rendering.language).where(Rendering.id == rid)).one()
            rows = s.execute(
                select(Segment.start, Segment.end, Segment.paragraph)
                .where(Segment.rendering_id == rid)
                .order_by(Segment.position)
            ).all()
            sides.append(SideInput([text[x:y] for x, y, _ in rows], language=lang, paragraphs=[p for *_, p in rows]))
    ws.close()
    t, c = time.perf_counter(), time.process_time()
    align_texts(sides[0], sides[1])
    print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c}))


PROFILE_STAGES = (
    ("start-up: imports of the CLI (click, the command list)", "khaddam_align/cli/__init__.py", "<module>"),
    ("imports inside `align`: the aligner, storage, SQLAlchemy, numpy", "khaddam_align/align/service.py", "<module>"),
    ("open the workspace", "storage/db.py", "open_workspace"),
    ("read segments", "align/service.py", "_load_side"),
    ("aligner: anchors, features, DP", "align/core.py", "align_path"),
    ("aligner: confidence", "align/confidence.py", "confidences"),
    ("write alignment and links", "align/service.py", "_store"),
    ("summary (counts printed)", "cli/align_cmd.py", "_summary"),
)


PROFILER = """
import cProfile, runpy, sys, time
out, script = sys.argv[1], sys.argv[2]
sys.argv = sys.argv[2:]
profile = cProfile.Profile(time.process_time)  # CPU time: other jobs on the machine do not count
profile.enable()
try:
    runpy.run_path(script, run_name="__main__")
except SystemExit:
    pass
profile.disable()
profile.dump_stats(out)
"""


def profile_command(args: list[str]) -> None:
    """Run the command under cProfile (CPU time) and print the time per stage."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "align.prof"
        script = args[1:] if Path(args[0]).name.startswith("python") else args  # the script itself
        run_command([sys.executable, "-c", PROFILER, str(out), *script])
        stats = pstats.Stats(str(out))
    raw = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_cc, _nc, _tt, ct, _callers) in raw.values())
    print(f"\nprofile of the command (cProfile, CPU time, total {total:.2f} s; profiling slows Python code down):")
    print("| stage | CPU s | share |\n|---|---|---|")
    for label, file_part, func in PROFILE_STAGES:
        secs = sum(v[3] for (path, _line, name), v in raw.items() if name == func and path.endswith(file_part))
        print(f"| {label} | {secs:.2f} | {secs / total:.0%} |")


def compile_package() -> None:
    """Byte-compile khaddam_align as pip does when it installs the wheel: in an editable checkout
    under ``PYTHONDONTWRITEBYTECODE`` (set on the project's machines) no ``.pyc`` is ever written
    and every command would compile the package's source again (≈ 0.05 s)."""
    import compileall

    import khaddam_align

    compileall.compile_dir(str(Path(khaddam_align.__file__).parent), quiet=1)


def command_runs(doc: Doc, a: SideInput, b: SideInput, *, a_lang: str, repeat: int, profile: bool) -> None:
    """The pure aligner and the ``align`` command, alternated ``repeat`` times (see the module doc)."""
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.sqlite"
        a_id, b_id = build_workspace(doc, base, a_lang=a_lang)
        warm: list[tuple[float, float]] = []
        cold: list[tuple[float, float, float]] = []
        cmd: list[tuple[float, float, float]] = []
        links: list[AlignedLink] = []
        stored: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
        for k in range(repeat):
            t, c = time.perf_counter(), time.process_time()
            links = align_texts(a, b)
            warm.append((time.perf_counter() - t, time.process_time() - c))
            _, _, rss, out = run_command([sys.executable, __file__, "--pure-child", str(base), str(a_id), str(b_id)])
            child = json.loads(out.strip().splitlines()[-1])
            cold.append((child["wall"], child["cpu"], rss))
            work = Path(tmp) / f"run{k}.sqlite"
            shutil.copyfile(base, work)
            secs, cpu, rss, out = run_command([*command(), "--db", str(work), "align", str(a_id), str(b_id)])
            cmd.append((secs, cpu, rss))
            alignment_id = int(out.split(":")[0].split()[-1])
            stored = stored_links(work, alignment_id)
            work.unlink()
        same = [(lk.a, lk.b, round(lk.score, 4)) for lk in links] == [(x, y, round(s, 4)) for x, y, s in stored]
        strict, lax = links_score(doc.gold, [(x, y) for x, y, _ in stored])
        med = statistics.median
        print(f"\npure aligner vs `khaddam-align align` end to end, {len(doc.a)} × {len(doc.b)} segments, "
              f"median of {repeat} alternated runs:")
        print("| measure | wall s | CPU s | peak RSS MB |\n|---|---|---|---|")
        print(f"| pure aligner, warm (align_texts again in the benchmark process) | {med(w for w, _ in warm):.2f} "
              f"| {med(c for _, c in warm):.2f} | — |")
        print(f"| pure aligner, cold (first align_texts in a fresh process; imports and reading not timed) "
              f"| {med(w for w, _, _ in cold):.2f} | {med(c for _, c, _ in cold):.2f} | {max(r for *_, r in cold):.0f} |")
        print(f"| `khaddam-align align` end to end (fresh process, everything) | {med(w for w, _, _ in cmd):.2f} "
              f"| {med(c for _, c, _ in cmd):.2f} | {max(r for *_, r in cmd):.0f} |")
        for label, pure in (("cold", [(w, c) for w, c, _ in cold]), ("warm", warm)):
            wall = [x[0] / p[0] for p, x in zip(pure, cmd, strict=True)]
            cpu = [x[1] / p[1] for p, x in zip(pure, cmd, strict=True)]
            print(f"command / pure aligner ({label}): wall {med(wall):.2f}× (runs {', '.join(f'{r:.2f}' for r in wall)}), "
                  f"CPU {med(cpu):.2f}× (runs {', '.join(f'{r:.2f}' for r in cpu)})")
        print(f"stored links identical to the pure aligner's: {same}; strict F1 {strict:.3f}, lax F1 {lax:.3f}")
        if profile:
            work = Path(tmp) / "profile.sqlite"
            shutil.copyfile(base, work)
            profile_command([*command(), "--db", str(work), "align", str(a_id), str(b_id)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verses", type=int, default=5000)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true", help="also measure Python heap peak (slower)")
    parser.add_argument("--gap", type=int, default=0, help="drop this many English verses after verse 300")
    parser.add_argument("--unique", action="store_true", help="a new vocabulary for each repetition of the books")
    parser.add_argument("--english", action="store_true", help="English↔English: en_web ↔ en_bbe instead of Arabic ↔ en_web")
    parser.add_argument("--no-command", action="store_true", help="skip the `align` command end-to-end runs")
    parser.add_argument("--repeat", type=int, default=3, help="alternated runs of pure aligner and command")
    parser.add_argument("--profile", action="store_true", help="profile the command once (cProfile) per stage")
    parser.add_argument("--pure-child", nargs=3, metavar=("DB", "A_ID", "B_ID"), help=argparse.SUPPRESS)
    parser.add_argument("--cli", help="command line that starts khaddam-align (default: the installed script)")
    args = parser.parse_args()
    if args.cli:
        CLI.extend(args.cli.split())
    if args.pure_child:
        db, a_id, b_id = args.pure_child
        pure_child(db, int(a_id), int(b_id))
        return
    ar, en, extra = build(args.verses, unique=args.unique, english=args.english)
    a_lang = "en" if args.english else "ar"
    doc = perturb("speed", ar, en, a_lang=a_lang, b_lang="en", seed=11, extra=extra)
    if args.gap:
        doc = drop_block(doc, 300, 300 + args.gap)
    a = SideInput(doc.a, language=a_lang, paragraphs=doc.a_paras)
    b = SideInput(doc.b, language="en", paragraphs=doc.b_paras)
    print(f"{'aligner':14} {'A':>6} {'B':>6} {'time s':>7} {'cpu s':>6} {'peak MB':>8} {'strict':>6} {'lax':>6}")
    runs = [("khaddam-align", AlignSettings(), "auto")]
    if not args.no_baseline:
        runs.append(("gale-church", AlignSettings(max_side=2, params=GALE_CHURCH, learn_lexicon=False), "length"))
    for name, settings, method in runs:
        if args.tracemalloc:
            tracemalloc.start()
        t, c = time.perf_counter(), time.process_time()
        links = align_texts(a, b, method=method, settings=settings)
        secs, cpu = time.perf_counter() - t, time.process_time() - c
        if args.tracemalloc:
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        else:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        strict, lax = links_score(doc.gold, [(lk.a, lk.b) for lk in links])
        print(f"{name:14} {len(doc.a):>6} {len(doc.b):>6} {secs:7.2f} {cpu:6.2f} {peak:8.1f} {strict:6.3f} {lax:6.3f}")
    if not args.no_command:
        command_runs(doc, a, b, a_lang=a_lang, repeat=args.repeat, profile=args.profile)


if __name__ == "__main__":
    main()
