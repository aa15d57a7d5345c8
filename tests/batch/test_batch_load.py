"""claimgraph load: shards into the store, twice giving the same database; the store commands read it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.batch import load_shards, run_batch
from claimgraph.cli import app
from claimgraph.errors import BatchError
from claimgraph.store import open_store
from tests.batch.batchkit import TEXTS, write_corpus

pytestmark = pytest.mark.slow
runner = CliRunner()


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


@pytest.fixture(scope="module")
def shards(dask_cluster, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("load")
    out = folder / "out"
    run_batch(write_corpus(folder / "in"), out=out, scheduler=dask_cluster, profile="fast", partition_size=4)
    return out


def test_loading_twice_gives_the_same_database(shards, tmp_path):
    db = tmp_path / "cg.db"
    first = load_shards(shards, db=db)
    once = _dump(db)
    second = load_shards(shards, db=db)
    assert (first.articles, first.new, first.partitions, first.state) == (len(TEXTS), len(TEXTS), 3, "complete")
    assert (second.articles, second.new) == (len(TEXTS), 0)
    assert _dump(db) == once


def test_the_loaded_store_holds_the_analyses_of_the_shards(shards, tmp_path):
    import pyarrow.parquet as pq

    load_shards(shards, db=tmp_path / "cg.db")
    rows = pq.read_table(shards / "articles").to_pylist()
    with open_store(tmp_path / "cg.db") as store:
        assert store.count() == len(rows)
        for row in rows:
            analysis = store.get_analysis(row["id"])
            assert analysis is not None and analysis.article.text == row["text"]
            assert len(analysis.claims) == len(json.loads(row["analysis"])["claims"])


def test_events_search_and_compare_read_a_loaded_store(shards, tmp_path):
    db = str(tmp_path / "cg.db")
    loaded = runner.invoke(app, ["load", str(shards), "--db", db])
    assert loaded.exit_code == 0, loaded.output
    assert f"{len(TEXTS)} articles from 3 partitions, {len(TEXTS)} new" in loaded.output
    events = runner.invoke(app, ["events", "--db", db])
    assert events.exit_code == 0 and "ev-" in events.output
    event_id = next(word for word in events.output.split() if word.startswith("ev-"))
    compared = runner.invoke(app, ["compare", event_id, "--db", db, "--format", "json"])
    assert compared.exit_code == 0, compared.output
    found = runner.invoke(app, ["search", "killed", "--db", db, "--json"])
    assert found.exit_code == 0 and json.loads(found.output)["hits"]


def test_loading_a_folder_without_a_manifest_says_what_to_give(tmp_path):
    with pytest.raises(BatchError) as error:
        load_shards(tmp_path, db=tmp_path / "cg.db")
    assert error.value.code == "CG704"
    assert error.value.message == (
        f"{tmp_path} has no manifest.json: give the --out folder of a `claimgraph batch` run")
