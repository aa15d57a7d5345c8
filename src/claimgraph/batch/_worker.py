"""What runs on a Dask worker: the pipeline plugin and the partition task.

The plugin builds the pipeline once when the worker starts (or joins), so a task never
pays for loading models; the task analyses one partition and writes its shards.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil
from distributed import WorkerPlugin
from threadpoolctl import threadpool_limits

from ..model import Article
from ..pipeline import build_pipeline, pipe, profile_components
from ._shards import shard_rows, write_partition

__all__ = ["PartitionResult", "PipelinePlugin", "analyse_partition"]



@dataclass(frozen=True, slots=True, kw_only=True)
class PartitionResult:
    """What a partition task reports back to the driver."""

    partition: int
    rows: dict[str, int]  # table -> rows written
    seconds: float  # wall time of analysis and writing
    cpu_seconds: float  # CPU time of the worker process meanwhile (all its threads)
    peak_rss: int  # the worker process's peak resident memory so far, in bytes
    rss: int  # its resident memory when the task ended, in bytes
    model: str  # the spaCy model and version the worker used, e.g. "core_web_sm 3.8.0"
    worker_pid: int


class PipelinePlugin(WorkerPlugin):
    """Builds the claimgraph pipeline of one profile once per worker process."""

    def __init__(self, profile: str) -> None:
        self.profile = profile
        self.name = f"claimgraph-pipeline-{profile}"

    def setup(self, worker) -> None:  # type: ignore[no-untyped-def]
        # A worker runs as many tasks at once as it has threads, each on one core: the BLAS
        # and OpenMP pools must not spread each task over every core of the machine
        # (LocalCluster's OMP_NUM_THREADS=1 covers this; a worker started by hand may lack it).
        threadpool_limits(1)
        build_pipeline(profile_components(self.profile))  # cached for the process: tasks reuse it


def analyse_partition(out: str, partition: int, profile: str,
                      items: Sequence[tuple[Article, str, int]]) -> PartitionResult:
    """Analyse ``items`` (article, source, ordinal) and write partition ``partition`` under ``out``."""
    started, cpu = time.perf_counter(), time.process_time()
    nlp = build_pipeline(profile_components(profile))  # built by the plugin: a cache hit
    analyses = list(pipe([article for article, _, _ in items], nlp=nlp))
    rows = shard_rows(partition, [(a, source, ordinal)
                                  for a, (_, source, ordinal) in zip(analyses, items, strict=True)])
    counts = write_partition(Path(out), partition, rows)
    return PartitionResult(
        partition=partition,
        rows=counts,
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu,
        peak_rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        rss=psutil.Process().memory_info().rss,
        model=f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}",
        worker_pid=os.getpid(),
    )
