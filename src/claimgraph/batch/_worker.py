"""What runs on a Dask worker: the pipeline plugin and the partition task.

The plugin builds the pipeline once when the worker starts (or joins), so a task never
pays for loading models; the task analyses one partition and writes its shards.

A worker's memory stays flat however many articles it analyses, for two reasons:

* spaCy analyses the docs of one ``nlp.pipe`` batch together, and its peak memory grows with
  their total length (about 3 KB a character in the ``tok2vec`` and ``ner`` layers of the
  small English model: 135 MB for one 47,000-character article). A partition is therefore
  analysed in groups of at most :data:`GROUP_CHARS` characters (an article longer than that
  alone), so the peak depends on the longest article, not on which long articles happen to
  fall into one batch. spaCy's output does not depend on how docs are batched.
* Each partition runs inside ``nlp.memory_zone()``, which frees the strings and lexemes that
  its texts added to the shared vocabulary (new names, numbers, URLs: without it the
  ``StringStore`` grows with every new string of the corpus). The docs are turned into frozen
  :class:`~claimgraph.model.Analysis` records, plain Python strings, before the zone closes.
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
from spacy.language import Language
from threadpoolctl import threadpool_limits

from ..model import Analysis, Article
from ..pipeline import build_pipeline, pipe, profile_components
from ._shards import shard_rows, write_partition

__all__ = ["GROUP_CHARS", "PartitionResult", "PipelinePlugin", "analyse", "analyse_partition", "char_groups"]

#: Characters of text analysed in one spaCy batch (see the module docstring).
GROUP_CHARS = 50_000
#: What the first task of a process analyses outside a memory zone, so that anything a component
#: builds lazily on its first document is built for good, not inside a zone that frees it.
_WARM_UP = "Officials said on Monday that 12 people were hurt in Paris, the ministry told reporters."
_warmed: set[int] = set()


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
        _warm(build_pipeline(profile_components(self.profile)))  # cached for the process: tasks reuse it


def _warm(nlp: Language) -> Language:
    if id(nlp) not in _warmed:
        list(pipe([_WARM_UP], nlp=nlp))
        _warmed.add(id(nlp))
    return nlp


def char_groups(articles: Sequence[Article], limit: int = GROUP_CHARS) -> list[list[Article]]:
    """``articles`` in order, cut into runs of at most ``limit`` characters of text (a longer article alone)."""
    groups: list[list[Article]] = []
    size = 0
    for article in articles:
        if groups and size + len(article.text) <= limit:
            groups[-1].append(article)
            size += len(article.text)
        else:
            groups.append([article])
            size = len(article.text)
    return groups


def analyse(nlp: Language, articles: Sequence[Article], limit: int = GROUP_CHARS) -> list[Analysis]:
    """``pipe(articles)`` in groups of at most ``limit`` characters, inside a memory zone (see above)."""
    _warm(nlp)
    with nlp.memory_zone():
        return [analysis for group in char_groups(articles, limit)
                for analysis in pipe(group, nlp=nlp, batch_size=len(group))]


def analyse_partition(out: str, partition: int, profile: str,
                      items: Sequence[tuple[Article, str, int]]) -> PartitionResult:
    """Analyse ``items`` (article, source, ordinal) and write partition ``partition`` under ``out``."""
    started, cpu = time.perf_counter(), time.process_time()
    nlp = build_pipeline(profile_components(profile))  # built by the plugin: a cache hit
    analyses = analyse(nlp, [article for article, _, _ in items])
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
