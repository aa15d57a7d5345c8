"""Grouping articles into real-world events, at a cost that grows near-linearly.

1. Near-duplicates (MinHash LSH) collapse into one weighted node, so a syndicated story
   does not crowd its event.
2. Each node gets one TF-IDF vector per *view* of its typed features (see ``features.py``):
   words, names (entities, places, actors), numbers, dates (years, months, weekdays), event
   types. Two articles are compared view by view, and a view counts only when both
   articles have something in it:
   an article that gives no year is not evidence against one that does, but two articles
   naming different years are about different events. That is what tells two earthquakes
   or two shootings in one city apart.
   One more view is dense: the node's text embedded by the static sentence-embedding model
   (``embeddings.py``: no encoder pass), so that reports worded differently, or too short to
   share many words, still meet. Its cosine counts from ``embedding_floor`` up.
3. Blocking: a node is only compared with nodes that share one of its most distinctive
   features, and a feature shared by more than ``max_block_df`` nodes is no key at all;
   nodes whose embeddings fall in one random-hyperplane bucket (LSH, ``lsh_tables`` tables)
   are candidates too. The cost is bounded by nodes x keys x ``max_block_df``: linear,
   never all pairs.
4. Candidate pairs are scored by the weighted mean of their views' cosines, damped by the distance between
   publication dates when both are known.
5. Sparse average linkage merges the closest clusters while their average similarity
   (unscored pairs counting as zero) stays above ``threshold``. This first level is loose
   on purpose: it gathers a *topic* (every report of an earthquake in Iran, say), which may
   hold several events of one kind.
6. Sub-events: each block from step 5 is split again with its own statistics. The features
   are re-weighted by their document frequency *inside the block*, so the words every
   report of the topic shares (quake, Iran, magnitude) weigh nothing and what tells its
   events apart (the island, the toll, the weekday, the victim's name) weighs most.
   Frequencies are counted in *stories* (articles linked by a score of at least
   ``story_threshold``: rewrites of one report), so that an event does not split along
   its wire stories.
   Average linkage at ``split_threshold`` over those similarities gives the sub-events;
   a part smaller than ``min_subevent`` articles is no event of its own but goes back to
   the part it is most like. Parts are then compared as documents (pooled features, mean
   embedding) and joined again at ``part_threshold``: short reports of one event split a
   block into several parts that pooled look alike. The work stays within blocks, so it
   too grows with the number of candidate pairs.
7. Stragglers: a cluster smaller than ``min_subevent`` (a short report, a page excerpt
   that names little) joins the larger cluster whose scored pairs with it average at least
   ``attach_threshold``.
8. Regrouping: clusters from *different* topic blocks are compared as documents (pooled
   features, mean embedding) and merged by average linkage at ``regroup_threshold``;
   short reports of one event that no single pair tied together meet here. Clusters that
   the split of one block parted stay apart.

Cluster ids are stable: a hash of the sorted member ids.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize
from spacy.language import Language

from ..model import Analysis
from .features import DocFeatures, extract_features
from .near_duplicates import near_duplicate_groups

__all__ = ["ClusterConfig", "EventCluster", "cluster_features", "cluster_analyses", "cluster_id"]

#: Views: which feature prefixes each holds, and whether it always counts (``True``) or only
#: when both articles have features in it.
VIEWS = {
    "words": (("w",), True),
    "names": (("e", "p", "a"), True),
    "numbers": (("n",), False),
    "dates": (("y", "m", "d"), False),
    "types": (("t",), False),
}

#: Weights of the views; tuned with the threshold on ECB+ training topics (see
#: benchmarks/results/corpus.md).
DEFAULT_WEIGHTS = {"words": 1.0, "names": 1.0, "numbers": 0.5, "dates": 0.5, "types": 0.5, "embedding": 1.0}


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterConfig:
    """Knobs of the clustering; the defaults are the ones the benchmarks report."""

    threshold: float = 0.08  # least average similarity for two clusters to merge (topic level)
    split_threshold: float = 0.10  # same, inside a topic block, with the block's own weights
    min_subevent: int = 4  # least articles of a sub-event split off a block
    story_threshold: float = 0.7  # pairs this alike are one story (rewrites of one report) when splitting
    max_dense_block: int = 300  # nodes up to which a block compares all its pairs, else blocks again
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))  # per view
    block_keys: int = 12  # most distinctive features of a node used as blocking keys
    max_block_df: int = 60  # a feature in more nodes than this is too common to block on
    max_candidates: int = 40  # candidates kept per node (those sharing the most keys)
    same_days: int = 3  # publication dates this close count as the same news cycle
    day_scale: float = 7.0  # then similarity decays by e every this many days
    duplicate_threshold: float = 0.8  # Jaccard of word 5-shingles for near-duplicates
    require_shared_name: bool = True  # two articles naming no common entity/place/actor differ
    embedding_floor: float = 0.5  # embedding cosines up to this count 0, then rise linearly to 1
    embedding_words: int = 60  # the embedding weighs fully for a text of up to this many content words
    lsh_tables: int = 12  # random-hyperplane tables whose shared buckets make embedding candidates
    lsh_bucket: int = 16  # about this many nodes per bucket (sets the bits per table)
    regroup_threshold: float = 0.4  # least score of two clusters, pooled, to merge them (> 1: no regrouping)
    attach_threshold: float = 0.15  # least mean score for a cluster under min_subevent to join a larger one
    part_threshold: float = 0.45  # least score of two sub-events of one block, pooled, to join again (> 1: never)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventCluster:
    """One real-world event: the articles about it, with near-duplicate groups among them."""

    id: str
    members: tuple[str, ...]  # article ids, sorted
    duplicates: tuple[tuple[str, ...], ...] = ()  # groups of near-identical articles


def cluster_id(members: Iterable[str]) -> str:
    """A stable id for a set of article ids."""
    digest = hashlib.sha1("\n".join(sorted(members)).encode()).hexdigest()
    return f"ev-{digest[:12]}"


def cluster_analyses(
    analyses: Iterable[Analysis], *, nlp: Language | None = None, config: ClusterConfig | None = None
) -> list[EventCluster]:
    """Events of a stream of analyses (features parsed with ``nlp`` when given)."""
    return cluster_features(list(extract_features(analyses, nlp=nlp)), config=config)


def cluster_features(features: Sequence[DocFeatures], *, config: ClusterConfig | None = None) -> list[EventCluster]:
    """Events of already extracted features, largest first (ties by id)."""
    config = config or ClusterConfig()
    if not features:
        return []
    groups = near_duplicate_groups([f.fingerprint for f in features], threshold=config.duplicate_threshold)
    nodes = [_merge_node([features[i] for i in group]) for group in groups]
    weights = np.array([len(g) for g in groups], dtype=float)
    views = _vectorize_views([n.features for n in nodes], config.weights)
    embedding = _embedding_view(nodes, config)
    pairs = _candidate_pairs(_blocking_matrix(views), config)
    if embedding is not None:
        pairs = _union(pairs, _embedding_candidates(embedding.dense, config))
    days = [n.day for n in nodes]
    scores = _pair_scores([*views, *([embedding] if embedding else [])], pairs, days, config)
    topics = sparse_average_linkage(len(nodes), pairs, scores, weights, config.threshold)
    # Stories (rewrites of one report) are found by the words alone: reports of two
    # events of one kind are close in embedding, and would chain into one story.
    lexical = _pair_scores(views, pairs, days, config) if embedding is not None else scores
    labels = _split_blocks(nodes, weights, topics, pairs, lexical, config, embedding)
    labels = _attach_stragglers(labels, pairs, scores, weights, config)
    labels = _regroup(nodes, labels, topics, pairs, embedding, config)
    return _clusters(features, groups, labels)


def _merge_node(members: list[DocFeatures]) -> DocFeatures:
    """A near-duplicate group as one node: the longest member's features, the earliest date."""
    longest = max(members, key=lambda f: len(f.features))
    days = [f.day for f in members if f.day is not None]
    return DocFeatures(doc_id=longest.doc_id, day=min(days) if days else None, features=longest.features,
                       text=longest.text or longest.fingerprint)


@dataclass(frozen=True, slots=True)
class _View:
    matrix: sp.csr_matrix | None  # l2-normalised TF-IDF rows (all-zero for a node without features)
    name: str
    weight: float
    always: bool
    dense: np.ndarray | None = None  # l2-normalised embedding rows instead of ``matrix``
    floor: float = 0.0  # dense cosines up to this count 0
    reach: np.ndarray | None = None  # per node, the share of ``weight`` the view has (pairs take the larger)

    def pair_weights(self, pairs: np.ndarray) -> np.ndarray | float:
        if self.reach is None:
            return self.weight
        return self.weight * np.maximum(self.reach[pairs[:, 0]], self.reach[pairs[:, 1]])

    def present(self) -> np.ndarray:
        if self.dense is not None:
            return np.abs(self.dense).sum(axis=1) > 0
        return np.diff(self.matrix.indptr) > 0

    def cosines(self, pairs: np.ndarray) -> np.ndarray:
        if self.dense is not None:
            raw = np.einsum("ij,ij->i", self.dense[pairs[:, 0]], self.dense[pairs[:, 1]])
            return np.clip((raw - self.floor) / (1.0 - self.floor), 0.0, 1.0)
        products = self.matrix[pairs[:, 0]].multiply(self.matrix[pairs[:, 1]])
        return np.asarray(products.sum(axis=1)).ravel()


def _view_bags(bags: Sequence[tuple[str, ...]], weights: dict[str, float]) -> Iterator[tuple[str, bool, float, list[list[str]]]]:
    """``(name, always, weight, per-node features)`` of every weighted view some node has."""
    for name, (prefixes, always) in VIEWS.items():
        weight = weights.get(name, 0.0)
        selected = [[f for f in bag if f.split(":", 1)[0] in prefixes] for bag in bags]
        if weight > 0 and any(selected):
            yield name, always, weight, selected


def _embedding_view(nodes: Sequence[DocFeatures], config: ClusterConfig) -> _View | None:
    """The embedding view: each node's text embedded by the static model (no encoder pass)."""
    weight = config.weights.get("embedding", 0.0)
    if weight <= 0:
        return None
    from .embeddings import embed

    rows = embed([n.text or n.fingerprint for n in nodes])
    # Long articles share enough words and names for the lexical views; the embedding
    # weighs fully where one of the two is short (a headline and two sentences), and
    # less the longer both are: two long reports of one policy fortnight embed alike.
    words = np.array([sum(1 for f in n.features if f.startswith("w:")) for n in nodes], dtype=float)
    reach = np.clip(config.embedding_words / np.maximum(words, 1.0), 0.0, 1.0)
    return _View(matrix=None, name="embedding", weight=weight, always=False, dense=rows, floor=config.embedding_floor,
                 reach=reach)


def _embedding_candidates(rows: np.ndarray, config: ClusterConfig) -> np.ndarray:
    """Pairs of nodes sharing a random-hyperplane bucket of their embeddings (LSH), linear in the nodes.

    The rows are centred first (static embeddings of news share a large common direction);
    the bits per table grow with the corpus so that a bucket holds about ``lsh_bucket`` nodes.
    Buckets larger than ``max_block_df`` are no key, as in the lexical blocking.
    """
    n = len(rows)
    if n < 2 or config.lsh_tables <= 0:
        return np.empty((0, 2), dtype=np.int64)
    centred = rows - rows.mean(axis=0)
    bits = int(np.clip(math.ceil(math.log2(max(n / config.lsh_bucket, 2))), 1, 20))
    planes = np.random.default_rng(0).standard_normal((rows.shape[1], config.lsh_tables * bits)).astype(np.float32)
    signs = (centred @ planes > 0).reshape(n, config.lsh_tables, bits)
    codes = (signs * (1 << np.arange(bits))).sum(axis=2) + (np.arange(config.lsh_tables) << bits)[None, :]
    present = np.abs(rows).sum(axis=1) > 0
    row_ids = np.repeat(np.arange(n), config.lsh_tables)[np.repeat(present, config.lsh_tables)]
    cols = codes[present].ravel()
    _, cols = np.unique(cols, return_inverse=True)
    keys = sp.csr_matrix((np.ones(len(cols), dtype=np.float32), (row_ids, cols)), shape=(n, int(cols.max()) + 1 if len(cols) else 0))
    df = np.asarray(keys.sum(axis=0)).ravel()
    keys = keys @ sp.diags(((df >= 2) & (df <= config.max_block_df)).astype(np.float32))
    keys.eliminate_zeros()
    chunks = []
    for start in range(0, n, 4096):
        shared = (keys[start : start + 4096] @ keys.T).tocsr()
        chunks.append(_top_per_row(shared, start, config.max_candidates))
    pairs = np.concatenate(chunks) if chunks else np.empty((0, 2), dtype=np.int64)
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def _union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    both = np.concatenate([a.reshape(-1, 2), b.reshape(-1, 2)]).astype(np.int64)
    both = both[both[:, 0] < both[:, 1]] if len(both) else both
    return np.unique(both, axis=0) if len(both) else both


def _vectorize_views(bags: Sequence[tuple[str, ...]], weights: dict[str, float]) -> list[_View]:
    views = []
    for name, always, weight, selected in _view_bags(bags, weights):
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float32)
        views.append(_View(matrix=vectorizer.fit_transform(selected).tocsr(), name=name, weight=weight, always=always))
    return views


def _identity(bag: list[str]) -> list[str]:
    return bag


def _blocking_matrix(views: list[_View]) -> sp.csr_matrix:
    """All views side by side: blocking keys may come from any of them."""
    views = [v for v in views if v.dense is None]
    if not views:
        return sp.csr_matrix((0, 0), dtype=np.float32)
    return sp.hstack([v.matrix * v.weight for v in views]).tocsr()


def _candidate_pairs(matrix: sp.csr_matrix, config: ClusterConfig) -> np.ndarray:
    """Pairs (i < j) of nodes sharing a blocking key, at most ``max_candidates`` per node."""
    keys = _blocking_keys(matrix, config)
    chunks = []
    step = 4096
    for start in range(0, keys.shape[0], step):
        shared = (keys[start : start + step] @ keys.T).tocsr()
        chunks.append(_top_per_row(shared, start, config.max_candidates))
    pairs = np.concatenate(chunks) if chunks else np.empty((0, 2), dtype=np.int64)
    pairs = pairs[pairs[:, 0] < pairs[:, 1]] if len(pairs) else pairs
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def _blocking_keys(matrix: sp.csr_matrix, config: ClusterConfig) -> sp.csr_matrix:
    """A binary node x feature matrix: each node's heaviest features among those rare enough."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    usable = (df >= 2) & (df <= config.max_block_df)
    rows, cols = [], []
    for i in range(matrix.shape[0]):
        lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
        idx, val = matrix.indices[lo:hi], matrix.data[lo:hi]
        keep = usable[idx]
        idx, val = idx[keep], val[keep]
        if len(idx) > config.block_keys:
            idx = idx[np.argpartition(-val, config.block_keys)[: config.block_keys]]
        rows.extend([i] * len(idx))
        cols.extend(idx.tolist())
    data = np.ones(len(rows), dtype=np.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=matrix.shape)


def _top_per_row(shared: sp.csr_matrix, offset: int, limit: int) -> np.ndarray:
    out = []
    for r in range(shared.shape[0]):
        lo, hi = shared.indptr[r], shared.indptr[r + 1]
        cols, counts = shared.indices[lo:hi], shared.data[lo:hi]
        if len(cols) > limit:
            cols = cols[np.argpartition(-counts, limit)[:limit]]
        i = r + offset
        out.extend((min(i, c), max(i, c)) for c in cols.tolist() if c != i)
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def _pair_scores(views: list[_View], pairs: np.ndarray, days: list[int | None], config: ClusterConfig,
                 *, name_gate: bool = True) -> np.ndarray:
    """Weighted mean of the views' cosines, over the views both nodes have, times the date factor."""
    total = np.zeros(len(pairs), dtype=np.float64)
    norm = np.zeros(len(pairs), dtype=np.float64)
    gate = np.ones(len(pairs), dtype=np.float64)
    step = 100_000
    for view in views:
        present = view.present()
        for start in range(0, len(pairs), step):
            chunk = pairs[start : start + step]
            cosine = view.cosines(chunk)
            counts = np.ones(len(chunk)) if view.always else present[chunk[:, 0]] & present[chunk[:, 1]]
            weight = view.pair_weights(chunk)
            total[start : start + step] += weight * cosine * counts
            norm[start : start + step] += weight * counts
            if view.name == "names" and config.require_shared_name and name_gate:
                # Reports of one event share at least one name (a place, an actor, a
                # victim); without one, shared event types and small numbers are coincidence.
                both = present[chunk[:, 0]] & present[chunk[:, 1]]
                gate[start : start + step] = np.where(both & (cosine <= 0), 0.0, 1.0)
    scores = np.divide(total, norm, out=np.zeros_like(total), where=norm > 0) * gate
    for k, (i, j) in enumerate(pairs.tolist()):
        scores[k] *= _date_factor(days[i], days[j], config)
    return scores


def _split_blocks(nodes: list[DocFeatures], weights: np.ndarray, labels: list[int], pairs: np.ndarray,
                  scores: np.ndarray, config: ClusterConfig, embedding: _View | None = None) -> list[int]:
    """Labels after splitting every topic block into its sub-events (see step 6 above)."""
    story = _stories(len(nodes), pairs, scores, labels, config.story_threshold)
    blocks: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        blocks.setdefault(label, []).append(i)
    out = list(labels)
    next_label = len(labels)
    for members in blocks.values():
        if weights[members].sum() < 2 * config.min_subevent:
            continue
        local = None
        if embedding is not None:
            local = _View(matrix=None, name="embedding", weight=embedding.weight, always=False,
                          dense=embedding.dense[members], floor=embedding.floor, reach=embedding.reach[members])
        parts = _subevents([nodes[i] for i in members], weights[members], [story[i] for i in members], config, local)
        for part in parts[1:]:
            for k in part:
                out[members[k]] = next_label
            next_label += 1
    return out


def _regroup(nodes: list[DocFeatures], labels: list[int], topics: list[int], pairs: np.ndarray,
             embedding: _View | None, config: ClusterConfig) -> list[int]:
    """Clusters compared as documents: their pooled features and mean embedding (step 7).

    Short reports of one event may form several small clusters that no single pair of
    reports ties together; pooled, they share their names and their embeddings agree.
    Cluster pairs linked by a candidate pair are scored like articles and merged by
    average linkage at ``regroup_threshold``. The work follows the number of clusters.
    """
    if config.regroup_threshold > 1 or not len(pairs):
        return labels
    ids = {label: k for k, label in enumerate(dict.fromkeys(labels))}
    member = np.array([ids[label] for label in labels])
    bags: list[list[str]] = [[] for _ in ids]
    days: list[list[int]] = [[] for _ in ids]
    for node, k in zip(nodes, member.tolist()):
        bags[k].extend(node.features)
        if node.day is not None:
            days[k].append(node.day)
    views = _vectorize_views([tuple(b) for b in bags], config.weights)
    if embedding is not None:
        sums = np.zeros((len(ids), embedding.dense.shape[1]), dtype=np.float32)
        np.add.at(sums, member, embedding.dense)
        reach = np.zeros(len(ids))
        np.maximum.at(reach, member, embedding.reach)
        views.append(_View(matrix=None, name="embedding", weight=embedding.weight, always=False,
                           dense=normalize(sums).astype(np.float32), floor=embedding.floor, reach=reach))
    linked = np.unique(np.sort(member[pairs], axis=1), axis=0)
    linked = linked[linked[:, 0] < linked[:, 1]]
    # Clusters that the split of one topic block parted stay apart: the block's own
    # weights told them apart, and pooled they would look alike again.
    topic = np.zeros(len(ids), dtype=np.int64)
    topic[member] = np.asarray(topics)
    linked = linked[topic[linked[:, 0]] != topic[linked[:, 1]]]
    if not len(linked):
        return labels
    cluster_days = [int(np.median(d)) if d else None for d in days]
    scores = _pair_scores(views, linked, cluster_days, config)
    sizes = np.bincount(member).astype(float)
    merged = sparse_average_linkage(len(ids), linked, scores, np.ones_like(sizes), config.regroup_threshold)
    return [merged[k] for k in member.tolist()]


def _attach_stragglers(labels: list[int], pairs: np.ndarray, scores: np.ndarray, weights: np.ndarray,
                       config: ClusterConfig) -> list[int]:
    """Clusters smaller than ``min_subevent`` join the cluster they are most like, when alike enough.

    A short report or a page excerpt shares few features with the rest of its event, so
    average linkage (unscored pairs counting as zero) leaves it alone. Here its likeness to
    a cluster is the mean score of its *scored* pairs with it, which must reach
    ``attach_threshold``. Cost: one pass over the candidate pairs.
    """
    if config.attach_threshold > 1 or not len(pairs):
        return labels
    size: dict[int, float] = {}
    for label, w in zip(labels, weights.tolist()):
        size[label] = size.get(label, 0.0) + w
    small = {label for label, total in size.items() if total < config.min_subevent}
    sums: dict[tuple[int, int], list[float]] = {}
    for (i, j), score in zip(pairs.tolist(), scores.tolist()):
        a, b = labels[i], labels[j]
        if a == b or score <= 0:
            continue
        for mine, other in ((a, b), (b, a)):
            if mine in small and size[other] > size[mine]:
                cell = sums.setdefault((mine, other), [0.0, 0.0])
                cell[0] += score
                cell[1] += 1
    best: dict[int, tuple[float, int]] = {}
    for (mine, other), (total, count) in sums.items():
        mean = total / count
        if mean >= config.attach_threshold and mean > best.get(mine, (0.0, -1))[0]:
            best[mine] = (mean, other)
    target = {mine: other for mine, (_, other) in best.items()}
    return [target.get(label, label) for label in labels]


def _stories(n: int, pairs: np.ndarray, scores: np.ndarray, labels: list[int], threshold: float) -> list[int]:
    """A story id per node: nodes of one block linked by pairs scoring at least ``threshold``.

    Rewrites of one wire report (not near-duplicates, but most sentences in common) are
    that alike. Inside a block a feature's frequency is counted in stories, not articles:
    else the details of one report, repeated by its five rewrites, would look like the
    specifics of an event of their own, and an event would split along its wire stories.
    """
    parent = list(range(n))
    for i, j in pairs[scores >= threshold].tolist():
        if labels[i] == labels[j]:
            a, b = _root(parent, i), _root(parent, j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return [_root(parent, i) for i in range(n)]


def _subevents(nodes: list[DocFeatures], weights: np.ndarray, stories: list[int],
               config: ClusterConfig, embedding: _View | None = None) -> list[list[int]]:
    """The sub-events of one block, as lists of positions in ``nodes`` (one list: no split)."""
    # No embedding view here: inside a topic every report embeds alike (measured: a
    # block-centred embedding view lowered ECB+ train from 0.959 to 0.937).
    views = _local_views([n.features for n in nodes], stories, config.weights)
    n = len(nodes)
    if n <= config.max_dense_block:
        pairs = np.stack(np.triu_indices(n, 1), axis=1).astype(np.int64)
    else:
        pairs = _candidate_pairs(_blocking_matrix(views), config)
    # No shared-name gate here: the names the whole block shares carry no weight in it.
    scores = _pair_scores(views, pairs, [f.day for f in nodes], config, name_gate=False)
    labels = sparse_average_linkage(n, pairs, scores, weights, config.split_threshold)
    parts = _absorb_small_parts(labels, pairs, scores, weights, config.min_subevent)
    return _join_parts(parts, views, weights, [f.day for f in nodes], config, embedding)


def _join_parts(parts: list[list[int]], views: list[_View], weights: np.ndarray, days: list[int | None],
                config: ClusterConfig, embedding: _View | None = None) -> list[list[int]]:
    """Sub-events of one block compared as documents: pooled block-weighted features, mean embedding.

    Short reports of one event share too few features pair by pair for average linkage
    to hold them together, so a block of them splits into several parts of one event;
    pooled, a part's reports name the event's specifics together. Parts whose pooled
    score reaches ``part_threshold`` are joined again (average linkage over the parts:
    a handful per block, so the cost is that of the block's split).
    """
    if len(parts) < 2 or config.part_threshold > 1:
        return parts
    member = np.zeros(sum(len(p) for p in parts), dtype=np.int64)
    for k, part in enumerate(parts):
        member[part] = k
    pool = sp.csr_matrix((weights, (member, np.arange(len(member)))), shape=(len(parts), len(member)))
    pooled = [_View(matrix=normalize((pool @ v.matrix).tocsr()).astype(np.float32), name=v.name, weight=v.weight,
                    always=v.always) for v in views]
    if embedding is not None:
        # The mean embedding of a part, weighed as for articles: fully for parts of short
        # reports, less for parts of long articles (whose words tell events of one kind apart).
        reach = np.array([float(np.mean(embedding.reach[part])) for part in parts])
        pooled.append(_View(matrix=None, name="embedding", weight=embedding.weight, always=False,
                            dense=normalize(pool @ embedding.dense).astype(np.float32), floor=embedding.floor,
                            reach=reach))
    part_days = [int(np.median(d)) if (d := [days[i] for i in part if days[i] is not None]) else None
                 for part in parts]
    pairs = np.stack(np.triu_indices(len(parts), 1), axis=1).astype(np.int64)
    scores = _pair_scores(pooled, pairs, part_days, config, name_gate=False)
    joined = sparse_average_linkage(len(parts), pairs, scores, np.ones(len(parts)), config.part_threshold)
    out: dict[int, list[int]] = {}
    for part, label in zip(parts, joined):
        out.setdefault(label, []).extend(part)
    return [sorted(p) for p in out.values()]


def _local_views(bags: Sequence[tuple[str, ...]], stories: list[int], weights: dict[str, float]) -> list[_View]:
    """TF-IDF views with the frequencies of this block alone, counted in stories.

    A feature of every story of the block gets no weight (it is what made the block), and
    one of a single story none either (it links nothing): what is left are the specifics
    that some reports share and others do not.
    """
    views = []
    for name, always, weight, selected in _view_bags(bags, weights):
        counts = CountVectorizer(analyzer=_identity, dtype=np.float64).fit_transform(selected).tocsr()
        df, n = _story_frequency(counts, stories)
        idf = np.where((df >= 2) & (df < n), np.log(n / np.maximum(df, 1)), 0.0)
        counts.data = 1.0 + np.log(counts.data)  # sublinear term frequency, as in the global views
        matrix = normalize((counts @ sp.diags(idf)).tocsr())
        matrix.eliminate_zeros()
        views.append(_View(matrix=matrix.astype(np.float32), name=name, weight=weight, always=always))
    return views


def _story_frequency(counts: sp.csr_matrix, stories: list[int]) -> tuple[np.ndarray, int]:
    """How many stories hold each feature, and how many stories there are."""
    ids = {s: k for k, s in enumerate(dict.fromkeys(stories))}
    rows = np.array([ids[s] for s in stories])
    membership = sp.csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(len(ids), len(rows)))
    held = membership @ (counts > 0).astype(np.float64)
    return np.bincount(held.tocsr().indices, minlength=counts.shape[1]), len(ids)


def _absorb_small_parts(labels: list[int], pairs: np.ndarray, scores: np.ndarray, weights: np.ndarray,
                        min_size: int) -> list[list[int]]:
    """Parts of at least ``min_size`` articles; each smaller part's nodes join the part they are most like."""
    parts: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        parts.setdefault(label, []).append(i)
    big = [p for p in parts.values() if weights[p].sum() >= min_size]
    if len(big) < 2:
        return [list(range(len(labels)))]
    home = {i: b for b, part in enumerate(big) for i in part}
    size = np.array([weights[p].sum() for p in big])
    link = np.zeros((len(labels), len(big)))
    for (i, j), s in zip(pairs.tolist(), scores.tolist()):
        if j in home:
            link[i, home[j]] += s * weights[j]
        if i in home:
            link[j, home[i]] += s * weights[i]
    for i in range(len(labels)):
        if i not in home:
            big[int(np.argmax(link[i] / size))].append(i)
    return [sorted(p) for p in big]


def _date_factor(a: int | None, b: int | None, config: ClusterConfig) -> float:
    """1 for unknown or close dates, decaying with the distance beyond ``same_days``."""
    if a is None or b is None:
        return 1.0
    gap = abs(a - b) - config.same_days
    return 1.0 if gap <= 0 else math.exp(-gap / config.day_scale)


def sparse_average_linkage(
    n: int, pairs: np.ndarray, scores: np.ndarray, weights: np.ndarray, threshold: float
) -> list[int]:
    """Average-linkage agglomeration over a sparse similarity graph; a cluster label per node.

    The linkage of clusters A and B is the weighted mean similarity over all node pairs
    across them, pairs without an edge counting as 0; merging stops below ``threshold``.
    Only edges are ever touched, so the cost follows the number of candidate pairs.
    """
    size = weights.astype(float).tolist()
    links: list[dict[int, float]] = [dict() for _ in range(n)]
    for (i, j), s in zip(pairs.tolist(), scores.tolist()):
        if s > 0:
            total = s * size[i] * size[j]
            links[i][j] = links[i].get(j, 0.0) + total
            links[j][i] = links[j].get(i, 0.0) + total
    heap = [(-links[i][j] / (size[i] * size[j]), i, j) for i in range(n) for j in links[i] if i < j]
    heapq.heapify(heap)
    parent = list(range(n))
    alive = [True] * n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if -neg < threshold:
            break
        if not (alive[a] and alive[b]) or b not in links[a]:
            continue
        current = links[a][b] / (size[a] * size[b])
        if abs(current + neg) > 1e-12:
            continue  # stale entry: a fresher one for this pair is in the heap
        _merge(a, b, links, size, alive, parent, heap)
    return [_root(parent, i) for i in range(n)]


def _merge(a: int, b: int, links: list[dict[int, float]], size: list[float], alive: list[bool],
           parent: list[int], heap: list) -> None:
    if len(links[a]) < len(links[b]):
        a, b = b, a  # fold the smaller neighbourhood into the larger one
    parent[b] = a
    alive[b] = False
    size[a] += size[b]
    links[a].pop(b, None)
    for c, total in links[b].items():
        if c == a:
            continue
        links[a][c] = links[a].get(c, 0.0) + total
        links[c].pop(b, None)
        links[c][a] = links[a][c]
    links[b] = {}
    for c, total in links[a].items():  # a grew, so every linkage from it changed
        heapq.heappush(heap, (-total / (size[a] * size[c]), min(a, c), max(a, c)))


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _clusters(features: Sequence[DocFeatures], groups: list[list[int]], labels: list[int]) -> list[EventCluster]:
    members: dict[int, list[str]] = {}
    dups: dict[int, list[tuple[str, ...]]] = {}
    for group, label in zip(groups, labels):
        ids = [features[i].doc_id for i in group]
        members.setdefault(label, []).extend(ids)
        if len(ids) > 1:
            dups.setdefault(label, []).append(tuple(sorted(ids)))
    clusters = [
        EventCluster(id=cluster_id(ids), members=tuple(sorted(ids)), duplicates=tuple(sorted(dups.get(label, []))))
        for label, ids in members.items()
    ]
    return sorted(clusters, key=lambda c: (-len(c.members), c.id))
