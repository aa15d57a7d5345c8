"""Shared fixtures: the ``../shared/data`` folder, and a cached pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
