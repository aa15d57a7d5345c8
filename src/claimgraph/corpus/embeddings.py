"""Sentence embeddings without an encoder pass: a static model distilled from the base encoder.

``embed(texts)`` returns one L2-normalised float32 row per text: the mean of the vectors
of its word pieces (the first :data:`MAX_TOKENS`), read from the model shipped in
``components/models/sentence_embeddings`` (model2vec, distilled from all-MiniLM-L6-v2;
see its MODEL_CARD.md and ``claimgraph train embeddings``). It needs numpy and the
``tokenizers`` package only, and loads once per process.

A text with no known piece gets a zero row (its cosine with anything is 0).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from ..errors import EmbeddingModelError

__all__ = ["MODEL_DIR", "MAX_TOKENS", "StaticEmbedder", "embed", "load_embedder"]

MODEL_DIR = Path(__file__).resolve().parents[1] / "components" / "models" / "sentence_embeddings"
#: Pieces read per text: enough for a headline and the lede of an article, which is what
#: tells its event; the rest of a long article adds cost and little signal.
MAX_TOKENS = 512
_BATCH = 256


@dataclass(frozen=True, slots=True, kw_only=True)
class StaticEmbedder:
    """The loaded model: a piece vector table and its tokenizer."""

    vectors: np.ndarray  # [vocabulary, dims] float32
    tokenizer: Tokenizer
    unk_id: int | None
    max_tokens: int = MAX_TOKENS

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for start in range(0, len(texts), _BATCH):
            batch = [t or "" for t in texts[start : start + _BATCH]]
            for k, enc in enumerate(self.tokenizer.encode_batch(batch, add_special_tokens=False)):
                ids = np.asarray(enc.ids[: self.max_tokens], dtype=np.int64)
                if self.unk_id is not None:
                    ids = ids[ids != self.unk_id]
                if len(ids):
                    out[start + k] = self.vectors[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)


_LOCK = threading.Lock()
_LOADED: dict[Path, StaticEmbedder] = {}


def load_embedder(folder: Path | None = None) -> StaticEmbedder:
    """The model in ``folder`` (default: the package's), loaded once per process."""
    folder = Path(folder or MODEL_DIR)
    with _LOCK:
        if folder not in _LOADED:
            _LOADED[folder] = _read(folder)
        return _LOADED[folder]


def _read(folder: Path) -> StaticEmbedder:
    vectors_path, tokenizer_path = folder / "vectors.npy", folder / "tokenizer.json"
    missing = [p.name for p in (vectors_path, tokenizer_path) if not p.is_file()]
    if missing:
        raise EmbeddingModelError(
            f"the sentence-embedding model in {folder} lacks {', '.join(missing)}: "
            "rebuild it with `claimgraph train embeddings` (needs the train extra)"
        )
    vectors = np.load(vectors_path, allow_pickle=False).astype(np.float32)
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    if vectors.ndim != 2 or vectors.shape[0] < tokenizer.get_vocab_size():
        raise EmbeddingModelError(
            f"{vectors_path} holds {vectors.shape} vectors for a vocabulary of {tokenizer.get_vocab_size()} "
            "pieces: rebuild it with `claimgraph train embeddings`", code="CG921")
    return StaticEmbedder(vectors=vectors, tokenizer=tokenizer, unk_id=tokenizer.token_to_id("[UNK]"))


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised float32 embeddings of ``texts`` (``[len(texts), dims]``), from the packaged model."""
    return load_embedder().embed(list(texts))
