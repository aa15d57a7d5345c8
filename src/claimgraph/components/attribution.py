"""Attribution: source, cue and content of reported speech, with the cue's class."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Attribution
from ._base import Component, ComponentSpec

__all__ = ["AttributionFinder", "SPEC"]


class AttributionFinder(Component):
    section = "attributions"

    def process(self, doc: Doc) -> Iterable[Attribution]:
        return ()  # not implemented yet: see the issue for this component


def make_attribution(nlp: Language, name: str) -> AttributionFinder:
    return AttributionFinder(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_attribution_v1",
    make=make_attribution,
    requires=("token.dep", "token.ent_type"),
    assigns=("doc._.cg_attributions",),
)
