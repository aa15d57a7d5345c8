"""The queries behind the API and the pages: each calls the library (store, corpus) once,
so an HTML page and its JSON twin are always the same answer."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import NotFoundError, RequestInvalidError
from ..model import Analysis, to_dict
from ..store import Store
from ..web import _compare

__all__ = ["SearchParams", "search", "get_analysis", "events", "event_comparison", "compare", "claims",
           "MAX_LIMIT", "MAX_COMPARE"]

MAX_LIMIT = 100
MAX_COMPARE = 50


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchParams:
    q: str | None = None
    outlet: str | None = None
    published_from: str | None = None
    published_to: str | None = None
    source: str | None = None
    source_kind: str | None = None
    cue_class: str | None = None
    technique: str | None = None
    author_only: bool = False
    limit: int = 20
    offset: int = 0

    def filters(self) -> dict[str, Any]:
        return {"source": self.source, "cue_class": self.cue_class, "author_only": self.author_only,
                "technique": self.technique, "outlet": self.outlet, "source_kind": self.source_kind,
                "published_from": self.published_from, "published_to": self.published_to}

    def as_query(self, **changes: Any) -> dict[str, Any]:
        """The parameters as a query string dict (empty ones left out), with ``changes``."""
        values = {**dataclasses.asdict(self), **changes}
        return {k: ("1" if v is True else v) for k, v in values.items()
                if v not in (None, "", False) and not (k == "offset" and v == 0) and not (k == "limit" and v == 20)}


def search(store: Store, params: SearchParams) -> dict[str, Any]:
    """Hits (one page), facets over all matches, and the paging."""
    if not 1 <= params.limit <= MAX_LIMIT or params.offset < 0:
        raise RequestInvalidError(f"limit must be 1 to {MAX_LIMIT} and offset at least 0")
    hits = store.search(params.q, **params.filters(), limit=params.limit + 1, offset=params.offset)
    facets = store.search_facets(params.q, **params.filters())
    return {
        "query": params.as_query(),
        "hits": [to_dict(h) for h in hits[: params.limit]],
        "facets": {name: [{"value": v, "count": n} for v, n in rows] for name, rows in facets.items()},
        "limit": params.limit,
        "offset": params.offset,
        "more": len(hits) > params.limit,
    }


def get_analysis(store: Store, article_id: str) -> Analysis:
    analysis = store.get_analysis(article_id)
    if analysis is None:
        if store.has_article(article_id):
            analysis = Analysis(article=store.get_article(article_id))  # stored with --no-analyze
        else:
            raise NotFoundError(f"no article {article_id!r} in the library; search for it at /")
    return analysis


def events(store: Store) -> list[dict[str, Any]]:
    from ..corpus import list_events

    return [dataclasses.asdict(s) for s in list_events(store.iter_analyses())]


def event_comparison(store: Store, event_id: str) -> dict[str, Any]:
    return _compare.compare_payload(store.iter_analyses(), event_id=event_id)


def compare(store: Store, article_ids: list[str]) -> dict[str, Any]:
    ids = list(dict.fromkeys(article_ids))
    if not 1 <= len(ids) <= MAX_COMPARE:
        raise RequestInvalidError(f"compare between 1 and {MAX_COMPARE} articles (article ids), not {len(ids)}")
    analyses = [get_analysis(store, i) for i in ids]
    return _compare.compare_payload(analyses)


def _claim_rows(store: Store, author_only: bool, article_ids: list[str] | None,
                min_checkworthiness: float | None) -> Iterator[dict[str, Any]]:
    for stored in store.iter_records("claims", article_ids=article_ids or None):
        claim = stored.record
        if author_only and claim.attribution != "author":
            continue
        if min_checkworthiness is not None and (claim.checkworthiness or 0.0) < min_checkworthiness:
            continue
        yield {"article_id": stored.article_id, "outlet": stored.outlet, "published": stored.published,
               "title": stored.title, **to_dict(claim)}


def claims(store: Store, *, author_only: bool = False, article_ids: list[str] | None = None,
           min_checkworthiness: float | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise RequestInvalidError(f"limit must be 1 to {MAX_LIMIT} and offset at least 0")
    rows: list[dict[str, Any]] = []
    more = False
    for i, row in enumerate(_claim_rows(store, author_only, article_ids, min_checkworthiness)):
        if i < offset:
            continue
        if len(rows) == limit:
            more = True
            break
        rows.append(row)
    return {"claims": rows, "limit": limit, "offset": offset, "more": more}
