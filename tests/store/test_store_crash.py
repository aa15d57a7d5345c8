"""A failure or a crash in the middle of a write leaves no half-written article or analysis."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimgraph.model import Analysis
from claimgraph.store import _rows, open_store

TABLES = (
    "articles", "analyses", "sentences", "attributions", "claims",
    "quantities", "times", "places", "events", "techniques",
)  # fmt: skip


def _counts(path: str) -> dict[str, int]:
    """Rows per table, after checking that both FTS indexes agree with their tables."""
    with sqlite3.connect(path) as conn:
        for fts in ("articles_fts", "claims_fts"):
            conn.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)")
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _fail_half_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the normalised-rows writer raise after it has written every row."""
    real = _rows.insert_rows

    def write_then_fail(conn: sqlite3.Connection, analysis: Analysis) -> None:
        real(conn, analysis)
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 1  # really half-way
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(_rows, "insert_rows", write_then_fail)


def test_failure_during_add_leaves_nothing(store, analysis, monkeypatch) -> None:
    _fail_half_way(monkeypatch)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add(analysis.article, analysis)
    assert set(_counts(store.path).values()) == {0}
    assert not store.has_article(analysis.article.id)
    assert store.search("killed") == []
    monkeypatch.undo()
    assert store.add(analysis.article, analysis) is True  # the store is still usable
    assert store.get_analysis(analysis.article.id) == analysis


def test_failure_during_replace_keeps_the_old_analysis(store, analysis, monkeypatch) -> None:
    store.add(analysis.article, analysis)
    before = _counts(store.path)
    _fail_half_way(monkeypatch)
    with pytest.raises(RuntimeError):
        store.save_analysis(Analysis(article=analysis.article))
    assert _counts(store.path) == before
    assert store.get_analysis(analysis.article.id) == analysis


@pytest.mark.slow  # starts a Python process that imports claimgraph
def test_process_killed_in_the_middle_of_add_leaves_nothing(tmp_path: Path) -> None:
    """A real crash: the process exits abruptly after the rows are written, before COMMIT."""
    path = tmp_path / "cg.db"
    here = Path(__file__).parent
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path[:0] = [{str(here.parents[1])!r}]
        from tests.store.storekit import full_analysis, make_article
        from claimgraph.store import _rows, open_store

        real = _rows.insert_rows
        def crash(conn, analysis):
            real(conn, analysis)
            os._exit(3)
        _rows.insert_rows = crash
        store = open_store({str(path)!r})
        store.add(make_article(id="survivor", text="Kept."))
        analysis = full_analysis(make_article())
        store.add(analysis.article, analysis)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr
    with open_store(path) as store:
        assert [a.id for a in store.iter_articles()] == ["survivor"]
        assert list(store.iter_analyses()) == []
    counts = _counts(str(path))
    assert counts["articles"] == 1
    assert sum(counts[t] for t in TABLES if t != "articles") == 0
