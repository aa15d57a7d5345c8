from __future__ import annotations

import pytest

from tests.api.library import Library, build_library

BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="session")
def library(tmp_path_factory) -> Library:
    return build_library(tmp_path_factory.mktemp("library"))


@pytest.fixture(scope="module")
def app(library):
    from claimgraph.api import Settings, create_app

    return create_app(Settings(db=library.db, profile="fast"), warm=False)


@pytest.fixture(scope="module")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def auth(library) -> dict[str, str]:
    return {"Authorization": f"Bearer {library.token}"}
