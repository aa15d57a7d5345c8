"""The referent and scope of a quantity, read from the parse and stored for compare."""

from __future__ import annotations

import pytest

from claimgraph.pipeline import build_pipeline


@pytest.fixture(scope="module")
def qnlp():
    return build_pipeline(("claimgraph_quantities_v1",))


def one(nlp, text, needle):
    found = [q for q in nlp(text)._.cg_quantities if needle in q.text]
    assert len(found) == 1, (needle, found)
    q = found[0]
    if q.referent is not None:
        assert text[q.referent.start:q.referent.end] == q.referent.text
    return q


def test_an_age_after_a_name_is_about_an_individual(qnlp):
    q = one(qnlp, "Kenia Elizabeth Avila, 35, appeared shaken.", "35")
    assert (q.role, q.scope) == ("age", "individual")


def test_a_caravan_of_migrants_counts_the_caravan(qnlp):
    q = one(qnlp, "A caravan of about 1,200 migrants headed north.", "1,200")
    assert (q.referent_head, q.referent_key, q.scope) == ("migrant", "caravan", "event")
    assert "caravan" in q.referent.text and "migrants" in q.referent.text


def test_people_killed_in_the_attack(qnlp):
    q = one(qnlp, "At least 137 people were killed in the attack.", "137")
    assert q.role == "fatalities" and q.referent.text == "people were killed in the attack"
    assert (q.referent_key, q.scope) == ("people", "event")


@pytest.mark.parametrize(("text", "needle"), [
    ("Lawyers denied any coaching of the roughly 400 people in the caravan who recently arrived.", "400"),
    ("More than 150 migrants, part of a caravan that once numbered about 1,200, were prepared.", "150"),
    ("More than 150 migrants, part of a caravan that once numbered about 1,200, were prepared.", "1,200"),
    ("By Sunday afternoon, a group of about 150 of the caravan's members had begun crossing.", "150"),
])
def test_members_of_a_named_body_count_that_body(qnlp, text, needle):
    assert one(qnlp, text, needle).referent_key == "caravan"


def test_her_children_and_his_prison_term_are_about_individuals(qnlp):
    assert one(qnlp, "She could be separated from her three children.", "three").scope == "individual"
    q = one(qnlp, "He was sentenced to 10 years in prison.", "10 years")
    assert (q.role, q.referent_key, q.scope) == ("duration", "sentence", "individual")


def test_a_figure_of_an_earlier_event_is_marked(qnlp):
    assert one(qnlp, "The 2005 quake killed 612 people.", "612").scope == "other_event"


def test_a_price_is_keyed_by_what_was_paid(qnlp):
    q = one(qnlp, "Microsoft paid $500 million for SeaMicro.", "$500 million")
    assert (q.role, q.referent_key, q.scope) == ("money", "pay", "event")
