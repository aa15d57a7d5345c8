"""Schemathesis over the served OpenAPI schema, bounded (15 cases per operation): no request
may end in a 5xx, and every error answer has the one error shape.

The operations are driven with Hypothesis directly (schemathesis's pytest plugin does not
support this pytest); the ingest-job endpoints are left out, as they would fetch URLs.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from tests.api.library import library  # noqa: F401 - fixtures

from claimgraph.errors import FetchError

_SKIPPED = ("/v1/jobs", "/v1/jobs/upload")


@pytest.fixture(scope="module")
def operations(library):
    from claimgraph.api import Settings, create_app

    # schemathesis's ASGI client calls itself "testserver": allowed here only
    app = create_app(Settings(db=library.db, profile="fast", allowed_hosts=("testserver",)), warm=False)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    ops = [result.ok() for result in schema.get_all_operations()]
    return [op for op in ops if op.path not in _SKIPPED]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(url, **options):
        raise FetchError(f"{url}: no network in the fuzz test")

    monkeypatch.setattr("claimgraph.ingest.fetch_url", refuse)


def test_no_server_errors(operations, library):
    assert len(operations) >= 8
    headers = {"Authorization": f"Bearer {library.token}"}
    calls: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call(headers=headers)
            calls.append(response.status_code)
            assert response.status_code < 500, (case.method, case.path, response.text[:300])
            if response.status_code >= 400:
                body = response.json()
                assert set(body) == {"error"} and body["error"]["code"].startswith("CG"), body

        check()
    assert len(calls) >= 5 * len(operations) and any(c < 400 for c in calls)
