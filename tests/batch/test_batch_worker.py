"""The partition task's analysis, in-process: spaCy batches bounded by characters, inside a memory
zone, with the same output as ``pipe``."""

from __future__ import annotations

import pytest

from claimgraph.batch._worker import analyse, char_groups
from claimgraph.ingest import make_article
from claimgraph.model import to_dict
from claimgraph.pipeline import build_pipeline, pipe, profile_components
from tests.batch.batchkit import TEXTS


def _articles(texts):
    return [make_article(text, outlet="Wire", published="2024-03-01") for text in texts]


def test_char_groups_keep_the_order_and_bound_the_characters_of_each_group():
    articles = _articles(["a" * 40, "b" * 30, "c" * 200, "d" * 10, "e" * 90, "f" * 5])
    groups = char_groups(articles, limit=100)
    assert [a for group in groups for a in group] == articles
    assert [[a.text[0] for a in group] for group in groups] == [["a", "b"], ["c"], ["d", "e"], ["f"]]
    for group in groups:  # an article longer than the limit is alone
        assert len(group) == 1 or sum(len(a.text) for a in group) <= 100
    assert char_groups([], limit=100) == []


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(profile_components("fast"))


@pytest.mark.slow
def test_analyse_gives_what_pipe_gives_whatever_the_grouping(nlp):
    articles = _articles(TEXTS)
    expected = [to_dict(a) for a in pipe(articles, profile="fast")]
    assert max(len(a.text) for a in articles) < 250
    for limit in (1, 250, 600, 10**6):  # one article a batch, two, several, all
        assert [to_dict(a) for a in analyse(nlp, articles, limit=limit)] == expected


@pytest.mark.slow
def test_the_memory_zone_frees_the_strings_of_a_partition_and_keeps_its_analyses_whole(nlp):
    analyse(nlp, _articles(TEXTS[:1]))  # warmed: what components build on a first document stays
    strings = len(nlp.vocab.strings)
    novel = ("Zqxvorth", "Blemfarrow", "Quistlewick")
    texts = [f"{name} said on Monday that 41 people were hurt in {name}ville, the ministry told reporters."
             for name in novel]
    articles = _articles(texts)
    first = analyse(nlp, articles, limit=120)
    assert len(nlp.vocab.strings) == strings  # the zone dropped what the partition added
    assert all(name not in nlp.vocab.strings for name in novel)
    # The analyses are plain records: whole after the zone closed, and equal to a fresh analysis.
    assert [to_dict(a) for a in first] == [to_dict(a) for a in pipe(articles, profile="fast")]
    assert [to_dict(a) for a in analyse(nlp, articles)] == [to_dict(a) for a in first]
    assert any(a.attributions for a in first) and all(a.article.text == t for a, t in zip(first, texts, strict=True))
