"""The demo (sources/demo) and its hand-made reference alignments (alignments/)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from khaddam_align import resources
from khaddam_align.export.document import build_document
from khaddam_align.storage import Workspace
from khaddam_align_ui import services

REFERENCES = {
    "demo_ar__en_a.json": ("demo_ar.txt", "demo_en_a.txt"),
    "demo_ar__en_b.json": ("demo_ar.txt", "demo_en_b.txt"),
    "demo_en_a__en_b.json": ("demo_en_a.txt", "demo_en_b.txt"),
}


def load(name: str) -> dict[str, Any]:
    """A reference alignment as the installed package ships it (alignments/ in the checkout)."""
    return json.loads(resources.reference_alignment(name).read_text(encoding="utf-8"))


def pairs(doc: dict[str, Any]) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(tuple(link["a"]), tuple(link["b"])) for link in doc["links"]}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_reference_points_at_the_demo_files_exactly(name: str) -> None:
    doc = load(name)
    assert doc["schema"] == "khaddam-align.alignment/1"
    for side, file_name in zip(("a", "b"), REFERENCES[name], strict=True):
        data = resources.demo_file(file_name).read_bytes()
        assert doc["renderings"][side]["sha256"] == hashlib.sha256(data).hexdigest()
        text = data.decode("utf-8")
        segments = doc["segments"][side]
        for seg in segments:
            assert text[seg["start"] : seg["end"]] == seg["text"]
        # every segment in exactly one link, in order
        order = [i for link in doc["links"] for i in link[side]]
        assert order == [seg["index"] for seg in segments]


def test_references_record_the_documented_differences() -> None:
    ar_b = pairs(load("demo_ar__en_b.json"))
    assert ((9, 10), (9,)) in ar_b  # B condenses two sentences into one
    assert ((13,), ()) in ar_b  # B omits the closing thanks
    assert ((), (2,)) in pairs(load("demo_ar__en_a.json"))  # A adds a sentence


def test_the_aligner_finds_the_reference_links_of_the_demo(ws: Workspace) -> None:
    demo = services.open_demo(ws)
    for aid, name in zip(demo.alignment_ids, sorted(REFERENCES), strict=True):
        with ws.session() as s:
            got = pairs(build_document(s, aid))
        gold = pairs(load(name))
        hit = len(got & gold)
        f1 = 2 * hit / (len(got) + len(gold))
        assert f1 >= 0.85, (name, sorted(got - gold), sorted(gold - got))
