"""Search: FTS5 over titles and texts, each filter, their combinations, and bad queries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.store.storekit import full_analysis, make_article

from claimgraph.errors import StoreError, UsageError
from claimgraph.model import Analysis, Attribution, Claim, Technique
from claimgraph.store import quote_query


@pytest.fixture
def corpus(store, analysis_of):
    """Three analysed articles from different outlets and dates, and one bare article."""
    store.save_analysis(analysis_of(id="wire", outlet="Wire", published="2024-03-23"))
    store.save_analysis(analysis_of(prefix="Moscow update. ", id="daily", outlet="Daily", published="2024-03-24"))
    storm = make_article(text="Storms hit the coast; nobody was killed.", id="storm", title="Storm", published=None)
    store.save_analysis(Analysis(article=storm))
    store.add(make_article(text="Markets rallied on Friday.", id="markets", title="Markets", published="2024-03-25"))
    return store


def test_text_query_finds_articles_with_stemming_and_marks(corpus) -> None:
    hits = corpus.search("kill")
    assert {h.article_id for h in hits} == {"wire", "daily", "storm"}
    assert all("[killed]" in h.snippet for h in hits)
    assert all(h.score > 0 for h in hits)
    assert hits == sorted(hits, key=lambda h: -h.score)


def test_text_query_searches_titles(corpus) -> None:
    (hit,) = corpus.search("markets")
    assert (hit.article_id, hit.title, hit.published) == ("markets", "Markets", "2024-03-25")
    assert corpus.search("title:storm")[0].article_id == "storm"


def test_text_query_matches_carry_claims_with_the_words(corpus) -> None:
    hits = {h.article_id: h for h in corpus.search('"toll"')}
    assert set(hits) == {"wire", "daily"}
    (claim,) = hits["wire"].matches
    assert isinstance(claim, Claim) and claim.id == "c2" and claim.text == "the toll may be higher"


def test_source_filter_is_a_case_insensitive_substring(corpus) -> None:
    hits = corpus.search(None, source="us GOVERNMENT")
    assert [h.article_id for h in hits] == ["daily", "wire"]  # newest first without a query
    for hit in hits:
        (match,) = hit.matches
        assert isinstance(match, Attribution) and match.source.text == "The US government"
        assert hit.snippet.startswith("…") or "[137 people were killed" in hit.snippet
        assert hit.score == 0.0


def test_source_filter_matches_the_resolved_name(corpus) -> None:
    assert len(corpus.search(None, source="united states")) == 2
    assert corpus.search(None, source="Kremlin") == []


@pytest.mark.parametrize("cue_class", ["distancing", "Distancing "])
def test_cue_class_filter(corpus, cue_class: str) -> None:
    hits = corpus.search(None, cue_class=cue_class)
    assert {h.article_id for h in hits} == {"wire", "daily"}
    assert all([m.cue.text for m in h.matches] == ["claimed"] for h in hits)


def test_source_and_cue_class_must_hold_for_the_same_attribution(corpus) -> None:
    assert corpus.search(None, source="government", cue_class="distancing") == []
    assert len(corpus.search(None, source="critics", cue_class="distancing")) == 2


def test_author_only_filter(corpus) -> None:
    hits = corpus.search(None, author_only=True)
    assert {h.article_id for h in hits} == {"wire", "daily"}
    for hit in hits:
        assert [(m.id, m.attribution) for m in hit.matches] == [("c3", "author")]
        assert "[This is a national disgrace.]" in hit.snippet


@pytest.mark.parametrize("name", ["Loaded_Language", "loaded language", "LOADED_LANGUAGE"])
def test_technique_filter_accepts_spellings(corpus, name: str) -> None:
    hits = corpus.search(None, technique=name)
    assert {h.article_id for h in hits} == {"wire", "daily"}
    assert all([m.technique for m in h.matches] == ["Loaded_Language"] for h in hits)


def test_technique_filter_accepts_one_part_of_a_merged_label(corpus) -> None:
    (hit, _) = corpus.search(None, technique="name calling")
    assert all(isinstance(m, Technique) and m.technique == "Name_Calling,Labeling" for m in hit.matches)


def test_query_and_filters_combine(corpus) -> None:
    hits = corpus.search("moscow", author_only=True, technique="Loaded_Language")
    assert [h.article_id for h in hits] == ["daily"]
    kinds = sorted(type(m).__name__ for m in hits[0].matches)
    assert kinds == ["Claim", "Technique"]
    assert corpus.search("markets", author_only=True) == []


def test_limit(corpus) -> None:
    assert len(corpus.search("killed", limit=1)) == 1
    assert len(corpus.search(None, limit=2)) == 2
    with pytest.raises(UsageError, match="limit must be at least 1"):
        corpus.search("killed", limit=0)


def test_no_query_no_filter_lists_newest_first_undated_last(corpus) -> None:
    assert [h.article_id for h in corpus.search(None)] == ["markets", "daily", "wire", "storm"]
    assert corpus.search("   ") == corpus.search(None)


def test_matches_are_in_text_order(store) -> None:
    analysis = full_analysis(make_article())
    store.save_analysis(analysis)
    (hit,) = store.search(None, source="i", author_only=True, technique="Loaded_Language")
    starts = [m.content.start if isinstance(m, Attribution) else m.start for m in hit.matches]
    assert starts == sorted(starts) and len(hit.matches) == 4


@pytest.mark.parametrize("query", ['U.S. "sanctions', "covid-19 AND", "NEAR(", "*", "a OR OR b"])
def test_bad_fts_query_says_how_to_quote(corpus, query: str) -> None:
    with pytest.raises(StoreError) as err:
        corpus.search(query)
    assert err.value.code == "CG303"
    assert "double quotes" in err.value.message
    corpus.search(quote_query(query))  # the suggested literal query parses


def test_quote_query_searches_literally(corpus) -> None:
    assert quote_query('US "gov" 22-March') == '"US" """gov""" "22-March"'
    assert {h.article_id for h in corpus.search(quote_query("22-March 2024"))} == {"wire", "daily"}


def test_unknown_cue_class_lists_the_options(corpus) -> None:
    with pytest.raises(UsageError, match='unknown cue class "distance"; choose one of: neutral, distancing'):
        corpus.search(None, cue_class="distance")


def test_unknown_technique_suggests_the_nearest(corpus) -> None:
    with pytest.raises(UsageError, match='Did you mean "Flag-Waving"'):
        corpus.search(None, technique="Flag-Wavin")


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    from claimgraph.store import open_store

    with open_store(tmp_path_factory.mktemp("search") / "cg.db") as store:
        store.save_analysis(full_analysis(make_article()))
        yield store


@settings(max_examples=200, deadline=None)
@given(
    query=st.text(max_size=30) | st.text(alphabet='ab "*():^-+NEARODT,1', max_size=20),
    source=st.none() | st.text(max_size=10),
)
def test_any_query_gives_hits_or_a_store_error(small_corpus, query: str, source: str | None) -> None:
    try:
        hits = small_corpus.search(query, source=source)
    except StoreError as err:
        assert err.code == "CG303"
        small_corpus.search(quote_query(query), source=source)  # the advice works
    else:
        for hit in hits:
            assert hit.article_id == "art-1" and isinstance(hit.snippet, str)
