"""Opening databases: default path, WAL, migrations recorded once, refusing foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimgraph.errors import StoreError
from claimgraph.store import MIGRATIONS, Migration, default_db_path, open_store
from claimgraph.store._connect import sqlite_errors
from claimgraph.store._schema import APPLICATION_ID, migrate, split_statements


def test_default_path_prefers_the_environment_variable(tmp_path: Path) -> None:
    env = {"CLAIMGRAPH_DB": str(tmp_path / "x.db"), "XDG_DATA_HOME": "/data"}
    assert default_db_path(env) == tmp_path / "x.db"


def test_default_path_uses_xdg_data_home_then_home() -> None:
    assert default_db_path({"XDG_DATA_HOME": "/data"}) == Path("/data/claimgraph/claimgraph.db")
    home = Path.home() / ".local" / "share" / "claimgraph" / "claimgraph.db"
    assert default_db_path({}) == home
    assert default_db_path({"XDG_DATA_HOME": "relative/dir"}) == home  # the XDG spec ignores relative paths


def test_open_store_without_a_path_uses_the_default_and_creates_folders(tmp_path, monkeypatch) -> None:
    target = tmp_path / "deep" / "er" / "cg.db"
    monkeypatch.setenv("CLAIMGRAPH_DB", str(target))
    with open_store() as store:
        assert store.path == str(target)
    assert target.is_file()


def test_wal_mode_foreign_keys_and_application_id(store) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    with sqlite3.connect(store.path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persistent in the file


def test_migrations_are_applied_once_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "cg.db"
    for _ in range(3):
        with open_store(path) as store:
            assert store.schema_version() == MIGRATIONS[-1].number
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT number, name FROM migrations ORDER BY number").fetchall()
        assert rows == [(m.number, m.name) for m in MIGRATIONS]
        assert migrate(conn) == []


def test_a_new_migration_is_applied_in_order_on_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "cg.db"
    open_store(path).close()
    number = MIGRATIONS[-1].number + 1
    extra = Migration(number=number, name="test column", sql="ALTER TABLE articles ADD COLUMN note TEXT;")
    with sqlite3.connect(path, isolation_level=None) as conn:
        assert migrate(conn, (*MIGRATIONS, extra)) == [number]
        assert migrate(conn, (*MIGRATIONS, extra)) == []
        assert "note" in [row[1] for row in conn.execute("PRAGMA table_info(articles)")]


def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "cg.db"
    open_store(path).close()
    broken = Migration(number=MIGRATIONS[-1].number + 1, name="broken",
                       sql="CREATE TABLE t (x); INSERT INTO nowhere VALUES (1);")
    with sqlite3.connect(path, isolation_level=None) as conn:
        with pytest.raises(sqlite3.OperationalError):
            migrate(conn, (*MIGRATIONS, broken))
        assert conn.execute("SELECT max(number) FROM migrations").fetchone()[0] == MIGRATIONS[-1].number
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 't'").fetchone()[0] == 0


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    script = "CREATE TABLE a (x); CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT ';'; END; SELECT 2;"
    statements = split_statements(script)
    assert len(statements) == 3
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_newer_schema_asks_to_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "cg.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO migrations (number, name) VALUES (99, 'from the future')")
    with pytest.raises(StoreError, match=r"schema version 99 .* upgrade with `pip install -U claimgraph`") as err:
        open_store(path)
    assert err.value.code == "CG302"


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="is not a claimgraph database") as err:
        open_store(path)
    assert err.value.code == "CG301"
    assert path.read_text().startswith("these are my notes")


def test_another_programs_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(StoreError, match="SQLite database of another program") as err:
        open_store(path)
    assert err.value.code == "CG301"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["things"]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder; give the path of a database file") as err:
        open_store(tmp_path)
    assert err.value.code == "CG304"


def test_create_false_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="there is no claimgraph database at") as err:
        open_store(tmp_path / "missing.db", create=False)
    assert err.value.code == "CG305"
    assert not (tmp_path / "missing.db").exists()


def test_two_connections_read_while_the_other_writes(tmp_path: Path, analysis) -> None:
    path = tmp_path / "cg.db"
    with open_store(path) as writer, open_store(path) as reader:
        writer.add(analysis.article, analysis)
        assert reader.get_analysis(analysis.article.id) == analysis
        writer._conn.execute("BEGIN IMMEDIATE")  # a write in progress does not block WAL readers
        assert reader.count() == 1
        writer._conn.execute("ROLLBACK")


def test_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = open_store(tmp_path / "cg.db")
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError):
        store.count()


def test_a_writer_waits_then_reports_a_busy_database(tmp_path: Path, analysis) -> None:
    path = tmp_path / "cg.db"
    with open_store(path) as first, open_store(path) as second:
        second._conn.execute("PRAGMA busy_timeout = 50")  # 30 s by default; short for the test
        first._conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError, match="is busy: another process kept it locked") as err:
            second.add(analysis.article, analysis)
        assert err.value.code == "CG304"
        first._conn.execute("ROLLBACK")
        assert second.add(analysis.article, analysis) is True


def test_path_is_expanded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    with open_store("~/cg.db") as store:
        assert store.path == str(tmp_path / "cg.db")
    assert (tmp_path / "cg.db").is_file()


@pytest.mark.parametrize(
    ("sqlite_message", "code", "advice"),
    [
        ("attempt to write a readonly database", "CG304", "read-only; check its permissions"),
        ("database is locked", "CG304", "busy"),
        ("no such table: x", "CG300", "no such table"),
    ],
)
def test_sqlite_errors_become_store_errors_with_advice(sqlite_message: str, code: str, advice: str) -> None:
    # Permissions cannot be tested for real here: the tests may run as root, who ignores them.
    with pytest.raises(StoreError, match=advice) as err:
        with sqlite_errors("cg.db"):
            raise sqlite3.OperationalError(sqlite_message)
    assert err.value.code == code


def test_concurrent_writers_queue_instead_of_failing(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from tests.store.storekit import full_analysis, make_article

    path = tmp_path / "cg.db"
    open_store(path).close()

    def write(worker: int) -> int:
        with open_store(path) as store:  # one connection per thread, as documented
            for i in range(40):
                article = make_article(id=f"w{worker}-{i}")
                store.add(article, full_analysis(article))
            return store.count()

    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(write, range(3)))
    with open_store(path) as store:
        assert store.count() == 120
        assert len(list(store.iter_records("claims"))) == 360


def test_migration_2_upgrades_a_version_1_database(tmp_path: Path) -> None:
    path = tmp_path / "cg.db"
    with sqlite3.connect(path, isolation_level=None) as conn:
        assert migrate(conn, MIGRATIONS[:1]) == [1]
        conn.execute("INSERT INTO articles (id, text, published, language) VALUES ('a1', 'Some text.', '2024-05', 'fr')")
    with open_store(path) as store:
        assert store.schema_version() == MIGRATIONS[-1].number
        article = store.get_article("a1")
        assert (article.published, article.published_precision, article.language) == ("2024-05", "month", "fr")
        assert (article.language_confidence, article.language_source, article.warnings) == (None, None, ())
        assert [h.article_id for h in store.search(None, language="fr")] == ["a1"]
        assert store.search(None, language="en") == []


def test_migration_2_is_applied_to_a_database_that_has_3_without_it(tmp_path: Path) -> None:
    path = tmp_path / "cg.db"
    with sqlite3.connect(path, isolation_level=None) as conn:
        assert migrate(conn, tuple(m for m in MIGRATIONS if m.number != 2)) == [1, 3]
        assert migrate(conn) == [2]
        assert "language_source" in [row[1] for row in conn.execute("PRAGMA table_info(articles)")]


def test_date_filters_read_a_partial_date_as_its_period(tmp_path: Path) -> None:
    from claimgraph.model import Article

    with open_store(tmp_path / "cg.db") as store:
        for id_, published in (("day", "2024-05-10"), ("month", "2024-05"), ("year", "2024"), ("old", "2023-12")):
            store.add(Article(id=id_, text=f"Text {id_}.", published=published))
        found = lambda **kw: sorted(h.article_id for h in store.search(None, **kw))  # noqa: E731
        assert found(published_from="2024-05-15") == ["month", "year"]
        assert found(published_from="2024-05-01", published_to="2024-05-10") == ["day", "month", "year"]
        assert found(published_to="2024-01-31") == ["old", "year"]
