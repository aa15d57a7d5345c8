"""Batch runs on Dask: analyse large inputs into Parquet shards, resumably, then load them.

:func:`run_batch` streams the inputs (the readers of :mod:`claimgraph.ingest`), analyses
partitions of them on a Dask cluster (a local one by default) and writes one Parquet file
per table per partition with a ``manifest.json``; rerunning it skips what is written.
:func:`load_shards` merges the shards into the SQLite store. See docs/batch.md.
"""

from __future__ import annotations

from ._inputs import URL_LIST_SUFFIX, Positioned, Skipped, read_inputs
from ._load import LoadResult, load_shards, read_analyses
from ._manifest import FORMAT, MANIFEST, read_manifest
from ._run import BatchProgress, BatchResult, run_batch
from ._shards import SCHEMAS, TABLES, shard_path
from ._worker import PartitionResult, PipelinePlugin

__all__ = [
    "FORMAT",
    "MANIFEST",
    "SCHEMAS",
    "TABLES",
    "URL_LIST_SUFFIX",
    "BatchProgress",
    "BatchResult",
    "LoadResult",
    "PartitionResult",
    "PipelinePlugin",
    "Positioned",
    "Skipped",
    "load_shards",
    "read_analyses",
    "read_inputs",
    "read_manifest",
    "run_batch",
    "shard_path",
]
