"""Language detection: the test set of tests/ingest/data/languages.tsv, and how a declaration combines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.ingest import declared_language, detect_language, make_article, read_html
from claimgraph.ingest._language import html_declared_language

DATA = Path(__file__).parent / "data" / "languages.tsv"
ROWS = [line.split("\t") for line in DATA.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]

ENGLISH = "The city council voted on Tuesday to close the old bridge after engineers found cracks in two pillars. " * 3
FRENCH = ("Le conseil municipal a voté mardi la fermeture du vieux pont après que des ingénieurs ont découvert "
          "des fissures dans deux de ses piliers. ") * 3


def test_the_test_set_has_a_dozen_languages_with_sentences_and_headlines() -> None:
    assert len({lang for lang, _, _ in ROWS}) >= 12
    assert {kind for _, kind, _ in ROWS} == {"sentence", "headline"}


def test_accuracy_on_the_test_set() -> None:
    """BENCHMARKS.md reports the figures; this keeps them from slipping. A text the detector is
    unsure of is left unknown (None), which is not counted wrong."""
    wrong, unknown = [], []
    for lang, _, text in ROWS:
        guess = detect_language(text)
        if guess.language is None:
            unknown.append(text)
        elif guess.language != lang:
            wrong.append((lang, guess.language, text))
    assert not wrong
    assert len(unknown) <= 3, unknown
    for lang, _, text in ROWS:
        guess = detect_language(text)
        assert guess.language is None or 0.0 <= guess.confidence <= 1.0


def test_a_declaration_and_the_text_combine() -> None:
    assert detect_language(ENGLISH, "en-GB").source == "both"
    overruled = detect_language(FRENCH, "en")  # a template's lang="en" on a French page
    assert (overruled.language, overruled.source) == ("fr", "detected")
    short = detect_language("Le ministre a dit oui, puis non.", "de")  # too little text to overrule
    assert (short.language, short.source) == ("de", "declared")
    assert detect_language("Oui.", "fr").language == "fr"
    assert detect_language("Oui.") == detect_language("")
    assert detect_language("Oui.").language is None


@pytest.mark.parametrize(("tag", "code"), [("en-US", "en"), ("FR", "fr"), ("pt_BR", "pt"), ("zh-Hans", "zh"),
                                           ("", None), ("english", None), (7, None), ("x-klingon", None)])
def test_declared_tags(tag, code) -> None:
    assert declared_language(tag) == code


def test_html_lang_is_a_declaration() -> None:
    assert html_declared_language(b'<!doctype html><html class="a" lang="pt-BR"><head>') == "pt"
    assert html_declared_language('<html><head><meta http-equiv="Content-Language" content="de">') == "de"
    assert html_declared_language("<html><body>no declaration</body></html>") is None
    page = f'<html lang="fr"><head><title>T</title></head><body><article><p>{FRENCH}</p></article></body></html>'
    article = read_html(page)
    assert (article.language, article.language_source) == ("fr", "both")


def test_articles_record_language_and_confidence() -> None:
    article = make_article(FRENCH)
    assert (article.language, article.language_source) == ("fr", "detected")
    assert article.language_confidence > 0.9


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, "en", "fr", "ru-RU", "bogus tag"]))
def test_detection_never_fails(text, declared) -> None:
    guess = detect_language(text, declared)
    assert guess.source in (None, "declared", "detected", "both")
    assert guess.confidence is None or 0.0 <= guess.confidence <= 1.0
    if guess.source == "declared":
        assert guess.language == declared_language(declared)
