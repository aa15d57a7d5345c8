"""Events: who did what to whom, where, when, with what toll.

Triggers (verbs and nominalisations: attack, strike, kill, shell, arrest, protest, accuse,
warn, agree, elect, ...) are found and typed by :mod:`._event_rules` using the taxonomy of
:mod:`.event_types` (ACLED/PLOVER mapped). The component then builds one event per
real-world occurrence:

1. Planned, prevented or hypothetical triggers ("were planning an attack", "would have
   killed") are dropped.
2. Consequence verbs fold into the event they report: "the attack ... killed 137 people"
   is one event whose targets include "137 people". A consequence verb folds into the
   event noun that is its subject, else into the closest earlier violent event of its
   sentence, else, when it has no agent ("60 were injured"), into the last violent event
   of the previous sentence.
3. Bare definite event nouns ("the attack", "this massacre") merge into the last violent
   event of the two sentences before, when there is one.

Sentences are the parser's, also split at blank lines (headlines and datelines stay
apart). Place: the nearest :class:`~claimgraph.model.Place` in the event's sentence, else
the last one of the previous sentence. Time: the nearest
:class:`~claimgraph.model.TimeExpression` in the sentence, else none (the export falls
back to the publication date, with a coarser precision code). Quantities: those of the
sentence whose role fits the event's family (fatalities, injured, attendees, missiles for
violence), each given to the nearest such event; those of a sentence without a fitting
event go to the last fitting event of the previous sentence. Event ids are "e1", "e2", ...
in text order of the triggers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ...model import Event, Place, Quantity, Span, TimeExpression
from .._base import Component, ComponentSpec, doc_text, get_section
from ._rules import (
    Draft,
    build_matcher,
    find_drafts,
    is_anaphoric,
    is_consequence,
    subject_token,
)
from .types import HARM_FAMILIES, ROLES_BY_FAMILY

__all__ = ["Events", "SPEC", "sentence_units"]

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: How many sentences back a bare "the attack" may look for the event it refers to.
ANAPHORA_WINDOW = 2


class Events(Component):
    section = "events"

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.matcher = build_matcher(nlp.vocab)

    def process(self, doc: Doc) -> Iterable[Event]:
        units = sentence_units(doc)
        unit_of = _unit_of_tokens(doc, units)
        drafts = [d for d in find_drafts(doc, self.matcher, unit_of) if d.realis]
        drafts = _merge(drafts, unit_of)
        return _assemble(doc, drafts, units)

    def triggers(self, doc: Doc, *, realis_only: bool = True) -> list[tuple[int, int, str]]:
        """Every trigger before folding and merging (for scoring trigger detection)."""
        unit_of = _unit_of_tokens(doc, sentence_units(doc))
        drafts = find_drafts(doc, self.matcher, unit_of)
        return [(d.start, d.end, d.type) for d in drafts if d.realis or not realis_only]


def sentence_units(doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of the parser's sentences, also split at blank lines."""
    text = doc_text(doc)
    units = []
    for sent in doc.sents:
        start = sent.start_char
        for match in _BLANK_LINE.finditer(text, sent.start_char, sent.end_char):
            units.append((start, match.start()))
            start = match.end()
        units.append((start, sent.end_char))
    return [(s, e) for s, e in units if text[s:e].strip()]


def _unit_of_tokens(doc: Doc, units: list[tuple[int, int]]) -> list[int]:
    starts = [s for s, _e in units]
    return [max(0, bisect.bisect_right(starts, t.idx) - 1) for t in doc]


# -- folding and merging -------------------------------------------------------------------


def _merge(drafts: list[Draft], unit_of: list[int]) -> list[Draft]:
    by_token = {d.token.i: d for d in drafts}
    for draft in drafts:
        if is_consequence(draft):
            host = _consequence_host(draft, drafts, by_token, unit_of)
            if host is not None:
                _fold(draft, host)
    for draft in drafts:
        head = by_token.get(draft.token.head.i)
        if draft.nominal and head is not None and head is not draft and head.family == draft.family \
                and draft.token.dep_ in ("dobj", "obj"):
            _fold(draft, _root(head))  # "signed a ceasefire agreement" is one event
    for draft in drafts:
        if draft.folded_into is None and draft.family in HARM_FAMILIES and is_anaphoric(draft):
            host = _antecedent(draft, drafts)
            # "the attack" may refer to any violent event; "the blast" only to a blast, and
            # "the fire" only to a fire.
            if host is not None and (draft.type == host.type
                                     or draft.type == "attack" and host.family == "violence"):
                _fold(draft, host)
    return [d for d in drafts if d.folded_into is None]


def _consequence_host(draft: Draft, drafts: list[Draft], by_token: dict, unit_of: list[int]) -> Draft | None:
    subject = subject_token(draft, unit_of)
    if subject is None:  # agentless: "killed 137 people", "60 more were injured"
        return _earlier_violence(draft, drafts, same_unit=True) or _earlier_violence(draft, drafts, same_unit=False)
    host = by_token.get(subject.i)
    if host is not None and host.nominal and host.family in HARM_FAMILIES:
        return _root(host)  # "the attack destroyed ...", "the fire killed ..."
    return None  # "Gunmen killed five", "missiles destroyed ...": events of their own


def _earlier_violence(draft: Draft, drafts: list[Draft], *, same_unit: bool) -> Draft | None:
    unit = draft.unit if same_unit else draft.unit - 1
    found = None
    for other in drafts:
        if other is draft or other.start >= draft.start and same_unit:
            continue
        if other.unit == unit and other.family in HARM_FAMILIES and not is_consequence(other):
            found = other
    return _root(found) if found is not None else None


def _antecedent(draft: Draft, drafts: list[Draft]) -> Draft | None:
    found = None
    for other in drafts:
        if other.start >= draft.start:
            break
        if draft.unit - ANAPHORA_WINDOW <= other.unit < draft.unit and other.family in HARM_FAMILIES:
            found = _root(other)
    return found if found is not draft else None


def _root(draft: Draft) -> Draft:
    while draft.folded_into is not None:
        draft = draft.folded_into
    return draft


def _fold(draft: Draft, host: Draft) -> None:
    if host is draft:
        return
    draft.folded_into = host
    host.actors.extend(a for a in draft.actors if a not in host.actors)
    host.targets.extend(t for t in draft.targets if t not in host.targets)
    if host.type in ("attack", "destruction") and draft.type not in ("attack", "destruction"):
        host.type = draft.type  # the more specific reading wins
    draft.actors, draft.targets = [], []


# -- attaching places, times and quantities ------------------------------------------------


def _assemble(doc: Doc, drafts: list[Draft], units: list[tuple[int, int]]) -> list[Event]:
    starts = [s for s, _e in units]

    def unit_at(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    places = sorted(get_section(doc, "places"), key=lambda p: p.start)
    times = sorted(get_section(doc, "times"), key=lambda t: t.start)
    quantities = _assign_quantities(drafts, get_section(doc, "quantities"), unit_at)
    events = []
    for number, draft in enumerate(drafts, start=1):
        events.append(Event(
            id=f"e{number}",
            type=draft.type,
            trigger=Span(start=draft.start, end=draft.end, text=doc_text(doc)[draft.start:draft.end]),
            actors=_spans(doc, draft.actors),
            targets=_spans(doc, draft.targets),
            place=_place(draft, places, unit_at),
            time=_nearest(draft, [t for t in times if unit_at(t.start) == draft.unit]),
            quantities=tuple(sorted(quantities.get(id(draft), ()), key=lambda q: q.start)),
        ))
    return events


def _spans(doc: Doc, bounds: list[tuple[int, int]]) -> tuple[Span, ...]:
    unique = sorted(set(bounds))
    return tuple(Span(start=s, end=e, text=doc_text(doc)[s:e]) for s, e in unique if 0 <= s < e <= len(doc_text(doc)))


def _nearest(draft: Draft, records: Sequence[Place] | Sequence[TimeExpression]):  # type: ignore[no-untyped-def]
    if not records:
        return None
    return min(records, key=lambda r: min(abs(r.start - draft.end), abs(draft.start - r.end)))


def _place(draft: Draft, places: list[Place], unit_at) -> Place | None:  # type: ignore[no-untyped-def]
    same = [p for p in places if unit_at(p.start) == draft.unit]
    if same:
        return _nearest(draft, same)
    before = [p for p in places if unit_at(p.start) == draft.unit - 1]
    return before[-1] if before else None


def _assign_quantities(drafts: list[Draft], quantities: Iterable[Quantity], unit_at) -> dict[int, list[Quantity]]:  # type: ignore[no-untyped-def]
    assigned: dict[int, list[Quantity]] = {}
    for quantity in quantities:
        unit = unit_at(quantity.start)
        fitting = [d for d in drafts if quantity.role in ROLES_BY_FAMILY[d.family]]
        same = [d for d in fitting if d.unit == unit]
        if same:
            host = min(same, key=lambda d: abs(d.start - quantity.start))
        else:
            before = [d for d in fitting if d.unit == unit - 1]
            host = before[-1] if before else None
        if host is not None:
            assigned.setdefault(id(host), []).append(quantity)
    return assigned


def make_events(nlp: Language, name: str) -> Events:
    return Events(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_events_v1",
    make=make_events,
    requires=("token.dep", "token.lemma", "doc._.cg_quantities", "doc._.cg_times", "doc._.cg_places"),
    assigns=("doc._.cg_events",),
)
