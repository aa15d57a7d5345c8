"""The technique model's inference: word-piece windows, span identification, span labels.

One encoder pass over an article serves both tasks. The encoder (a fine-tuned
all-MiniLM-L6-v2, shipped as int8 ONNX) returns, for every word piece, a hidden vector and
the logit of "this piece is inside a persuasion technique span". Span identification (SI)
reads runs of pieces above a threshold; technique classification (TC) pools the hidden
vectors of a span (mean and max) and passes them, with two features about the span (how
often its text recurs in the article, its length), through a small MLP kept in numpy.

Training (:mod:`claimgraph.train.techniques`) runs this same code with a PyTorch encoder, so the figures
measured during model selection are those of the decoder that ships.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from ...errors import ModelMissingError
from ..encoder import (
    WINDOW,
    EncoderFn,
    Encoding,
    Pieces,
    Windows,
    article_pieces,
    encode_text,
    load_tokenizer,
    make_windows,
    onnx_encoder,
    require_files,
    run_rows,
    stitch,
    stitch_rows,
    window_rows,
)
from ...model import TECHNIQUES
from .lexical import LexicalModel, load_lexical

__all__ = [
    "WINDOW",
    "Encoding",
    "Windows",
    "SpanHead",
    "EnsembleHead",
    "ensemble_encoder",
    "member_files",
    "LEXICAL_FILE",
    "Decoding",
    "TechniqueModel",
    "encode_text",
    "make_windows",
    "stitch",
    "span_features",
    "decode_spans",
    "assign_labels",
    "repetition_rule",
    "encode_many",
    "load_model",
    "MODEL_DIR",
    "load_tokenizer",
    "onnx_encoder",
    "require_files",
]

_WORD = re.compile(r"\w", re.UNICODE)

def _model_dir() -> Path:
    return Path(str(resources.files("claimgraph.components") / "models" / "techniques"))


MODEL_DIR = _model_dir()


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def repeat_count(text: str, start: int, end: int) -> int:
    """How many more times the span's text (case and spacing ignored) occurs in ``text``."""
    needle = _normal(text[start:end])
    if len(needle) < 3:
        return 0
    return max(0, _normal(text).count(needle) - 1)


def span_pieces(offsets: np.ndarray, start: int, end: int) -> np.ndarray:
    """Indices of the pieces overlapping ``start:end`` (the nearest piece if none does)."""
    hit = np.nonzero((offsets[:, 0] < end) & (offsets[:, 1] > start))[0]
    if len(hit) or not len(offsets):
        return hit
    return np.asarray([int(np.abs(offsets[:, 0] - start).argmin())])


def extra_features(text: str, start: int, end: int, n_pieces: int) -> np.ndarray:
    return np.asarray(
        [np.log1p(min(repeat_count(text, start, end), 20)), np.log1p(n_pieces) / 3.0],
        dtype=np.float32,
    )


def span_features(hidden: np.ndarray, offsets: np.ndarray, text: str, start: int, end: int) -> np.ndarray:
    pieces = span_pieces(offsets, start, end)
    if not len(pieces):
        return np.zeros(hidden.shape[1] * 2 + 2, dtype=np.float32)
    vectors = hidden[pieces]
    return np.concatenate(
        [vectors.mean(axis=0), vectors.max(axis=0), extra_features(text, start, end, len(pieces))]
    ).astype(np.float32)


@dataclass(frozen=True, slots=True, kw_only=True)
class SpanHead:
    """The TC head: features -> GELU hidden layer -> 14 technique logits."""

    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        h = features @ self.w1.T + self.b1
        h = 0.5 * h * (1.0 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))  # GELU (tanh form)
        logits = h @ self.w2.T + self.b2
        logits -= logits.max(axis=-1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=-1, keepdims=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class EnsembleHead:
    """TC heads of several encoders whose hidden vectors are concatenated; probabilities averaged.

    Features of a span over the concatenated hidden vectors are [means of all members, maxima
    of all members, extra features]; each member's head gets its own slices of them.
    """

    heads: tuple[SpanHead, ...]

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        n = len(self.heads)
        size = (features.shape[1] - 2) // (2 * n)
        out = 0.0
        for k, head in enumerate(self.heads):
            mean = features[:, k * size : (k + 1) * size]
            peak = features[:, (n + k) * size : (n + k + 1) * size]
            out = out + head.probabilities(np.concatenate([mean, peak, features[:, -2:]], axis=1))
        return out / n


def ensemble_encoder(encoders: Sequence[EncoderFn]) -> EncoderFn:
    """One encoder from several: hidden vectors concatenated, SI logits averaged.

    Averaging the members' logits (not their probabilities) was as good on the select half of
    the held-aside articles and keeps the encoder interface (one logit per piece).
    """
    if len(encoders) == 1:
        return encoders[0]

    def run(ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        outputs = [encode(ids, mask) for encode in encoders]
        hidden = np.concatenate([h for h, _ in outputs], axis=-1)
        return hidden, np.mean([lg for _, lg in outputs], axis=0)

    return run


#: The lexical SI model's weights (``techniques_lexical``), used when ``lexical_share`` > 0.
LEXICAL_FILE = "lexical.npz"


def member_files(k: int) -> tuple[str, str]:
    """(encoder, head) file names of ensemble member ``k`` (0-based; member 0 has no suffix)."""
    suffix = "" if k == 0 else f"-{k + 1}"
    return f"encoder{suffix}.int8.onnx", f"head{suffix}.npz"


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span to whole words (a word piece run may stop inside a word)."""
    while start > 0 and _WORD.match(text[start - 1]) and _WORD.match(text[start]):
        start -= 1
    while end < len(text) and _WORD.match(text[end]) and _WORD.match(text[end - 1]):
        end += 1
    if start >= 2 and text[start - 1] in "'’" and _WORD.match(text[start - 2]):
        # The span starts on a clitic ("Putin’s inability" -> "s inability"): the technique
        # is in what follows it, so start at the next word.
        clitic_end = start
        while clitic_end < end and _WORD.match(text[clitic_end]):
            clitic_end += 1
        while clitic_end < end and text[clitic_end].isspace():
            clitic_end += 1
        if clitic_end < end:
            start = clitic_end
    return start, end


def decode_spans(
    text: str, offsets: np.ndarray, probs: np.ndarray, threshold: float, gap: int = 1,
    low: float | None = None,
) -> list[tuple[int, int, float]]:
    """Runs of pieces likely inside a technique span -> (start, end, mean probability).

    Hysteresis: a run is made of pieces above ``low`` and must hold at least one piece above
    ``threshold`` (technique spans are often whole clauses whose pieces are individually
    uncertain). Runs separated by at most ``gap`` pieces are joined: a single weak piece
    inside a phrase should not cut a technique span in two.
    """
    low = threshold if low is None else min(low, threshold)
    runs: list[list[int]] = []
    for i in np.nonzero(probs > low)[0]:
        if runs and i - runs[-1][1] <= gap + 1:
            runs[-1][1] = int(i)
        else:
            runs.append([int(i), int(i)])
    spans = []
    for first, last in runs:
        if probs[first : last + 1].max() <= threshold:
            continue
        start, end = _widen(text, int(offsets[first, 0]), int(offsets[last, 1]))
        if end > start:
            spans.append((start, end, float(probs[first : last + 1].mean())))
    return spans


@dataclass(frozen=True, slots=True, kw_only=True)
class Decoding:
    """SI decoding settings, chosen on the held-aside articles."""

    threshold: float = 0.5
    low: float = 0.5
    gap: int = 1


class TechniqueModel:
    """The encoder, tokenizer, decoding threshold and TC head, loaded once."""

    def __init__(
        self, encoder: EncoderFn, tokenizer: Tokenizer, head: SpanHead | EnsembleHead, decoding: Decoding,
        lexical: LexicalModel | None = None, lexical_share: float = 0.0, repetition_min: int = 0,
    ) -> None:
        self.encoder, self.tokenizer, self.head, self.decoding = encoder, tokenizer, head, decoding
        self.lexical, self.lexical_share = lexical, lexical_share
        self.repetition_min = repetition_min
        self.cls_id = tokenizer.token_to_id("[CLS]")
        self.sep_id = tokenizer.token_to_id("[SEP]")

    def spans(self, text: str, enc: Encoding, probs: np.ndarray) -> list[tuple[int, int, float]]:
        """SI spans from piece probabilities, decoded with the model's settings."""
        d = self.decoding
        return decode_spans(text, enc.offsets, probs, d.threshold, d.gap, d.low)

    def encode(self, text: str, pieces: Pieces | None = None) -> tuple[Encoding, np.ndarray, np.ndarray]:
        """Pieces of ``text`` with their hidden vectors and P(inside a technique span).

        ``pieces`` are the text's pieces and windows if a head has already cut them
        (:func:`~claimgraph.components.encoder.doc_pieces`). Each window runs alone, so the
        result depends on the text only (see :mod:`claimgraph.components.encoder`).
        """
        pieces = pieces or article_pieces(self.tokenizer, text)
        enc, windows = pieces.encoding, pieces.windows
        if windows is None:
            return enc, np.zeros((0, 1), dtype=np.float32), np.zeros(0, dtype=np.float32)
        outputs = run_rows(self.encoder, window_rows(windows))
        hidden = stitch_rows(windows, [h for h, _ in outputs])
        logits = stitch_rows(windows, [lg for _, lg in outputs])
        return enc, hidden, self.piece_probabilities(text, enc, logits)

    def piece_probabilities(self, text: str, enc: Encoding, logits: np.ndarray) -> np.ndarray:
        """P(inside a technique span) per piece: the encoder's, mixed with the lexical model's."""
        probs = 1.0 / (1.0 + np.exp(-logits))
        if self.lexical is None or not self.lexical_share:
            return probs
        share = self.lexical_share
        return (1.0 - share) * probs + share * self.lexical.probabilities(text, enc.offsets)

    def classify(
        self, text: str, enc: Encoding, hidden: np.ndarray, spans: Sequence[tuple[int, int]]
    ) -> np.ndarray:
        """Technique probabilities ``[len(spans), 14]`` for character spans of ``text``."""
        if not spans:
            return np.zeros((0, len(TECHNIQUES)), dtype=np.float32)
        if not len(enc.ids):
            return np.full((len(spans), len(TECHNIQUES)), 1.0 / len(TECHNIQUES), dtype=np.float32)
        features = np.stack([span_features(hidden, enc.offsets, text, s, e) for s, e in spans])
        return repetition_rule(text, spans, self.head.probabilities(features), self.repetition_min)

    def detect(self, text: str) -> list[tuple[int, int, float, np.ndarray]]:
        """Technique spans of ``text``: (start, end, P(technique span), technique probabilities)."""
        enc, hidden, probs = self.encode(text)
        if not len(enc.ids):
            return []
        spans = self.spans(text, enc, probs)
        labels = self.classify(text, enc, hidden, [(s, e) for s, e, _ in spans])
        return [(s, e, p, labels[i]) for i, (s, e, p) in enumerate(spans)]


_REPETITION = TECHNIQUES.index("Repetition")


def repetition_rule(
    text: str, spans: Sequence[tuple[int, int]], probabilities: np.ndarray, min_repeats: int
) -> np.ndarray:
    """Post-processing of a top SemEval-2020 system: Repetition follows how often the span
    recurs. A span whose text occurs at least ``min_repeats`` more times in the article
    gets Repetition as its likeliest label (the others keep their order); 0 turns it off.
    """
    if min_repeats <= 0 or not len(spans):
        return probabilities
    out = probabilities.copy()
    for i, (start, end) in enumerate(spans):
        if repeat_count(text, start, end) >= min_repeats:
            out[i, _REPETITION] = out[i].max() + 1.0
            out[i] /= out[i].sum()
    return out


def assign_labels(keys: list, probabilities: np.ndarray) -> list[tuple[str, float]]:
    """One label per span; the k-th repeat of the same span gets its k-th likeliest label.

    A span annotated with two techniques appears twice in a PTC span file; giving both lines
    the same label could never be right twice.
    """
    seen: dict = {}
    labels = []
    for key, probs in zip(keys, probabilities):
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        order = np.argsort(-probs, kind="stable")
        best = int(order[min(rank, len(order) - 1)])
        labels.append((TECHNIQUES[best], float(probs[best])))
    return labels


def load_head(path: Path) -> SpanHead:
    with np.load(path) as data:
        return SpanHead(**{k: data[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2")})


def load_model(directory: Path | None = None, threads: int | None = None) -> TechniqueModel:
    """Load the shipped model (or one in ``directory``); ``threads=None``: the runtime's
    setting for this process (:func:`~claimgraph.components.encoder.session_threads`).

    ``config.json`` says how many ensemble members there are (``members``, default 1).
    """
    folder = directory or MODEL_DIR
    config_path = folder / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8")) if config_path.is_file() else {}
    members = [member_files(k) for k in range(int(config.get("members", 1)))]
    require_files(folder, ("tokenizer.json", "config.json", *(f for pair in members for f in pair)),
                  "technique model", "`claimgraph train techniques`")
    tokenizer = load_tokenizer(folder / "tokenizer.json")
    heads = tuple(load_head(folder / head) for _, head in members)
    share = float(config.get("lexical_share", 0.0))
    if share and not (folder / LEXICAL_FILE).is_file():
        raise ModelMissingError(
            f"the technique model in {folder} lacks {LEXICAL_FILE}: rebuild it with `claimgraph train techniques`"
        )
    return TechniqueModel(
        ensemble_encoder([onnx_encoder(folder / encoder, threads) for encoder, _ in members]),
        tokenizer,
        heads[0] if len(heads) == 1 else EnsembleHead(heads=heads),
        Decoding(
            threshold=float(config["threshold"]),
            low=float(config.get("low", config["threshold"])),
            gap=int(config.get("gap", 1)),
        ),
        load_lexical(folder / LEXICAL_FILE) if share else None,
        share,
        int(config.get("repetition_min", 0)),
    )


def encode_many(model: TechniqueModel, texts: Sequence[str], batch: int = 16) -> list[tuple]:
    """:meth:`TechniqueModel.encode` for several texts (``batch`` is kept for callers; each
    window runs alone so that a text's result does not depend on the others)."""
    return [model.encode(text) for text in texts]
