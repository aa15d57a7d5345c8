"""The claims component: author and attributed claims, hedges, certainty."""

from __future__ import annotations

import dataclasses

import pytest

from claimgraph.components.claims.component import AUTHOR_BASE, certainty
from claimgraph.model import Hedge
from claimgraph.pipeline import analyze, build_pipeline

COMPONENTS = ("claimgraph_checkworthiness_v1", "claimgraph_attribution_v1", "claimgraph_claims_v1")


@pytest.fixture(scope="module")
def small_nlp():
    return build_pipeline(COMPONENTS)


def _claims(nlp, text: str):
    analysis = analyze(text, nlp=nlp)
    for claim in analysis.claims:
        assert text[claim.start:claim.end] == claim.text
        assert 0.0 <= claim.certainty <= 1.0
        for hedge in claim.hedges:
            assert text[hedge.start:hedge.end] == hedge.text
            assert hedge.kind in {"hedge", "booster"}
    return analysis


def test_unsourced_statement_is_an_author_claim(small_nlp) -> None:
    claims = _claims(small_nlp, "The bridge collapsed on Tuesday morning.").claims
    assert [c.attribution for c in claims] == ["author"]
    assert claims[0].certainty == AUTHOR_BASE
    assert claims[0].hedges == ()


def test_reported_statement_is_tied_to_its_attribution(small_nlp) -> None:
    analysis = _claims(small_nlp, "The mayor claimed that the bridge was safe.")
    ids = {a.id for a in analysis.attributions}
    reported = [c for c in analysis.claims if c.attribution != "author"]
    assert reported and reported[0].attribution in ids
    assert reported[0].text == "the bridge was safe"
    assert reported[0].certainty < AUTHOR_BASE  # "claimed" distances the writer


def test_hedges_and_boosters_move_certainty(small_nlp) -> None:
    hedged = _claims(small_nlp, "The contact would probably have killed them.").claims[0]
    boosted = _claims(small_nlp, "The agency surely knew about the attack.").claims[0]
    assert {h.text for h in hedged.hedges} >= {"would", "probably"}
    assert {h.text for h in boosted.hedges} == {"surely"}
    assert hedged.certainty < AUTHOR_BASE < boosted.certainty


def test_conditional_is_a_hedge(small_nlp) -> None:
    claim = _claims(small_nlp, "If the rebels reach the border, the army will attack them.").claims[0]
    assert any(h.text == "If" for h in claim.hedges)
    assert claim.certainty < AUTHOR_BASE


def test_questions_and_commands_are_not_claims(small_nlp) -> None:
    assert _claims(small_nlp, "Who paid for the new stadium in the city?").claims == ()
    assert _claims(small_nlp, "Read the full report on our website today.").claims == ()


def test_checkworthiness_is_copied_from_the_sentence(small_nlp) -> None:
    from claimgraph.components.claims.component import Claims
    from claimgraph.model import Sentence

    doc = small_nlp("The bridge collapsed on Tuesday morning.")
    doc._.cg_sentences = (Sentence(start=0, end=len(doc.text), text=doc.text, checkworthiness=0.75),)
    claims = Claims(small_nlp, "claims").process(doc)
    assert [c.checkworthiness for c in claims] == [0.75]


def test_certainty_scale() -> None:
    booster = Hedge(start=0, end=6, text="surely", kind="booster")
    hedge = Hedge(start=0, end=8, text="probably", kind="hedge")
    assert certainty(0.8, [booster]) == 0.9
    assert certainty(0.8, [hedge]) == 0.56
    assert certainty(0.8, [booster] * 50) <= 1.0
    assert certainty(0.8, [hedge] * 50) >= 0.0


def test_seed_article_author_claims(small_nlp, seed_text: str) -> None:
    analysis = _claims(small_nlp, seed_text)
    by_text = {c.text: c for c in analysis.claims}
    surely = [c for c in analysis.claims if "surely knew" in c.text]
    assert surely and surely[0].attribution == "author"
    assert any(h.text == "surely" and h.kind == "booster" for h in surely[0].hedges)
    probably = [c for c in analysis.claims if "probably have killed" in c.text]
    assert len(probably) == 2
    for claim in probably:
        assert claim.attribution == "author"
        assert any(h.text == "probably" for h in claim.hedges)
        assert claim.certainty < AUTHOR_BASE
    reported = [c for c in analysis.claims if "ISIS was behind" in c.text]
    assert reported and reported[0].attribution != "author"
    assert by_text  # every claim passed the offset checks in _claims
    assert all(dataclasses.is_dataclass(c) for c in analysis.claims)
