"""Search: FTS5 over titles and texts, filters over the normalised records.

A query, when given, is FTS5 syntax (words, "phrases", prefix*, AND/OR/NOT, NEAR);
the filters narrow articles to those that hold a matching record, and each hit carries
those records as ``matches``. See docs/store.md for the syntax and the ranking.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError, UsageError
from ..model import CUE_CLASSES, SOURCE_KINDS, TECHNIQUES, Attribution, Claim, Technique
from ._rows import record_from_row, select_sql

__all__ = ["SearchFilters", "SearchHit", "facet_counts", "quote_query", "run_search"]

#: Marks put around matched words in :attr:`SearchHit.snippet`.
MARK_OPEN, MARK_CLOSE = "[", "]"
_SNIPPET_TOKENS = 24
_SNIPPET_CHARS = 80  # context on each side of a filter match, when there is no query
#: bm25 weights of the FTS columns (title, text): a word in the title counts double.
_BM25 = "bm25(articles_fts, 2.0, 1.0)"
_SAME_ARTICLE = "r.article_id = a.id"
#: First and last day (as ISO strings) of an article's date at its precision; "-31" closes any
#: month, since the comparison is on strings.
_PERIOD_START = ("(CASE length(a.published) WHEN 4 THEN a.published || '-01-01' WHEN 7 THEN a.published || '-01' "
                 "ELSE substr(a.published, 1, 10) END)")
_PERIOD_END = ("(CASE length(a.published) WHEN 4 THEN a.published || '-12-31' WHEN 7 THEN a.published || '-31' "
               "ELSE substr(a.published, 1, 10) END)")


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """One article found by :meth:`Store.search`.

    ``snippet`` is plain text around the match with matched words between ``[`` and ``]``;
    ``score`` is the negated BM25 rank (higher is better) for a text query, 0.0 for a
    filter-only search; ``matches`` are the records that satisfied the filters (and claims
    whose text matches the query), in text order.
    """

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float
    matches: tuple[Attribution | Claim | Technique, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchFilters:
    query: str | None = None
    source: str | None = None
    cue_class: str | None = None
    author_only: bool = False
    technique: str | None = None
    outlet: str | None = None
    source_kind: str | None = None
    published_from: str | None = None
    published_to: str | None = None
    language: str | None = None


def quote_query(text: str) -> str:
    """An FTS5 query that matches the words of ``text`` literally: each white-space separated
    token becomes a quoted phrase (inner quotes doubled), and all are required."""
    tokens = text.replace("\x00", " ").split()
    return " ".join('"' + token.replace('"', '""') + '"' for token in tokens)


def check_filters(filters: SearchFilters, limit: int) -> SearchFilters:
    """Validated filters, with the technique name in its canonical spelling."""
    if limit < 1:
        raise UsageError(f"limit must be at least 1, not {limit}")
    cue_class = filters.cue_class.strip().lower() if filters.cue_class is not None else None
    if cue_class is not None and cue_class not in CUE_CLASSES:
        raise UsageError(_unknown("cue class", filters.cue_class or "", CUE_CLASSES))
    # FTS5 reads the query as a C string: a NUL would cut it short mid-phrase.
    query = filters.query.replace("\x00", " ") if filters.query else None
    query = query if query and query.strip() else None
    technique = _canonical_technique(filters.technique) if filters.technique is not None else None
    source = filters.source if filters.source else None
    source_kind = filters.source_kind.strip().lower() if filters.source_kind else None
    if source_kind is not None and source_kind not in SOURCE_KINDS:
        raise UsageError(_unknown("source kind", filters.source_kind or "", SOURCE_KINDS))
    language = filters.language.strip().lower() if filters.language else None
    if language is not None and not re.fullmatch(r"[a-z]{2,3}", language):
        raise UsageError(f'unknown language "{filters.language}"; give an ISO 639-1 code such as en, fr or de')
    return SearchFilters(
        language=language,
        query=query,
        source=source,
        cue_class=cue_class,
        author_only=filters.author_only,
        technique=technique,
        outlet=filters.outlet or None,
        source_kind=source_kind,
        published_from=filters.published_from or None,
        published_to=filters.published_to or None,
    )


def _canonical_technique(name: str) -> str:
    """Accept any case, spaces for underscores, and one part of a merged label ("Name_Calling")."""
    wanted = name.strip().replace(" ", "_").casefold()
    for label in TECHNIQUES:
        if wanted == label.casefold() or wanted in (part.casefold() for part in label.split(",")):
            return label
    raise UsageError(_unknown("technique", name, TECHNIQUES))


def _unknown(what: str, value: str, options: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    hint = f' Did you mean "{close[0]}"?' if close else ""
    return f'unknown {what} "{value}"; choose one of: {", ".join(options)}.{hint}'


def _filter_clauses(f: SearchFilters) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``a`` (articles) for the filters, and their parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    attribution_sql, attribution_params = _attribution_condition(f)
    if attribution_sql:
        clauses.append(f"EXISTS (SELECT 1 FROM attributions r WHERE {_SAME_ARTICLE} AND {attribution_sql})")
        params += attribution_params
    if f.author_only:
        clauses.append(f"EXISTS (SELECT 1 FROM claims r WHERE {_SAME_ARTICLE} AND r.attribution = 'author')")
    if f.technique:
        clauses.append(f"EXISTS (SELECT 1 FROM techniques r WHERE {_SAME_ARTICLE} AND r.technique = ?)")
        params.append(f.technique)
    if f.outlet:
        clauses.append("a.outlet = ?")
        params.append(f.outlet)
    # Dates and date-times compare as days; a date known only to the month ("2024-05") or the
    # year ("2024") is the period it names, and matches a range that overlaps it.
    if f.published_from:
        clauses.append(f"{_PERIOD_END} >= ?")
        params.append(f.published_from[:10])
    if f.published_to:
        clauses.append(f"{_PERIOD_START} <= ?")
        params.append(f.published_to[:10])
    if f.language:
        clauses.append("a.language = ?")
        params.append(f.language)
    return clauses, params


def _attribution_condition(f: SearchFilters) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    if f.source:
        # instr over a casefolded copy: a plain substring, no LIKE wildcards to escape.
        parts.append("instr(r.source_key, ?) > 0")
        params.append(f.source.casefold())
    if f.cue_class:
        parts.append("r.cue_class = ?")
        params.append(f.cue_class)
    if f.source_kind:
        parts.append("r.source_kind = ?")
        params.append(f.source_kind)
    return " AND ".join(parts), params


def run_search(conn: sqlite3.Connection, filters: SearchFilters, limit: int, offset: int = 0) -> list[SearchHit]:
    """The hits for checked ``filters`` (see :func:`check_filters`)."""
    clauses, params = _filter_clauses(filters)
    if filters.query:
        rows = _text_query(conn, filters.query, clauses, params, limit, offset)
    else:
        where = " AND ".join(clauses) or "1"
        rows = conn.execute(
            "SELECT a.id, a.title, a.outlet, a.published, NULL, 0.0, a.text FROM articles a "
            f"WHERE {where} ORDER BY coalesce(a.published, '') DESC, a.id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
    return [_hit(conn, row, filters) for row in rows]


_FACETS = {
    "outlet": "SELECT a.outlet, count(*) FROM articles a WHERE a.id IN ({ids}) AND a.outlet IS NOT NULL "
              "GROUP BY a.outlet",
    "source_kind": "SELECT r.source_kind, count(DISTINCT r.article_id) FROM attributions r "
                   "WHERE r.article_id IN ({ids}) AND r.source_kind IS NOT NULL GROUP BY r.source_kind",
    "cue_class": "SELECT r.cue_class, count(DISTINCT r.article_id) FROM attributions r "
                 "WHERE r.article_id IN ({ids}) GROUP BY r.cue_class",
    "technique": "SELECT r.technique, count(DISTINCT r.article_id) FROM techniques r "
                 "WHERE r.article_id IN ({ids}) GROUP BY r.technique",
}


def facet_counts(conn: sqlite3.Connection, filters: SearchFilters) -> dict[str, list[tuple[str, int]]]:
    """Per facet, (value, number of matching articles), most frequent first."""
    clauses, params = _filter_clauses(filters)
    if filters.query:
        where = " AND ".join(["articles_fts MATCH ?", *clauses])
        ids = f"SELECT a.id FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid WHERE {where}"
        params = [filters.query, *params]
    else:
        ids = f"SELECT a.id FROM articles a WHERE {' AND '.join(clauses) or '1'}"
    out: dict[str, list[tuple[str, int]]] = {}
    try:
        for name, sql in _FACETS.items():
            rows = conn.execute(sql.format(ids=ids), params).fetchall()
            out[name] = sorted(((str(v), int(n)) for v, n in rows), key=lambda vn: (-vn[1], vn[0]))
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot read the search query {filters.query!r} ({exc})", code="CG303") from exc
    return out


def _text_query(
    conn: sqlite3.Connection, query: str, clauses: list[str], params: list[Any], limit: int, offset: int = 0
) -> list[tuple[Any, ...]]:
    where = " AND ".join(["articles_fts MATCH ?", *clauses])
    snippet = f"snippet(articles_fts, -1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', {_SNIPPET_TOKENS})"
    sql = (
        f"SELECT a.id, a.title, a.outlet, a.published, {snippet}, -{_BM25}, a.text "
        f"FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid WHERE {where} "
        f"ORDER BY {_BM25} LIMIT ? OFFSET ?"
    )
    try:
        return conn.execute(sql, (query, *params, limit, offset)).fetchall()
    except sqlite3.OperationalError as exc:
        raise StoreError(
            f"cannot read the search query {query!r} ({exc}). Put words with punctuation in double "
            f'quotes (e.g. "U.S." or "covid-19"), write AND/OR/NOT in capitals only as operators, '
            f"or search the words literally with: {quote_query(query)}",
            code="CG303",
        ) from exc


def _hit(conn: sqlite3.Connection, row: tuple[Any, ...], filters: SearchFilters) -> SearchHit:
    article_id, title, outlet, published, snippet, score, text = row
    matches = _matches(conn, article_id, filters)
    if snippet is None:
        snippet = _plain_snippet(text, matches)
    return SearchHit(
        article_id=article_id,
        title=title,
        outlet=outlet,
        published=published,
        snippet=" ".join(snippet.split()),
        score=float(score),
        matches=matches,
    )


def _matches(conn: sqlite3.Connection, article_id: str, f: SearchFilters) -> tuple[Any, ...]:
    found: list[Any] = []
    condition, params = _attribution_condition(f)
    if condition:
        found += _records(conn, "attributions", f"r.article_id = ? AND {condition}", [article_id, *params])
    if f.author_only:
        found += _records(conn, "claims", "r.article_id = ? AND r.attribution = 'author'", [article_id])
    if f.technique:
        where = "r.article_id = ? AND r.technique = ?"
        found += _records(conn, "techniques", where, [article_id, f.technique])
    if f.query:
        found += _claims_matching(conn, article_id, f.query)
    unique = {(type(rec).__name__, _start(rec), _end(rec), getattr(rec, "id", None)): rec for rec in found}
    return tuple(sorted(unique.values(), key=lambda rec: (_start(rec), _end(rec))))


def _records(conn: sqlite3.Connection, section: str, where: str, params: list[Any]) -> list[Any]:
    rows = conn.execute(f"{select_sql(section)} WHERE {where} ORDER BY r.idx", params).fetchall()
    return [record_from_row(section, row) for row in rows]


def _claims_matching(conn: sqlite3.Connection, article_id: str, query: str) -> list[Claim]:
    where = "r.pk IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?) AND r.article_id = ?"
    try:
        return _records(conn, "claims", where, [query, article_id])
    except sqlite3.OperationalError:
        # The query parsed against articles_fts, so this is a column filter (title: ...) that
        # claims_fts lacks: such a query is about titles, and no claim text can match it.
        return []


def _start(record: Any) -> int:
    return record.content.start if isinstance(record, Attribution) else record.start


def _end(record: Any) -> int:
    return record.content.end if isinstance(record, Attribution) else record.end


def _plain_snippet(text: str, matches: tuple[Any, ...]) -> str:
    """Text around the first match, the match between the marks (no query to snippet from)."""
    if not matches:
        return text[: 2 * _SNIPPET_CHARS] + ("…" if len(text) > 2 * _SNIPPET_CHARS else "")
    start, end = _start(matches[0]), _end(matches[0])
    before = text[max(0, start - _SNIPPET_CHARS) : start]
    after = text[end : end + _SNIPPET_CHARS]
    lead = "…" if start > _SNIPPET_CHARS else ""
    tail = "…" if end + _SNIPPET_CHARS < len(text) else ""
    return f"{lead}{before}{MARK_OPEN}{text[start:end]}{MARK_CLOSE}{after}{tail}"
