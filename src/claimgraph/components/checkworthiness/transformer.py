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
from ..encoder import doc_pieces, load_tokenizer, onnx_encoder, require_files, run_rows, sentence_pieces
from .._base import ComponentSpec
from .lexical import CheckWorthiness, CheckWorthinessModel, SentenceInput, doc_inputs
from .lexical import load_model as load_lexical_model

__all__ = ["EncoderCheckWorthiness", "EncoderCheckWorthinessModel", "MODEL_PACKAGE", "SPEC",
           "MAX_PIECES", "piece_ids", "load_model"]

#: Package folder of the shipped model (``encoder.int8.onnx``, ``tokenizer.json``, ``config.json``).
MODEL_PACKAGE = "claimgraph.components.models.checkworthiness_encoder"
#: Word pieces of one sentence the encoder reads (95 % of CheckThat! sentences have <= 55).
MAX_PIECES = 126
#: Kept for callers: sentences now run one at a time (see :func:`encoder_logits`).
BATCH = 1
DOC_BATCH = 1

#: ``(ids, mask) -> (pooled [B, H], logits [B])``: the encoder, ONNX or PyTorch.
EncoderFn = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def piece_ids(tokenizer: Tokenizer, texts: Sequence[str]) -> list[np.ndarray]:
    """``[CLS] pieces [SEP]`` of each text, cut to :data:`MAX_PIECES` pieces."""
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    encodings = tokenizer.encode_batch([t[:2_000] for t in texts], add_special_tokens=False)
    return [np.asarray([cls_id, *e.ids[:MAX_PIECES], sep_id], dtype=np.int64) for e in encodings]


def encoder_logits(encoder: EncoderFn, pieces: Sequence[np.ndarray], batch: int = BATCH) -> np.ndarray:
    """The encoder's logit for each piece sequence, each run alone at its own length.

    int8 dynamic quantisation scales a batch by its range, so a sentence batched with others
    (or padded) would get a score that moves with them; alone, it depends on itself only
    (``batch`` is kept for callers and ignored)."""
    if not len(pieces):
        return np.zeros(0, dtype=np.float32)
    return np.asarray([float(np.reshape(out[1], -1)[0]) for out in run_rows(encoder, pieces)], dtype=np.float32)


class EncoderCheckWorthinessModel:
    """The encoder's logit, blended with the lexical model's, shifted by the threshold."""

    def __init__(self, encoder: EncoderFn, tokenizer: Tokenizer, lexical: CheckWorthinessModel | None,
                 config: dict) -> None:
        self.encoder, self.tokenizer, self.lexical = encoder, tokenizer, lexical
        self.lexical_weight = float(config.get("lexical_weight", 0.0))
        self.threshold = float(config["threshold"])
        self.config = config

    def logits(self, sentences: Sequence[SentenceInput], batch: int = BATCH,
               pieces: Sequence[np.ndarray] | None = None) -> np.ndarray:
        """``pieces``: each sentence's ``[CLS] … [SEP]`` ids, if already cut (from the article's)."""
        if not sentences:
            return np.zeros(0, dtype=np.float64)
        if pieces is None:
            pieces = piece_ids(self.tokenizer, [s.text for s in sentences])
        logits = encoder_logits(self.encoder, pieces, batch)
        logits = logits.astype(np.float64)
        if self.lexical is not None and self.lexical_weight:
            # the lexical logit is centred on its own threshold, so that both agree on "0"
            lexical = self.lexical.logits(sentences) - self.lexical.threshold
            logits = (1.0 - self.lexical_weight) * logits + self.lexical_weight * lexical
        return logits

    def scores(self, sentences: Sequence[SentenceInput], batch: int = BATCH,
               pieces: Sequence[np.ndarray] | None = None) -> np.ndarray:
        """Check-worthiness in [0, 1]; 0.5 or more means check-worthy."""
        shifted = np.clip(self.logits(sentences, batch, pieces) - self.threshold, -50.0, 50.0)
        return 1.0 / (1.0 + np.exp(-shifted))

    def predict(self, sentences: Sequence[SentenceInput]) -> np.ndarray:
        return self.scores(sentences) >= 0.5

    @property
    def syntax(self) -> object | None:
        """What the lexical part needs from spaCy (tags and entities), if anything."""
        return None if self.lexical is None or not self.lexical_weight else self.lexical.syntax


def load_model(folder: Path | None = None, threads: int | None = None, lexical_folder: Path | None = None
               ) -> EncoderCheckWorthinessModel:
    """The model in ``folder``, or the one shipped in the package (``threads=None``: the
    runtime's setting for this process)."""
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
        # Each sentence runs alone (its score depends on nothing else), its pieces sliced
        # out of the article's, which the other heads share.
        results = []
        tokenizer = self.model.tokenizer
        cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
        for doc in docs:
            items = doc_inputs(doc)
            pieces = sentence_pieces(doc_pieces(doc, tokenizer), [(s, e) for s, e, _ in items],
                                     cls_id, sep_id, MAX_PIECES)
            scores = self.model.scores([item for _, _, item in items], pieces=pieces).tolist()
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
