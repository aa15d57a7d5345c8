"""A small library for the API and web tests: the demo articles plus one hostile article,
analysed once per test session (``fast`` profile), and an API token."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HOSTILE_TEXT = (
    'The minister said "<script>alert(1)</script>" was not a threat. '
    'Critics claimed that 12 people were hurt in Valletta on Monday. "><img src=x onerror=alert(2)> '
    "<a href=\"javascript:alert(3)\">click</a> the spokesman added."
)
HOSTILE = {
    "title": "<script>alert('title')</script> Attack \"><img src=x onerror=alert(4)>",
    "outlet": "Evil <b>Outlet</b> \"><svg onload=alert(5)>",
    "author": "<img src=x onerror=alert(6)>",
    "url": "javascript:alert(7)",
    "published": "2025-04-02",
}


@dataclass(frozen=True)
class Library:
    db: Path
    token: str
    token_id: str
    hostile_id: str
    article_ids: tuple[str, ...]


def build_library(folder: Path) -> Library:
    from claimgraph import make_article, pipe
    from claimgraph.store import open_store
    from claimgraph.web.demo import demo_articles

    db = folder / "library.db"
    hostile = make_article(HOSTILE_TEXT, **HOSTILE)
    articles = [*demo_articles(), hostile]
    with open_store(db) as store:
        for article, analysis in zip(articles, pipe(articles, profile="fast")):
            store.add(article, analysis)
        info, token = store.create_token("tests")
    return Library(db=db, token=token, token_id=info.id, hostile_id=hostile.id,
                   article_ids=tuple(a.id for a in articles))


# -- fixtures (imported by the test modules of tests/api and tests/web; the one conftest stays small)

import pytest  # noqa: E402

BASE = "http://127.0.0.1:8000"
_BUILT: dict[str, Library] = {}


@pytest.fixture(scope="session")
def library(tmp_path_factory) -> Library:
    key = str(tmp_path_factory.getbasetemp())
    if key not in _BUILT:  # one build per session, whichever module asks first
        _BUILT[key] = build_library(tmp_path_factory.mktemp("library"))
    return _BUILT[key]


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
