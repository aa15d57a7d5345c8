"""Time expressions normalised against the article's publication date."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..model import TimeExpression
from ._base import Component, ComponentSpec

__all__ = ["Times", "SPEC"]


class Times(Component):
    section = "times"

    def process(self, doc: Doc) -> Iterable[TimeExpression]:
        return ()  # not implemented yet: see the issue for this component


def make_times(nlp: Language, name: str) -> Times:
    return Times(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_times_v1",
    make=make_times,
    requires=("token.ent_type",),
    assigns=("doc._.cg_times",),
)
