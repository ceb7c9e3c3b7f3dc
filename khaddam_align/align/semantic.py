"""Optional semantic scorer: sentence embeddings from a locally available model.

Off by default and never imported unless ``method="semantic"`` is asked for.
Needs the ``semantic`` extra (``pip install khaddam-align[semantic]``) and a
model already on disk or in the sentence-transformers cache: nothing is
downloaded at run time (``HF_HUB_OFFLINE`` is set while loading).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from khaddam_align.align.features import FloatArray, IntArray, SideFeatures
from khaddam_align.errors import KhaddamError

DEFAULT_MODEL = "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"


def load_model(name: str) -> Any:
    """Load a sentence-transformers model from a path or the local cache, offline."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise KhaddamError(
            "The semantic aligner needs sentence-transformers, which is not installed.",
            hint="Install it with: pip install 'khaddam-align[semantic]', or use --method auto.",
        ) from exc
    previous = os.environ.get("HF_HUB_OFFLINE")
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        return SentenceTransformer(name or DEFAULT_MODEL, device="cpu")
    except (OSError, ValueError) as exc:
        raise KhaddamError(
            f"The sentence-embedding model {name or DEFAULT_MODEL!r} is not available locally.",
            hint="Download it once (or give a folder path in the settings), or use --method auto.",
        ) from exc
    finally:
        if previous is None:
            os.environ.pop("HF_HUB_OFFLINE", None)
        else:
            os.environ["HF_HUB_OFFLINE"] = previous


def embed(model: Any, texts: Sequence[str]) -> FloatArray:
    vectors = model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float64)


def semantic_overlap(
    a_texts: Sequence[str],
    b_texts: Sequence[str],
    fa: SideFeatures,
    fb: SideFeatures,
    *,
    model: str,
    lo: IntArray,
    hi: IntArray,
) -> tuple[tuple[IntArray, IntArray, FloatArray], SideFeatures, SideFeatures]:
    """Cosine similarities inside the band, shaped like ``features.overlap_pairs``.

    Each segment gets weight 1, so a 1-1 bead's Dice "similarity" is its cosine.
    """
    loaded = load_model(model)
    ea, eb = embed(loaded, a_texts), embed(loaded, b_texts)
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []
    for i in range(len(a_texts)):
        j0, j1 = max(0, int(lo[i])), min(len(b_texts), int(hi[i]))
        if j1 <= j0:
            continue
        sims = np.clip(eb[j0:j1] @ ea[i], 0.0, 1.0)
        rows.append(np.full(j1 - j0, i, dtype=np.int64))
        cols.append(np.arange(j0, j1, dtype=np.int64))
        vals.append(sims)
    ones_a, ones_b = np.ones(len(a_texts)), np.ones(len(b_texts))
    fa = replace(fa, weight=ones_a)
    fb = replace(fb, weight=ones_b)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return (empty, empty.copy(), np.zeros(0)), fa, fb
    return (np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)), fa, fb
