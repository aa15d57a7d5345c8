"""``run_batch``: the driver of a batch run on a Dask cluster (a local one unless given one).

The driver streams the inputs, cuts the articles into partitions of ``partition_size`` in
a fixed order, and submits each partition not yet written as one task; at most two tasks
per worker thread are in flight, so memory stays bounded whatever the corpus size. A
worker that dies has its task run again elsewhere (Dask reschedules it); the task writes
its shards atomically, so a task run twice writes the same files twice, harmlessly.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import BatchError, UsageError
from ..model import SCHEMA_VERSION
from ..pipeline import PROFILES, SPACY_MODELS, profile_components
from ._inputs import Positioned, Skipped, read_inputs
from ._manifest import Manifest, ids_digest
from ._shards import TABLES, read_ids, row_counts, shard_path
from ._worker import PartitionResult, PipelinePlugin, analyse_partition

__all__ = ["BatchProgress", "BatchResult", "run_batch"]

#: Tasks in flight per worker thread: one running, one waiting, so no worker idles.
_IN_FLIGHT_PER_THREAD = 2
#: How long to try to reach a scheduler given by address.
_CONNECT_TIMEOUT = "20s"


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchProgress:
    """Where a run stands, as passed to ``on_progress``."""

    articles_done: int  # articles in written partitions (this run and earlier ones)
    articles_read: int
    partitions_done: int
    partitions_seen: int  # the total once ``reading_done``
    reading_done: bool
    skipped: int
    seconds: float
    articles_per_second: float  # articles analysed by this run, per second of this run
    dashboard: str | None
    workers: int


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchResult:
    """The outcome of :func:`run_batch`; the same figures are in ``OUT/manifest.json``."""

    out: Path
    state: str  # "complete", or "incomplete" when a partition failed on every retry
    articles: int  # distinct articles written
    duplicates: int  # articles met again (same id) and not written twice
    partitions: int
    partitions_resumed: int  # found written by an earlier run
    failed_partitions: tuple[int, ...]
    skipped: tuple[Skipped, ...]
    rows: dict[str, int]
    seconds: float
    dashboard: str | None
    workers: int


@dataclass(slots=True, kw_only=True)
class _Partition:
    index: int
    items: list[Positioned] = field(default_factory=list)

    @property
    def digest(self) -> str:
        return ids_digest([p.article.id for p in self.items])

    def entry(self, rows: dict[str, int]) -> dict[str, Any]:
        first, last = self.items[0], self.items[-1]
        return {"articles": len(self.items), "ids": self.digest, "rows": rows,
                "first": {"source": first.source, "ordinal": first.ordinal},
                "last": {"source": last.source, "ordinal": last.ordinal}}


def run_batch(
    inputs: Sequence[str],
    *,
    out: str | Path,
    workers: int | None = None,
    scheduler: str | None = None,
    profile: str = "full",
    partition_size: int = 100,
    memory_limit: str | float | None = "auto",
    on_progress: Callable[[BatchProgress], None] | None = None,
    **reader_options: Any,
) -> BatchResult:
    """Analyse ``inputs`` on a Dask cluster into Parquet shards under ``out``; resumable.

    Without ``scheduler`` a local cluster of ``workers`` processes (one thread each; default:
    one per core) is started on 127.0.0.1 and stopped at the end; with it, the cluster at
    that address is used. Rerunning with the same ``out`` and options skips the partitions
    already written. ``reader_options`` go to :func:`claimgraph.ingest.read_path`.
    """
    _check(inputs, profile, partition_size, workers)
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    options = {"profile": profile, "partition_size": partition_size}
    manifest = Manifest.open(target, inputs=list(inputs), options=options, models=_models(profile, None))
    with _client(scheduler, workers, memory_limit) as client:
        driver = _Driver(client, manifest, profile, on_progress)
        try:
            driver.run(read_inputs(inputs, **reader_options), partition_size)
        except BaseException:
            driver.close("interrupted")
            raise
        return driver.close("complete" if not driver.failed else "incomplete")


def _check(inputs: Sequence[str], profile: str, partition_size: int, workers: int | None) -> None:
    if not inputs:
        raise UsageError("give at least one INPUT (a file, folder, JSONL, feed, WARC, URL list or URL)")
    if profile not in PROFILES:
        raise UsageError(f"unknown profile {profile!r}: choose from {', '.join(PROFILES)}")
    if partition_size < 1 or (workers is not None and workers < 1):
        raise UsageError("partition_size and workers must be at least 1")


def _models(profile: str, spacy_model: str | None) -> dict[str, Any]:
    import spacy

    installed = {}
    for name in SPACY_MODELS:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            installed[name] = importlib.metadata.version(name.replace("_", "-"))
    return {"claimgraph": __version__, "schema_version": SCHEMA_VERSION, "spacy": spacy.__version__,
            "spacy_model": spacy_model, "spacy_model_packages": installed,
            "components": list(profile_components(profile))}


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int | None, memory_limit: str | float | None) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=_CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the address "
                             "(tcp://HOST:PORT) and that the scheduler is running", code="CG703") from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", memory_limit=memory_limit,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _dashboard(client: Any) -> str | None:
    """The dashboard's address, when the scheduler serves one (it needs bokeh)."""
    import importlib.util

    if importlib.util.find_spec("bokeh") is None:  # the scheduler serves no dashboard pages without it
        return None
    services = client.scheduler_info().get("services", {})
    return client.dashboard_link if "dashboard" in services else None


class _Driver:
    """The state of one run: partitions in flight, counts, and the manifest."""

    def __init__(self, client: Any, manifest: Manifest, profile: str,
                 on_progress: Callable[[BatchProgress], None] | None) -> None:
        self.client, self.manifest, self.profile, self.on_progress = client, manifest, profile, on_progress
        self.dashboard = _dashboard(client)
        self.threads = max(1, sum(client.nthreads().values()))
        self.workers = len(client.nthreads())
        self.pending: dict[Any, _Partition] = {}
        self.skipped: list[Skipped] = []
        self.failed: list[dict[str, Any]] = []
        self.inputs: dict[int, dict[str, Any]] = {}
        self.duplicates = self.read = self.done_articles = self.new_articles = 0
        self.partitions = self.resumed = self.completed = 0
        self.reading_done = False
        self.spacy_model: str | None = None
        client.register_plugin(PipelinePlugin(profile))  # returns once every worker has built it
        self.started = time.monotonic()  # rates count analysis, not cluster start-up
        manifest.set_run(workers=self.workers, threads=self.threads, dashboard=self.dashboard,
                         scheduler=client.scheduler.address)
        manifest.write()

    def run(self, stream: Iterable[Positioned | Skipped | str], partition_size: int) -> None:
        for part in self._partitions(stream, partition_size):
            self.partitions += 1
            if self._already_written(part):
                self.resumed += 1
                self.done_articles += len(part.items)
                self._progress()
                continue
            self._submit(part)
            while len(self.pending) >= self.threads * _IN_FLIGHT_PER_THREAD:
                self._collect_some()
        self.reading_done = True
        self._progress()
        while self.pending:
            self._collect_some()

    def _partitions(self, stream: Iterable[Positioned | Skipped | str], size: int) -> Iterator[_Partition]:
        part = _Partition(index=0)
        for item in stream:
            if isinstance(item, Skipped):
                self.skipped.append(item)
                self._input(item.input)["skipped"] += 1
                continue
            if isinstance(item, str):
                self.duplicates += 1
                continue
            self.read += 1
            info = self._input(item.input)
            info["articles"] += 1
            info.setdefault("first_partition", part.index)
            info["last_partition"] = part.index
            part.items.append(item)
            if len(part.items) == size:
                yield part
                part = _Partition(index=part.index + 1)
        if part.items:
            yield part

    def _input(self, number: int) -> dict[str, Any]:
        if number not in self.inputs:
            spec = self.manifest.data["inputs"][number]["spec"]
            self.inputs[number] = {"spec": spec, "articles": 0, "skipped": 0}
        return self.inputs[number]

    def _already_written(self, part: _Partition) -> bool:
        """True when an earlier run wrote this partition (checked against its ids: CG702 if they differ)."""
        if not shard_path(self.manifest.out, "articles", part.index).exists():
            return False
        entry = self.manifest.entry(part.index)
        if entry is not None and entry["ids"] == part.digest:
            return True
        if ids_digest(read_ids(self.manifest.out, part.index)) != part.digest:
            raise BatchError(
                f"partition {part.index} in {self.manifest.out} holds other articles than the inputs give "
                "now: the inputs changed since the first run; rerun with the same inputs, or give a new --out",
                code="CG702")
        # Written by a task whose driver died before recording it: the footers give the counts.
        self.manifest.record(part.index, part.entry(row_counts(self.manifest.out, part.index)))
        return True

    def _submit(self, part: _Partition) -> None:
        items = [(p.article, p.source, p.ordinal) for p in part.items]
        future = self.client.submit(analyse_partition, str(self.manifest.out), part.index, self.profile, items,
                                    key=f"claimgraph-partition-{part.index}-{part.digest}", pure=False,
                                    retries=2)
        self.pending[future] = part

    def _collect_some(self) -> None:
        from distributed import wait

        finished = wait(list(self.pending), return_when="FIRST_COMPLETED").done
        for future in finished:
            part = self.pending.pop(future)
            try:
                result: PartitionResult = future.result()
            except Exception as exc:  # noqa: BLE001 - one partition's failure is recorded; the rest goes on
                self.failed.append({"partition": part.index, "articles": len(part.items),
                                    "error": f"{type(exc).__name__}: {exc}"[:500]})
                continue
            finally:
                future.release()
            self.spacy_model = self.spacy_model or result.model
            self.manifest.record(part.index, {**part.entry(result.rows), "seconds": round(result.seconds, 3),
                                              "cpu_seconds": round(result.cpu_seconds, 3),
                                              "peak_rss": result.peak_rss, "rss": result.rss,
                                              "worker_pid": result.worker_pid})
            self.done_articles += len(part.items)
            self.new_articles += len(part.items)
            self.completed += 1
            self.manifest.write(every=1.0)
            self._progress()

    def _progress(self) -> None:
        if self.on_progress is None:
            return
        seconds = time.monotonic() - self.started
        self.on_progress(BatchProgress(
            articles_done=self.done_articles, articles_read=self.read,
            partitions_done=self.resumed + self.completed,
            partitions_seen=self.partitions, reading_done=self.reading_done, skipped=len(self.skipped),
            seconds=seconds, articles_per_second=self.new_articles / seconds if seconds else 0.0,
            dashboard=self.dashboard, workers=self.workers))

    def close(self, state: str) -> BatchResult:
        """Write the final manifest and return the result."""
        for future in self.pending:
            future.cancel()
        done = [self.manifest.entry(i) for i in range(self.partitions) if self.manifest.entry(i)]
        rows = {table: sum(e["rows"].get(table, 0) for e in done) for table in TABLES}
        seconds = time.monotonic() - self.started
        counts = {"articles_read": self.read, "articles": sum(e["articles"] for e in done),
                  "duplicates": self.duplicates, "skipped": len(self.skipped), "partitions": self.partitions,
                  "partitions_done": len(done), "partitions_resumed": self.resumed,
                  "articles_this_run": self.new_articles, "seconds_this_run": round(seconds, 3), "rows": rows}
        inputs = [self.inputs.get(i, {"spec": e["spec"], "articles": 0, "skipped": 0})
                  for i, e in enumerate(self.manifest.data["inputs"])]
        if state == "interrupted" and not self.reading_done:
            counts["partitions"] = None  # unknown: the inputs were not read to the end
        self.manifest.finish(state=state, counts=counts, inputs=inputs, skipped=self.skipped,
                             failed=self.failed, models=_models(self.profile, self.spacy_model))
        return BatchResult(
            out=self.manifest.out, state=state, articles=counts["articles"], duplicates=self.duplicates,
            partitions=self.partitions, partitions_resumed=self.resumed,
            failed_partitions=tuple(f["partition"] for f in self.failed), skipped=tuple(self.skipped),
            rows=rows, seconds=seconds, dashboard=self.dashboard, workers=self.workers)
