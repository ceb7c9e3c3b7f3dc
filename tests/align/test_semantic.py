"""The optional semantic scorer, with a tiny model the test builds (skipped without the extra)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from khaddam_align.errors import KhaddamError


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    from khaddam_align.align.semantic import load_model

    with pytest.raises(KhaddamError, match="not available locally"):
        load_model(str(tmp_path / "no-such-model"))


def _dimension(embedding: Any) -> int:
    getter = getattr(embedding, "get_embedding_dimension", None) or embedding.get_word_embedding_dimension
    return int(getter())


def test_tiny_model_aligns(tmp_path: Path) -> None:
    st = pytest.importorskip("sentence_transformers")
    try:  # sentence-transformers >= 5 moved the building blocks
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:  # older releases
        from sentence_transformers import models  # type: ignore[no-redef]
    words = ["assad", "khatami", "tehran", "iraq", "war", "talks", "palace", "america", "years", "delegation"]
    # One-hot word vectors in the GloVe text format: sentences with the same words embed alike.
    vectors = tmp_path / "vectors.txt"
    lines = [" ".join([w] + ["1" if k == i else "0" for k in range(len(words))]) for i, w in enumerate(words)]
    vectors.write_text("\n".join(lines), encoding="utf-8")
    embedding = models.WordEmbeddings.from_text_file(str(vectors))
    model = st.SentenceTransformer(modules=[embedding, models.Pooling(_dimension(embedding))])
    folder = tmp_path / "tiny"
    model.save(str(folder))

    from khaddam_align.align import SideInput, align_texts
    from khaddam_align.align.core import AlignSettings

    a = ["assad tehran palace", "iraq war years", "america delegation talks"]
    b = ["tehran assad palace", "war iraq years", "talks america delegation"]
    links = align_texts(SideInput(a), SideInput(b), method="semantic", settings=AlignSettings(semantic_model=str(folder)))
    assert [(lk.a, lk.b) for lk in links] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
