"""Scores of a document clustering against gold events: B-cubed and the adjusted Rand index.

B-cubed (Bagga and Baldwin, 1998) scores every item: precision is the share of its
predicted cluster that shares its gold event, recall the share of its gold event that
shares its predicted cluster; both are averaged over items. The adjusted Rand index is
scikit-learn's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from sklearn.metrics import adjusted_rand_score

from ..errors import DatasetError

__all__ = ["ClusteringScores", "bcubed", "score_clustering"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusteringScores:
    bcubed_p: float
    bcubed_r: float
    bcubed_f1: float
    ari: float
    documents: int
    gold_clusters: int
    predicted_clusters: int

    def as_json(self) -> dict[str, float]:
        """The four scores under the keys of ``claimgraph evaluate clustering --json``."""
        return {"bcubed_p": self.bcubed_p, "bcubed_r": self.bcubed_r, "bcubed_f1": self.bcubed_f1, "ari": self.ari}


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``predicted`` (item -> cluster) against ``gold`` (item -> event)."""
    items = _common_items(predicted, gold)
    pair_counts = Counter((predicted[i], gold[i]) for i in items)
    pred_sizes = Counter(predicted[i] for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    # Every item in the same (predicted, gold) cell has the same per-item scores.
    precision = sum(n * n / pred_sizes[p] for (p, _g), n in pair_counts.items()) / len(items)
    recall = sum(n * n / gold_sizes[g] for (_p, g), n in pair_counts.items()) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_clustering(predicted: Mapping[str, str], gold: Mapping[str, str]) -> ClusteringScores:
    """B-cubed and ARI of a clustering; ``predicted`` and ``gold`` must cover the same items."""
    items = _common_items(predicted, gold)
    p, r, f1 = bcubed(predicted, gold)
    ari = float(adjusted_rand_score([gold[i] for i in items], [predicted[i] for i in items]))
    return ClusteringScores(
        bcubed_p=p, bcubed_r=r, bcubed_f1=f1, ari=ari, documents=len(items),
        gold_clusters=len(set(gold.values())), predicted_clusters=len(set(predicted.values())),
    )


def _common_items(predicted: Mapping[str, str], gold: Mapping[str, str]) -> list[str]:
    if set(predicted) != set(gold):
        missing = len(set(gold) - set(predicted))
        extra = len(set(predicted) - set(gold))
        raise DatasetError(
            f"the clustering and the gold events cover different items ({missing} without a cluster, "
            f"{extra} without a gold event): score the same documents on both sides"
        )
    if not gold:
        raise DatasetError("no documents to score: the corpus is empty")
    return sorted(gold)
