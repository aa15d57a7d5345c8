"""Schema records: JSON round trip, offsets invariant, JSON Schema conformance."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import claimgraph
from claimgraph.model import (
    CUE_CLASSES,
    SOURCE_KINDS,
    TECHNIQUES,
    Analysis,
    Attribution,
    Claim,
    Cue,
    ErrorRecord,
    Event,
    Hedge,
    Place,
    Quantity,
    Sentence,
    Source,
    Span,
    Technique,
    TimeExpression,
    from_dict,
    to_dict,
)
from claimgraph.pipeline import assemble
from claimgraph.serialize import from_json, schema, to_json, validate


def _full_analysis() -> Analysis:
    text = "Officials said 137 people were killed in Moscow on March 22. It is surely a lie."
    art = claimgraph.make_article(text, title="T", published="2024-03-27", outlet="X")

    def sp(s: str) -> tuple[int, int, str]:
        i = text.index(s)
        return i, i + len(s), s

    s, e, t = sp("Officials")
    source = Source(start=s, end=e, text=t, kind="government")
    s, e, t = sp("said")
    cue = Cue(start=s, end=e, text=t, cue_class="neutral")
    s, e, t = sp("137 people were killed in Moscow on March 22")
    content = Span(start=s, end=e, text=t)
    q = Quantity(**dict(zip(("start", "end", "text"), sp("137"))), value=137.0, unit="people", role="fatalities")
    tm = TimeExpression(**dict(zip(("start", "end", "text"), sp("March 22"))), value="2024-03-22", precision="day")
    pl = Place(**dict(zip(("start", "end", "text"), sp("Moscow"))), name="Moscow", country="RU", lat=55.75,
               lon=37.62, precision="city")
    hedge = Hedge(**dict(zip(("start", "end", "text"), sp("surely"))), kind="booster")
    trig = Span(**dict(zip(("start", "end", "text"), sp("killed"))))
    return Analysis(
        article=art,
        sentences=(Sentence(start=0, end=60, text=text[:60], checkworthiness=0.9),),
        attributions=(Attribution(id="a1", source=source, cue=cue, content=content, certainty=0.8),),
        claims=(Claim(id="c1", start=62, end=len(text), text=text[62:], attribution="author", certainty=0.9,
                      hedges=(hedge,)),),
        quantities=(q,), times=(tm,), places=(pl,),
        events=(Event(id="e1", type="attack", trigger=trig, place=pl, time=tm, quantities=(q,)),),
        techniques=(Technique(**dict(zip(("start", "end", "text"), sp("surely a lie"))),
                              technique="Doubt", score=0.5),),
        errors=(ErrorRecord(stage="x", code="CG400", message="m"),),
    )


def test_full_document_round_trips_and_validates():
    analysis = _full_analysis()
    document = to_dict(analysis)
    validate(document)
    assert list(document) == ["schema_version", "article", "sentences", "attributions", "claims", "quantities",
                              "times", "places", "events", "techniques", "errors"]
    assert document["attributions"][0]["cue"]["class"] == "neutral"
    assert from_json(to_json(analysis)) == analysis


def test_schema_vocabularies_match_model():
    defs = schema()["$defs"]
    assert tuple(defs["source"]["properties"]["kind"]["enum"]) == SOURCE_KINDS
    assert tuple(defs["cue"]["properties"]["class"]["enum"]) == CUE_CLASSES
    assert tuple(defs["technique"]["properties"]["technique"]["enum"]) == TECHNIQUES


def test_validate_rejects_a_bad_document():
    document = to_dict(_full_analysis())
    document["techniques"][0]["technique"] = "Shouting"
    try:
        validate(document)
    except claimgraph.ClaimgraphError as exc:
        assert exc.code == "CG403" and "techniques/0/technique" in exc.message
    else:
        raise AssertionError("an unknown technique passed validation")


def test_assemble_drops_spans_that_do_not_match_the_text(nlp):
    art = claimgraph.make_article("Ten people died.")
    doc = nlp.make_doc(art.text)
    doc._.cg_quantities = (
        Quantity(start=0, end=3, text="Ten", value=10.0),
        Quantity(start=0, end=3, text="Six", value=6.0),
        Quantity(start=10, end=99, text="x", value=1.0),
    )
    result = assemble(art, doc)
    assert [q.text for q in result.quantities] == ["Ten"]
    assert any(e.code == "CG402" for e in result.errors)


unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)


@settings(max_examples=40, deadline=None)
@given(unicode_text)
def test_every_span_matches_its_offsets_on_random_text(nlp, text):
    analysis = claimgraph.analyze(text, nlp=nlp)
    document = to_dict(analysis)
    validate(document)
    for span in _spans(document):
        assert text[span["start"]:span["end"]] == span["text"]


def _spans(node):
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys():
            yield node
        for key, value in node.items():
            if key != "article":
                yield from _spans(value)
    elif isinstance(node, list):
        for item in node:
            yield from _spans(item)


@settings(max_examples=60, deadline=None)
@given(st.builds(Quantity, start=st.integers(0, 9), end=st.integers(0, 9), text=unicode_text,
                 value=st.none() | st.floats(allow_nan=False, allow_infinity=False),
                 low=st.none() | st.floats(allow_nan=False, allow_infinity=False),
                 unit=st.none() | st.text(max_size=5), approximate=st.booleans()))
def test_records_round_trip_through_json(quantity):
    assert from_dict(Quantity, json.loads(json.dumps(to_dict(quantity)))) == quantity
