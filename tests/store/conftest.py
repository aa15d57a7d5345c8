"""Fixtures for the store tests (the builders live in storekit.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.store.storekit import TEXT, full_analysis, make_article

from claimgraph.model import Analysis
from claimgraph.store import Store, open_store


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
