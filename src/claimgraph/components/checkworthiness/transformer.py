"""Sentences, each with a check-worthiness score from a fine-tuned encoder (``full`` profile).

A fine-tuned all-MiniLM-L6-v2 (int8 ONNX, run by onnxruntime) reads each sentence alone
and gives a logit: mean-pooled word pieces through one linear layer. Its logit is blended
with the lexical model's (:mod:`.checkworthiness`, which costs next to nothing once spaCy
has run) with a weight chosen on dev, then shifted by the dev-chosen threshold, so that
**a score of 0.5 or more means check-worthy**, as with the lexical model.

The encoder costs several times what the lexical model does (see BENCHMARKS.md), so the
``fast`` profile keeps the lexical component and the ``full`` profile runs this one; both
write the ``sentences`` section. Training: ``claimgraph train checkworthiness --model encoder``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from tokenizers import Tokenizer

from ...model import Sentence
from ..encoder import load_tokenizer, onnx_encoder, require_files
from .._base import ComponentSpec
from .lexical import CheckWorthiness, CheckWorthinessModel, SentenceInput, doc_inputs
from .lexical import load_model as load_lexical_model

__all__ = ["EncoderCheckWorthiness", "EncoderCheckWorthinessModel", "MODEL_PACKAGE", "SPEC",
           "MAX_PIECES", "piece_ids", "load_model"]

#: Package folder of the shipped model (``encoder.int8.onnx``, ``tokenizer.json``, ``config.json``).
MODEL_PACKAGE = "claimgraph.components.models.checkworthiness_encoder"
#: Word pieces of one sentence the encoder reads (95 % of CheckThat! sentences have <= 55).
MAX_PIECES = 126
#: Sentences per encoder call; sentences are sorted by length first, so padding is small.
BATCH = 32
#: Sentences per encoder call inside one document, which has too few sentences for sorting
#: to even out their lengths: 8 took 6.7 s of CPU on 100 PolNeAR texts where 32 took 10-11 s.
DOC_BATCH = 8

#: ``(ids, mask) -> (pooled [B, H], logits [B])``: the encoder, ONNX or PyTorch.
EncoderFn = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def piece_ids(tokenizer: Tokenizer, texts: Sequence[str]) -> list[np.ndarray]:
    """``[CLS] pieces [SEP]`` of each text, cut to :data:`MAX_PIECES` pieces."""
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    encodings = tokenizer.encode_batch([t[:2_000] for t in texts], add_special_tokens=False)
    return [np.asarray([cls_id, *e.ids[:MAX_PIECES], sep_id], dtype=np.int64) for e in encodings]


def encoder_logits(encoder: EncoderFn, pieces: Sequence[np.ndarray], batch: int = BATCH) -> np.ndarray:
    """The encoder's logit for each piece sequence, run in length-sorted padded batches."""
    logits = np.zeros(len(pieces), dtype=np.float32)
    order = sorted(range(len(pieces)), key=lambda k: len(pieces[k]))
    for i in range(0, len(order), batch):
        rows = order[i:i + batch]
        width = max(len(pieces[k]) for k in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for r, k in enumerate(rows):
            ids[r, :len(pieces[k])], mask[r, :len(pieces[k])] = pieces[k], 1
        logits[rows] = encoder(ids, mask)[1].reshape(-1)
    return logits


class EncoderCheckWorthinessModel:
    """The encoder's logit, blended with the lexical model's, shifted by the threshold."""

    def __init__(self, encoder: EncoderFn, tokenizer: Tokenizer, lexical: CheckWorthinessModel | None,
                 config: dict) -> None:
        self.encoder, self.tokenizer, self.lexical = encoder, tokenizer, lexical
        self.lexical_weight = float(config.get("lexical_weight", 0.0))
        self.threshold = float(config["threshold"])
        self.config = config

    def logits(self, sentences: Sequence[SentenceInput], batch: int = BATCH) -> np.ndarray:
        if not sentences:
            return np.zeros(0, dtype=np.float64)
        logits = encoder_logits(self.encoder, piece_ids(self.tokenizer, [s.text for s in sentences]), batch)
        logits = logits.astype(np.float64)
        if self.lexical is not None and self.lexical_weight:
            # the lexical logit is centred on its own threshold, so that both agree on "0"
            lexical = self.lexical.logits(sentences) - self.lexical.threshold
            logits = (1.0 - self.lexical_weight) * logits + self.lexical_weight * lexical
        return logits

    def scores(self, sentences: Sequence[SentenceInput], batch: int = BATCH) -> np.ndarray:
        """Check-worthiness in [0, 1]; 0.5 or more means check-worthy."""
        shifted = np.clip(self.logits(sentences, batch) - self.threshold, -50.0, 50.0)
        return 1.0 / (1.0 + np.exp(-shifted))

    def predict(self, sentences: Sequence[SentenceInput]) -> np.ndarray:
        return self.scores(sentences) >= 0.5

    @property
    def syntax(self) -> object | None:
        """What the lexical part needs from spaCy (tags and entities), if anything."""
        return None if self.lexical is None or not self.lexical_weight else self.lexical.syntax


def load_model(folder: Path | None = None, threads: int = 1, lexical_folder: Path | None = None
               ) -> EncoderCheckWorthinessModel:
    """The model in ``folder``, or the one shipped in the package.

    ``threads=1`` by default: the pipeline already runs spaCy and the other components in
    this process, and ``n_process`` is the way to use more cores.
    """
    root = Path(str(resources.files(MODEL_PACKAGE))) if folder is None else Path(folder)
    require_files(root, ("encoder.int8.onnx", "tokenizer.json", "config.json"), "check-worthiness encoder",
                     "`claimgraph train checkworthiness --model encoder`")
    config = json.loads((root / "config.json").read_text(encoding="utf-8"))
    tokenizer = load_tokenizer(root / "tokenizer.json")
    lexical = load_lexical_model(lexical_folder) if float(config.get("lexical_weight", 0.0)) else None
    return EncoderCheckWorthinessModel(onnx_encoder(root / "encoder.int8.onnx", threads), tokenizer,
                                       lexical, config)


class EncoderCheckWorthiness(CheckWorthiness):
    """The lexical component's batching and error handling, with the encoder's scores."""

    @staticmethod
    def load_model():
        return load_model()

    def _score_batch(self, docs: list[Doc]) -> list[tuple[Sentence, ...]]:
        # One doc per encoder run: int8 dynamic quantisation scales activations per batch,
        # so sharing batches across docs would let one article's scores move (by ~0.005)
        # with the articles that happen to be batched with it.
        results = []
        for doc in docs:
            items = doc_inputs(doc)
            scores = self.model.scores([item for _, _, item in items], DOC_BATCH).tolist()
            results.append(tuple(Sentence(start=s, end=e, text=item.text, checkworthiness=score)
                                 for (s, e, item), score in zip(items, scores)))
        return results


def make_encoder_checkworthiness(nlp: Language, name: str) -> EncoderCheckWorthiness:
    return EncoderCheckWorthiness(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_checkworthiness_encoder_v1",
    make=make_encoder_checkworthiness,
    requires=("token.is_sent_start",),
    assigns=("doc._.cg_sentences",),
)
