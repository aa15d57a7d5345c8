"""Sentences, each with a check-worthiness score in [0, 1].

The score comes from a linear model over hashed TF-IDF features (word and character
n-grams) and, optionally, over the sentence's part-of-speech tags and entity labels, which
spaCy has already computed when the component runs; trained on CheckThat! 2024 task 1 (English) by ``claimgraph train
checkworthiness`` and shipped in ``components/models/checkworthiness/``. Hashing keeps the
model a pair of arrays (no vocabulary, no pickle) and scoring a sparse dot product, fast
enough to run on every sentence of every article. This is the ``fast`` profile's model; the
``full`` profile runs a fine-tuned encoder blended with it (:mod:`.checkworthiness_encoder`).

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
from spacy.tokens import Span as SpacySpan

from ...errors import ModelMissingError
from ...model import Sentence
from .._base import Component, ComponentSpec, doc_text

__all__ = [
    "CheckWorthiness",
    "CheckWorthinessModel",
    "HashedTfidf",
    "SentenceInput",
    "SyntaxFeatures",
    "SPEC",
    "MODEL_PACKAGE",
    "doc_inputs",
    "load_model",
    "sentence_bounds",
    "sentence_input",
    "sentence_spans",
]

#: Package folder of the shipped model (``meta.json`` + ``weights.npz`` + ``MODEL_CARD.md``).
MODEL_PACKAGE = "claimgraph.components.models.checkworthiness"

#: Characters of one sentence the model reads; the rest of a run-on "sentence" (a table,
#: a list without full stops) adds nothing but cost.
MAX_SENTENCE_CHARS = 2_000


#: Tokens of one sentence whose tags the model reads.
MAX_SENTENCE_TOKENS = 400


def sentence_bounds(doc: Doc) -> Iterator[tuple[int, int]]:
    """Character bounds of each sentence, without surrounding white space."""
    for start, end, _ in sentence_spans(doc):
        yield start, end


def sentence_spans(doc: Doc) -> Iterator[tuple[int, int, SpacySpan]]:
    """Like :func:`sentence_bounds`, with the spaCy sentence span too.

    A doc without sentence boundaries (no parser ran) counts as one sentence.
    """
    sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        yield start, start + len(stripped), sent


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceInput:
    """What the model reads of one sentence: its text, and what spaCy found in it."""

    text: str
    tags: str = ""  # fine-grained POS tags, space-separated ("PRP VBD CD NN .")
    entities: str = ""  # entity labels, space-separated ("CARDINAL DATE")


def sentence_input(span: SpacySpan | Doc, text: str | None = None,
                   entities: Sequence[SpacySpan] | None = None) -> SentenceInput:
    """The model input for a spaCy sentence span (or a whole doc holding one sentence).

    ``entities``, the doc's entities, saves asking ``span.ents``, which walks the whole doc
    on every call (quadratic over a long article).
    """
    tokens = span[:MAX_SENTENCE_TOKENS]
    if entities is None:
        entities = span.ents
    start, end = (0, len(span)) if isinstance(span, Doc) else (span.start, span.end)
    return SentenceInput(
        text=span.text if text is None else text,
        tags=" ".join(token.tag_ for token in tokens if not token.is_space),
        entities=" ".join(e.label_ for e in entities if e.start >= start and e.end <= end),
    )


def doc_inputs(doc: Doc) -> list[tuple[int, int, SentenceInput]]:
    """Bounds and model input of every sentence of ``doc``."""
    entities = list(doc.ents)
    text = doc_text(doc)
    return [(s, e, sentence_input(span, text[s:e], entities)) for s, e, span in sentence_spans(doc)]


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
class SyntaxFeatures:
    """Hashed n-grams of POS tags and a bag of entity labels, each block L2-normalised.

    These carry what words alone miss: a past-tense verb next to a number or a date is
    the shape of a checkable claim, whatever the words are.
    """

    tag_ngrams: int = 3
    tag_features: int = 2**14
    entity_features: int = 2**10

    @property
    def width(self) -> int:
        return self.tag_features + self.entity_features

    def transform(self, tags: Sequence[str], entities: Sequence[str]) -> sp.csr_matrix:
        tag_block = _label_vectorizer(self.tag_ngrams, self.tag_features).transform(tags)
        entity_block = _label_vectorizer(1, self.entity_features).transform(entities)
        return sp.hstack([tag_block, entity_block], format="csr")


def _label_vectorizer(max_n: int, n_features: int) -> HashingVectorizer:
    return HashingVectorizer(ngram_range=(1, max_n), n_features=n_features, lowercase=False,
                             alternate_sign=False, token_pattern=r"\S+", dtype=np.float32)


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckWorthinessModel:
    """A logistic regression over :class:`HashedTfidf` (and :class:`SyntaxFeatures`) features."""

    features: HashedTfidf
    syntax: SyntaxFeatures | None
    coef: np.ndarray
    intercept: float
    threshold: float  # decision threshold on the logit, chosen on dev
    meta: dict[str, Any]

    @property
    def width(self) -> int:
        return self.features.width + (self.syntax.width if self.syntax else 0)

    def matrix(self, sentences: Sequence[SentenceInput]) -> sp.csr_matrix:
        blocks = [self.features.transform([s.text[:MAX_SENTENCE_CHARS] for s in sentences])]
        if self.syntax is not None:
            blocks.append(self.syntax.transform([s.tags for s in sentences], [s.entities for s in sentences]))
        return sp.hstack(blocks, format="csr")

    def logits(self, sentences: Sequence[SentenceInput]) -> np.ndarray:
        if not sentences:
            return np.zeros(0, dtype=np.float64)
        return self.matrix(sentences) @ self.coef.astype(np.float32) + self.intercept

    def scores(self, sentences: Sequence[SentenceInput]) -> np.ndarray:
        """Check-worthiness in [0, 1]; 0.5 or more means check-worthy."""
        shifted = np.clip(self.logits(sentences) - self.threshold, -50.0, 50.0)
        return 1.0 / (1.0 + np.exp(-shifted))

    def predict(self, sentences: Sequence[SentenceInput]) -> np.ndarray:
        return self.scores(sentences) >= 0.5

    def save(self, folder: Path) -> None:
        """Write ``meta.json`` and ``weights.npz`` (no pickle) to ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        meta = dict(self.meta)
        meta.update(
            analyzers=[list(a) for a in self.features.analyzers],
            n_features=self.features.n_features,
            syntax=None if self.syntax is None else {
                "tag_ngrams": self.syntax.tag_ngrams, "tag_features": self.syntax.tag_features,
                "entity_features": self.syntax.entity_features},
            intercept=self.intercept,
            threshold=self.threshold,
        )
        (folder / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        # Compressed: most hash buckets never occur in training, so their weights are 0.
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
        syntax = None if not meta.get("syntax") else SyntaxFeatures(**{k: int(v) for k, v in meta["syntax"].items()})
        model = cls(features=features, syntax=syntax, coef=coef, intercept=float(meta["intercept"]),
                    threshold=float(meta["threshold"]), meta=meta)
        if idf.shape != (features.width,) or coef.shape != (model.width,):
            raise ModelMissingError(
                "the check-worthiness model files do not match: rebuild them with "
                "`claimgraph train checkworthiness`"
            )
        return model


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
        self.model = self.load_model()

    @staticmethod
    def load_model():
        return load_model()

    def process(self, doc: Doc) -> Iterable[Sentence]:
        return self._score_batch([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Score the sentences of ``batch_size`` docs together (one matrix product here)."""
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            try:
                per_doc = self._score_batch(batch)
            except Exception:
                # Something in one doc broke the batch: score each doc alone, so that only
                # that doc gets an error record.
                yield from (self(doc) for doc in batch)
                continue
            for doc, sentences in zip(batch, per_doc):
                doc._.cg_sentences = sentences
                yield doc

    def _score_batch(self, docs: list[Doc]) -> list[tuple[Sentence, ...]]:
        found = [doc_inputs(doc) for doc in docs]
        scores = iter(self.model.scores([item for items in found for _, _, item in items]).tolist())
        return [
            tuple(Sentence(start=s, end=e, text=item.text, checkworthiness=next(scores)) for s, e, item in items)
            for items in found
        ]


def make_checkworthiness(nlp: Language, name: str) -> CheckWorthiness:
    return CheckWorthiness(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_checkworthiness_v1",
    make=make_checkworthiness,
    requires=("token.is_sent_start",),
    assigns=("doc._.cg_sentences",),
)
