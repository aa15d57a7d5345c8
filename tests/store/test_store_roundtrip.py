"""Article → store → Article and Analysis → store → Analysis, and idempotent writes."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import StoreError
from claimgraph.model import Analysis, Article, Quantity, Sentence, Technique, TECHNIQUES, to_dict
from claimgraph.serialize import validate
from claimgraph.store import open_store

from tests.store.storekit import TEXT, make_article

SECTIONS = ("sentences", "attributions", "claims", "quantities", "times", "places", "events", "techniques")

optional_text = st.none() | st.text(max_size=40)
articles = st.builds(
    Article,
    id=st.text(min_size=1, max_size=30),
    text=st.text(max_size=400),
    title=optional_text,
    published=st.none() | st.dates().map(str) | st.datetimes().map(lambda d: d.isoformat()),
    url=optional_text,
    outlet=optional_text,
    author=optional_text,
    language=st.none() | st.sampled_from(["en", "ru", "de"]),
)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory):
    with open_store(tmp_path_factory.mktemp("prop") / "prop.db") as store:
        yield store


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles)
def test_article_round_trip(shared_store, article: Article) -> None:
    shared_store.remove(article.id)
    assert shared_store.add(article) is True
    assert shared_store.get_article(article.id) == article
    assert shared_store.has_article(article.id)


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    """Random analyses whose spans all fit the text (sentences, quantities, techniques)."""
    article = draw(articles)
    n = len(article.text)

    def spans(max_size: int) -> list[tuple[int, int]]:
        pairs = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=max_size))
        return [(min(a, b), max(a, b)) for a, b in pairs]

    text = article.text
    sentences = tuple(
        Sentence(start=a, end=b, text=text[a:b], checkworthiness=draw(st.none() | st.floats(0, 1)))
        for a, b in spans(4)
    )
    quantities = tuple(
        Quantity(
            start=a,
            end=b,
            text=text[a:b],
            value=draw(st.none() | st.floats(allow_nan=False, allow_infinity=False)),
            unit=draw(optional_text),
            approximate=draw(st.booleans()),
        )
        for a, b in spans(3)
    )
    techniques = tuple(
        Technique(start=a, end=b, text=text[a:b], technique=draw(st.sampled_from(TECHNIQUES)), score=draw(st.floats(0, 1)))
        for a, b in spans(3)
    )
    return Analysis(article=article, sentences=sentences, quantities=quantities, techniques=techniques)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(analysis=analyses())
def test_analysis_round_trip_property(shared_store, analysis: Analysis) -> None:
    shared_store.remove(analysis.article.id)
    shared_store.save_analysis(analysis)
    assert shared_store.get_analysis(analysis.article.id) == analysis
    for section in ("sentences", "quantities", "techniques"):
        rows = [r.record for r in shared_store.iter_records(section, article_ids=[analysis.article.id])]
        assert tuple(rows) == getattr(analysis, section)


def test_analysis_with_every_record_type_round_trips(store, analysis) -> None:
    assert store.add(analysis.article, analysis) is True
    stored = store.get_analysis(analysis.article.id)
    assert stored == analysis
    validate(to_dict(stored))  # still a valid schema v1 document
    assert list(store.iter_analyses()) == [analysis]


@pytest.mark.parametrize("section", SECTIONS)
def test_normalised_rows_rebuild_the_records(store, analysis, section: str) -> None:
    store.add(analysis.article, analysis)
    found = list(store.iter_records(section))
    assert tuple(item.record for item in found) == getattr(analysis, section)
    assert {(item.article_id, item.outlet, item.published) for item in found} == {("art-1", "Wire", "2024-03-23")}


def test_iter_records_filters_by_outlet_and_ids(store, analysis_of) -> None:
    for i, outlet in enumerate(["Wire", "Daily", "Wire"]):
        store.save_analysis(analysis_of(id=f"x{i}", outlet=outlet, published=f"2024-03-2{i}"))
    assert [r.article_id for r in store.iter_records("events", outlet="Wire")] == ["x0", "x2"]
    assert [r.article_id for r in store.iter_records("places", article_ids=["x2", "x1"])] == ["x1", "x2"]
    assert list(store.iter_records("events", article_ids=[])) == []


def test_iter_records_rejects_unknown_section(store) -> None:
    with pytest.raises(Exception, match="unknown section \"event\"; choose one of: sentences"):
        list(store.iter_records("event"))


def _row_counts(path: str) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = ("articles", "analyses", *SECTIONS)
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_add_is_idempotent_by_id(store, analysis) -> None:
    assert store.add(analysis.article, analysis) is True
    before = _row_counts(store.path)
    assert store.add(analysis.article, analysis) is False
    assert store.add(analysis.article) is False
    assert store.count() == 1
    assert _row_counts(store.path) == before
    assert before["claims"] == 3 and before["analyses"] == 1


def test_first_written_article_is_kept(store) -> None:
    article = make_article()
    store.add(article)
    assert store.add(make_article(title="Another title")) is False
    assert store.get_article(article.id) == article


def test_add_without_analysis_then_with_it_stores_the_analysis(store, analysis) -> None:
    assert store.add(analysis.article) is True
    assert store.get_analysis(analysis.article.id) is None
    assert store.add(analysis.article, analysis) is False
    assert store.get_analysis(analysis.article.id) == analysis


def test_save_analysis_replaces_the_old_one(store, analysis) -> None:
    store.add(analysis.article, analysis)
    smaller = Analysis(article=analysis.article, claims=analysis.claims[2:], techniques=analysis.techniques[:1])
    store.save_analysis(smaller)
    assert store.get_analysis(analysis.article.id) == smaller
    counts = _row_counts(store.path)
    assert counts["claims"] == 1 and counts["attributions"] == 0 and counts["events"] == 0
    assert counts["techniques"] == 1 and counts["analyses"] == 1
    # The claim index follows: the removed claims are no longer found.
    assert store.search("toll")[0].matches == ()
    with sqlite3.connect(store.path) as conn:
        conn.execute("INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)")
        conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")


def test_save_analysis_stores_a_new_article(store, analysis) -> None:
    store.save_analysis(analysis)
    assert store.get_article(analysis.article.id) == analysis.article


def test_analysis_of_another_text_is_refused(store, analysis) -> None:
    store.add(make_article(text=TEXT + "  "))  # same id, different text
    with pytest.raises(StoreError, match="different text") as err:
        store.save_analysis(analysis)
    assert err.value.code == "CG306"
    assert store.get_analysis(analysis.article.id) is None


def test_analysis_of_another_article_is_refused(store, analysis) -> None:
    with pytest.raises(StoreError, match="analysis is of article art-1, not other") as err:
        store.add(make_article(id="other"), analysis)
    assert err.value.code == "CG306"
    assert store.count() == 0


def test_remove_cascades_to_analysis_and_rows(store, analysis) -> None:
    store.add(analysis.article, analysis)
    assert store.remove(analysis.article.id) is True
    assert store.remove(analysis.article.id) is False
    assert set(_row_counts(store.path).values()) == {0}
    assert store.search("killed") == []


def test_iteration_order_is_published_then_id_undated_first(store) -> None:
    for article_id, published in [("b", "2024-03-02"), ("a", "2024-03-02"), ("c", None), ("d", "2023-12-31")]:
        store.add(make_article(id=article_id, published=published))
    assert [a.id for a in store.iter_articles()] == ["c", "d", "a", "b"]


def test_iteration_streams_past_a_page_while_writing(store) -> None:
    """Re-analysing every article while iterating (the batch case) neither skips nor repeats."""
    for i in range(300):
        store.add(make_article(text=f"Article number {i}.", id=f"id{i:03d}", published=f"2024-01-{i % 28 + 1:02d}"))
    seen = []
    for article in store.iter_articles():
        seen.append(article.id)
        store.save_analysis(Analysis(article=article))
    assert sorted(seen) == [f"id{i:03d}" for i in range(300)]
    assert len(list(store.iter_analyses())) == 300


def test_lone_surrogates_are_a_store_error(store) -> None:
    with pytest.raises(StoreError) as err:
        store.add(make_article(text="bad \ud800 text"))
    assert err.value.code == "CG307"
    assert store.count() == 0


def test_in_memory_store(analysis) -> None:
    with open_store(":memory:") as store:
        store.add(analysis.article, analysis)
        assert store.get_analysis("art-1") == analysis


def test_language_precision_and_warnings_round_trip(store) -> None:
    from claimgraph.model import Article, ErrorRecord

    article = Article(
        id="lang1", text="Le conseil municipal a voté mardi.", published="2024", language="fr",
        language_confidence=0.97, language_source="both",
        warnings=(ErrorRecord(stage="ingest", code="CG110", message='the "title" field must be a string'),),
    )
    store.add(article)
    assert store.get_article("lang1") == article
    assert store.get_article("lang1").published_precision == "year"
