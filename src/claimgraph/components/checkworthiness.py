"""Sentences, each with a check-worthiness score in [0, 1].

The score comes from a linear model over hashed TF-IDF features (word and character
n-grams), trained on CheckThat! 2024 task 1 (English) by ``claimgraph train
checkworthiness`` and shipped in ``components/models/checkworthiness/``. Hashing keeps the
model a pair of arrays (no vocabulary, no pickle) and scoring a sparse dot product, fast
enough to run on every sentence of every article (see MODEL_CARD.md for why a fine-tuned
transformer was measured and not shipped).

The score is the model's probability with the logit shifted by the decision threshold
chosen on the dev set, so **a score of 0.5 or more means check-worthy**.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelMissingError
from ..model import Sentence
from ._base import Component, ComponentSpec

__all__ = [
    "CheckWorthiness",
    "CheckWorthinessModel",
    "HashedTfidf",
    "SPEC",
    "MODEL_PACKAGE",
    "load_model",
    "sentence_bounds",
]

#: Package folder of the shipped model (``meta.json`` + ``weights.npz`` + ``MODEL_CARD.md``).
MODEL_PACKAGE = "claimgraph.components.models.checkworthiness"

#: Characters of one sentence the model reads; the rest of a run-on "sentence" (a table,
#: a list without full stops) adds nothing but cost.
MAX_SENTENCE_CHARS = 2_000


def sentence_bounds(doc: Doc) -> Iterator[tuple[int, int]]:
    """Character bounds of each sentence, without surrounding white space."""
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        yield start, start + len(stripped)


@dataclass(frozen=True, slots=True, kw_only=True)
class HashedTfidf:
    """Sublinear TF-IDF over hashed n-grams: one block per analyzer, each L2-normalised.

    ``analyzers`` are ``(analyzer, min_n, max_n)`` triples for sklearn's HashingVectorizer;
    ``idf`` holds one weight per feature of all blocks, in order.
    """

    analyzers: tuple[tuple[str, int, int], ...]
    n_features: int  # per block
    idf: np.ndarray

    @property
    def width(self) -> int:
        return self.n_features * len(self.analyzers)

    def counts(self, texts: Sequence[str]) -> list[sp.csr_matrix]:
        """Raw hashed n-gram counts, one matrix per block."""
        return [_vectorizer(a, lo, hi, self.n_features).transform(texts).tocsr()
                for a, lo, hi in self.analyzers]

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        blocks = []
        for index, counts in enumerate(self.counts(texts)):
            counts = counts.astype(np.float32)
            counts.data = 1.0 + np.log(counts.data)  # sublinear tf
            idf = self.idf[index * self.n_features:(index + 1) * self.n_features]
            blocks.append(normalize(counts @ sp.diags(idf.astype(np.float32))))
        return sp.hstack(blocks, format="csr")


def _vectorizer(analyzer: str, min_n: int, max_n: int, n_features: int) -> HashingVectorizer:
    return HashingVectorizer(
        analyzer=analyzer,
        ngram_range=(min_n, max_n),
        n_features=n_features,
        lowercase=True,
        alternate_sign=False,  # counts, so that TF-IDF weighting applies
        norm=None,
        token_pattern=r"(?u)\b\w+\b",  # keep one-letter words: "I", "a"
        dtype=np.float32,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckWorthinessModel:
    """A logistic regression over :class:`HashedTfidf` features."""

    features: HashedTfidf
    coef: np.ndarray
    intercept: float
    threshold: float  # decision threshold on the logit, chosen on dev
    meta: dict[str, Any]

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0, dtype=np.float64)
        clipped = [text[:MAX_SENTENCE_CHARS] for text in texts]
        return self.features.transform(clipped) @ self.coef.astype(np.float32) + self.intercept

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Check-worthiness in [0, 1]; 0.5 or more means check-worthy."""
        shifted = np.clip(self.logits(texts) - self.threshold, -50.0, 50.0)
        return 1.0 / (1.0 + np.exp(-shifted))

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return self.scores(texts) >= 0.5

    def save(self, folder: Path) -> None:
        """Write ``meta.json`` and ``weights.npz`` (no pickle) to ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        meta = dict(self.meta)
        meta.update(
            analyzers=[list(a) for a in self.features.analyzers],
            n_features=self.features.n_features,
            intercept=self.intercept,
            threshold=self.threshold,
        )
        (folder / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        # Sparse storage: most hash buckets never occur in training, so their weights are 0.
        np.savez_compressed(
            folder / "weights.npz",
            idf=self.features.idf.astype(np.float32),
            coef=self.coef.astype(np.float32),
        )

    @classmethod
    def from_files(cls, meta_text: str, weights: Any) -> CheckWorthinessModel:
        meta = json.loads(meta_text)
        with np.load(weights, allow_pickle=False) as arrays:
            idf, coef = arrays["idf"], arrays["coef"]
        features = HashedTfidf(
            analyzers=tuple((str(a), int(lo), int(hi)) for a, lo, hi in meta["analyzers"]),
            n_features=int(meta["n_features"]),
            idf=idf,
        )
        if idf.shape != (features.width,) or coef.shape != (features.width,):
            raise ModelMissingError(
                "the check-worthiness model files do not match: rebuild them with "
                "`claimgraph train checkworthiness`"
            )
        return cls(features=features, coef=coef, intercept=float(meta["intercept"]),
                   threshold=float(meta["threshold"]), meta=meta)


def load_model(folder: Path | None = None) -> CheckWorthinessModel:
    """The model in ``folder``, or the one shipped in the package."""
    try:
        root = resources.files(MODEL_PACKAGE) if folder is None else folder
        meta_text = (root / "meta.json").read_text(encoding="utf-8")
        with (root / "weights.npz").open("rb") as weights:
            return CheckWorthinessModel.from_files(meta_text, weights)
    except (FileNotFoundError, ModuleNotFoundError, KeyError, ValueError) as exc:
        raise ModelMissingError(
            f"the check-worthiness model is missing or unreadable ({type(exc).__name__}): reinstall "
            "claimgraph or rebuild it with `claimgraph train checkworthiness`"
        ) from None


class CheckWorthiness(Component):
    section = "sentences"

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.model = load_model()

    def process(self, doc: Doc) -> Iterable[Sentence]:
        bounds = list(sentence_bounds(doc))
        texts = [doc.text[start:end] for start, end in bounds]
        scores = self.model.scores(texts)
        return [
            Sentence(start=start, end=end, text=text, checkworthiness=float(score))
            for (start, end), text, score in zip(bounds, texts, scores)
        ]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Score the sentences of ``batch_size`` docs in one matrix product."""
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            yield from self._score_batch(batch)

    def _score_batch(self, docs: list[Doc]) -> list[Doc]:
        try:
            bounds = [list(sentence_bounds(doc)) for doc in docs]
            texts = [doc.text[s:e] for doc, spans in zip(docs, bounds) for s, e in spans]
            scores = iter(self.model.scores(texts).tolist())
        except Exception:
            # Something in one doc broke the batch: score each doc alone, so that only
            # that doc gets an error record.
            return [self(doc) for doc in docs]
        for doc, spans in zip(docs, bounds):
            doc._.cg_sentences = tuple(
                Sentence(start=s, end=e, text=doc.text[s:e], checkworthiness=next(scores))
                for s, e in spans
            )
        return docs


def make_checkworthiness(nlp: Language, name: str) -> CheckWorthiness:
    return CheckWorthiness(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_checkworthiness_v1",
    make=make_checkworthiness,
    requires=("token.is_sent_start",),
    assigns=("doc._.cg_sentences",),
)
