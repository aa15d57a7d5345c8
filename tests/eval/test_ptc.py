"""The PTC reader and the official SI/TC scoring, on hand-built spans."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.errors import DatasetError
from claimgraph.eval import ptc
from tests.conftest import shared_path


def si(*spans: tuple[int, int], article: str = "1") -> list[ptc.SpanLabel]:
    return [ptc.SpanLabel(article_id=article, start=s, end=e) for s, e in spans]


def tc(*spans: tuple[int, int, str], article: str = "1") -> list[ptc.SpanLabel]:
    return [ptc.SpanLabel(article_id=article, start=s, end=e, technique=t) for s, e, t in spans]


def test_exact_match_scores_one() -> None:
    scores = ptc.score_si(si((0, 10), (20, 30)), si((0, 10), (20, 30)))
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)


def test_half_overlap_scores_half() -> None:
    scores = ptc.score_si(si((0, 10)), si((5, 15)))
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(0.5)


def test_prediction_inside_gold_is_precise_but_partial() -> None:
    scores = ptc.score_si(si((0, 10)), si((0, 40)))
    assert scores.precision == pytest.approx(1.0)
    assert scores.recall == pytest.approx(0.25)
    assert scores.f1 == pytest.approx(0.4)


def test_one_prediction_over_two_gold_spans() -> None:
    # predicted 0:20 covers gold 0:5 and 15:20: precision (5+5)/20, recall (1+1)/2
    scores = ptc.score_si(si((0, 20)), si((0, 5), (15, 20)))
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(1.0)


def test_overlapping_predictions_are_merged() -> None:
    scores = ptc.score_si(si((0, 10), (5, 15)), si((0, 15)))
    assert scores.f1 == pytest.approx(1.0)


def test_no_credit_across_articles() -> None:
    scores = ptc.score_si(si((0, 10), article="1"), si((0, 10), article="2"))
    assert scores.f1 == 0.0


def test_empty_prediction_scores_zero() -> None:
    scores = ptc.score_si([], si((0, 10)))
    assert (scores.precision, scores.recall, scores.f1) == (0.0, 0.0, 0.0)


def test_merge_spans_keeps_touching_spans_apart() -> None:
    assert ptc.merge_spans([(5, 8), (0, 5), (7, 9), (20, 20)]) == [(0, 5), (5, 9)]


spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 50)).map(lambda t: (t[0], t[0] + t[1])), max_size=8)


@given(spans, spans)
def test_si_scores_are_probabilities(pred: list, gold: list) -> None:
    scores = ptc.score_si(si(*pred), si(*gold))
    for value in (scores.precision, scores.recall, scores.f1):
        assert 0.0 <= value <= 1.0 + 1e-9


@given(spans.filter(bool))
def test_gold_against_itself_is_perfect(gold: list) -> None:
    assert ptc.score_si(si(*gold), si(*gold)).f1 == pytest.approx(1.0)


def test_tc_micro_f1_is_accuracy() -> None:
    gold = tc((0, 5, "Doubt"), (6, 9, "Slogans"), (10, 20, "Repetition"), (30, 40, "Doubt"))
    pred = tc((0, 5, "Doubt"), (6, 9, "Slogans"), (10, 20, "Doubt"), (30, 40, "Doubt"))
    micro, per = ptc.score_tc(pred, gold)
    assert micro.f1 == pytest.approx(0.75)
    assert per["Doubt"].precision == pytest.approx(2 / 3)
    assert per["Doubt"].recall == pytest.approx(1.0)
    assert per["Repetition"].f1 == 0.0
    assert per["Slogans"].f1 == pytest.approx(1.0)


def test_tc_repeated_span_counts_each_label_once() -> None:
    gold = tc((0, 5, "Doubt"), (0, 5, "Loaded_Language"))
    same_twice = tc((0, 5, "Doubt"), (0, 5, "Doubt"))
    both = tc((0, 5, "Loaded_Language"), (0, 5, "Doubt"))
    assert ptc.score_tc(same_twice, gold)[0].f1 == pytest.approx(0.5)
    assert ptc.score_tc(both, gold)[0].f1 == pytest.approx(1.0)


def test_bad_label_lines_raise_dataset_errors(tmp_path) -> None:
    path = tmp_path / "si.labels"
    path.write_text("1\t5\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="expected 3 tab-separated fields"):
        ptc.read_si_labels(path)
    path.write_text("1\tx\t5\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="not integers"):
        ptc.read_si_labels(path)
    path.write_text("1\t9\t5\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="not a valid range"):
        ptc.read_si_labels(path)
    path.write_text("1\tNot_A_Technique\t0\t5\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="unknown technique"):
        ptc.read_tc_labels(path)
    with pytest.raises(DatasetError, match="does not exist"):
        ptc.read_si_labels(tmp_path / "missing")
    with pytest.raises(DatasetError, match="no article<ID>.txt files"):
        ptc.read_articles(tmp_path)


def test_formats_round_trip(tmp_path) -> None:
    labels = tc((0, 5, "Doubt"), (6, 9, "Slogans"), article="42")
    path = tmp_path / "tc.labels"
    path.write_text(ptc.format_tc(labels), encoding="utf-8")
    assert ptc.read_tc_labels(path) == labels
    path.write_text(ptc.format_si(labels), encoding="utf-8")
    assert [(s.start, s.end) for s in ptc.read_si_labels(path)] == [(0, 5), (6, 9)]


def test_split_is_by_article_seeded_and_disjoint() -> None:
    ids = [str(i) for i in range(100)]
    train, dev = ptc.split_articles(ids, 0.15, seed=13)
    assert len(dev) == 15 and not set(train) & set(dev) and len(train) + len(dev) == 100
    assert ptc.split_articles(reversed(ids), 0.15, seed=13) == (train, dev)


@pytest.mark.shared_data
def test_reads_the_shared_corpus() -> None:
    folder = shared_path("ptc")
    texts = ptc.read_articles(folder / "train-articles")
    labels = ptc.read_tc_labels(folder / "train-task2-TC.labels")
    assert len(texts) == 371 and len(labels) == 6129
    assert all(0 <= s.start < s.end <= len(texts[s.article_id]) for s in labels)
    # the gold file scored against itself is perfect
    si_gold = ptc.read_si_labels(folder / "train-task1-SI.labels")
    assert ptc.score_si(si_gold, si_gold).f1 == pytest.approx(1.0)
