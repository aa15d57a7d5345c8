"""Sentences, each with a check-worthiness score in [0, 1].

Until a trained model ships, sentences come out with ``checkworthiness=None``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Sentence
from ._base import Component, ComponentSpec

__all__ = ["CheckWorthiness", "SPEC", "sentence_bounds"]


def sentence_bounds(doc: Doc) -> Iterator[tuple[int, int]]:
    """Character bounds of each sentence, without surrounding white space.

    A doc without sentence boundaries (no parser ran) counts as one sentence.
    """
    sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        yield start, start + len(stripped)


class CheckWorthiness(Component):
    section = "sentences"

    def process(self, doc: Doc) -> Iterable[Sentence]:
        for start, end in sentence_bounds(doc):
            yield Sentence(start=start, end=end, text=doc.text[start:end], checkworthiness=None)


def make_checkworthiness(nlp: Language, name: str) -> CheckWorthiness:
    return CheckWorthiness(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_checkworthiness_v1",
    make=make_checkworthiness,
    requires=("token.is_sent_start",),
    assigns=("doc._.cg_sentences",),
)
