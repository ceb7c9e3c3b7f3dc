"""Write the demo's hand-made reference alignments to alignments/*.json.

The links below were made by hand by reading sources/demo (see its README);
this script only imports the three files into a scratch workspace, stores the
links and writes them in the ``khaddam-align.alignment/1`` format, so the
segment offsets in the documents are exactly those of the importer.

    python scripts/demo_reference.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from khaddam_align.export.service import export_alignment
from khaddam_align.ingest.service import import_files
from khaddam_align.ops import store_alignment
from khaddam_align.storage import open_workspace

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "sources" / "demo"
OUT = ROOT / "alignments"

# (A segment indices, B segment indices): index 0 is the title of each text.
AR_EN_A = [([0], [0]), ([1], [1]), ([], [2]), ([2], [3]), ([3], [4]), ([4], [5]), ([5], [6]), ([6], [7]),
           ([7], [8]), ([8], [9]), ([9], [10]), ([10], [11]), ([11], [12]), ([12], [13]), ([13], [14]),
           ([14], [15])]
AR_EN_B = [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3]), ([4], [4]), ([5], [5]), ([6], [6]), ([7], [7]),
           ([8], [8]), ([9, 10], [9]), ([11], [10]), ([12], [11]), ([13], []), ([14], [12])]
EN_A_EN_B = [([0], [0]), ([1], [1]), ([2], []), ([3], [2]), ([4], [3]), ([5], [4]), ([6], [5]), ([7], [6]),
             ([8], [7]), ([9], [8]), ([10, 11], [9]), ([12], [10]), ([13], [11]), ([14], []), ([15], [12])]

REFERENCES = {
    "demo_ar__en_a.json": (0, 1, AR_EN_A),
    "demo_ar__en_b.json": (0, 2, AR_EN_B),
    "demo_en_a__en_b.json": (1, 2, EN_A_EN_B),
}
FILES = ["demo_ar.txt", "demo_en_a.txt", "demo_en_b.txt"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "ref.sqlite", user="reference")
        ids = import_files(ws, [DEMO / f for f in FILES], work="Demo: ministers' meeting, 12 May 1998").ids
        for name, (a, b, links) in REFERENCES.items():
            beads = [(sa, sb, 1.0) for sa, sb in links]
            from khaddam_align.storage.models import LinkStatus

            al = store_alignment(ws, ids[a], ids[b], beads, method="reference",
                                 statuses=[LinkStatus.CONFIRMED] * len(beads))
            export_alignment(ws, al, OUT / name, fmt="json")
            print(f"wrote {OUT / name}")
        ws.close()


if __name__ == "__main__":
    main()
