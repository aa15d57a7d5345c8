"""The one place where the web front asks ``claimgraph.corpus`` for a comparison (compare/2);
tests replace :func:`compare_payload`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import corpus
from ..model import Analysis

__all__ = ["compare_payload"]


def compare_payload(analyses: Iterable[Analysis], *, event_id: str | None = None) -> dict[str, Any]:
    """The compare/2 document of ``event_id`` among ``analyses``, or of all ``analyses``
    when no event is given. Raises EventNotFoundError for an unknown event."""
    analyses = list(analyses)
    if event_id is None:
        comparison = corpus.compare_articles(analyses)
    else:
        comparison = corpus.event_comparison(analyses, event_id)
    return corpus.comparison_to_dict(comparison)
