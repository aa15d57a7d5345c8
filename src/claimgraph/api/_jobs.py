"""Background ingest jobs: read sources, analyse, store, with progress that a page can poll.

A job runs the same library calls as ``claimgraph ingest`` (``ingest.read_sources``,
``pipeline.pipe``, ``Store.add``) in a thread of its own, so the server keeps answering.
Jobs live in memory: a restarted server forgets them (the articles they stored stay).
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import ingest
from ..errors import NotFoundError
from ..model import Article
from ..pipeline import pipe
from ..store import Store

__all__ = ["Job", "JobRegistry"]

_BATCH = 8
_KEPT_FAILURES = 50


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    id: str
    sources: tuple[str, ...]
    status: str = "queued"  # queued, running, done, failed
    read: int = 0
    new: int = 0
    known: int = 0
    skipped: int = 0
    failures: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "status": self.status, "sources": list(self.sources), "read": self.read,
            "new": self.new, "known": self.known, "skipped": self.skipped, "failures": list(self.failures),
            "article_ids": list(self.article_ids[:100]), "error": self.error,
            "done": self.status in ("done", "failed"),
        }


class JobRegistry:
    """Jobs by id; one job runs at a time (one writer), others wait in order."""

    def __init__(self, *, open_store: Callable[[], Store], profile: str, fetch_options: dict[str, object]) -> None:
        self._open_store = open_store
        self._profile = profile
        self._fetch = fetch_options
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cg-ingest")
        self._folder = Path(tempfile.mkdtemp(prefix="claimgraph-uploads-"))

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"no job {job_id!r}: jobs are kept in memory until the server stops")
        return job

    def upload_path(self, filename: str) -> Path:
        """A fresh path for an uploaded file, keeping only a safe ending of its name."""
        ending = next((s for s in sorted(ingest.SUFFIXES, key=len, reverse=True) if filename.lower().endswith(s)), "")
        return self._folder / f"{secrets.token_hex(8)}{ending}"

    def submit(self, sources: Iterable[str], *, labels: Iterable[str] | None = None) -> Job:
        specs = tuple(sources)
        job = Job(id=secrets.token_hex(8), sources=tuple(labels) if labels is not None else specs)
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(self._run, job.id, specs)
        return job

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self._folder, ignore_errors=True)

    def _update(self, job_id: str, **changes: object) -> Job:
        with self._lock:
            job = replace(self._jobs[job_id], **changes)
            self._jobs[job_id] = job
        return job

    def _run(self, job_id: str, specs: tuple[str, ...]) -> None:
        self._update(job_id, status="running")
        try:
            with self._open_store() as store:
                self._ingest(job_id, specs, store)
        except Exception as exc:  # noqa: BLE001 - reported on the job, never lost
            message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
            self._update(job_id, status="failed", error=message, finished=time.time())
            return
        self._update(job_id, status="done", finished=time.time())

    def _ingest(self, job_id: str, specs: tuple[str, ...], store: Store) -> None:
        batch: list[Article] = []
        for item in ingest.read_sources(specs, **self._fetch):  # type: ignore[arg-type]
            if isinstance(item, ingest.Failure):
                job = self.get(job_id)
                line = f"{item.source}: error {item.error.code}: {item.error.message}"
                self._update(job_id, skipped=job.skipped + 1, failures=(*job.failures, line)[:_KEPT_FAILURES])
                continue
            batch.append(item)
            self._update(job_id, read=self.get(job_id).read + 1)
            if len(batch) >= _BATCH:
                self._store(job_id, batch, store)
                batch = []
        if batch:
            self._store(job_id, batch, store)

    def _store(self, job_id: str, batch: list, store: Store) -> None:
        for article, analysis in zip(batch, pipe(batch, batch_size=_BATCH, profile=self._profile)):
            is_new = store.add(article, analysis)
            job = self.get(job_id)
            self._update(job_id, new=job.new + is_new, known=job.known + (not is_new),
                         article_ids=(*job.article_ids, article.id))
