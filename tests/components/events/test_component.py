"""Events: triggers typed by the taxonomy, with actors, targets, place, time and toll."""

from __future__ import annotations

import re

import pytest

import claimgraph

from claimgraph.components.events.types import EVENT_TYPES, NOUN_TRIGGERS, VERB_TRIGGERS
from claimgraph.model import Quantity, TimeExpression

EVENTS = "claimgraph_events_v1"


@pytest.fixture(scope="module")
def nlp():
    from claimgraph.pipeline import build_pipeline

    return build_pipeline(("claimgraph_places_v1", EVENTS))


def run(nlp, text, quantities=(), times=()):
    """Run the pipeline, setting the upstream quantities and times by hand before events."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == EVENTS:
            doc._.cg_quantities = tuple(quantities)
            doc._.cg_times = tuple(times)
        doc = proc(doc)
    assert not doc._.cg_errors
    _check_invariants(text, doc._.cg_events)
    return doc._.cg_events


def _check_invariants(text, events):
    assert [e.id for e in events] == [f"e{i}" for i in range(1, len(events) + 1)]
    assert [e.trigger.start for e in events] == sorted(e.trigger.start for e in events)
    for e in events:
        assert e.type in EVENT_TYPES
        for span in (e.trigger, *e.actors, *e.targets):
            assert 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text


def quantity(text, sub, role, value):
    start = text.index(sub)
    return Quantity(start=start, end=start + len(sub), text=sub, value=value, role=role)


def time(text, sub, value):
    start = text.index(sub)
    return TimeExpression(start=start, end=start + len(sub), text=sub, value=value, precision="day")


def test_taxonomy_is_complete():
    assert set(VERB_TRIGGERS.values()) <= set(EVENT_TYPES)
    assert set(NOUN_TRIGGERS.values()) <= set(EVENT_TYPES)
    for event_type in EVENT_TYPES.values():
        assert event_type.family in ("violence", "arrest", "protest", "statement", "agreement", "election",
                                     "disaster")
        assert (event_type.acled_event_type is None) == (event_type.acled_sub_event_type is None)


def test_attack_with_toll_time_and_place(nlp):
    text = ("On Friday a bomb attack on a market in Kabul killed 12 people. "
            "At least 30 more were injured.")
    events = run(nlp, text,
                 quantities=[quantity(text, "12 people", "fatalities", 12),
                             quantity(text, "30", "injured", 30)],
                 times=[time(text, "Friday", "2024-05-03")])
    assert len(events) == 1
    (e,) = events
    assert e.type == "bombing" and e.trigger.text == "attack"
    assert "market" in [t.text for t in e.targets]
    assert e.place.name == "Kabul" and e.place.country == "AF"
    assert e.time.value == "2024-05-03"
    assert [(q.role, q.value) for q in e.quantities] == [("fatalities", 12), ("injured", 30)]


def test_weapon_subject_makes_a_missile_strike(nlp):
    text = "Russian missiles destroyed a power plant in Kharkiv."
    (e,) = run(nlp, text)
    assert e.type == "missile_strike"
    assert [a.text for a in e.actors] == ["Russian"]
    assert [t.text for t in e.targets] == ["power plant"]
    assert e.place.country == "UA"


def test_anaphoric_attack_merges_into_previous_event(nlp):
    text = ("Drones struck an oil depot in Odesa. The attack destroyed two tanks.")
    events = run(nlp, text)
    assert len(events) == 1
    assert events[0].type == "air_drone_strike"
    assert {"oil depot", "two tanks"} <= {t.text for t in events[0].targets}


def test_arrest_with_actor_and_target(nlp):
    text = "Police in Istanbul arrested four suspects on Sunday."
    (e,) = run(nlp, text)
    assert e.type == "arrest"
    assert [a.text for a in e.actors] == ["Police"]
    assert [t.text for t in e.targets] == ["four suspects"]
    assert e.place.country == "TR"


def test_statement_types(nlp):
    text = ("The ministry accused the rebels of shelling the town. "
            "Officials warned residents. The group claimed responsibility for the blast. "
            "The two sides signed a ceasefire agreement. Thousands protested in Paris.")
    types = [e.type for e in run(nlp, text)]
    for expected in ("accusation", "shelling", "warning_threat", "claim_of_responsibility",
                     "bombing", "agreement", "protest"):
        assert expected in types


def test_planned_and_hypothetical_events_are_not_events(nlp):
    text = "Extremists were planning an attack on the city. He would have killed them."
    assert run(nlp, text) == ()


def test_non_events_are_ignored(nlp):
    text = "The warning period was short. She claimed the prize and signed the book."
    assert run(nlp, text) == ()


def test_quantity_with_unrelated_role_is_not_linked(nlp):
    text = "Gunmen killed five villagers after paying $5000."
    events = run(nlp, text, quantities=[quantity(text, "$5000", "money", 5000)])
    assert len(events) == 1 and events[0].quantities == ()


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "attack", "Attack!" * 3, "killed killed killed", "\u2019s"])
def test_degenerate_input(nlp, text):
    run(nlp, text)


def test_very_long_document(nlp):
    text = "Rebels attacked a convoy near Baghdad on Monday.\n\n" * 300
    events = run(nlp, text)
    assert len(events) == 300
    assert all(e.type == "attack" and e.place and e.place.country == "IQ" for e in events)


def _fake_upstream(text):
    """Stand-ins for the times and quantities components: "Month D" dates and counts
    whose role is read from the verb right after or before them."""
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    times = [TimeExpression(start=m.start(), end=m.end(), text=m.group(), value=None, precision="day")
             for m in re.finditer(rf"\b(?:{months}) \d{{1,2}}\b", text)]
    roles = {"killed": "fatalities", "injured": "injured", "attending": "attendees"}
    quantities = []
    for m in re.finditer(r"\b\d[\d,]*\b", text):
        window = text[max(0, m.start() - 12):m.end() + 25]
        centre = m.start() - max(0, m.start() - 12)
        found = [(abs(window.index(w) - centre), r) for w, r in roles.items() if w in window]
        role = min(found)[1] if found else None
        quantities.append(Quantity(start=m.start(), end=m.end(), text=m.group(), value=float(m.group().replace(",", "")), role=role))
    return quantities, times


def test_seed_article_events(nlp, seed_text):
    quantities, times = _fake_upstream(seed_text)
    events = run(nlp, seed_text, quantities=quantities, times=times)
    violent = [e for e in events if EVENT_TYPES[e.type].family == "violence"]

    def toll(e, role):
        return {q.value for q in e.quantities if q.role == role}

    attack = next(e for e in violent if 137 in toll(e, "fatalities"))
    assert attack.time.text == "March 22" and attack.place.name == "Moscow"
    assert 60 in toll(attack, "injured") and 6000 in toll(attack, "attendees")
    strike = next(e for e in violent if e.type == "missile_strike")
    assert strike.time.text == "March 25" and strike.place.name == "Kyiv"
    assert any("Patriot" in t.text for t in strike.targets)
    capture = next(e for e in events if e.type == "arrest")
    assert "leadership" in " ".join(t.text for t in capture.targets)
    assert capture.place.name == "Istanbul"


def test_hyphenated_nominal_keeps_its_prefix_and_possessor(nlp):
    text = "Protests followed Putin's re-election."
    events = run(nlp, text)
    election = next(e for e in events if e.type == "election")
    assert election.trigger.text == "re-election"
    assert [a.text for a in election.actors] == ["Putin"]


def test_opened_fire_and_title_case(nlp):
    events = run(nlp, "A gunman opened fire at a school.")
    assert [(e.type, e.trigger.text) for e in events] == [("attack", "opened fire")]
    events = run(nlp, "Shooting Spree Leaves Town In Shock")
    assert [e.type for e in events] == ["attack"]


def test_a_fire_is_a_disaster_with_its_toll_not_an_attack():
    text = "A fire at the terminal killed 4 workers. Firefighters fought the flames until dawn."
    analysis = claimgraph.analyze(text, profile="fast")  # quantities feed the toll
    types = [e.type for e in analysis.events]
    assert types == ["disaster"]
    assert sorted((q.role, q.value) for q in analysis.events[0].quantities) == [("fatalities", 4.0)]


def test_opened_fire_and_under_fire_are_not_disasters():
    text = "Gunmen opened fire on the crowd. The minister came under fire for his remarks."
    assert [e.type for e in claimgraph.analyze(text, profile="fast").events] == ["attack"]
