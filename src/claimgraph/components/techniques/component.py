"""Persuasion technique spans labelled with the 14 PTC techniques.

The component finds spans that use a persuasion technique (span identification) and
labels each with the techniques of the Propaganda Techniques Corpus (technique
classification), with a score in [0, 1]: P(the span uses a technique) times P(this label).
A span gets its likeliest label, plus any other label at least ``min_label_probability``
likely, so one span can carry two techniques (as in the corpus). The model
(:mod:`.model`) is loaded once per process and runs on the CPU with onnxruntime.

The SemEval-2020 Task 11 commands (``claimgraph techniques detect/classify``, ``claimgraph
evaluate techniques``) run the same functions through :mod:`claimgraph.eval.techniques`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ...model import TECHNIQUES, Technique
from . import model as tm
from .._base import Component, ComponentSpec, doc_text
from ..encoder import doc_pieces

__all__ = [
    "Techniques",
    "SPEC",
    "shared_model",
    "find_techniques",
    "label_spans",
    "DEFAULT_MIN_LABEL_PROBABILITY",
]

DEFAULT_MIN_LABEL_PROBABILITY = 0.3


@functools.lru_cache(maxsize=1)
def shared_model() -> tm.TechniqueModel:
    """The shipped technique model, loaded once per process."""
    return tm.load_model()


def _techniques(
    text: str, encoded: tuple, model: tm.TechniqueModel, min_label_probability: float
) -> tuple[Technique, ...]:
    enc, hidden, probs = encoded
    if not len(enc.ids):
        return ()
    spans = model.spans(text, enc, probs)
    labels = model.classify(text, enc, hidden, [(s, e) for s, e, _ in spans])
    found = []
    for (start, end, p_span), p_labels in zip(spans, labels):
        order = np.argsort(-p_labels, kind="stable")
        for rank, k in enumerate(order):
            if rank and p_labels[k] < min_label_probability:
                break
            found.append(Technique(
                start=start, end=end, text=text[start:end], technique=TECHNIQUES[int(k)],
                score=round(float(np.clip(p_span * p_labels[k], 0.0, 1.0)), 4),
            ))
    return tuple(sorted(found, key=lambda t: (t.start, t.end, -t.score)))


def find_techniques(
    text: str,
    *,
    model: tm.TechniqueModel | None = None,
    min_label_probability: float = DEFAULT_MIN_LABEL_PROBABILITY,
) -> tuple[Technique, ...]:
    """Technique spans of any text, sorted by position (spans may overlap)."""
    model = model or shared_model()
    return _techniques(text, model.encode(text), model, min_label_probability)


def label_spans(
    text: str, spans: Sequence[tuple[int, int]], *, model: tm.TechniqueModel | None = None
) -> list[tuple[str, float]]:
    """(technique, probability) for given character spans; a repeated span gets its next label."""
    model = model or shared_model()
    size = len(text)
    clipped = [(min(max(s, 0), size), min(max(e, 0), size)) for s, e in spans]
    enc, hidden, _ = model.encode(text)
    return tm.assign_labels(clipped, model.classify(text, enc, hidden, clipped))


class Techniques(Component):
    section = "techniques"

    def __init__(self, nlp: Language, name: str, min_label_probability: float) -> None:
        super().__init__(nlp, name)
        self.model = shared_model()
        self.min_label_probability = min_label_probability

    def process(self, doc: Doc) -> Iterable[Technique]:
        text = doc_text(doc)
        encoded = self.model.encode(text, doc_pieces(doc, self.model.tokenizer))
        return _techniques(text, encoded, self.model, self.min_label_probability)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """One doc at a time: each window runs alone (see :mod:`claimgraph.components.encoder`),
        so batching docs would change nothing but memory."""
        for doc in docs:
            yield self(doc)


def make_techniques(
    nlp: Language, name: str, min_label_probability: float = DEFAULT_MIN_LABEL_PROBABILITY
) -> Techniques:
    return Techniques(nlp, name, min_label_probability)


SPEC = ComponentSpec(
    name="claimgraph_techniques_v1",
    make=make_techniques,
    requires=(),
    assigns=("doc._.cg_techniques",),
    default_config={"min_label_probability": DEFAULT_MIN_LABEL_PROBABILITY},
)
