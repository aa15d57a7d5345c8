"""The one conftest: the ``../shared/data`` folder, a cached pipeline, a store, the ingest tests' DNS stub,
and a Dask LocalCluster for the batch tests.

Builders for hand-made records live beside the tests that use them (``tests/store/storekit.py``,
``tests/ingest/ingest_builders.py``, ``tests/batch/batchkit.py``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.ingest.ingest_builders import dns  # noqa: F401 - a fixture for the ingest tests
from tests.store.storekit import TEXT, full_analysis, make_article

from claimgraph.model import Analysis
from claimgraph.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("CLAIMGRAPH_SHARED_DATA", ROOT.parent / "shared" / "data"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data; the calling test is skipped when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared datasets), which is absent on this machine")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seed", "crocus-city-hall-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from claimgraph.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "claimgraph.db") as opened:
        yield opened


@pytest.fixture
def analysis() -> Analysis:
    return full_analysis(make_article())


@pytest.fixture
def analysis_of() -> Callable[..., Analysis]:
    """Build the full analysis of an article with the given metadata (and optional prefix text)."""

    def build(prefix: str = "", **meta: object) -> Analysis:
        return full_analysis(make_article(prefix + TEXT, **meta))

    return build


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator[str]:
    """The scheduler address of a LocalCluster (2 worker processes of one thread, on 127.0.0.1), for tests/batch."""
    distributed = pytest.importorskip("distributed")
    # Workers are new processes: they must import the same claimgraph as the tests do
    # (the source tree when it is not installed).
    import logging

    import claimgraph

    src = str(Path(claimgraph.__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.CRITICAL) as local:
        yield local.scheduler_address
