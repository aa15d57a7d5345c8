"""The database schema as numbered migrations, and the code that applies them.

Each migration is ``(number, name, sql)``; they are applied in order, each in its own
``BEGIN IMMEDIATE`` transaction together with the row that records it in ``migrations``,
so a database is always at a whole migration and two processes opening a fresh file at
once cannot both apply the same one. Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..errors import StoreError

__all__ = ["APPLICATION_ID", "MIGRATIONS", "Migration", "applied_migrations", "migrate", "split_statements"]

#: Written to the SQLite header (``PRAGMA application_id``) so that a claimgraph database
#: can be told apart from any other SQLite file: the bytes "CGDB".
APPLICATION_ID = 0x43474442


@dataclass(frozen=True, slots=True, kw_only=True)
class Migration:
    number: int
    name: str
    sql: str


_ARTICLES = """
CREATE TABLE articles (
    pk        INTEGER PRIMARY KEY,  -- stable rowid for the FTS index (VACUUM may renumber implicit rowids)
    id        TEXT NOT NULL UNIQUE,
    title     TEXT,
    published TEXT,
    url       TEXT,
    outlet    TEXT,
    author    TEXT,
    language  TEXT,
    text      TEXT NOT NULL,
    added_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_by_date ON articles (coalesce(published, ''), id);
CREATE INDEX articles_by_outlet ON articles (outlet);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='pk',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE TABLE analyses (
    article_id     TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    schema_version TEXT NOT NULL,
    document       TEXT NOT NULL,  -- schema JSON without "article" (that is the articles row)
    saved_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
"""

# Filter indexes end in article_id so that "does this article have one?" (EXISTS in search)
# is one index probe, not a scan of every matching record.
# Every normalised row hangs off its analysis, which hangs off its article: deleting either
# cascades, and replacing an analysis is "delete the analyses row, insert the new one".
_NORMALISED = """
CREATE TABLE sentences (
    article_id      TEXT NOT NULL REFERENCES analyses (article_id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    checkworthiness REAL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE attributions (
    article_id      TEXT NOT NULL REFERENCES analyses (article_id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    attribution_id  TEXT NOT NULL,
    source_start    INTEGER,
    source_end      INTEGER,
    source_text     TEXT,
    source_kind     TEXT,
    source_resolved TEXT,
    source_key      TEXT NOT NULL,  -- casefolded source text and resolved name, for substring search
    cue_start       INTEGER NOT NULL,
    cue_end         INTEGER NOT NULL,
    cue_text        TEXT NOT NULL,
    cue_class       TEXT NOT NULL,
    content_start   INTEGER NOT NULL,
    content_end     INTEGER NOT NULL,
    content_text    TEXT NOT NULL,
    certainty       REAL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX attributions_by_id ON attributions (article_id, attribution_id);
CREATE INDEX attributions_by_cue_class ON attributions (cue_class, article_id);
CREATE INDEX attributions_by_source_kind ON attributions (source_kind, article_id);

CREATE TABLE claims (
    pk              INTEGER PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES analyses (article_id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    claim_id        TEXT NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    attribution     TEXT NOT NULL,  -- an attributions.attribution_id, or 'author'
    checkworthiness REAL,
    certainty       REAL,
    hedges          TEXT NOT NULL,  -- JSON list of hedge spans
    UNIQUE (article_id, idx)
);
CREATE INDEX claims_by_attribution ON claims (attribution, article_id);

CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, content='claims', content_rowid='pk',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, text) VALUES (new.pk, new.text);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.pk, old.text);
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.pk, old.text);
    INSERT INTO claims_fts (rowid, text) VALUES (new.pk, new.text);
END;

CREATE TABLE quantities (
    article_id  TEXT NOT NULL REFERENCES analyses (article_id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       REAL,
    low         REAL,
    high        REAL,
    unit        TEXT,
    role        TEXT,
    approximate INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quantities_by_role ON quantities (role, article_id);

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES analyses (article_id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      TEXT,
    precision  TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX times_by_value ON times (value);

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES analyses (article_id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    name       TEXT NOT NULL,
    country    TEXT,
    lat        REAL,
    lon        REAL,
    precision  TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX places_by_country ON places (country, article_id);

CREATE TABLE events (
    article_id     TEXT NOT NULL REFERENCES analyses (article_id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    event_id       TEXT NOT NULL,
    type           TEXT NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger_text   TEXT NOT NULL,
    place_name     TEXT,
    place_country  TEXT,
    time_value     TEXT,
    time_precision TEXT,
    record         TEXT NOT NULL,  -- the whole event as schema JSON (actors, targets, quantities...)
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX events_by_type ON events (type, article_id);
CREATE INDEX events_by_time ON events (time_value);

CREATE TABLE techniques (
    article_id TEXT NOT NULL REFERENCES analyses (article_id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    technique  TEXT NOT NULL,
    score      REAL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX techniques_by_technique ON techniques (technique, article_id);
"""

# Migration 3 (the web API's tokens): only a SHA-256 digest of each secret is kept, so a copy
# of the database gives no usable token. Number 2 is reserved for another change in flight.
_API_TOKENS = """
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,  -- the public part of the token (cg_<id>_<secret>)
    name         TEXT NOT NULL,
    secret_hash  TEXT NOT NULL,     -- hex SHA-256 of the secret part
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    last_used_at TEXT,
    revoked_at   TEXT
);
"""

#: All migrations, in order. The last number is the schema version this code knows.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        number=1,
        name="articles, analyses, normalised records, FTS5 indexes",
        sql=f"PRAGMA application_id = {APPLICATION_ID};\n{_ARTICLES}\n{_NORMALISED}",
    ),
    Migration(
        number=2,
        name="article language confidence and source, date precision, reader warnings; index by language",
        sql="""
ALTER TABLE articles ADD COLUMN language_confidence REAL;
ALTER TABLE articles ADD COLUMN language_source TEXT;
ALTER TABLE articles ADD COLUMN published_precision TEXT;
ALTER TABLE articles ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';  -- JSON list of error records
CREATE INDEX articles_by_language ON articles (language);
UPDATE articles SET published_precision = CASE length(published)
    WHEN 4 THEN 'year' WHEN 7 THEN 'month' ELSE 'day' END WHERE published IS NOT NULL;
""",
    ),
    Migration(number=3, name="api tokens (hashed)", sql=_API_TOKENS),
)

_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS migrations (
    number     INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
"""


def split_statements(script: str) -> list[str]:
    """The complete SQL statements of ``script``, trigger bodies kept whole.

    ``executescript`` would commit the caller's transaction first (Python 3.11), so a
    migration is run statement by statement inside one explicit transaction instead.
    """
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n\t;"):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {pending.strip()[:80]}")
    return statements


def applied_migrations(conn: sqlite3.Connection) -> dict[int, str]:
    """``{number: name}`` of the migrations recorded in the database."""
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    if not conn.execute(query).fetchone():
        return {}
    return dict(conn.execute("SELECT number, name FROM migrations ORDER BY number").fetchall())


def migrate(conn: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply the migrations this database lacks; return the numbers applied now."""
    latest = migrations[-1].number
    applied = applied_migrations(conn)
    _refuse_newer(applied, latest)
    if applied and all(m.number in applied for m in migrations):
        return []  # (not "max(applied) == latest": a database may have 3 without 2, and gets 2 now)
    done: list[int] = []
    for migration in migrations:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have just migrated.
            conn.execute(_MIGRATIONS_TABLE)
            if migration.number not in applied_migrations(conn):
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO migrations (number, name) VALUES (?, ?)", (migration.number, migration.name)
                )
                done.append(migration.number)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return done


def _refuse_newer(applied: dict[int, str], latest: int) -> None:
    if applied and max(applied) > latest:
        raise StoreError(
            f"this database has schema version {max(applied)} but this claimgraph knows only up to "
            f"{latest}; it was written by a newer claimgraph: upgrade with `pip install -U claimgraph`",
            code="CG302",
        )
