"""Alignments written straight into a real workspace, for the export tests.

The writers take the document dict, so these tests build real storage rows
(renderings, segments, links, divergences) and go through ``build_document``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from khaddam_align.storage import (
    Alignment,
    Divergence,
    Link,
    LinkSegment,
    Rendering,
    Segment,
    Workspace,
)
from khaddam_align.storage.models import LinkStatus, Side, Verdict

ARABIC = [
    "استقبل الرئيس محمد خاتمي الرئيس بشار الأسد في طهران.",
    "وبحث الجانبان الوضع في العراق.",
    "قال خدام إن الحرب ستغير المنطقة.",
]
ENGLISH = [
    "President Mohammad Khatami received President Bashar al-Assad in Tehran.",
    "The two sides discussed the situation in Iraq.",
    "Khaddam said the war would change the region.",
]


@dataclass
class Pair:
    """The ids of a stored alignment and the renderings' texts."""

    alignment_id: int
    a_id: int
    b_id: int
    a_text: str
    b_text: str
    a_spans: list[tuple[int, int]] = field(default_factory=list)
    b_spans: list[tuple[int, int]] = field(default_factory=list)


def _layout(sentences: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "", []
    for sentence in sentences:
        if text:
            text += "\n\n"
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence
    return text + "\n", spans


def store_pair(
    ws: Workspace,
    a_sentences: Sequence[str],
    b_sentences: Sequence[str],
    *,
    a_lang: str = "ar",
    b_lang: str = "en",
    links: Sequence[tuple[Sequence[int], Sequence[int], float, str]] | None = None,
    divergences: Sequence[dict[str, Any]] = (),
    a_meta: dict[str, str] | None = None,
    b_meta: dict[str, str] | None = None,
    aligned: bool = True,
) -> Pair:
    """Store two renderings segmented one sentence per paragraph and an alignment of them.

    ``links`` default: sentence i ↔ sentence i, score 0.9, auto. A divergence dict
    holds Divergence columns plus ``link`` (an index into ``links``).
    """
    a_text, a_spans = _layout(a_sentences)
    b_text, b_spans = _layout(b_sentences)
    if links is None:
        links = [([i], [i], 0.9, "auto") for i in range(min(len(a_spans), len(b_spans)))]
    with ws.transaction() as s:
        renderings = []
        for text, spans, lang, meta, name in (
            (a_text, a_spans, a_lang, a_meta or {}, "a.txt"),
            (b_text, b_spans, b_lang, b_meta or {}, "b.txt"),
        ):
            r = Rendering(
                language=lang,
                text=text,
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                file_name=meta.get("file_name", name),
                publisher=meta.get("publisher", ""),
                title=meta.get("title", ""),
                author=meta.get("author", ""),
                published=meta.get("published", ""),
            )
            r.segments = [
                Segment(position=i, start=st, end=en, paragraph=i) for i, (st, en) in enumerate(spans)
            ]
            s.add(r)
            renderings.append(r)
        a, b = renderings
        if not aligned:
            s.flush()
            return Pair(0, a.id, b.id, a_text, b_text, a_spans, b_spans)
        alignment = Alignment(a=a, b=b, method="test", settings={"max_bead": 3})
        s.add(alignment)
        s.flush()
        link_rows = []
        for pos, (a_idx, b_idx, score, status) in enumerate(links):
            link = Link(alignment=alignment, position=pos, score=score, status=LinkStatus(status))
            link.members = [
                LinkSegment(segment=a.segments[i], side=Side.A, segment_position=i) for i in a_idx
            ] + [LinkSegment(segment=b.segments[i], side=Side.B, segment_position=i) for i in b_idx]
            s.add(link)
            link_rows.append(link)
        s.flush()
        for n, d in enumerate(divergences):
            row = dict(d)
            link_pos = row.pop("link", None)
            row.setdefault("key", f"k{n}")
            row.setdefault("severity", 0.5)
            row["verdict"] = Verdict(row.get("verdict", "open"))
            s.add(
                Divergence(
                    alignment_id=alignment.id,
                    link_id=link_rows[link_pos].id if link_pos is not None else None,
                    **row,
                )
            )
        s.flush()
        return Pair(alignment.id, a.id, b.id, a_text, b_text, a_spans, b_spans)


StorePair = Callable[..., Pair]


@pytest.fixture
def store() -> StorePair:
    """``store(ws, a_sentences, b_sentences, **options)``: see ``store_pair``."""
    return store_pair


@pytest.fixture
def english() -> list[str]:
    return list(ENGLISH)


@pytest.fixture
def arabic() -> list[str]:
    return list(ARABIC)


@pytest.fixture
def ar_en(ws: Workspace) -> Pair:
    """An Arabic–English alignment: three 1-1 links, one divergence with a verdict."""
    return store_pair(
        ws,
        ARABIC,
        ENGLISH,
        links=[([0], [0], 0.95, "confirmed"), ([1], [1], 0.8, "auto"), ([2], [2], 0.4, "auto")],
        divergences=[
            {
                "link": 2,
                "type": "omission",
                "a_spans": [[0, 3]],
                "b_spans": [],
                "description": "A word is missing in B",
                "verdict": "confirmed",
                "note": "checked against the scan",
                "reviewer": "editor",
            }
        ],
        a_meta={"publisher": "الشرق الأوسط", "title": "محضر", "published": "2021-04-26"},
        b_meta={"publisher": "Asharq Al-Awsat", "title": "Minutes", "published": "2021-04-26"},
    )


@dataclass(frozen=True)
class BrowserLoad:
    """What headless Chromium saw when it opened a page."""

    dom: str  # the DOM after loading (--dump-dom)
    page_requests: list[str]  # network requests the page made (not the browser's own)
    console: list[str]  # console messages: script errors, blocked loads (CSP violations)


def _page_requests(netlog: Path) -> list[str]:
    import json

    data = json.loads(netlog.read_text(encoding="utf-8"))
    start_job = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    starts = [e["params"] for e in data["events"] if e["type"] == start_job and "url" in e.get("params", {})]
    # The browser's own background requests have no page origin.
    return [p["url"] for p in starts if p.get("initiator") != "not an origin"]


@pytest.fixture
def chromium(tmp_path: Path) -> Callable[[Path], BrowserLoad]:
    """Open a local file in Debian's headless Chromium; skip when it is not installed."""
    import shutil
    import subprocess

    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")

    def load(page: Path) -> BrowserLoad:
        netlog = tmp_path / f"{page.stem}.netlog.json"
        result = subprocess.run(
            [exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}",
             f"--log-net-log={netlog}", "--enable-logging=stderr", "--v=0", "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=90, check=True,
        )
        console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
        return BrowserLoad(result.stdout, _page_requests(netlog), console)

    return load


CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
