"""The one place where the web front asks ``claimgraph.corpus`` for a comparison.

It calls the compare/2 contract (``compare_articles``, ``event_comparison``,
``comparison_to_dict``). Until ``claimgraph.corpus`` exports ``compare_articles`` (the
compare/2 rebuild), the older event comparison is translated here into the compare/2
shape, so that the pages have one input format; tests replace :func:`compare_payload`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import corpus
from ..model import Analysis

__all__ = ["compare_payload", "HAS_COMPARE_2"]

HAS_COMPARE_2 = hasattr(corpus, "compare_articles")
_VERDICTS = {"agreement": "agree", "update": "update", "conflict": "conflict"}


def compare_payload(analyses: Iterable[Analysis], *, event_id: str | None = None) -> dict[str, Any]:
    """The compare/2 document of ``event_id`` among ``analyses``, or of all ``analyses``
    when no event is given. Raises EventNotFoundError for an unknown event."""
    analyses = list(analyses)
    if HAS_COMPARE_2:
        if event_id is None:
            comparison = corpus.compare_articles(analyses)
        else:
            comparison = corpus.event_comparison(analyses, event_id)
        return corpus.comparison_to_dict(comparison)
    if event_id is None:
        old = corpus.compare_event("selection", analyses)
    else:
        old = corpus.event_comparison(analyses, event_id)
    return _from_compare_1(old, analyses, event_id)


def _from_compare_1(old: Any, analyses: list[Analysis], event_id: str | None) -> dict[str, Any]:
    """compare/2 from the older ``EventComparison`` (figures and blame; no claims)."""
    by_id = {a.article.id: a.article for a in analyses}
    articles = [{"id": a.id, "outlet": a.outlet, "published": a.published, "title": a.title,
                 "url": by_id[a.id].url if a.id in by_id else None} for a in old.articles]
    first = old.articles[0] if old.articles else None
    slots = []
    for aspect in old.figures:
        singles = len({r.article_id for r in aspect.reports}) < 2
        slots.append({
            "id": aspect.name, "label": aspect.name, "role": aspect.name, "referent": aspect.name, "unit": None,
            "verdict": "single" if singles else _VERDICTS.get(aspect.status, "agree"),
            "verdict_reason": "; ".join(d.reason for d in aspect.differences if d.kind != "agreement")
            or ("one outlet only" if singles else "the figures are compatible"),
            "members": [{"article_id": r.article_id, "start": r.span.start, "end": r.span.end, "text": r.span.text,
                         "value": r.value, "low": r.low, "high": r.high, "reported_at": r.published, "source": None}
                        for r in aspect.reports],
        })
    blame = []
    if old.blame is not None:
        for party in sorted({r.party for r in old.blame.reports}):
            reports = [r for r in old.blame.reports if r.party == party]
            several = len({r.article_id for r in reports}) > 1
            blame.append({"party": party, "kind": "responsibility", "verdict": "agree" if several else "single",
                          "members": [{"article_id": r.article_id, "start": r.span.start, "end": r.span.end,
                                       "text": r.span.text, "by": r.said_by,
                                       "framing": "asserted" if r.said_by == "author" else "attributed"}
                                      for r in reports]})
    if event_id is None:
        event = {"id": None, "title": None, "type": None, "place": None, "date": None}
    else:
        places = [p.name for p in old.places]
        event = {"id": event_id, "title": first.title if first else None,
                 "type": old.event_types[0] if old.event_types else None,
                 "place": max(set(places), key=places.count) if places else None,
                 "date": first.published if first else None}
    return {"schema": "compare/2", "event": event, "articles": articles, "slots": slots, "blame": blame, "claims": []}
