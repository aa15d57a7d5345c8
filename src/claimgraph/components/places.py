"""Places geocoded offline from a gazetteer."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Place
from ._base import Component, ComponentSpec

__all__ = ["Places", "SPEC"]


class Places(Component):
    section = "places"

    def process(self, doc: Doc) -> Iterable[Place]:
        return ()  # not implemented yet: see the issue for this component


def make_places(nlp: Language, name: str) -> Places:
    return Places(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_places_v1",
    make=make_places,
    requires=("token.ent_type",),
    assigns=("doc._.cg_places",),
)
