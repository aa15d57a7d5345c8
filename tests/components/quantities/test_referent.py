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
    # after the lead, which reports the event itself
    lead = "A 5.9 quake hit Qeshm island on Sunday, killing 10 people. "
    assert one(qnlp, lead + "The 2005 quake killed 612 people.", "612").scope == "other_event"
    assert one(qnlp, lead + "The same island was hit by a 6.1 quake in September.", "6.1").scope == "other_event"
    assert one(qnlp, lead + "The Bam quake killed 26,000 people in December 2003.", "26,000").scope == "other_event"


def test_the_lead_and_its_year_are_the_event(qnlp):
    text = "Police arrested a woman in the 1967 killings of two women. She denied killing the two women in 1967."
    scopes = [q.scope for q in qnlp(text)._.cg_quantities if q.text == "two"]
    assert scopes == ["event", "event"]


def test_a_headline_above_the_sentence_is_not_its_clause(qnlp):
    text = "Quake hit Iran in 2005\nA 5.9 quake hit Qeshm island.\nThe quake killed 612 people on Sunday."
    assert one(qnlp, text, "612").scope == "event"


def test_a_price_is_keyed_by_what_was_paid(qnlp):
    q = one(qnlp, "Microsoft paid $500 million for SeaMicro.", "$500 million")
    assert (q.role, q.referent_key, q.scope) == ("money", "pay", "event")


def test_a_magnitude_is_no_count(qnlp):
    for text, needle in [("A 5.9-magnitude quake struck Qeshm.", "5.9"),
                         ("The quake measured magnitude - 5.9, officials said.", "5.9"),
                         ("An earthquake registering 6.1 on the Richter scale hit Iran.", "6.1"),
                         ("Earlier on Sunday a 5.6 quake jolted the island.", "5.6"),
                         ("Tehran put the quake's magnitude at 5.9 on Sunday.", "5.9")]:
        q = one(qnlp, text, needle)
        assert (q.unit, q.referent_key) == ("magnitude", "magnitude"), text
    assert one(qnlp, "Two quakes jolted the island.", "Two").unit != "magnitude"


@pytest.mark.parametrize("text, needle", [
    ("Tom Tennant and William Hakim, both 51, died at the scene.", "51"),
    ("The gunman was Benjamin David Banky, 40.", "40"),
    ("Police found the bodies of two women -- 68 and 48-years-old -- inside.", "68"),
])
def test_ages_are_about_individuals(qnlp, text, needle):
    q = one(qnlp, text, needle)
    assert (q.role, q.scope) == ("age", "individual")


@pytest.mark.parametrize("text, needle", [
    ("The bodies were found at 24 Independent Street on Tuesday.", "24"),
    ("The quake struck at 1353 (1023 GMT) on Sunday.", "1023"),
    ("Police arrested a woman in the 1967 killings of two women.", "1967"),
    ("See articles. latimes. com / 2005 / nov / 28 / world for more.", "28"),
])
def test_addresses_clock_times_years_and_web_addresses_are_no_quantities(qnlp, text, needle):
    assert not [q for q in qnlp(text)._.cg_quantities if needle in q.text]
