"""Builders for tiny HTML, feed and WARC fixtures, and an offline HTTP setup (imported by the tests)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPHS = (
    "A powerful storm struck the northern coast on Tuesday, officials said, forcing thousands "
    "of residents to leave their homes before dawn.",
    "The mayor said at least 12 people were injured and that emergency crews were working "
    "through the night to restore power to the region.",
    "Forecasters expect the weather to improve by the weekend, although rivers may keep "
    "rising for several more days.",
)


def article_html(
    *,
    title: str = "Storm hits coast",
    date: str | None = "2024-03-05T10:00:00Z",
    author: str | None = "Jane Roe",
    site: str | None = "Daily Planet",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
) -> str:
    """A small but realistic news page: navigation, an article, a footer."""
    meta = [f"<title>{title} | {site or 'News'}</title>"]
    if author:
        meta.append(f'<meta name="author" content="{author}">')
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}">')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{''.join(meta)}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright Daily Planet</footer></body></html>"
    )


def rss_feed(items: list[str], *, title: str = "Daily Planet – World") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://planet.example/</link>"
        f"<description>News</description>{''.join(items)}</channel></rss>"
    ).encode("utf-8")


def rss_item(*, title: str, link: str, date: str = "Tue, 05 Mar 2024 23:30:00 -0500",
             author: str | None = None, content: str | None = None, summary: str | None = None) -> str:
    parts = [f"<title>{title}</title>", f"<link>{link}</link>", f"<pubDate>{date}</pubDate>"]
    if author:
        parts.append(f"<author>{author}</author>")
    if summary is not None:
        parts.append(f"<description><![CDATA[{summary}]]></description>")
    if content is not None:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    return f"<item>{''.join(parts)}</item>"


def warc_bytes(records: list[tuple[str, str, bytes]], *, gzip: bool) -> tuple[bytes, list[int]]:
    """A WARC with one response record per (url, content type, payload), and a request record
    before each; returns the bytes and the offset of each response record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    offsets = []
    for url, content_type, payload in records:
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\nHost: example\r\n\r\n"),
        )
        writer.write_record(request)
        offsets.append(buffer.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        response = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-04-01T08:00:00Z"},
        )
        writer.write_record(response)
    return buffer.getvalue(), offsets


Handler = Callable[[httpx.Request], httpx.Response]


class FakeDNS:
    """A resolver that answers from a table and records what it was asked."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host not in self.table:
            raise OSError(f"[Errno -2] Name or service not known: {host}")
        return self.table[host]


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> FakeDNS:
    fake = FakeDNS({
        "news.example": ["93.184.216.34"],
        "other.example": ["93.184.216.35"],
        "intranet.example": ["10.0.0.7"],
        "mixed.example": ["93.184.216.34", "192.168.1.20"],
        "v6.example": ["2606:2800:220:1:248:1893:25c8:1946"],
    })
    monkeypatch.setattr("claimgraph.ingest._fetch.resolve_host", fake)
    return fake


def routed(routes: dict[str, Handler | httpx.Response]) -> httpx.MockTransport:
    """A transport that answers by the request's Host header and path."""

    def handle(request: httpx.Request) -> httpx.Response:
        key = f"{request.headers['host']}{request.url.path}"
        answer = routes.get(key)
        if answer is None:
            return httpx.Response(404, text="not found")
        return answer(request) if callable(answer) else answer

    return httpx.MockTransport(handle)


def html_response(html: str, status: int = 200) -> httpx.Response:
    return httpx.Response(status, headers={"content-type": "text/html; charset=utf-8"}, text=html)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
