"""Persuasion technique spans labelled with the 14 PTC techniques."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Technique
from ._base import Component, ComponentSpec

__all__ = ["Techniques", "SPEC"]


class Techniques(Component):
    section = "techniques"

    def process(self, doc: Doc) -> Iterable[Technique]:
        return ()  # not implemented yet: see the issue for this component


def make_techniques(nlp: Language, name: str) -> Techniques:
    return Techniques(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_techniques_v1",
    make=make_techniques,
    requires=(),
    assigns=("doc._.cg_techniques",),
)
