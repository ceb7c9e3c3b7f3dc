"""Command line: ``python -m bench.inject [--quick] [--seed N] [--json PATH]``."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.inject.data import DEVDATA, pair_kinds
from bench.inject.evaluate import run_kind


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def table(results: list[dict[str, Any]]) -> str:
    """The Markdown tables docs/divergences.md shows."""
    kinds = ["number", "name", "speaker", "negation", "certainty"]
    lines = [
        "| pair kind | links | injected | recall (all) | recall top 2K | precision top 2K | "
        + " | ".join(kinds) + " | control findings / 100 links | control ≥ cutoff |",
        "|---|---:|---:|---:|---:|---:|" + "---:|" * len(kinds) + "---:|---:|",
    ]
    for r in results:
        per = [
            f"{_fmt(r['by_kind'][k]['recall'])} ({r['by_kind'][k]['injected']})" if k in r["by_kind"] else "–"
            for k in kinds
        ]
        c = r["control"]
        lines.append(
            f"| {r['label']} | {r['links']} | {r['injected']} | {_fmt(r['recall'])} | {_fmt(r['recall_top2k'])} | "
            f"{_fmt(r['precision_top2k'])} | " + " | ".join(per) + f" | {c['per_100_links']} | {c['at_or_above_cutoff']} |"
        )
    lines += ["", "| pair kind | recall / precision top K | recall by side | precision top 2K by finding type (flagged) | control findings by type |",
              "|---|---|---|---|---|"]
    for r in results:
        prec = ", ".join(f"{t} {_fmt(v['precision'])} ({v['flagged']})" for t, v in r["precision_by_type"].items())
        ctrl = ", ".join(f"{t} {n}" for t, n in r["control"]["by_type"].items())
        sides = ", ".join(f"{'A' if s == 'a' else 'B'} {_fmt(v)}" for s, v in r["recall_by_side"].items())
        lines.append(f"| {r['label']} | {_fmt(r['recall_topk'])} / {_fmt(r['precision_topk'])} | {sides} | {prec or '–'} | {ctrl or '–'} |")
    three = [r for r in results if "pivot" in r]
    if three:
        lines += ["", "| three-way kind | type: changes found → Arabic sides with the unchanged English / with the changed one / silent |", "|---|---|"]
        for r in three:
            cells = "; ".join(f"{k}: {v['found']} → {v['right']} / {v['wrong']} / {v['silent']}" for k, v in r["pivot"].items())
            lines.append(f"| {r['label']} | {cells} |")
    return "\n".join(lines)


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> str:
    """before → after per pair kind: typed recall, precision top 2K, control, recall per type."""
    old = {r["label"]: r for r in before}
    lines = ["| pair kind | typed recall | precision top 2K | control / 100 links | recall by type | pivot right / wrong / found |",
             "|---|---|---|---|---|---|"]

    def pivot(r: dict[str, Any]) -> str:
        p = r.get("pivot")
        if not p:
            return "–"
        return "/".join(str(sum(v[k] for v in p.values())) for k in ("right", "wrong", "found"))

    for r in after:
        b = old.get(r["label"])
        if b is None:
            continue
        types = ", ".join(
            f"{k} {_fmt(b['by_kind'].get(k, {}).get('recall'))} → {_fmt(v['recall'])}" for k, v in r["by_kind"].items()
        )
        lines.append(
            f"| {r['label']} | {_fmt(b['recall'])} → {_fmt(r['recall'])} | {_fmt(b['precision_top2k'])} → "
            f"{_fmt(r['precision_top2k'])} | {b['control']['per_100_links']} → {r['control']['per_100_links']} | {types} | "
            f"{pivot(b)} → {pivot(r)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.inject", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="CI size: 3 news articles, 1 Bible book")
    parser.add_argument("--seeds", type=int, nargs="+", default=[11, 12, 13], help="injection seeds (pooled)")
    parser.add_argument("--pipeline", action="store_true",
                        help="import → align → detect in temporary SQLite workspaces instead of the gold line links")
    parser.add_argument("--rate", type=float, default=0.3, help="share of lines changed (default 0.3)")
    parser.add_argument("--devdata", type=Path, default=DEVDATA)
    parser.add_argument("--json", type=Path, help="also write the full results here")
    parser.add_argument("--compare", type=Path, metavar="JSON",
                        help="print before → after against an earlier --json (e.g. bench/inject/baseline.json)")
    args = parser.parse_args(argv)
    if not args.devdata.is_dir():
        print(f"No development data at {args.devdata} (pass --devdata).", file=sys.stderr)
        return 2
    seeds = args.seeds[:1] if args.quick else args.seeds
    results = []
    with tempfile.TemporaryDirectory(prefix="khaddam-inject-") as tmp:
        for kind in pair_kinds(args.devdata, quick=args.quick):
            result = run_kind(kind, seeds=seeds, rate=args.rate, pipeline=Path(tmp) if args.pipeline else None)
            _progress(kind.label, result)
            results.append(result)
    print(table(results))
    if args.compare:
        print()
        print(compare(json.loads(args.compare.read_text(encoding="utf-8"))["results"], results))
    if args.json:
        args.json.write_text(json.dumps({"seeds": seeds, "rate": args.rate, "quick": args.quick, "pipeline": args.pipeline,
                                         "results": results}, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def _progress(label: str, result: dict[str, Any]) -> None:
    print(f"{label}: {result['injected']} changes, recall {_fmt(result['recall'])}, "
          f"precision top 2K {_fmt(result['precision_top2k'])} ({result['seconds']} s)", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
