"""What one server process holds: its settings, the analysis worker pool and the jobs.

The pipeline is built once per process (``pipeline.build_pipeline`` caches it) and warmed
at start-up; analyses run in a thread pool, never on the event loop.
"""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor

from .. import ingest
from ..errors import RequestInvalidError
from ..model import Analysis, Article
from ..pipeline import analyze, build_pipeline, profile_components
from ..store import Store, open_store
from ._jobs import JobRegistry
from ._settings import Settings

__all__ = ["Runtime"]


class Runtime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = ThreadPoolExecutor(max_workers=max(1, settings.workers), thread_name_prefix="cg-analyze")
        self.jobs = JobRegistry(open_store=self.open_store, profile=settings.profile, fetch_options=self.fetch_options())

    def fetch_options(self) -> dict[str, object]:
        """Options of every URL fetch: the guard's private-address rule comes from start-up only."""
        s = self.settings
        return {"allow_private": s.allow_private, "timeout": s.fetch_timeout, "max_fetch_bytes": s.max_fetch_bytes}

    def open_store(self) -> Store:
        return open_store(self.settings.db)

    def warm(self) -> None:
        """Build the pipeline now, so the first request does not wait for the models."""
        build_pipeline(profile_components(self.settings.profile))

    async def analyze(self, article: Article) -> Analysis:
        loop = asyncio.get_running_loop()
        call = functools.partial(analyze, article, profile=self.settings.profile)
        return await loop.run_in_executor(self.pool, call)

    async def fetch_article(self, url: str) -> Article:
        """The article at ``url``, fetched through the ingest URL guard (off the event loop)."""
        if not url.lower().startswith(("http://", "https://")):
            raise RequestInvalidError("the url must start with http:// or https://")
        loop = asyncio.get_running_loop()
        call = functools.partial(
            ingest.fetch_url, url, allow_private=self.settings.allow_private,
            timeout=self.settings.fetch_timeout, max_bytes=self.settings.max_fetch_bytes,
        )
        return await loop.run_in_executor(self.pool, call)

    def close(self) -> None:
        self.jobs.close()
        self.pool.shutdown(wait=False, cancel_futures=True)
