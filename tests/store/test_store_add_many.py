"""Store.add_many: many analyses in one transaction, leaving stored analyses as they are."""

from __future__ import annotations

import dataclasses

from claimgraph.ingest import make_article
from claimgraph.model import Analysis, Claim
from claimgraph.store import open_store


def _analysis(text: str, claim_text: str) -> Analysis:
    article = make_article(text, outlet="Wire")
    start = text.index(claim_text)
    claim = Claim(id="c1", start=start, end=start + len(claim_text), text=claim_text, attribution="author")
    return Analysis(article=article, claims=(claim,))


def test_add_many_counts_new_articles_and_keeps_stored_analyses():
    first = _analysis("Officials said 12 people died.", "12 people died")
    second = _analysis("The river rose by two metres.", "The river rose")
    with open_store(":memory:") as store:
        assert store.add_many([first, second]) == 2
        changed = dataclasses.replace(first, claims=())
        assert store.add_many([changed, second]) == 0
        assert store.get_analysis(first.article.id).claims == first.claims  # kept as first written


def test_add_many_gives_an_analysis_to_an_article_stored_without_one():
    analysis = _analysis("Officials said 12 people died.", "12 people died")
    with open_store(":memory:") as store:
        store.add(analysis.article)
        assert store.add_many([analysis]) == 0
        assert store.get_analysis(analysis.article.id).claims == analysis.claims
