"""End to end on the real pair: import 001 and 002, align them, detect, check the top of the ranking."""

from pathlib import Path

import pytest

from khaddam_align.align.service import align_renderings
from khaddam_align.diverge import service
from khaddam_align.ingest.service import import_files
from khaddam_align.storage import Workspace
from tests.conftest import corpus_file


@pytest.mark.corpus
@pytest.mark.slow
def test_asharq_and_majalla_factual_divergences_rank_high(ws: Workspace, corpus_dir: Path) -> None:
    report = import_files(ws, [corpus_file(corpus_dir, "001"), corpus_file(corpus_dir, "002")])
    a_id, b_id = report.ids
    alignment = align_renderings(ws, a_id, b_id)
    service.detect_divergences(ws, alignment)
    rows = service.list_divergences(ws, alignment)
    with ws.session() as s:
        from khaddam_align.storage.models import Rendering

        a_text = s.get(Rendering, a_id).text  # type: ignore[union-attr]
        b_text = s.get(Rendering, b_id).text  # type: ignore[union-attr]
    top = rows[:30]

    def evidence(r: service.DivergenceView) -> str:
        return " ".join(a_text[s:e] for s, e in r.a_spans) + " || " + " ".join(b_text[s:e] for s, e in r.b_spans)

    texts = [(r.type, evidence(r)) for r in top]
    assert any(t == "speaker" and "two meetings" in e and "Kharrazi" in e for t, e in texts)
    assert any(t == "number" and "1700" in e for t, e in texts)
    assert any(t == "number" and "7" in e.split("||")[1] for t, e in texts)
    assert any(t == "entity" and "former Turkish President" in e for t, e in texts)
    assert any(t == "meaning" and "time will be on the side" in e for t, e in texts)
    # Each publisher's introduction is coverage, not divergence.
    assert not any("1963" in e or "seven-part" in e for _, e in texts)
