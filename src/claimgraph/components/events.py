"""Events: who did what to whom, where, when, with what toll."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Event
from ._base import Component, ComponentSpec

__all__ = ["Events", "SPEC"]


class Events(Component):
    section = "events"

    def process(self, doc: Doc) -> Iterable[Event]:
        return ()  # not implemented yet: see the issue for this component


def make_events(nlp: Language, name: str) -> Events:
    return Events(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_events_v1",
    make=make_events,
    requires=("doc._.cg_quantities", "doc._.cg_times", "doc._.cg_places"),
    assigns=("doc._.cg_events",),
)
