"""Each security rule of `claimgraph serve` has a test here (see docs/web.md, Security)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.api.library import BASE, library, app, client  # noqa: F401 - fixtures

from claimgraph.api import Settings, create_app
from claimgraph.api._security import CSP



def _code(response) -> str:
    return response.json()["error"]["code"]


def test_serve_binds_loopback_by_default():
    import inspect

    from claimgraph.cli.serve import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert Settings().host == "127.0.0.1" and not Settings().token_everywhere


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "attacker.test:80"])
def test_foreign_host_headers_are_refused(client, host):
    r = client.get("/v1/events", headers={"host": host})
    assert r.status_code == 400 and _code(r) == "CG804"
    assert r.headers["content-security-policy"] == CSP  # refusals carry the headers too


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"])
def test_loopback_host_names_are_answered(client, host):
    assert client.get("/v1/events", headers={"host": host}).status_code == 200


def test_an_allowed_host_can_be_added(library):
    app = create_app(Settings(db=library.db, profile="fast", allowed_hosts=("news.example",)), warm=False)
    with TestClient(app, base_url="http://news.example") as c:
        assert c.get("/v1/events").status_code == 200


def test_writes_need_a_valid_token(client, library):
    body = {"text": "A test text about 4 ships."}
    assert _code(client.post("/v1/articles", json=body)) == "CG803"
    r = client.post("/v1/articles", json=body, headers={"Authorization": "Bearer cg_nope_nope"})
    assert r.status_code == 401 and _code(r) == "CG803" and r.headers["www-authenticate"].startswith("Bearer")
    wrong_secret = library.token.rsplit("_", 1)[0] + "_x"
    assert client.post("/v1/articles", json=body, headers={"Authorization": f"Bearer {wrong_secret}"}).status_code == 401
    assert client.post("/v1/jobs", json={"urls": ["https://example.org/"]}).status_code == 401
    assert client.get("/v1/events").status_code == 200  # reads are open on loopback


def test_a_revoked_token_stops_working(library, client):
    from claimgraph.store import open_store

    with open_store(library.db) as store:
        info, token = store.create_token("short-lived")
    headers = {"Authorization": f"Bearer {token}"}
    body = {"text": "Officials said 9 boats sank."}
    assert client.post("/v1/articles", json=body, headers=headers).status_code in (200, 201)
    with open_store(library.db) as store:
        assert store.revoke_token(info.id)
        assert store.check_token(token) is None
    assert client.post("/v1/articles", json=body, headers=headers).status_code == 401


def test_tokens_are_stored_hashed(library):
    import sqlite3

    with sqlite3.connect(library.db) as conn:
        rows = conn.execute("SELECT id, secret_hash FROM api_tokens").fetchall()
    secret = library.token.split("_", 2)[2]
    assert rows and all(secret not in h and len(h) == 64 for _, h in rows)


def test_beyond_loopback_every_request_needs_a_token(library):
    settings = Settings(db=library.db, profile="fast", host="0.0.0.0", allowed_hosts=("news.example",))
    assert settings.token_everywhere
    with TestClient(create_app(settings, warm=False), base_url="http://news.example") as c:
        assert c.get("/v1/events").status_code == 401
        assert c.get("/", headers={"accept": "text/html"}).status_code == 401
        assert c.get("/v1/events", headers={"Authorization": f"Bearer {library.token}"}).status_code == 200
        assert c.get("/login").status_code == 200  # where a browser user gives the token
        r = c.post("/login", data={"token": library.token}, headers={"origin": "http://news.example"},
                   follow_redirects=False)
        assert r.status_code == 303 and "httponly" in r.headers["set-cookie"].lower()
        assert "samesite=strict" in r.headers["set-cookie"].lower()
        assert c.get("/").status_code == 200  # the cookie now carries the token for pages
        c.cookies.clear()
        c.cookies.set("cg_token", library.token)
        assert c.get("/v1/events").status_code == 401  # the cookie is for pages only, never for /v1


@pytest.mark.parametrize("headers", [
    {"origin": "https://evil.example"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},
    {"origin": "null"},
    {"origin": "null", "sec-fetch-site": "cross-site"},
    {},  # a form post without either header is not from our page
])
def test_cross_site_form_posts_are_refused(client, headers):
    r = client.post("/analyze", data={"text": "Officials said 3 cars burned."}, headers=headers)
    assert r.status_code == 403 and _code(r) == "CG805"


def test_same_origin_form_posts_are_accepted(client):
    # what Chromium sends under Referrer-Policy: no-referrer
    r = client.post("/analyze", data={"text": "Officials said 3 cars burned."},
                    headers={"origin": "null", "sec-fetch-site": "same-origin"})
    assert r.status_code == 200
    r = client.post("/analyze", data={"text": "Officials said 3 cars burned."},
                    headers={"origin": BASE, "sec-fetch-site": "same-origin"})
    assert r.status_code == 200 and "3 cars burned" in r.text


def test_cross_site_api_posts_are_refused_too(client):
    r = client.post("/v1/analyze", json={"text": "x y"}, headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 403


def test_page_writes_need_the_token_too(client, library):
    same = {"origin": BASE, "sec-fetch-site": "same-origin"}
    r = client.post("/articles", data={"text": "Officials said 5 trees fell."}, headers=same, follow_redirects=False)
    assert r.status_code == 401
    client.cookies.set("cg_token", library.token)
    try:
        r = client.post("/articles", data={"text": "Officials said 5 trees fell."}, headers=same, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/articles/")
    finally:
        client.cookies.clear()


def test_body_limit_is_counted_as_bytes_arrive(library):
    app = create_app(Settings(db=library.db, profile="fast", max_body_bytes=1000), warm=False)

    def chunks():  # no Content-Length: only counting what arrives can stop this
        for _ in range(50):
            yield b"x" * 100

    with TestClient(app, base_url=BASE) as c:
        r = c.post("/v1/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and _code(r) == "CG806"
        assert "content-length" not in {k.lower() for k in r.request.headers}
        big = c.post("/v1/analyze", json={"text": "y" * 5000})
        assert big.status_code == 413 and _code(big) == "CG806"
        assert c.post("/v1/analyze", json={"text": "Police said 2 cars burned."}).status_code == 200


def test_a_lying_content_length_does_not_lift_the_limit(library):
    import asyncio

    app = create_app(Settings(db=library.db, profile="fast", max_body_bytes=1000), warm=False)
    sent: list[dict] = []

    async def run() -> None:
        body = [{"type": "http.request", "body": b"{" + b" " * 600, "more_body": True},
                {"type": "http.request", "body": b" " * 600 + b"}", "more_body": False}]

        async def receive():
            return body.pop(0) if body else {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": "/v1/analyze", "raw_path": b"/v1/analyze",
                 "query_string": b"", "scheme": "http", "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 1),
                 "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json"),
                             (b"content-length", b"10")], "http_version": "1.1", "root_path": ""}
        await app(scope, receive, send)

    asyncio.run(run())
    assert sent[0]["status"] == 413


@pytest.mark.parametrize("path", ["/", "/v1/events", "/analyze", "/static/claimgraph-1.0.css", "/nope", "/openapi.json"])
def test_every_response_has_the_security_headers(client, path):
    r = client.get(path)
    assert r.headers["content-security-policy"] == CSP
    assert "default-src 'none'" in CSP and "frame-ancestors 'none'" in CSP and "unsafe" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(client, library):
    import re

    for path in ("/", "/analyze", "/events", "/jobs", f"/articles/{library.article_ids[0]}"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert "<style" not in html and " style=" not in html and " on" + "click=" not in html, path
        for src in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html):
            assert src.startswith("/static/"), src  # nothing from outside


def test_url_fetches_go_through_the_guard(client, monkeypatch):
    from claimgraph.ingest import _fetch

    monkeypatch.setattr(_fetch, "resolve_host", lambda host, port: ["10.0.0.7"])
    r = client.post("/v1/analyze", json={"url": "http://intranet.example/secret"})
    assert r.status_code == 422 and _code(r) == "CG201"
    r = client.post("/v1/analyze", json={"url": "http://127.0.0.1:8000/v1/events"})
    assert _code(r) == "CG201"
    assert _code(client.post("/v1/analyze", json={"url": "file:///etc/passwd"})) == "CG802"


def test_no_request_field_can_allow_private_addresses(client):
    r = client.post("/v1/analyze", json={"url": "http://127.0.0.1/", "allow_private": True})
    assert r.status_code == 422 and _code(r) == "CG802"


def test_the_start_up_flag_allows_private_addresses(library, monkeypatch):
    import httpx

    from claimgraph.ingest import _fetch

    seen = {}

    def fake_fetch(url, *, allow_private, timeout, max_bytes, transport=None):
        seen["allow_private"] = allow_private
        raise _fetch.FetchError("stopped here by the test")

    monkeypatch.setattr("claimgraph.ingest.fetch_url", fake_fetch)
    app = create_app(Settings(db=library.db, profile="fast", allow_private=True), warm=False)
    with TestClient(app, base_url=BASE) as c:
        assert c.post("/v1/analyze", json={"url": "http://10.1.2.3/"}).status_code == 502
    assert seen["allow_private"] is True
    assert httpx  # the real client is never reached


def test_links_are_restricted_to_http():
    from claimgraph.web._view import safe_url

    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example",
                "http://", "file:///etc/passwd", None, ""):
        assert safe_url(bad) is None, bad
