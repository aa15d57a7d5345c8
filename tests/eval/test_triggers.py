"""Trigger scoring on ECB+: span matching, and an accuracy gate on the dev topics."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.eval.triggers import TriggerScore, match_spans, score_documents, _case
from claimgraph.eval.ecbplus import EcbDocument, EcbMention
from tests.conftest import shared_path

spans = st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)).map(lambda t: (t[0], t[0] + t[1])), max_size=12)


def test_match_spans_exact_and_overlap():
    gold = [(0, 5), (10, 15)]
    assert match_spans(gold, [(0, 5), (11, 13)], exact=True) == 1
    assert match_spans(gold, [(0, 5), (11, 13)], exact=False) == 2
    assert match_spans(gold, [(1, 2), (3, 4)], exact=False) == 1  # one gold span, one hit


@given(gold=spans, predicted=spans)
def test_match_spans_bounds(gold, predicted):
    exact = match_spans(gold, predicted, exact=True)
    overlap = match_spans(gold, predicted, exact=False)
    assert 0 <= exact <= overlap <= min(len(gold), len(predicted))


def test_score_properties():
    score = TriggerScore(variant="events", matching="exact", true_positives=0, predicted=0, gold=0)
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)
    score = TriggerScore(variant="events", matching="exact", true_positives=2, predicted=4, gold=8)
    assert (score.precision, score.recall) == (0.5, 0.25) and score.f1 == pytest.approx(1 / 3)


def _mention(kind, start, end, sentence, text):
    return EcbMention(m_id="1", kind=kind, start=start, end=end, text=text[start:end], sentence=sentence)


def test_only_complete_sentences_count_and_relaxed_ignores_reporting():
    text = "Police arrested him, officials said.\nHe was charged."
    doc = EcbDocument(
        topic="1", name="1_1ecb", seminal="ecb", text=text,
        sentences=((0, 0, 36), (1, 37, len(text))),
        mentions=(_mention("ACTION_OCCURRENCE", 7, 15, 0, text), _mention("ACTION_REPORTING", 31, 35, 0, text),
                  _mention("ACTION_OCCURRENCE", 44, 51, 1, text)),
    )
    predicted = [(7, 15), (31, 35), (44, 51)]
    case = _case(doc, frozenset({0}), predicted, predicted)
    scores = {(s.variant, s.matching): s for s in score_documents([case])}
    events = scores[("events", "exact")]
    assert (events.true_positives, events.predicted, events.gold) == (2, 2, 2)
    relaxed = scores[("events-occurrence", "exact")]
    assert (relaxed.true_positives, relaxed.predicted, relaxed.gold) == (1, 1, 1)


@pytest.mark.slow
@pytest.mark.shared_data
def test_accuracy_gate_on_ecbplus_dev():
    """Floors a little under the figures measured on 2026-11-25 (benchmarks/results/places-events.md)."""
    from claimgraph.eval.triggers import evaluate_triggers

    root = shared_path("ecbplus")
    scores = {(s.variant, s.matching): s for s in evaluate_triggers(root)}
    relaxed = scores[("events-occurrence", "overlap")]
    assert relaxed.precision >= 0.93, relaxed.as_dict()
    assert relaxed.recall >= 0.17, relaxed.as_dict()
    exact = scores[("events", "exact")]
    assert exact.precision >= 0.92 and exact.recall >= 0.14, exact.as_dict()
