"""Work across articles: group them into real-world events and compare like with like.

:func:`compare_articles` (any set of articles) and :func:`event_comparison` (one clustered
event) build a :class:`Comparison`: fact slots with one verdict each, blame and credit by
party, and the claims several outlets carry with each outlet's framing. Its JSON document
is ``compare/2`` (:func:`comparison_to_dict`, documented in docs/corpus.md).
"""

from __future__ import annotations

from .clustering import ClusterConfig, EventCluster, cluster_analyses, cluster_features, cluster_id
from .compare import (
    ArticleRef,
    BlameMember,
    BlameRow,
    ClaimMember,
    ClaimRow,
    Comparison,
    EventInfo,
    Slot,
    SlotMember,
    compare_articles,
)
from .events import EventMember, EventNotFoundError, EventSummary, event_comparison, list_events
from .features import DocFeatures, extract_features
from .near_duplicates import near_duplicate_groups
from .parties import Party, party_of
from .render import comparison_to_dict, render_html, render_text

__all__ = [
    "ArticleRef",
    "BlameMember",
    "BlameRow",
    "ClaimMember",
    "ClaimRow",
    "ClusterConfig",
    "Comparison",
    "DocFeatures",
    "EventCluster",
    "EventInfo",
    "EventMember",
    "EventNotFoundError",
    "EventSummary",
    "Party",
    "Slot",
    "SlotMember",
    "cluster_analyses",
    "cluster_features",
    "cluster_id",
    "compare_articles",
    "comparison_to_dict",
    "event_comparison",
    "extract_features",
    "list_events",
    "near_duplicate_groups",
    "party_of",
    "render_html",
    "render_text",
]
