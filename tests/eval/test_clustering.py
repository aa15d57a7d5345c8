from __future__ import annotations

import pytest

from claimgraph.errors import DatasetError
from claimgraph.eval.clustering import bcubed, cluster_ecbplus, cluster_newswcl50, score_clustering
from claimgraph.eval.newswcl50 import read_corpus as read_newswcl50
from tests.conftest import shared_path


def test_bcubed_of_a_known_example():
    # Gold {a,b,c} {d}; predicted {a,b} {c,d}.
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    p, r, f1 = bcubed(pred, gold)
    assert p == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert f1 == pytest.approx(2 * p * r / (p + r))


def test_perfect_and_degenerate_clusterings():
    gold = {"a": "1", "b": "1", "c": "2"}
    perfect = score_clustering({"a": "p", "b": "p", "c": "q"}, gold)
    assert (perfect.bcubed_f1, perfect.ari) == (1.0, 1.0)
    one = score_clustering({k: "all" for k in gold}, gold)
    assert one.bcubed_r == 1.0 and one.bcubed_p < 1.0
    assert set(perfect.as_json()) == {"bcubed_p", "bcubed_r", "bcubed_f1", "ari"}


def test_mismatched_or_empty_items_are_an_error():
    with pytest.raises(DatasetError, match="different items"):
        score_clustering({"a": "x"}, {"b": "1"})
    with pytest.raises(DatasetError, match="empty"):
        score_clustering({}, {})


def test_newswcl50_reader_rebuilds_fifty_articles():
    articles = list(read_newswcl50(shared_path("newswcl50")))
    assert len(articles) == 50
    assert {a.event for a in articles} == {str(i) for i in range(10)}
    assert all(len(a.text) > 500 and "\\n" not in a.text for a in articles)
    first = articles[0]
    assert first.doc_id == "0/-/0_L" and first.published == "2018-04-17" and first.outlet_name == "The New York Times"


# Accuracy gates: floors a little under what benchmarks/results/corpus.md reports.
def test_ecbplus_clustering_gate():
    scores = cluster_ecbplus(shared_path("ecbplus", "ECB+"))
    assert scores.documents == 772
    assert scores.bcubed_f1 >= 0.88  # measured 0.901
    assert scores.ari >= 0.83  # measured 0.855


def test_newswcl50_clustering_gate():
    scores = cluster_newswcl50(shared_path("newswcl50"))
    assert scores.bcubed_f1 >= 0.85  # measured 0.889
