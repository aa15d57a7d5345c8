"""``load_shards``: merge the shards of a batch run into the SQLite store, idempotently."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from ..errors import BatchError
from ..model import Analysis, from_dict
from ..store import open_store
from ._manifest import read_manifest
from ._shards import ARTICLE_COLUMNS, article_document, shard_path

__all__ = ["LoadResult", "load_shards", "read_analyses"]


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadResult:
    """What :func:`load_shards` did."""

    db: str
    partitions: int  # partitions read
    articles: int  # articles in them
    new: int  # articles the store did not have
    state: str  # the batch run's state ("complete", "incomplete", "interrupted", "running")


def load_shards(out: str | Path, *, db: str | Path | None = None,
                on_partition: Callable[[int, int], None] | None = None) -> LoadResult:
    """Store every written partition of the batch run in ``out`` into ``db``; safe to repeat.

    Only partitions the manifest lists as written are read (never a temporary file). Each
    partition is one transaction; an article already stored with an analysis is kept as it
    is, so loading twice gives the same database. ``on_partition(done, total)`` reports
    progress.
    """
    folder = Path(out)
    manifest = read_manifest(folder)
    partitions = sorted(int(k) for k in manifest["partitions"])
    articles = new = 0
    with open_store(db) as store:
        for done, partition in enumerate(partitions, start=1):
            analyses = list(_analyses(folder, partition))
            articles += len(analyses)
            new += store.add_many(analyses)
            if on_partition is not None:
                on_partition(done, len(partitions))
        path = store.path
    return LoadResult(db=path, partitions=len(partitions), articles=articles, new=new,
                      state=manifest.get("state", "running"))


def _analyses(folder: Path, partition: int) -> Iterator[Analysis]:
    path = shard_path(folder, "articles", partition)
    try:
        table = pq.read_table(path, columns=[*ARTICLE_COLUMNS, "analysis"])
    except (OSError, ValueError) as exc:  # pyarrow raises ArrowInvalid (a ValueError) for a damaged file
        raise BatchError(f"{path} cannot be read ({exc}); delete it and rerun `claimgraph batch` with "
                         "the same options to write it again", code="CG706") from None
    for row in table.to_pylist():
        document = json.loads(row["analysis"])
        document["article"] = article_document(row)
        yield from_dict(Analysis, document)


def read_analyses(out: str | Path) -> Iterator[Analysis]:
    """Every analysis of the written partitions of a batch run, partition by partition."""
    folder = Path(out)
    for partition in sorted(int(k) for k in read_manifest(folder)["partitions"]):
        yield from _analyses(folder, partition)
