"""Places: offline geocoding of the parser's place entities."""

from __future__ import annotations

import time

import pytest

from claimgraph.components.places._gazetteer import gazetteer, normalise
from claimgraph.model import PLACE_PRECISIONS


@pytest.fixture(scope="module")
def places_nlp():
    from claimgraph.pipeline import build_pipeline

    return build_pipeline(("claimgraph_places_v1",))


def _places(nlp, text):
    doc = nlp(text)
    assert not doc._.cg_errors
    return doc._.cg_places


def _check_invariants(text, places):
    for p in places:
        assert 0 <= p.start < p.end <= len(text)
        assert text[p.start:p.end] == p.text
        assert p.precision in PLACE_PRECISIONS
        assert p.country is None or (len(p.country) == 2 and p.country.isupper())
        assert p.lat is None or -90 <= p.lat <= 90
        assert p.lon is None or -180 <= p.lon <= 180


def test_normalise_strips_accents_case_and_dashes():
    assert normalise("Bogotá") == "bogota"
    assert normalise("  Sankt-Peterburg ") == "sankt peterburg"


def test_gazetteer_knows_spelling_variants():
    gaz = gazetteer()
    kiev = gaz.lookup("Kiev")
    assert kiev and kiev[0].candidate.name == "Kyiv" and kiev[0].candidate.country == "UA"
    assert gaz.lookup("US")[0].candidate.country == "US"
    assert gaz.lookup("us") == ()  # codes only match in capitals
    assert gaz.demonym_country("Russians") == "RU"
    assert gaz.demonym_country("Tajiks") == "TJ"
    assert gaz.demonym_country("Turkish") == "TR"
    assert gaz.demonym_country("Western") is None


def test_gazetteer_loads_fast_once_built():
    gazetteer.cache_clear()
    started = time.perf_counter()
    gazetteer()
    assert time.perf_counter() - started < 15  # generous: the machine is shared


def test_places_resolve_to_countries_with_precision(places_nlp):
    text = "Explosions were heard in Kiev and Moscow, officials in Turkey said on Tuesday."
    places = _places(places_nlp, text)
    _check_invariants(text, places)
    got = {p.text: (p.name, p.country, p.precision) for p in places}
    assert got["Kiev"] == ("Kyiv", "UA", "city")
    assert got["Moscow"] == ("Moscow", "RU", "city")
    assert got["Turkey"] == ("Turkey", "TR", "country")


def test_possessive_is_trimmed(places_nlp):
    text = "The crowd gathered at Moscow's main square."
    places = _places(places_nlp, text)
    _check_invariants(text, places)
    assert [(p.text, p.country) for p in places] == [("Moscow", "RU")]


def test_qualifier_disambiguates(places_nlp):
    text = "She grew up in Paris, Texas, and later moved to Atlanta, Georgia."
    got = {p.text: p.country for p in _places(places_nlp, text)}
    assert got["Paris"] == "US"
    assert got["Georgia"] == "US"


def test_article_countries_disambiguate(places_nlp):
    text = "Leaders met in Tbilisi. Georgia has asked for help."
    got = {p.text: p.country for p in _places(places_nlp, text)}
    assert got["Georgia"] == "GE"


def test_big_city_beats_small_namesake_in_evidence_country(places_nlp):
    text = "The US said Berlin and Paris agree on the plan."
    got = {p.text: p.country for p in _places(places_nlp, text)}
    assert got["Paris"] == "FR" and got["Berlin"] == "DE"


def test_demonyms_are_not_places(places_nlp):
    text = "Russian and Ukrainian soldiers met Tajiks."
    assert _places(places_nlp, text) == ()


def test_unknown_places_yield_nothing(places_nlp):
    text = "They fled to Zzyzxqland and then to the Grand Hall of Flibbertigibbet."
    places = _places(places_nlp, text)
    _check_invariants(text, places)
    assert all(p.text not in ("Zzyzxqland",) for p in places)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "'s", "The", "?" * 50])
def test_degenerate_input(places_nlp, text):
    _check_invariants(text, _places(places_nlp, text))


def test_very_long_document(places_nlp):
    text = "Protesters marched in Istanbul and Ankara on Monday. " * 400
    places = _places(places_nlp, text)
    _check_invariants(text, places)
    assert len(places) >= 400 and {p.country for p in places} == {"TR"}


def test_seed_article_places(places_nlp, seed_text):
    places = _places(places_nlp, seed_text)
    _check_invariants(seed_text, places)
    by_name = {}
    for p in places:
        by_name.setdefault(p.text, set()).add(p.country)
    assert by_name["Moscow"] == {"RU"}
    assert by_name["Kiev"] == {"UA"}
    assert by_name["Tajikistan"] == {"TJ"}
    assert by_name["Istanbul"] == {"TR"}


def test_packaged_index_matches_installed_sources():
    from importlib import metadata

    for name, version in gazetteer().sources.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            pytest.skip(f"{name} is not installed (only needed to rebuild the index)")
        assert installed == version, f"rebuild the index: python -m claimgraph.train.gazetteer ({name})"


def test_untagged_places_after_prepositions_or_as_objects(places_nlp):
    text = "Missiles hit Kiev. Fighting went on near Donetsk. She called Mary."
    got = {p.text: p.country for p in _places(places_nlp, text)}
    assert got.get("Kiev") == "UA" and got.get("Donetsk") == "UA"
    assert "Mary" not in got
