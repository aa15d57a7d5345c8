from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.components._numbers import bounds_of, parse_number, vague_value
from claimgraph.components.quantities._roles import ROLES
from claimgraph.components.quantities.component import find_quantities
from claimgraph.pipeline import build_pipeline


@pytest.fixture(scope="module")
def qnlp():
    return build_pipeline(("claimgraph_quantities_v1",))


def quantities(nlp, text):
    doc = nlp(text)
    assert not doc._.cg_errors, doc._.cg_errors
    return list(doc._.cg_quantities)


def one(nlp, text, needle):
    found = [q for q in quantities(nlp, text) if needle in q.text]
    assert len(found) == 1, (needle, quantities(nlp, text))
    return found[0]


def assert_valid(text, records):
    for q in records:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.value is None or math.isfinite(q.value)
        assert q.role in ROLES


# -- the seed article ---------------------------------------------------------------------
def test_seed_article_figures(qnlp, seed_text):
    found = quantities(qnlp, seed_text)
    assert_valid(seed_text, found)
    by_text = {q.text: q for q in found}
    killed = by_text["137"]
    assert (killed.value, killed.unit, killed.role) == (137, "people", "fatalities")
    injured = by_text["At least 60"]
    assert (injured.value, injured.low, injured.high, injured.role) == (60, 60, None, "injured")
    attending = by_text["over 6000"]
    assert (attending.value, attending.low, attending.role, attending.unit) == (6000, 6000, "attendees", "people")
    assert by_text["two"].value == 2 and "missile" in by_text["two"].unit
    money = by_text["$5000"]
    assert (money.value, money.unit, money.role) == (5000, "USD", "money")
    minutes = by_text["six minutes"]
    assert (minutes.value, minutes.unit, minutes.role) == (6, "minutes", "duration")
    million = by_text["2.8 million"]
    assert (million.value, million.unit) == (2_800_000, "people")
    assert not any(q.text == "1917" or q.value == 1917 for q in found)


# -- hand-built sentences -----------------------------------------------------------------
@pytest.mark.parametrize(("text", "needle", "expected"), [
    ("Between 40 and 60 people were arrested.", "40", dict(value=40, low=40, high=60, role="arrested")),
    ("Up to 50 rockets were fired at the city.", "50", dict(value=50, high=50, low=None, role="missiles")),
    ("Dozens were wounded in the blast.", "Dozens", dict(value=12, approximate=True, role="injured")),
    ("Hundreds of people gathered outside.", "Hundreds", dict(value=100, approximate=True, unit="people", role="attendees")),
    ("Tens of thousands fled the fighting.", "Tens of thousands", dict(value=10_000, approximate=True, role="displaced")),
    ("About 41 percent of voters agreed.", "41", dict(value=41, approximate=True, unit="percent")),
    ("Twenty-seven states sued the agency.", "Twenty-seven", dict(value=27, unit="state", role="other")),
    ("He served seven and a half years in office.", "seven", dict(value=7.5, unit="years", role="duration")),
    ("The deal was worth $2.8bn last year.", "$2.8bn", dict(value=2.8e9, unit="USD", role="money")),
    ("Nearly $1.1 billion was raised.", "$1.1", dict(value=1.1e9, high=1.1e9, approximate=True)),
    ("Steinle, 32, was shot on the pier.", "32", dict(value=32, unit="years", role="age")),
    ("A 25-year-old man was detained.", "25", dict(value=25, unit="years", role="age")),
    ("Officials said 137 people died.", "137", dict(value=137, unit="people", role="fatalities")),
    ("A city of 2 million inhabitants.", "2 million", dict(value=2e6, unit="people", role="population")),
    ("They got a 30-minute interview.", "30", dict(value=30, unit="minutes", role="duration")),
    ("One person was killed in the attack.", "One", dict(value=1, role="fatalities")),
    ("Households making $100,000 or more voted.", "$100,000", dict(value=1e5, low=1e5, unit="USD")),
    ("Donors who give $200 or less.", "$200", dict(value=200, high=200, role="money")),
    ("The couple, 27 and 29 years old, left.", "29", dict(value=29, unit="years", role="age")),
])
def test_quantity_fields(qnlp, text, needle, expected):
    q = one(qnlp, text, needle)
    for field, value in expected.items():
        assert getattr(q, field) == value, (field, q)


@pytest.mark.parametrize("text", [
    "The attack took place on March 22 in 2016.",
    "It happened at 10:13 on 9/11, and they work 24/7.",
    "He is one of the candidates, and no one else came.",
    "F-16 jets flew over Pier 14 for the 3rd time.",
    "The 1951 Refugee Convention still holds.",
    "Five days ago, the rally began; three weeks later it ended.",
    "It lost by a 2-to-1 vote.",
    "The plan should be ready by 6 o’clock.",
])
def test_not_quantities(qnlp, text):
    assert quantities(qnlp, text) == []


def test_pairs_that_are_not_ranges_give_two_figures(qnlp):
    found = quantities(qnlp, "Clinton leads by 49 percent to 47 percent.")
    assert [(q.value, q.low, q.high) for q in found] == [(49, None, None), (47, None, None)]


# -- bad input ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["1,2,3", "1,2,3 people", "", " ", "$", "$$$ 5,00,000", "99999999999999999999999 ants",
                                  "one two three four", "\u2015 40 \u2015", "¾ of 5½ km", "32 March"])
def test_bad_input_never_crashes(qnlp, text):
    found = quantities(qnlp, text)
    assert_valid(text, found)
    assert all(q.value != 123 for q in found)


def test_very_long_document(qnlp):
    text = "Police said at least 60 people were injured on March 22. " * 1000
    found = quantities(qnlp, text)
    assert len(found) == 1000
    assert_valid(text, found)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,.$%- abcmorethanlsvy\n")), max_size=80))
def test_spans_always_inside_text(qnlp, text):
    assert_valid(text, quantities(qnlp, text))


# -- number parsing -----------------------------------------------------------------------
@given(st.integers(min_value=0, max_value=10**12))
def test_parse_digits_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@pytest.mark.parametrize(("text", "value"), [
    ("two", 2), ("twenty-seven", 27), ("three hundred and forty two", 342), ("2.8 million", 2.8e6),
    ("5bn", 5e9), ("1billion", 1e9), ("a dozen", 12), ("seven and a half", 7.5),
    ("three-and-a-half thousand", 3500), ("1,2,3", None), ("banana", None), ("", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_vague_and_bounds():
    assert vague_value("dozens") == 12 and vague_value("hundreds") == 100 and vague_value("tens") == 10
    assert bounds_of("at least").low and bounds_of("up to").high and bounds_of("nearly").approximate
    assert not (bounds_of("unknown").low or bounds_of("unknown").high)


def test_find_quantities_is_a_generator_in_text_order(qnlp):
    doc = qnlp("5 cats, 6 dogs and 7 birds.")
    found = list(find_quantities(doc))
    assert [q.value for q in found] == [5, 6, 7]


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=2, max_value=999_999),
       st.sampled_from([("at least", "low"), ("up to", "high"), ("more than", "low"), ("", None)]))
def test_bounded_counts_round_trip(qnlp, n, modifier):
    words, bound = modifier
    text = f"Police said {words} {n:,} people were killed.".replace("  ", " ")
    q = one(qnlp, text, f"{n:,}")
    assert (q.value, q.unit, q.role) == (n, "people", "fatalities")
    assert q.low == (n if bound == "low" else None) and q.high == (n if bound == "high" else None)
