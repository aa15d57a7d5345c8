"""Claims: factual statements tied to an attribution or to the author, with hedges and certainty."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Claim
from ._base import Component, ComponentSpec

__all__ = ["Claims", "SPEC"]


class Claims(Component):
    section = "claims"

    def process(self, doc: Doc) -> Iterable[Claim]:
        return ()  # not implemented yet: see the issue for this component


def make_claims(nlp: Language, name: str) -> Claims:
    return Claims(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_claims_v1",
    make=make_claims,
    requires=("doc._.cg_sentences", "doc._.cg_attributions"),
    assigns=("doc._.cg_claims",),
)
