"""End to end on real articles: NewsWCL50 outlets covering two events, and ECB+ reports of one earthquake.

The quantities component is built elsewhere; here the figures of the ECB+ earthquake
reports are located with a plain pattern, as that component would report them (value,
role, character offsets), so that what is tested is the grouping and the alignment.
"""

from __future__ import annotations

import re

import pytest

from claimgraph.corpus import event_comparison, list_events
from claimgraph.eval.ecbplus import read_corpus as read_ecbplus
from claimgraph.eval.newswcl50 import read_corpus as read_newswcl50
from claimgraph.model import Analysis, Article, Quantity
from tests.conftest import shared_path

_FIGURE = re.compile(r"\b(?P<verb>killing|wounding|injuring)\s+(?:at least\s+|other\s+)?(?P<n>\d+)"
                     r"|(?<!, )\b(?P<n2>\d+)\s+(?:people\s+)?(?:were\s+)?(?P<verb2>killed|hurt|injured)\b")
_ROLE = {"killing": "killed", "killed": "killed", "wounding": "injured", "injuring": "injured", "hurt": "injured",
         "injured": "injured"}
_DATE = re.compile(r"\bNov(?:ember|ember|\.)?\s+(2[5-9])\s*,?\s+2005|November (2[5-9]) - 2005")


def _quake_analysis(name: str, text: str) -> Analysis:
    quantities = []
    for m in _FIGURE.finditer(text):
        group = "n" if m.group("n") else "n2"
        verb = m.group("verb") or m.group("verb2")
        quantities.append(Quantity(start=m.start(group), end=m.end(group), text=m.group(group),
                                   value=float(m.group(group)), role=_ROLE[verb]))
    date = _DATE.search(text[:300])
    published = f"2005-11-{date.group(1) or date.group(2)}" if date else None
    return Analysis(article=Article(id=f"ecb-{name}", text=text, outlet=f"ECB+ {name}", published=published),
                    quantities=tuple(quantities))


@pytest.fixture(scope="module")
def corpus():
    news = [a for a in read_newswcl50(shared_path("newswcl50")) if a.event in {"0", "3"}]
    analyses = [Analysis(article=Article(id=f"nw-{a.doc_id}", text=a.text, outlet=a.outlet_name,
                                         published=a.published)) for a in news]
    quake = [d for d in read_ecbplus(shared_path("ecbplus", "ECB+"), topics={"20"}) if d.seminal == "ecbplus"]
    analyses += [_quake_analysis(d.name, d.text) for d in quake]
    return analyses, {a.article.id: a for a in analyses}


def test_events_group_the_outlets_of_each_story(corpus):
    analyses, _ = corpus
    events = list_events(analyses)
    by_member = {}
    for summary in events:
        comparison = event_comparison(analyses, summary.id)
        for article in comparison.articles:
            by_member[article.id] = summary.id
    for event in ("0", "3"):
        ids = {by_member[a.article.id] for a in analyses if a.article.id.startswith(f"nw-{event}/")}
        assert len(ids) == 1, f"NewsWCL50 event {event} was split"
    assert by_member["nw-0/-/0_L"] != by_member["nw-3/-/3_L"]
    quake_events = {by_member[a.article.id] for a in analyses if a.article.id.startswith("ecb-")}
    main = max(quake_events, key=lambda e: sum(by_member[a.article.id] == e for a in analyses))
    assert sum(by_member[a.article.id] == main for a in analyses if a.article.id.startswith("ecb-")) >= 8
    news_outlets = next(s.outlets for s in events if s.id == by_member["nw-0/-/0_L"])
    assert len(news_outlets) == 5


def test_compare_shows_the_toll_and_the_injury_counts_with_spans(corpus):
    analyses, by_id = corpus
    events = list_events(analyses)
    comparisons = [event_comparison(analyses, s.id) for s in events]
    comparison = next(c for c in comparisons if any(a.id == "ecb-20_7ecbplus" for a in c.articles))
    slots = {s.role: s for s in comparison.slots}
    assert {"fatalities", "injured"} <= set(slots)
    assert comparison.slots[0].role == "fatalities"  # the toll is the headline fact
    assert 10.0 in {m.value for m in slots["fatalities"].members}
    assert {50.0, 70.0, 80.0} <= {m.value for m in slots["injured"].members}
    assert slots["injured"].verdict in {"update", "conflict"}
    for slot in comparison.slots:
        for m in slot.members:
            assert by_id[m.article_id].article.text[m.start:m.end] == m.text


CARAVAN = "6"


@pytest.fixture(scope="module")
def caravan():
    from claimgraph import analyze

    news = [a for a in read_newswcl50(shared_path("newswcl50")) if a.event == CARAVAN]
    return [analyze(Article(id=f"nw-{a.doc_id}", text=a.text, outlet=a.outlet_name, published=a.published),
                    profile="fast") for a in news]


def test_the_caravan_event_leads_with_the_caravans_size_and_no_individual_figure(caravan):
    from claimgraph.corpus import compare_articles

    comparison = compare_articles(caravan)
    lead = comparison.slots[0]
    assert "caravan" in lead.label
    assert {m.article_id for m in lead.members} == {a.article.id for a in caravan}  # each outlet's figure
    first = {}
    for m in lead.members:
        first.setdefault(m.article_id, m)
    values = {a.article.outlet: first[a.article.id].value for a in caravan}
    assert values["Fox News"] == 400 and values["USA Today"] == 200
    ages = [q for a in caravan for q in a.quantities if q.role == "age"]
    assert ages, "the pipeline finds the ages"
    age_spans = {(a.article.id, q.start) for a in caravan for q in a.quantities if q.scope == "individual"}
    assert all((m.article_id, m.start) not in age_spans for s in comparison.slots for m in s.members)
    assert len(comparison.slots) <= 10


def test_the_caravan_blame_rows_name_real_parties(caravan):
    from claimgraph.corpus import compare_articles, party_of

    comparison = compare_articles(caravan)
    for row in comparison.blame:
        assert party_of(row.party) is not None, row.party
        assert row.party.lower() not in {"it", "mr", "most of", "democrats of", "trumps"}
        assert len(row.party.split()) <= 4
        for m in row.members:
            assert m.by == "author" or party_of(m.by) is not None or m.by == "unnamed source"
