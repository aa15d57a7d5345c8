"""Persistence: articles and analyses in one SQLite file (WAL mode, FTS5 search, numbered migrations).

Nothing outside this package writes SQL. Open a store with :func:`open_store` (``None`` means
:func:`default_db_path`) and use it as a context manager::

    with open_store() as store:
        store.add(article, analysis)
        hits = store.search("hostages", source="ministry")

See docs/store.md for the tables, the migrations and the search syntax.
"""

from __future__ import annotations

from ._connect import default_db_path
from ._schema import MIGRATIONS, Migration
from ._search import SearchHit, quote_query
from ._store import Store, StoredRecord, open_store
from ._tokens import TokenInfo

__all__ = [
    "MIGRATIONS",
    "Migration",
    "SearchHit",
    "Store",
    "StoredRecord",
    "TokenInfo",
    "default_db_path",
    "open_store",
    "quote_query",
]
