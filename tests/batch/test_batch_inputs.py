"""The input stream of a batch run: positions, duplicates, URL lists (no dask_cluster, no network)."""

from __future__ import annotations

from pathlib import Path

from claimgraph.batch import Positioned, Skipped, read_inputs
from tests.batch.batchkit import TEXTS, write_corpus


def test_articles_know_their_file_and_rank_and_duplicates_come_back_as_ids(tmp_path):
    inputs = write_corpus(tmp_path / "in", TEXTS[:4])
    (tmp_path / "again.txt").write_text(TEXTS[0], encoding="utf-8")
    items = list(read_inputs([*inputs, str(tmp_path / "again.txt")]))
    positioned = [i for i in items if isinstance(i, Positioned)]
    assert [(Path(p.source).name, p.ordinal, p.input) for p in positioned] == [
        ("more.jsonl", 0, 0), ("more.jsonl", 1, 0), ("story-00.txt", 0, 0), ("story-01.txt", 0, 0)]
    assert items[-1] == positioned[2].article.id  # the same text again: its id, not a second article


def test_a_url_list_reports_bad_lines_with_their_line_numbers(tmp_path):
    urls = tmp_path / "feeds.urls"
    urls.write_text("# comment\n\nftp://example.org/a\nhttp://127.0.0.1/private\n", encoding="utf-8")
    items = list(read_inputs([str(urls)]))
    assert [(i.source, i.line, i.code) for i in items if isinstance(i, Skipped)] == [
        (str(urls), 3, "CG107"), (str(urls), 4, "CG201")]
    assert len(items) == 2
