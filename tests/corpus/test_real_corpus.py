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


def test_compare_shows_agreeing_tolls_and_differing_injury_counts_with_spans(corpus):
    analyses, by_id = corpus
    events = list_events(analyses)
    comparisons = [event_comparison(analyses, s.id) for s in events]
    comparison = next(c for c in comparisons if any(a.id == "ecb-20_7ecbplus" for a in c.articles))
    aspects = {a.name: a for a in comparison.figures}
    assert {"fatalities", "injured"} <= set(aspects)
    tolls = {r.value for r in aspects["fatalities"].reports}
    assert 10.0 in tolls  # the reports of this quake say 10 dead (others recall earlier quakes: 612, 600)
    injured = {r.value for r in aspects["injured"].reports}
    assert {50.0, 70.0, 80.0} <= injured
    assert aspects["injured"].status == "conflict"
    assert comparison.conflicts > 0
    for aspect in aspects.values():
        for r in aspect.reports:
            text = by_id[r.article_id].article.text
            assert text[r.span.start:r.span.end] == r.span.text
            assert r.span.text in r.sentence.text
