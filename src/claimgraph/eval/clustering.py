"""Scores of a document clustering against gold events: B-cubed and the adjusted Rand index.

B-cubed (Bagga and Baldwin, 1998) scores every item: precision is the share of its
predicted cluster that shares its gold event, recall the share of its gold event that
shares its predicted cluster; both are averaged over items. The adjusted Rand index is
scikit-learn's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sklearn.metrics import adjusted_rand_score

from ..corpus.clustering import ClusterConfig, cluster_analyses
from ..errors import DatasetError
from ..model import Analysis, Article

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["ClusteringScores", "bcubed", "score_clustering", "cluster_ecbplus", "cluster_newswcl50"]


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


def cluster_ecbplus(
    root: Path, *, topics: Collection[str] | None = None, config: ClusterConfig | None = None,
    nlp: Language | None = None,
) -> ClusteringScores:
    """Cluster the documents of an ECB+ folder and score them against the gold events.

    Only the document text goes in: the clustering never sees folder or file names (the
    ids it gets are opaque numbers). The gold event of a document is its topic plus
    ``ecb``/``ecbplus``.
    """
    from .ecbplus import read_corpus

    docs = list(read_corpus(root, topics=frozenset(topics) if topics is not None else None))
    analyses = [Analysis(article=Article(id=f"doc{i}", text=d.text)) for i, d in enumerate(docs)]
    gold = {f"doc{i}": d.gold_event for i, d in enumerate(docs)}
    return _score(analyses, gold, config, nlp)


def cluster_newswcl50(
    root: Path, *, events: Collection[str] | None = None, config: ClusterConfig | None = None,
    nlp: Language | None = None,
) -> ClusteringScores:
    """Cluster the NewsWCL50 articles (text and publication date) and score them against their events."""
    from .newswcl50 import read_corpus

    docs = [d for d in read_corpus(root) if events is None or d.event in events]
    analyses = [Analysis(article=Article(id=f"doc{i}", text=d.text, published=d.published))
                for i, d in enumerate(docs)]
    gold = {f"doc{i}": d.event for i, d in enumerate(docs)}
    return _score(analyses, gold, config, nlp)


def _score(analyses: list[Analysis], gold: dict[str, str], config: ClusterConfig | None,
           nlp: Language | None) -> ClusteringScores:
    clusters = cluster_analyses(analyses, nlp=nlp, config=config)
    predicted = {member: c.id for c in clusters for member in c.members}
    return score_clustering(predicted, gold)
