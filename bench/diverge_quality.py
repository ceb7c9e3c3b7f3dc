"""Divergence detection quality: injected divergences, natural translation differences, and 001/002.

    python bench/diverge_quality.py

1. ntrex-dev English: each document against a copy with injected divergences
   (speaker swap, number change, negation, modality change, dropped quote).
   Everything else is identical, so any other finding is a false alarm.
2. bible-dev: en_web against en_bbe (two real translations) with the same
   injections in en_bbe: the natural differences are the noise.
3. corpus 001/002 with the hand-labelled list in bench/diverge_labels/001_002.json:
   of the top 2N ranked divergences (N = major labels), how many major labels
   are found and how many flagged divergences are real (match any label).

Reads ../shared (not part of the repository); alignment by sentence/line
number for 1-2, the automatic aligner for 3.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from khaddam_align.diverge.detect import detect  # noqa: E402
from khaddam_align.diverge.model import DivergenceType, Finding, LinkView  # noqa: E402

SHARED = ROOT.parent / "shared"
NAMES = [("John Carter", "Mary Lopez"), ("Ahmed Nasser", "Omar Khalil"), ("Peter Grant", "Susan Reed")]
FACTUAL_TYPE = {
    "speaker": {"speaker"},
    "number": {"number"},
    "negation": {"meaning"},
    "modality": {"meaning"},
    "dropped-quote": {"omission", "quote"},
}


@dataclass(frozen=True)
class Injection:
    kind: str
    line: int  # index of the A line it changes (for a dropped quote: the A-only line)


def _inject(line: str, kind: str, rng: random.Random) -> tuple[str, str] | None:
    """(A line, B line) for one injection, or None when the line does not allow it."""
    if kind == "number":
        m = re.search(r"\b\d[\d,]*\b", line)
        if not m or re.fullmatch(r"(19|20)\d\d", m.group()):
            return None
        value = int(m.group().replace(",", ""))
        return line, line[: m.start()] + str(value + rng.randint(3, 40)) + line[m.end() :]
    if kind == "negation":
        m = re.search(r"\b(is|was|are|were|will|can|has|have)\b", line)
        return (line, line[: m.end()] + " not" + line[m.end() :]) if m else None
    if kind == "modality":
        m = re.search(r"\b(will|is|are)\b", line)
        if not m:
            return None
        repl = {"will": "might", "is": "might be", "are": "might be"}[m.group()]
        return line, line[: m.start()] + repl + line[m.end() :]
    if kind == "speaker":
        first, second = rng.choice(NAMES)
        body = line.rstrip(".")
        return f"“{body},” said {first}.", f"“{body},” said {second}."
    return None


def inject_document(lines: list[str], rng: random.Random) -> tuple[str, str, list[LinkView], list[Injection]]:
    """A and B texts (one paragraph per line), 1:1 links (1:0 for a dropped quote), injections."""
    a_lines: list[str] = []
    b_lines: list[str | None] = []
    injections: list[Injection] = []
    kinds = ["number", "negation", "modality", "speaker", "dropped-quote"]
    rng.shuffle(kinds)
    slots = list(range(1, len(lines), 3))
    plan = dict(zip(slots, kinds, strict=False))
    for i, line in enumerate(lines):
        kind = plan.get(i)
        if kind == "dropped-quote":
            first, _ = rng.choice(NAMES)
            a_lines.append(f"“We will not accept this,” said {first}, who spoke for the council.")
            b_lines.append(None)
            injections.append(Injection(kind, len(a_lines) - 1))
        pair = _inject(line, kind, rng) if kind and kind != "dropped-quote" else None
        if pair:
            a_lines.append(pair[0])
            b_lines.append(pair[1])
            injections.append(Injection(kind or "", len(a_lines) - 1))
        else:
            a_lines.append(line)
            b_lines.append(line)
    return (*_build(a_lines, b_lines), injections)


def _build(a_lines: list[str], b_lines: list[str | None]) -> tuple[str, str, list[LinkView]]:
    a_text = b_text = ""
    links: list[LinkView] = []
    for i, (a, b) in enumerate(zip(a_lines, b_lines, strict=True)):
        a_span = (len(a_text), len(a_text) + len(a))
        a_text += a + "\n\n"
        b_span: tuple[tuple[int, int], ...] = ()
        if b is not None:
            b_span = ((len(b_text), len(b_text) + len(b)),)
            b_text += b + "\n\n"
        links.append(LinkView(i, (a_span,), b_span, 0.9))
    return a_text, b_text, links


def score(findings: tuple[Finding, ...], links: list[LinkView], injections: list[Injection],
          *, min_severity: float) -> tuple[Counter[str], Counter[str], Counter[str], int]:
    """(found per kind, total per kind, flagged per type, false alarms)."""
    flagged = [f for f in findings if f.severity >= min_severity]
    found: Counter[str] = Counter()
    total: Counter[str] = Counter(i.kind for i in injections)
    line_of = {}
    for link in links:
        for s in link.a:
            line_of[s] = link.index
    def lines(f: Finding) -> set[int]:
        return {link.index for link in links for s in link.a for x in f.a_spans if s[0] <= x[0] < s[1]} | \
               {link.index for link in links for s in link.b for x in f.b_spans if s[0] <= x[0] < s[1]}
    true_lines = {i.line for i in injections}
    for inj in injections:
        if any(inj.line in lines(f) and f.type.value in FACTUAL_TYPE[inj.kind] for f in flagged):
            found[inj.kind] += 1
    by_type: Counter[str] = Counter(f.type.value for f in flagged)
    false = sum(1 for f in flagged if not (lines(f) & true_lines))
    return found, total, by_type, false


def run_injected(name: str, docs: list[tuple[list[str], list[str] | None]], *, min_severity: float = 0.5) -> None:
    rng = random.Random(7)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    false_alarms = 0
    sentences = 0
    for a_lines, b_lines in docs:
        a_text, b_text, links, injections = inject_document(a_lines, rng)
        if b_lines is not None:  # natural second translation as B, injections applied on top
            a_text, b_text, links, injections = _natural(a_lines, b_lines, rng)
        result = detect(a_text, b_text, links)
        f, t, fl, fa = score(result.findings, links, injections, min_severity=min_severity)
        found += f
        total += t
        flagged += fl
        false_alarms += fa
        sentences += len(a_lines)
    all_flagged = sum(flagged.values())
    print(f"\n## {name}: {len(docs)} documents, {sentences} sentences, severity >= {min_severity}")
    print(f"{'injected':15} {'found':>6} {'total':>6} {'recall':>7}")
    for kind in sorted(total):
        print(f"{kind:15} {found[kind]:6} {total[kind]:6} {found[kind] / total[kind]:7.2f}")
    hits = sum(found.values())
    print(f"{'all':15} {hits:6} {sum(total.values()):6} {hits / max(1, sum(total.values())):7.2f}")
    print(f"flagged {all_flagged} ({dict(flagged)}); not on an injected line: {false_alarms}; "
          f"precision {1 - false_alarms / max(1, all_flagged):.2f}; false alarms per 100 sentences "
          f"{100 * false_alarms / max(1, sentences):.1f}")


def _natural(a_lines: list[str], b_lines: list[str], rng: random.Random) -> tuple[str, str, list[LinkView], list[Injection]]:
    injections: list[Injection] = []
    new_b: list[str | None] = []
    kinds = ["number", "negation", "modality", "speaker"]
    for i, (a, b) in enumerate(zip(a_lines, b_lines, strict=True)):
        kind = kinds[(i // 4) % len(kinds)] if i % 4 == 1 else None
        pair = _inject(b, kind, rng) if kind else None
        if kind == "speaker" and pair:
            first, second = rng.choice(NAMES)
            a_lines[i] = f"“{a.rstrip('.')},” said {first}."
            pair = (a_lines[i], f"“{b.rstrip('.')},” said {second}.")
        if pair:
            new_b.append(pair[1])
            injections.append(Injection(kind or "", i))
        else:
            new_b.append(b)
    a_text, b_text, links = _build(a_lines, new_b)
    return a_text, b_text, links, injections


def ntrex_docs() -> list[tuple[list[str], list[str] | None]]:
    folder = SHARED / "devdata" / "ntrex-dev"
    return [([x.strip() for x in p.read_text(encoding="utf-8").splitlines() if x.strip()], None)
            for p in sorted(folder.glob("*.en.txt"))]


def bible_docs() -> list[tuple[list[str], list[str] | None]]:
    docs = []
    for path in sorted((SHARED / "devdata" / "bible-dev").glob("*.tsv"))[:4]:
        with path.open(encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["en_web"].strip() and r["en_bbe"].strip()]
        docs.append(([r["en_web"].strip() for r in rows], [r["en_bbe"].strip() for r in rows]))
    return docs


def run_corpus() -> None:
    from diverge_dev import run_pair

    labels = json.loads((ROOT / "bench" / "diverge_labels" / "001_002.json").read_text(encoding="utf-8"))["labels"]
    a_text, b_text, _links, result = run_pair()

    def where(text: str, key: str | None) -> tuple[int, int] | None:
        """The sentence holding ``key`` (labels name a sentence, detectors may mark part of it)."""
        if not key:
            return None
        pos = text.find(key)
        if pos < 0:
            return None
        lo = max(text.rfind(c, 0, pos) for c in (".", "?", "!", "\n", "“")) + 1
        ends = [i for i in (text.find(c, pos + len(key)) for c in (".", "?", "!", "\n")) if i >= 0]
        return lo, min(ends) if ends else len(text)

    def hits(f: Finding, label: dict[str, str]) -> bool:
        for spans, loc in ((f.a_spans, where(a_text, label.get("a"))), (f.b_spans, where(b_text, label.get("b")))):
            if loc and any(s < loc[1] and loc[0] < e for s, e in spans):
                return True
        return False

    for label in labels:
        for side, text in (("a", a_text), ("b", b_text)):
            if label.get(side) and where(text, label[side]) is None:
                raise SystemExit(f"label key not found in {side.upper()}: {label[side]!r}")
    major = [lab for lab in labels if lab["major"]]
    n = len(major)
    top = result.findings[: 2 * n]
    found = [lab for lab in major if any(hits(f, lab) for f in top)]
    real = [f for f in top if any(hits(f, lab) for lab in labels)]
    first = [lab for lab in labels if not lab.get("added_after_review")]
    real_first = [f for f in top if any(hits(f, lab) for lab in first)]
    print(f"\n## corpus 001/002: {len(labels)} labels ({len(first)} from the first reading), N = {n} major; "
          f"{len(result.findings)} divergences in all")
    print(f"top 2N = {2 * n}: major found {len(found)}/{n} = {len(found) / n:.0%}; "
          f"flagged real {len(real)}/{len(top)} = {len(real) / max(1, len(top)):.0%} "
          f"(first-reading labels only: {len(real_first)}/{len(top)} = {len(real_first) / max(1, len(top)):.0%})")
    by_type = Counter(f.type.value for f in top)
    print(f"types in the top 2N: {dict(by_type)}")
    missed = [lab["description"] for lab in major if lab not in found]
    for text in missed:
        print(f"  missed: {text}")
    for rank, f in enumerate(top, 1):
        mark = "+" if f in real else "-"
        print(f"  {rank:2} {mark} {f.severity:.2f} {f.type.value:8} {f.description[:110]}")


def main() -> None:
    if not (SHARED / "devdata").is_dir():
        raise SystemExit("../shared/devdata is not present")
    run_injected("ntrex-dev English, injected", ntrex_docs())
    run_injected("bible-dev en_web vs en_bbe, injected into en_bbe", bible_docs())
    run_corpus()
    assert DivergenceType  # the types the labels use


if __name__ == "__main__":
    main()
