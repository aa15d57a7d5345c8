from __future__ import annotations

import dataclasses

from claimgraph.corpus.features import analysis_features, extract_features, parse_day, plain_features, spacy_features
from claimgraph.model import TimeExpression
from tests.corpus._build import article

TEXT = "An earthquake of magnitude 8.8 hit Concepcion in Chile on February 27, 2010, killing 700 people."


def test_plain_features_have_words_names_numbers_and_dates():
    features = plain_features(TEXT)
    assert {"w:earthquake", "e:concepcion", "e:chile", "n:700", "y:2010", "m:february"} <= set(features)
    assert "w:the" not in features and "e:february" not in features and "n:2010" not in features


def test_weekdays_are_date_features():
    features = plain_features("The church burned on Friday night; on Saturday the pastor spoke. A friday-ish mood.")
    assert [f for f in features if f.startswith("d:")] == ["d:friday", "d:saturday"]


def test_analysis_features_use_places_events_times_and_figures():
    analysis = article("a", TEXT, places=(("Concepcion", "CL"),), event_type="earthquake", figures=(("700", "killed"),))
    time = TimeExpression(start=0, end=2, text="An", value="2010-02-27", precision="day")
    analysis = dataclasses.replace(analysis, times=(time,))
    features = set(analysis_features(analysis))
    assert {"p:concepcion", "p:cl", "t:earthquake", "n:700", "y:2010", "m:february"} <= features


def test_extract_features_keeps_order_ids_and_dates():
    analyses = [article("a", TEXT, published="2010-02-28T10:00:00Z"), article("b", "", published="not a date")]
    features = list(extract_features(analyses))
    assert [f.doc_id for f in features] == ["a", "b"]
    assert features[0].day == parse_day("2010-02-28") and features[1].day is None
    assert features[1].features == ()


def test_spacy_features_from_a_parsed_doc(nlp):
    doc = nlp.make_doc(TEXT)
    for name, proc in nlp.pipeline:
        if name in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "ner"):
            doc = proc(doc)
    features = set(spacy_features(doc))
    assert "w:earthquake" in features and "y:2010" in features
    assert any(f.startswith("e:") for f in features)


def test_parse_day():
    assert parse_day(None) is None and parse_day("") is None and parse_day("2024-13-01") is None
    assert parse_day("2024-03-22") + 1 == parse_day("2024-03-23")
