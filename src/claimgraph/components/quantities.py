"""Quantities: numbers with value, range, unit and role."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Quantity
from ._base import Component, ComponentSpec

__all__ = ["Quantities", "SPEC"]


class Quantities(Component):
    section = "quantities"

    def process(self, doc: Doc) -> Iterable[Quantity]:
        return ()  # not implemented yet: see the issue for this component


def make_quantities(nlp: Language, name: str) -> Quantities:
    return Quantities(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_quantities_v1",
    make=make_quantities,
    requires=("token.dep", "token.ent_type"),
    assigns=("doc._.cg_quantities",),
)
