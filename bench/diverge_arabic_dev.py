"""Development check of the Arabic↔English detectors on ntrex-dev (not the held-out evaluation).

    python bench/diverge_arabic_dev.py

Each ntrex article's Arabic (the translation, taken as the "original") is
linked 1:1 with its English; into the English one change per eligible line
is injected, every third line: a figure changed, a negation added after an
auxiliary, a speaker swapped with another person of the same article, or a
sentence added (a 0:1 link). The injected wording is written here, apart from
the detectors' word lists. Reported: recall by type at severity >= 0.5 (a
finding counts only when its type matches), and a control run on the
unchanged pairs (every finding there is a false alarm).
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khaddam_align.diverge.detect import detect  # noqa: E402
from khaddam_align.diverge.model import Finding, LinkView  # noqa: E402

NTREX = ROOT.parent / "shared" / "devdata" / "ntrex-dev"
TYPES = {"number": {"number"}, "negation": {"meaning"}, "speaker": {"speaker"}, "added": {"addition"}}
ADDED = [
    "Officials later said the figures would be reviewed by an independent panel next month.",
    "The announcement came after several weeks of closed talks between the two camps.",
    "Local residents told reporters they had heard nothing about the plan until that morning.",
]


def _people(text: str) -> list[str]:
    return sorted({m.group(1) for m in re.finditer(r"\b(?:said|says|told|added)\s+([A-Z][a-z]{3,})\b", text)}
                  | {m.group(1) for m in re.finditer(r"\b([A-Z][a-z]{3,})\s+(?:said|says|told|added)\b", text)})


def _inject(line: str, kind: str, people: list[str], rng: random.Random) -> str | None:
    if kind == "number":
        m = re.search(r"\b\d[\d,]*\b", line)
        if not m or re.fullmatch(r"(19|20)\d\d", m.group()):
            return None
        return line[: m.start()] + str(int(m.group().replace(",", "")) * 3 + 7) + line[m.end() :]
    if kind == "negation":
        m = re.search(r"\b(is|was|are|were|has|have|had|would|could|can|will)\b(?! not)", line)
        return line[: m.end()] + " not" + line[m.end() :] if m else None
    if kind == "speaker":
        m = re.search(r"\b(?:said|says|told|added)\s+([A-Z][a-z]{3,})\b|\b([A-Z][a-z]{3,})\s+(?:said|says|told|added)\b", line)
        if not m:
            return None
        name = m.group(1) or m.group(2)
        others = [p for p in people if p != name]
        if not others:
            return None
        start, end = m.span(1) if m.group(1) else m.span(2)
        return line[:start] + rng.choice(others) + line[end:]
    return None


def _build(pairs: list[tuple[str | None, str | None]]) -> tuple[str, str, list[LinkView]]:
    a = b = ""
    links: list[LinkView] = []
    for i, (x, y) in enumerate(pairs):
        sa: tuple[tuple[int, int], ...] = ()
        sb: tuple[tuple[int, int], ...] = ()
        if x is not None:
            sa = ((len(a), len(a) + len(x)),)
            a += x + "\n\n"
        if y is not None:
            sb = ((len(b), len(b) + len(y)),)
            b += y + "\n\n"
        links.append(LinkView(i, sa, sb, 0.9))
    return a, b, links


def _lines(f: Finding, links: list[LinkView]) -> set[int]:
    out = set()
    for link in links:
        for s in link.a:
            if any(s[0] <= x[0] < s[1] for x in f.a_spans):
                out.add(link.index)
        for s in link.b:
            if any(s[0] <= x[0] < s[1] for x in f.b_spans):
                out.add(link.index)
    return out


def main() -> None:
    if not NTREX.is_dir():
        raise SystemExit("../shared/devdata/ntrex-dev is not present")
    rng = random.Random(11)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    control: Counter[str] = Counter()
    false_alarms = 0
    sentences = 0
    for path in sorted(NTREX.glob("*.ar.txt")):
        ar = path.read_text(encoding="utf-8").splitlines()
        en = path.with_name(path.name.replace(".ar.", ".en.")).read_text(encoding="utf-8").splitlines()
        pairs = [(x, y) for x, y in zip(ar, en, strict=False) if x.strip() and y.strip()]
        sentences += len(pairs)
        people = _people("\n".join(y for _, y in pairs))
        a, b, links = _build(list(pairs))  # control: unchanged
        for f in detect(a, b, links, a_language="ar", b_language="en").findings:
            if f.severity >= 0.5:
                control[f.type.value] += 1
        kinds = ["number", "negation", "speaker", "added"]
        changed: list[tuple[str | None, str | None]] = []
        injected: dict[int, str] = {}
        for i, (x, y) in enumerate(pairs):
            kind = kinds[(i // 3) % len(kinds)] if i % 3 == 1 else None
            if kind == "added":
                changed.append((x, y))
                changed.append((None, rng.choice(ADDED)))
                injected[len(changed) - 1] = kind
                continue
            new = _inject(y, kind, people, rng) if kind else None
            if new is not None and kind is not None:
                injected[len(changed)] = kind
                changed.append((x, new))
            else:
                changed.append((x, y))
        a, b, links = _build(changed)
        flagged = [f for f in detect(a, b, links, a_language="ar", b_language="en").findings if f.severity >= 0.5]
        for line, kind in injected.items():
            total[kind] += 1
            if any(line in _lines(f, links) and f.type.value in TYPES[kind] for f in flagged):
                found[kind] += 1
        false_alarms += sum(1 for f in flagged if not (_lines(f, links) & set(injected)))
    print(f"## ntrex-dev Arabic↔English, injected into the English: {sentences} sentences, severity >= 0.5")
    print(f"{'injected':10} {'found':>6} {'total':>6} {'recall':>7}")
    for kind in sorted(total):
        print(f"{kind:10} {found[kind]:>6} {total[kind]:>6} {found[kind] / total[kind]:>7.2f}")
    print(f"{'all':10} {sum(found.values()):>6} {sum(total.values()):>6} {sum(found.values()) / sum(total.values()):>7.2f}")
    print(f"not on an injected line: {false_alarms}")
    print(f"control (unchanged pairs), findings >= 0.5 by type: {dict(sorted(control.items()))}; "
          f"{100 * sum(control.values()) / sentences:.1f} per 100 sentences")


if __name__ == "__main__":
    main()
