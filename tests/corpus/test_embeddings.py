"""The static sentence embeddings: shape, norm, determinism, paraphrase beats unrelated text."""

from __future__ import annotations

import json

import numpy as np
import pytest

from claimgraph.corpus.embeddings import MODEL_DIR, embed, load_embedder
from claimgraph.errors import EmbeddingModelError


def test_rows_are_float32_and_unit_length():
    rows = embed(["A gunman opened fire at a concert hall.", "Shares rose on Tuesday.", ""])
    assert rows.dtype == np.float32 and rows.shape[0] == 3
    assert np.allclose(np.linalg.norm(rows[:2], axis=1), 1.0, atol=1e-5)
    assert not rows[2].any()  # no pieces: a zero row, similar to nothing


def test_a_text_embeds_the_same_alone_and_in_a_batch():
    texts = [f"Report number {i} about the earthquake in the north." for i in range(300)]
    together = embed(texts)
    alone = np.vstack([embed([t]) for t in texts[:3] + texts[-3:]])
    assert np.allclose(together[[0, 1, 2, -3, -2, -1]], alone, atol=1e-6)


def test_a_paraphrase_is_closer_than_another_event_of_the_same_kind():
    a, b, c = embed([
        "Gunmen stormed a concert venue near Moscow, killing dozens of people.",
        "Attackers burst into a music hall outside the Russian capital and shot many concertgoers dead.",
        "The central bank raised interest rates by half a point on Thursday.",
    ])
    assert float(a @ b) > float(a @ c) + 0.1


def test_the_model_is_loaded_once_and_is_small():
    assert load_embedder() is load_embedder()
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert size < 12_000_000  # the wheel has to stay small (issue 13)
    config = json.loads((MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    assert config["dims"] == load_embedder().dims
    assert (MODEL_DIR / "MODEL_CARD.md").is_file()


def test_missing_model_files_name_the_rebuild_command(tmp_path):
    with pytest.raises(EmbeddingModelError, match="claimgraph train embeddings") as caught:
        load_embedder(tmp_path)
    assert caught.value.code == "CG920"
