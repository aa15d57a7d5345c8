"""Work across articles: group them into real-world events, align what each outlet says about
an event (figures by role, dates, places, who is blamed or credited) and report agreement,
updates over time and conflicts, each with the articles and spans behind it."""

from __future__ import annotations

from .alignment import (
    Aspect,
    BlameReport,
    DateReport,
    Difference,
    EventComparison,
    FigureReport,
    PlaceReport,
    compare_event,
)
from .clustering import ClusterConfig, EventCluster, cluster_analyses, cluster_features, cluster_id
from .events import EventMember, EventNotFoundError, EventSummary, event_comparison, list_events
from .features import DocFeatures, extract_features
from .near_duplicates import near_duplicate_groups
from .render import comparison_to_dict, render_html, render_text

__all__ = [
    "Aspect",
    "BlameReport",
    "ClusterConfig",
    "DateReport",
    "Difference",
    "DocFeatures",
    "EventCluster",
    "EventComparison",
    "EventMember",
    "EventNotFoundError",
    "EventSummary",
    "FigureReport",
    "PlaceReport",
    "cluster_analyses",
    "cluster_features",
    "cluster_id",
    "compare_event",
    "comparison_to_dict",
    "event_comparison",
    "extract_features",
    "list_events",
    "near_duplicate_groups",
    "render_html",
    "render_text",
]
