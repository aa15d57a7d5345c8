"""Where the database lives, how a connection is opened, and how SQLite errors are reported."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from ._schema import APPLICATION_ID, migrate

__all__ = ["MEMORY", "BUSY_TIMEOUT_S", "default_db_path", "connect", "sqlite_errors", "write_transaction"]

MEMORY = ":memory:"
#: How long a writer waits for another process's write to finish before giving up.
BUSY_TIMEOUT_S = 30.0


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """The database used when none is named.

    ``$CLAIMGRAPH_DB`` if set; else ``$XDG_DATA_HOME/claimgraph/claimgraph.db`` (when
    ``XDG_DATA_HOME`` is an absolute path, as the XDG spec requires); else
    ``~/.local/share/claimgraph/claimgraph.db``. Nothing is created here.
    """
    env = os.environ if environ is None else environ
    if env.get("CLAIMGRAPH_DB"):
        return Path(env["CLAIMGRAPH_DB"]).expanduser()
    xdg = env.get("XDG_DATA_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "claimgraph" / "claimgraph.db"


def connect(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """An open, migrated connection to the claimgraph database at ``path`` (WAL mode)."""
    target = _prepare_path(path, create=create)
    try:
        # isolation_level=None: this module issues BEGIN/COMMIT itself, never Python's implicit ones.
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(
            f"cannot open the database {target}: {exc}; check that the folder exists and is writable",
            code="CG304",
        ) from exc
    try:
        _check_identity(conn, target)
        _configure(conn, target)
        with sqlite_errors(target):
            migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare_path(path: str | Path, *, create: bool) -> str:
    if str(path) == MEMORY:
        return MEMORY
    target = Path(path).expanduser()
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give the path of a database file inside it", code="CG304")
    if not target.exists():
        if not create:
            raise StoreError(
                f"there is no claimgraph database at {target}; add articles first "
                "(`claimgraph ingest`) or point --db / CLAIMGRAPH_DB at an existing one",
                code="CG305",
            )
        target.parent.mkdir(parents=True, exist_ok=True)
    return str(target)


def _check_identity(conn: sqlite3.Connection, target: str) -> None:
    """Refuse files that are not SQLite, or SQLite databases that some other program owns.

    Runs before anything is written, so a foreign file is never touched.
    """
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{target} is not a claimgraph database (SQLite says: {exc}); "
            "point --db / CLAIMGRAPH_DB at a claimgraph database or at a new file",
            code="CG301",
        ) from exc
    if app_id != APPLICATION_ID and has_tables:
        raise StoreError(
            f"{target} is an SQLite database of another program, not a claimgraph database; "
            "point --db / CLAIMGRAPH_DB at a claimgraph database or at a new file",
            code="CG301",
        )


def _configure(conn: sqlite3.Connection, target: str) -> None:
    with sqlite_errors(target):
        conn.execute("PRAGMA foreign_keys = ON")
        if target != MEMORY:
            # WAL: readers never block the writer; synchronous=NORMAL is crash-safe in WAL mode
            # (a power cut can lose the last commits, never corrupt the file).
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")


@contextmanager
def sqlite_errors(where: str) -> Iterator[None]:
    """Turn sqlite3 errors into :class:`StoreError` with a message that says what to do."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise StoreError(
                f"the database {where} is busy: another process kept it locked for over "
                f"{BUSY_TIMEOUT_S:.0f} s; wait for it to finish and try again",
                code="CG304",
            ) from exc
        if "readonly" in text:
            raise StoreError(
                f"cannot write to {where}: the file or its folder is read-only; check its permissions",
                code="CG304",
            ) from exc
        raise StoreError(f"database operation failed on {where}: {text}", code="CG300") from exc
    except sqlite3.DatabaseError as exc:
        if type(exc) is not sqlite3.DatabaseError:  # IntegrityError etc.: not damage
            raise StoreError(f"database operation failed on {where}: {exc}", code="CG300") from exc
        raise StoreError(
            f"the database {where} is damaged or not a claimgraph database ({exc}); "
            "restore it from a copy or start a new one",
            code="CG301",
        ) from exc
    except sqlite3.Error as exc:
        raise StoreError(f"database operation failed on {where}: {exc}", code="CG300") from exc
    except UnicodeEncodeError as exc:
        raise StoreError(
            f"cannot store text that is not valid Unicode ({exc.reason} at character {exc.start}); "
            "decode the input properly or replace lone surrogates before storing it",
            code="CG307",
        ) from exc


@contextmanager
def write_transaction(conn: sqlite3.Connection, where: str) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything in the block is committed, or nothing is.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so writers queue (up to the busy
    timeout) instead of failing half-way; any exception rolls back and propagates.
    """
    with sqlite_errors(where):
        conn.execute("BEGIN IMMEDIATE")
    try:
        with sqlite_errors(where):
            yield conn
            conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # also when COMMIT itself failed
            conn.execute("ROLLBACK")
        raise
