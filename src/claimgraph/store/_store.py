"""The :class:`Store`: articles and their analyses in one SQLite file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import StoreError, UsageError
from ..model import Analysis, Article, from_dict, to_dict
from . import _rows
from ._connect import MEMORY, connect, default_db_path, sqlite_errors, write_transaction
from ._schema import applied_migrations
from ._search import SearchFilters, SearchHit, check_filters, facet_counts, run_search
from ._tokens import TokenInfo, check_token, create_token, list_tokens, revoke_token

__all__ = ["Store", "StoredRecord", "open_store"]

_ARTICLE_COLUMNS = ("a.id, a.text, a.title, a.published, a.url, a.outlet, a.author, a.language, "
                   "a.language_confidence, a.language_source, a.published_precision, a.warnings")
_ARTICLE_FIELDS = ("id", "text", "title", "published", "url", "outlet", "author", "language",
                   "language_confidence", "language_source", "published_precision", "warnings")
#: Rows fetched per query while streaming: each page is a fresh query, so the caller may
#: write to the store between items without disturbing the iteration.
_PAGE = 256
_PAGE_COLUMNS = "a.id, a.outlet, a.title, a.published"


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredRecord:
    """A record from the normalised tables, with the article it came from."""

    article_id: str
    outlet: str | None
    published: str | None
    title: str | None
    record: Any  # the model record: Event, Quantity, Place, TimeExpression, Claim, ...


def open_store(path: str | Path | None = None, *, create: bool = True) -> Store:
    """Open (creating and migrating if needed) the claimgraph database at ``path``.

    ``None`` means :func:`default_db_path`; ``":memory:"`` an in-memory database (no WAL).
    With ``create=False`` a missing file is an error instead of a new database.
    """
    target = default_db_path() if path is None else path
    shown = str(target) if str(target) == MEMORY else str(Path(target).expanduser())
    return Store(connect(target, create=create), shown)


class Store:
    """Articles and analyses in SQLite. Use as a context manager, or call :meth:`close`.

    A Store is one connection: use it from one thread. Any number of processes may open the
    same file; writes are serialised by SQLite (each waits up to 30 s for the lock).
    """

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent), letting SQLite refresh its query-planner statistics."""
        try:
            self._conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # already closed, or read-only: the statistics are an optimisation only
        self._conn.close()

    # -- writing -----------------------------------------------------------------------

    def add(self, article: Article, analysis: Analysis | None = None) -> bool:
        """Store ``article`` (and its analysis) in one transaction; True if the article is new.

        Idempotent by article id: a stored article is kept as first written, and a given
        analysis replaces the stored one.
        """
        if analysis is not None and analysis.article.id != article.id:
            raise StoreError(
                f"the analysis is of article {analysis.article.id}, not {article.id}; "
                "pass the article the analysis was made from",
                code="CG306",
            )
        with write_transaction(self._conn, self.path) as conn:
            new = _insert_article(conn, article)
            if analysis is not None:
                _replace_analysis(conn, analysis)
        return new

    def add_many(self, analyses: Iterable[Analysis]) -> int:
        """Store each analysis with its article, in one transaction; the number of new articles.

        Unlike :meth:`add`, an article already stored with an analysis is left as it is, so
        adding the same analyses twice leaves the database unchanged (``claimgraph load``). An
        article stored without an analysis gets this one.
        """
        new = 0
        with write_transaction(self._conn, self.path) as conn:
            for analysis in analyses:
                inserted = _insert_article(conn, analysis.article)
                new += inserted
                analysed = conn.execute(
                    "SELECT 1 FROM analyses WHERE article_id = ?", (analysis.article.id,)).fetchone()
                if inserted or analysed is None:
                    _replace_analysis(conn, analysis)
        return new

    def save_analysis(self, analysis: Analysis) -> None:
        """Store ``analysis``, replacing any earlier one of its article, atomically.

        The article is stored too when it is not yet.
        """
        with write_transaction(self._conn, self.path) as conn:
            _insert_article(conn, analysis.article)
            _replace_analysis(conn, analysis)

    def remove(self, article_id: str) -> bool:
        """Delete an article with its analysis and records; True if it was there."""
        with write_transaction(self._conn, self.path) as conn:
            return conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0

    # -- reading -----------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        row = self._one(f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,))
        return _article(row) if row else None

    def get_analysis(self, article_id: str) -> Analysis | None:
        row = self._one(
            f"SELECT {_ARTICLE_COLUMNS}, n.document FROM analyses n JOIN articles a ON a.id = n.article_id "
            "WHERE n.article_id = ?",
            (article_id,),
        )
        return _analysis(row) if row else None

    def has_article(self, article_id: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def count(self) -> int:
        """Number of stored articles."""
        return int(self._one("SELECT count(*) FROM articles", ())[0])

    def iter_articles(self) -> Iterator[Article]:
        """All articles, by published date (undated first) then id, streamed."""
        for row in self._pages(f"SELECT {_ARTICLE_COLUMNS} FROM articles a"):
            yield _article(row)

    def iter_analyses(self) -> Iterator[Analysis]:
        """All stored analyses, in the order of :meth:`iter_articles`, streamed."""
        sql = f"SELECT {_ARTICLE_COLUMNS}, n.document FROM articles a JOIN analyses n ON n.article_id = a.id"
        for row in self._pages(sql):
            yield _analysis(row)

    def iter_records(
        self, section: str, *, article_ids: Iterable[str] | None = None, outlet: str | None = None
    ) -> Iterator[StoredRecord]:
        """Records of one section (``events``, ``quantities``, ``places``, ``times``, ``claims``,
        ``attributions``, ``techniques``, ``sentences``) across articles, for comparing outlets.

        Ordered like :meth:`iter_articles`, then by position in the article; optionally only
        for the given article ids and/or one outlet.
        """
        if section not in _rows.SECTIONS:
            raise UsageError(f'unknown section "{section}"; choose one of: {", ".join(_rows.SECTIONS)}')
        if article_ids is None:
            where, params = ("a.outlet = ?", (outlet,)) if outlet is not None else ("1", ())
            pages = self._article_pages(where, params)
        else:
            pages = self._chosen_article_pages(article_ids, outlet)
        for page in pages:
            yield from self._records_of(section, page)

    def search(
        self,
        query: str | None,
        *,
        source: str | None = None,
        cue_class: str | None = None,
        author_only: bool = False,
        technique: str | None = None,
        outlet: str | None = None,
        source_kind: str | None = None,
        published_from: str | None = None,
        published_to: str | None = None,
        language: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Articles matching an FTS5 ``query`` over titles and texts and/or record filters.

        ``source`` is a case-insensitive substring of an attribution's source (or its resolved
        name); ``cue_class`` one of CUE_CLASSES (with ``source``: the same attribution must
        satisfy both); ``author_only`` keeps articles with claims the author makes in their own
        voice; ``technique`` a persuasion technique label; ``outlet`` an exact outlet name;
        ``source_kind`` one of SOURCE_KINDS (with ``source``/``cue_class``: the same
        attribution); ``published_from``/``published_to`` an inclusive ISO date range.
        A date known only to the month or year matches when its month or year overlaps the range.
        ``language`` an ISO 639-1 code (the article's ``language``).
        ``query=None`` filters only; ``offset`` skips that many hits (pagination).
        """
        filters = check_filters(
            SearchFilters(
                query=query, source=source, cue_class=cue_class, author_only=author_only, technique=technique,
                outlet=outlet, source_kind=source_kind, published_from=published_from, published_to=published_to,
                language=language,
            ),
            limit,
        )
        with sqlite_errors(self.path):
            return run_search(self._conn, filters, limit, offset=max(0, offset))

    def search_facets(self, query: str | None, **filters: Any) -> dict[str, list[tuple[str, int]]]:
        """Counts of the articles matching :meth:`search`'s query and filters, by outlet,
        source kind, cue class and technique (most frequent first), like datasette's facets."""
        checked = check_filters(SearchFilters(query=query, **filters), 1)
        with sqlite_errors(self.path):
            return facet_counts(self._conn, checked)

    # -- API tokens (claimgraph serve) ---------------------------------------------------

    def create_token(self, name: str) -> tuple[TokenInfo, str]:
        """A new API token: its record, and the token itself (shown once; only a digest is kept)."""
        with write_transaction(self._conn, self.path) as conn:
            return create_token(conn, name)

    def list_tokens(self) -> list[TokenInfo]:
        with sqlite_errors(self.path):
            return list_tokens(self._conn)

    def revoke_token(self, token_id: str) -> bool:
        """Revoke the token with this id (or the full token); False if no such active token."""
        with write_transaction(self._conn, self.path) as conn:
            return revoke_token(conn, token_id)

    def check_token(self, token: str) -> TokenInfo | None:
        """The active token matching ``token``, or None."""
        with sqlite_errors(self.path):
            return check_token(self._conn, token)

    def schema_version(self) -> int:
        """The number of the last migration applied to this database."""
        with sqlite_errors(self.path):
            return max(applied_migrations(self._conn), default=0)

    # -- helpers -----------------------------------------------------------------------

    def _one(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        with sqlite_errors(self.path):
            return self._conn.execute(sql, params).fetchone()

    def _pages(self, select: str, where: str = "1", params: tuple[Any, ...] = ()) -> Iterator[Any]:
        """Rows of ``select`` (over ``articles a``; id first, published fourth) in date order.

        Keyset pagination on (coalesce(published, ''), id) keeps each query cheap and holds
        no read transaction open between pages.
        """
        last: tuple[str, str] | None = None
        while True:
            after = "(coalesce(a.published, ''), a.id) > (?, ?)" if last else "1"
            sql = (
                f"{select} WHERE {where} AND {after} ORDER BY coalesce(a.published, ''), a.id LIMIT {_PAGE}"
            )
            with sqlite_errors(self.path):
                rows = self._conn.execute(sql, (*params, *(last or ()))).fetchall()
            yield from rows
            if len(rows) < _PAGE:
                return
            last = (rows[-1][3] or "", rows[-1][0])

    def _article_pages(self, where: str, params: tuple[Any, ...]) -> Iterator[list[tuple[Any, ...]]]:
        """Pages of (id, outlet, title, published) rows of the selected articles."""
        page: list[tuple[Any, ...]] = []
        for row in self._pages(f"SELECT {_PAGE_COLUMNS} FROM articles a", where, params):
            page.append(row)
            if len(page) == _PAGE:
                yield page
                page = []
        if page:
            yield page

    def _chosen_article_pages(
        self, article_ids: Iterable[str], outlet: str | None
    ) -> Iterator[list[tuple[Any, ...]]]:
        """Like :meth:`_article_pages` for a list of ids (looked up a page at a time, then sorted)."""
        ids = list(dict.fromkeys(article_ids))
        found: list[tuple[Any, ...]] = []
        for i in range(0, len(ids), _PAGE):
            chunk = ids[i : i + _PAGE]
            sql = f"SELECT {_PAGE_COLUMNS} FROM articles a WHERE a.id IN ({', '.join('?' * len(chunk))})"
            with sqlite_errors(self.path):
                found += self._conn.execute(sql, chunk).fetchall()
        found = [row for row in found if outlet is None or row[1] == outlet]
        found.sort(key=lambda r: (r[3] or "", r[0]))
        for i in range(0, len(found), _PAGE):
            yield found[i : i + _PAGE]

    def _records_of(self, section: str, page: list[tuple[Any, ...]]) -> Iterator[StoredRecord]:
        info = {row[0]: row for row in page}
        order = {article_id: i for i, article_id in enumerate(info)}
        marks = ", ".join("?" * len(info))  # a page is at most _PAGE ids: well under SQLite's limit
        sql = f"{_rows.select_sql(section, ('r.article_id', 'r.idx'))} WHERE r.article_id IN ({marks})"
        with sqlite_errors(self.path):
            rows = self._conn.execute(sql, tuple(info)).fetchall()
        rows.sort(key=lambda r: (order[r[-2]], r[-1]))
        for row in rows:
            article_id, outlet, title, published = info[row[-2]]
            yield StoredRecord(
                article_id=article_id,
                outlet=outlet,
                published=published,
                title=title,
                record=_rows.record_from_row(section, row[:-2]),
            )


def _insert_article(conn: sqlite3.Connection, article: Article) -> bool:
    values = [getattr(article, name) for name in _ARTICLE_FIELDS]
    values[-1] = _rows.compact_json(to_dict(article.warnings))
    cur = conn.execute(
        f"INSERT INTO articles ({', '.join(_ARTICLE_FIELDS)}) "
        f"VALUES ({', '.join('?' * len(_ARTICLE_FIELDS))}) ON CONFLICT (id) DO NOTHING",
        tuple(values),
    )
    return cur.rowcount > 0


def _replace_analysis(conn: sqlite3.Connection, analysis: Analysis) -> None:
    article_id = analysis.article.id
    (stored_text,) = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if stored_text != analysis.article.text:
        raise StoreError(
            f"article {article_id} is stored with a different text than the analysed one, so the "
            "analysis offsets would not fit; analyse the stored text (Store.get_article) instead",
            code="CG306",
        )
    document = to_dict(analysis)
    del document["article"]  # the articles row holds it; kept once, not twice
    conn.execute("DELETE FROM analyses WHERE article_id = ?", (article_id,))  # cascades to the rows
    conn.execute(
        "INSERT INTO analyses (article_id, schema_version, document) VALUES (?, ?, ?)",
        (article_id, analysis.schema_version, _rows.compact_json(document)),
    )
    _rows.insert_rows(conn, analysis)


def _article(row: tuple[Any, ...]) -> Article:
    fields = dict(zip(_ARTICLE_FIELDS, row[: len(_ARTICLE_FIELDS)], strict=True))
    fields["warnings"] = json.loads(fields["warnings"] or "[]")
    return from_dict(Article, fields)


def _analysis(row: tuple[Any, ...]) -> Analysis:
    document = json.loads(row[len(_ARTICLE_FIELDS)])
    document["article"] = to_dict(_article(row))
    return from_dict(Analysis, document)
