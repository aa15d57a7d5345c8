"""run_batch on a real LocalCluster: output equal to pipe, duplicates once, bad records reported,
a worker killed mid-run."""

from __future__ import annotations

import gzip
import json
import os
import signal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from claimgraph.batch import TABLES, read_analyses, read_manifest, run_batch, shard_path
from claimgraph.ingest import Failure, read_sources
from claimgraph.model import Analysis, to_dict
from claimgraph.pipeline import pipe
from tests.batch.batchkit import TEXTS, write_corpus
from tests.ingest.ingest_builders import article_html, warc_bytes

pytestmark = pytest.mark.slow


def _articles_table(out: Path) -> list[dict]:
    return pq.read_table(out / "articles").to_pylist()


def _analyses(out: Path) -> dict[str, Analysis]:
    return {a.article.id: a for a in read_analyses(out)}


@pytest.fixture(scope="module")
def batch_run(dask_cluster, tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    inputs = write_corpus(folder / "in")
    (folder / "in" / "story-00-copy.txt").write_text(TEXTS[0], encoding="utf-8")  # same id: stored once
    out = folder / "out"
    result = run_batch(inputs, out=out, scheduler=dask_cluster, profile="fast", partition_size=5)
    return inputs, out, result


def test_the_shards_hold_what_pipe_gives_on_the_same_articles(batch_run):
    inputs, out, result = batch_run
    articles = [a for a in read_sources(inputs) if not isinstance(a, Failure)]
    expected = {a.article.id: to_dict(a) for a in pipe(articles, profile="fast")}
    got = {article_id: to_dict(a) for article_id, a in _analyses(out).items()}
    assert len(expected) == len(TEXTS)
    assert got == expected
    assert result.state == "complete" and result.articles == len(TEXTS) and result.duplicates == 1


def test_the_flat_tables_are_the_sections_of_the_analyses_with_offsets_into_the_text(batch_run):
    _, out, result = batch_run
    analyses = _analyses(out)
    for table in TABLES[1:]:
        rows = pq.read_table(out / table).to_pylist()
        assert len(rows) == sum(len(getattr(a, table)) for a in analyses.values()) == result.rows[table]
        for row in rows:
            text = analyses[row["article_id"]].article.text
            for prefix in ("", "source_", "cue_", "content_", "trigger_"):
                if row.get(f"{prefix}start") is not None:
                    assert text[row[f"{prefix}start"]:row[f"{prefix}end"]] == row[f"{prefix}text"]
    assert sum(len(a.claims) for a in analyses.values()) > 0


def test_the_manifest_counts_partitions_inputs_and_models(batch_run):
    inputs, out, _ = batch_run
    manifest = read_manifest(out)
    assert manifest["state"] == "complete"
    assert manifest["options"] == {"profile": "fast", "partition_size": 5}
    counts = manifest["counts"]
    assert (counts["articles"], counts["duplicates"], counts["partitions"], counts["skipped"]) == (12, 1, 3, 0)
    assert sorted(manifest["partitions"]) == ["0", "1", "2"]
    assert manifest["partitions"]["0"]["first"] == {"source": str(Path(inputs[0]) / "more.jsonl"), "ordinal": 0}
    assert manifest["inputs"] == [{"spec": inputs[0], "articles": 12, "skipped": 0,
                                   "first_partition": 0, "last_partition": 2}]
    assert manifest["models"]["spacy_model"].startswith("en_core_web_sm")
    assert "claimgraph_attribution_v1" in manifest["models"]["components"]


def test_duckdb_reads_the_shards(batch_run):
    duckdb = pytest.importorskip("duckdb")
    _, out, _ = batch_run
    rows = duckdb.sql(
        f"SELECT a.outlet, count(*) FROM '{out}/quantities/*.parquet' q "
        f"JOIN '{out}/articles/*.parquet' a ON a.id = q.article_id WHERE a.outlet IS NOT NULL "
        "GROUP BY a.outlet ORDER BY a.outlet").fetchall()
    assert [outlet for outlet, _ in rows] == ["Daily", "Wire"]
    assert not list(out.rglob("*.tmp"))


def _truncated_warc(path: Path) -> None:
    pages = [(f"https://planet.example/{i}", "text/html", article_html(title=f"Storm {i}").encode())
             for i in range(2)]
    data, offsets = warc_bytes(pages, gzip=False)
    path.write_bytes(data[: offsets[1] + 600])  # the second response record is cut in its payload


def test_bad_records_are_listed_in_the_manifest_and_the_good_ones_are_written(dask_cluster, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXTS[0], encoding="utf-8")
    lines = [json.dumps({"text": TEXTS[1]}), '{"text": "broken', json.dumps({"text": TEXTS[2]})]
    (folder / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "blob.txt").write_bytes(gzip.compress(b"\x00\x01binary" * 200))
    _truncated_warc(folder / "pages.warc")
    result = run_batch([str(folder)], out=tmp_path / "out", scheduler=dask_cluster, profile="fast", partition_size=2)
    skipped = {(Path(s["source"]).name, s["line"], s["code"]): s for s in read_manifest(tmp_path / "out")["skipped"]}
    assert set(skipped) == {("blob.txt", None, "CG102"), ("lines.jsonl", 2, "CG106"), ("pages.warc", None, "CG106")}
    assert skipped[("pages.warc", None, "CG106")]["byte"] is not None
    assert result.articles == 4  # good.txt, two JSONL lines, the first WARC record
    assert len({r["id"] for r in _articles_table(tmp_path / "out")}) == 4


def test_a_worker_killed_mid_run_has_its_task_retried_and_every_article_is_written_once(dask_cluster, tmp_path):
    from distributed import Client

    inputs = write_corpus(tmp_path / "in")
    with Client(dask_cluster) as client:
        pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed = []

    def kill_once(progress) -> None:
        if not killed and progress.partitions_done >= 1:
            os.kill(victim, signal.SIGKILL)  # mid-run: partitions are in flight on both workers
            killed.append(progress.partitions_done)

    result = run_batch(inputs, out=tmp_path / "out", scheduler=dask_cluster, profile="fast", partition_size=1,
                       on_progress=kill_once)
    assert killed and killed[0] < len(TEXTS)
    ids = [r["id"] for r in _articles_table(tmp_path / "out")]
    assert len(ids) == len(set(ids)) == len(TEXTS) == result.articles
    assert result.state == "complete" and not result.failed_partitions
    assert all(shard_path(tmp_path / "out", "articles", i).exists() for i in range(len(TEXTS)))
    with Client(dask_cluster) as client:
        assert victim not in client.run(os.getpid).values()


def test_the_duckdb_query_of_the_docs_runs_over_the_shards(batch_run):
    duckdb = pytest.importorskip("duckdb")
    _, out, _ = batch_run
    doc = (Path(__file__).resolve().parents[2] / "docs" / "batch.md").read_text(encoding="utf-8")
    query = doc.split("```sql\n", 1)[1].split("```", 1)[0].replace("runs/news", str(out))
    kind, place = duckdb.sql(  # an event of the corpus with a place, in an undated article (.txt)
        f"SELECT e.type, e.place_name FROM '{out}/events/*.parquet' e JOIN '{out}/articles/*.parquet' a "
        "ON a.id = e.article_id WHERE e.place_name IS NOT NULL AND a.published IS NULL "
        "ORDER BY a.id, e.idx LIMIT 1").fetchall()[0]
    query = query.replace("e.type = 'attack' AND e.place_name = 'Kyiv'", f"e.type = '{kind}' AND e.place_name = '{place}'")
    relation = duckdb.sql(query.replace("BETWEEN '2024-03-22' AND '2024-03-29'", "IS NULL"))
    assert relation.columns == ["outlet", "role", "lowest", "highest", "mentions", "as_written"]
    assert relation.fetchall()  # that article's figures, under "(unknown)" outlet
