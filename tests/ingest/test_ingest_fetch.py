"""Fetching URLs, offline: httpx.MockTransport and a fake resolver, never the network."""

from __future__ import annotations

import httpx
import pytest
from tests.ingest.ingest_builders import FakeDNS, article_html, html_response, routed

from claimgraph.errors import (
    BlockedAddressError,
    FetchError,
    InputTooLargeError,
    NoArticleTextError,
    UnsupportedSourceError,
)
from claimgraph.ingest import article_id, fetch_url

PAGE = article_html()


def _never_called(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"the guard let a request through to {request.url}")


def test_public_address_is_fetched_and_pinned(dns: FakeDNS) -> None:
    seen: list[httpx.Request] = []

    def page(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html_response(PAGE)

    article = fetch_url("https://news.example/storm", transport=routed({"news.example/storm": page}))
    assert article.title == "Storm hits coast"
    assert article.url == "https://news.example/storm"
    assert article.id == article_id(article.text, "https://news.example/storm")
    # The connection goes to the address that was checked, under the real host name.
    (request,) = seen
    assert request.url.host == "93.184.216.34"
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"
    assert dns.asked == ["news.example"]


def test_public_ipv6_host(dns: FakeDNS) -> None:
    article = fetch_url("http://v6.example/a", transport=routed({"v6.example/a": html_response(PAGE)}))
    assert article.title == "Storm hits coast"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://127.0.0.1/admin", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]:8080/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://100.64.0.1/", "non-public"),
        ("http://intranet.example/wiki", "private"),
        ("http://mixed.example/", "private"),
    ],
)
def test_private_addresses_are_refused(dns: FakeDNS, url: str, kind: str) -> None:
    with pytest.raises(BlockedAddressError) as info:
        fetch_url(url, transport=httpx.MockTransport(_never_called))
    article = "an" if kind == "unspecified" else "a"
    assert f", {article} {kind} address; claimgraph does not fetch private, loopback or link-local" in info.value.message
    assert "allow_private=True" in info.value.message and info.value.code == "CG201"


def test_allow_private_lets_them_through(dns: FakeDNS) -> None:
    article = fetch_url(
        "http://intranet.example/wiki", allow_private=True,
        transport=routed({"intranet.example/wiki": html_response(PAGE)}),
    )
    assert article.title == "Storm hits coast"


def test_redirects_are_followed_and_checked(dns: FakeDNS) -> None:
    transport = routed({
        "news.example/old": httpx.Response(301, headers={"location": "https://other.example/new"}),
        "other.example/new": html_response(PAGE),
    })
    article = fetch_url("http://news.example/old", transport=transport)
    assert article.url == "https://other.example/new"
    assert dns.asked == ["news.example", "other.example"]


@pytest.mark.parametrize("target", ["http://127.0.0.1/", "http://intranet.example/secret", "/x"])
def test_redirect_to_a_private_address_is_refused(dns: FakeDNS, target: str) -> None:
    routes = {"news.example/go": httpx.Response(302, headers={"location": target})}
    if target == "/x":  # a relative redirect stays on the (public) host: allowed
        routes["news.example/x"] = html_response(PAGE)
        assert fetch_url("http://news.example/go", transport=routed(routes)).url == "http://news.example/x"
        return
    with pytest.raises(BlockedAddressError, match="private|loopback"):
        fetch_url("http://news.example/go", transport=routed(routes))


def test_too_many_redirects(dns: FakeDNS) -> None:
    transport = routed({"news.example/loop": httpx.Response(302, headers={"location": "/loop"})})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_url("http://news.example/loop", transport=transport)


def test_declared_too_large_body(dns: FakeDNS) -> None:
    big = httpx.Response(200, headers={"content-type": "text/html", "content-length": "20000000"}, content=b"")
    with pytest.raises(InputTooLargeError) as info:
        fetch_url("http://news.example/big", transport=routed({"news.example/big": big}))
    assert "http://news.example/big (response body) is larger than the 10 MB limit (20 MB)" in info.value.message


def test_streamed_too_large_body_stops_at_the_cap(dns: FakeDNS) -> None:
    sent: list[int] = []

    def chunks():  # no Content-Length: the cap must stop the stream itself
        for _ in range(100):
            sent.append(1)
            yield b"<p>" + b"x" * 1000 + b"</p>"

    def endless(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/html"}, content=chunks())

    with pytest.raises(InputTooLargeError, match="the 5 kB limit"):
        fetch_url("http://news.example/s", max_bytes=5_000, transport=routed({"news.example/s": endless}))
    assert len(sent) < 10


@pytest.mark.parametrize("exc", [httpx.ConnectTimeout, httpx.ReadTimeout])
def test_timeout(dns: FakeDNS, exc: type[httpx.TimeoutException]) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise exc("timed out", request=request)

    with pytest.raises(FetchError) as info:
        fetch_url("http://news.example/slow", timeout=3, transport=httpx.MockTransport(slow))
    assert info.value.message == (
        "http://news.example/slow: timed out after 3 s; try again, or raise the timeout (CLI: --timeout)"
    )


def test_unreachable_server(dns: FakeDNS) -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with pytest.raises(FetchError, match="cannot reach the server .*Connection refused"):
        fetch_url("http://news.example/", transport=httpx.MockTransport(refused))


def test_unknown_host(dns: FakeDNS) -> None:
    with pytest.raises(FetchError, match="cannot resolve host nowhere.example"):
        fetch_url("http://nowhere.example/", transport=httpx.MockTransport(_never_called))


def test_http_error_status(dns: FakeDNS) -> None:
    with pytest.raises(FetchError, match="the server answered 404 Not Found"):
        fetch_url("http://news.example/missing", transport=routed({}))


def test_not_http(dns: FakeDNS) -> None:
    with pytest.raises(UnsupportedSourceError, match="only http and https"):
        fetch_url("file:///etc/passwd")
    with pytest.raises(FetchError, match="redirected to a non-http URL"):
        fetch_url(
            "http://news.example/f",
            transport=routed({"news.example/f": httpx.Response(302, headers={"location": "file:///etc/passwd"})}),
        )


def test_plain_text_and_unsupported_types(dns: FakeDNS) -> None:
    transport = routed({
        "news.example/t": httpx.Response(200, headers={"content-type": "text/plain; charset=utf-8"}, text="Hi there."),
        "news.example/p": httpx.Response(200, headers={"content-type": "application/pdf"}, content=b"%PDF-1.7"),
        "news.example/e": html_response("<html><body></body></html>"),
    })
    text = fetch_url("http://news.example/t", transport=transport)
    assert text.text == "Hi there." and text.url == "http://news.example/t"
    with pytest.raises(UnsupportedSourceError, match="cannot read content of type application/pdf"):
        fetch_url("http://news.example/p", transport=transport)
    with pytest.raises(NoArticleTextError, match="http://news.example/e: no article text"):
        fetch_url("http://news.example/e", transport=transport)


def test_international_host_names_are_resolved_and_sent_in_idna_form(dns: FakeDNS) -> None:
    dns.table["xn--bcher-kva.example"] = ["93.184.216.36"]
    seen: list[httpx.Request] = []

    def page(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html_response(PAGE)

    fetch_url("https://bücher.example/a", transport=routed({"xn--bcher-kva.example/a": page}))
    assert dns.asked == ["xn--bcher-kva.example"]
    assert seen[0].extensions["sni_hostname"] == "xn--bcher-kva.example"


def test_odd_or_wrong_charset_labels(dns: FakeDNS) -> None:
    transport = routed({
        "news.example/odd": httpx.Response(200, headers={"content-type": "text/html; charset=x-klingon"}, content=PAGE.encode()),
        "news.example/wrong": httpx.Response(
            200, headers={"content-type": "text/plain; charset=utf-8"}, content="Ça coûte très cher à Noël.".encode("cp1252")
        ),
    })
    assert fetch_url("http://news.example/odd", transport=transport).title == "Storm hits coast"
    assert fetch_url("http://news.example/wrong", transport=transport).text == "Ça coûte très cher à Noël."


def test_with_article_reads_as_said() -> None:
    from claimgraph.ingest._common import with_article

    assert [with_article(w) for w in ("unspecified", "loopback", "IPv6", "integer", "link-local")] == [
        "an unspecified", "a loopback", "an IPv6", "an integer", "a link-local"]
