"""Fetching a URL safely: an address guard, manual redirects, a body cap and a deadline.

The guard resolves the host itself, refuses private, loopback, link-local and other
non-public addresses, and then connects to the address it checked (the Host header and TLS
server name keep the real host name), so a DNS answer that changes between check and
connection cannot slip a private address through. Every redirect hop is checked again.
"""

from __future__ import annotations

import codecs
import contextlib
import ipaddress
import socket
import time
from dataclasses import dataclass

import httpx

from ..errors import BlockedAddressError, DecodingError, FetchError, UnsupportedSourceError
from ..model import Article
from ._article import make_article
from ._common import DEFAULT_MAX_FETCH_BYTES, too_large, with_article
from ._decode import decode_text
from ._html import html_article
from ._jsonfeed import looks_like_json_feed

__all__ = ["MAX_REDIRECTS", "Fetched", "fetch", "fetch_url", "is_feed", "resolve_host"]

MAX_REDIRECTS = 5
USER_AGENT = "claimgraph/0.1 (+https://github.com/claimgraph/claimgraph)"

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
# Most specific first: 0.0.0.0 and 127.0.0.1 are also "private" to the ipaddress module.
_BLOCKED_KINDS = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_private", "private"),
    ("is_reserved", "reserved"),
)
_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """A fetched response body; ``url`` is the final URL after redirects."""

    url: str
    content_type: str
    charset: str | None
    body: bytes


def resolve_host(host: str, port: int) -> list[str]:
    """The IP addresses of ``host`` (tests replace this function to stay off the network)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 20.0,
    max_bytes: int = DEFAULT_MAX_FETCH_BYTES,
    transport: httpx.BaseTransport | None = None,
) -> Article:
    """One Article from a web page (HTML through trafilatura, or plain text)."""
    fetched = fetch(
        url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, transport=transport
    )
    return article_from(fetched)


def article_from(fetched: Fetched) -> Article:
    """The Article in a fetched HTML or plain-text body."""
    charset = _known_charset(fetched.charset)
    if fetched.content_type in _HTML_TYPES or _sniff_html(fetched.body):
        # Without a declared charset trafilatura detects one from the bytes and <meta>.
        html = fetched.body.decode(charset, errors="replace") if charset else fetched.body
        return html_article(html, url=fetched.url, label=fetched.url)
    if fetched.content_type == "text/plain":
        try:
            text = decode_text(fetched.body, label=fetched.url, encoding=charset)
        except DecodingError:  # the server's charset was wrong: detect instead
            text = decode_text(fetched.body, label=fetched.url)
        return make_article(text, url=fetched.url)
    raise UnsupportedSourceError(
        f"{fetched.url}: cannot read content of type {fetched.content_type or 'unknown'}; "
        f"claimgraph reads HTML pages, plain text, RSS/Atom feeds and JSON Feeds"
    )


def is_feed(fetched: Fetched) -> bool:
    """True when a response is an RSS/Atom feed or a JSON Feed, by content type or by its first bytes."""
    if fetched.content_type == "application/feed+json" or looks_like_json_feed(fetched.body):
        return True
    if fetched.content_type in _FEED_TYPES:
        return not _sniff_html(fetched.body)
    head = fetched.body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 20.0,
    max_bytes: int = DEFAULT_MAX_FETCH_BYTES,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """The body at ``url``, following at most MAX_REDIRECTS redirects, each one checked."""
    current = _parse(url)
    deadline = time.monotonic() + timeout
    # trust_env=False: a proxy from the environment would resolve hosts behind the guard's back.
    with httpx.Client(
        transport=transport, timeout=timeout, follow_redirects=False, trust_env=False,
        headers={"User-Agent": USER_AGENT},
    ) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            if time.monotonic() > deadline:
                raise _timed_out(url, timeout)
            address = _checked_address(current, allow_private)
            with contextlib.closing(_send(client, current, address, url, timeout)) as response:
                if response.is_redirect:
                    current = _redirect_target(current, response, url)
                    continue
                _check_status(response, url)
                body = _read_capped(response, url, max_bytes, deadline, timeout)
                return Fetched(
                    url=str(current), content_type=_mime(response),
                    charset=response.charset_encoding, body=body,
                )
    raise FetchError(
        f"{url}: more than {MAX_REDIRECTS} redirects; open it in a browser to find the final URL"
    )


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url!r} is not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https"):
        raise UnsupportedSourceError(f"{url}: only http and https URLs can be fetched")
    if not parsed.host:
        raise FetchError(f"{url!r} has no host name; check the URL")
    return parsed


def _checked_address(url: httpx.URL, allow_private: bool) -> str:
    """The first address of the URL's host, after checking every address it resolves to."""
    addresses = _addresses(url)
    for address in addresses:
        reason = _blocked_reason(ipaddress.ip_address(address.split("%", 1)[0]))
        if reason is not None and not allow_private:
            raise BlockedAddressError(
                f"{url} points to {address}, {with_article(reason)} address; claimgraph does not fetch private, "
                f"loopback or link-local addresses (pass allow_private=True, CLI --allow-private, "
                f"to fetch from your own network)"
            )
    return addresses[0]


def _addresses(url: httpx.URL) -> list[str]:
    host = url.host
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    else:
        return [host]
    try:
        port = url.port or (443 if url.scheme == "https" else 80)
        addresses = resolve_host(url.raw_host.decode("ascii"), port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(
            f"{url}: cannot resolve host {host} ({exc}); check the URL and your network"
        ) from None
    if not addresses:
        raise FetchError(f"{url}: host {host} has no address; check the URL")
    return addresses


def _blocked_reason(address: _IPAddress) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    for attribute, kind in _BLOCKED_KINDS:
        if getattr(address, attribute):
            return kind
    if not address.is_global:
        return "non-public"  # e.g. 100.64.0.0/10, carrier-grade NAT
    return None


def _send(
    client: httpx.Client, url: httpx.URL, address: str, original: str, timeout: float
) -> httpx.Response:
    """Send a GET for ``url`` to the checked ``address``, keeping the host name for HTTP and TLS."""
    request = client.build_request(
        "GET",
        url.copy_with(host=address),
        headers={"Host": url.netloc.decode("ascii")},
        extensions={"sni_hostname": url.raw_host.decode("ascii")},  # IDNA form, as TLS wants
    )
    try:
        return client.send(request, stream=True)
    except httpx.TimeoutException:
        raise _timed_out(original, timeout) from None
    except httpx.HTTPError as exc:
        raise FetchError(
            f"{original}: cannot reach the server ({exc or type(exc).__name__}); "
            f"check the URL and your network"
        ) from None


def _redirect_target(current: httpx.URL, response: httpx.Response, original: str) -> httpx.URL:
    target = current.join(response.headers["location"])
    if target.scheme not in ("http", "https"):
        raise FetchError(f"{original}: redirected to a non-http URL ({target}); refusing to follow")
    return target


def _check_status(response: httpx.Response, original: str) -> None:
    if not response.is_success:
        raise FetchError(
            f"{original}: the server answered {response.status_code} {response.reason_phrase}; "
            f"check the URL, or try again later"
        )


def _read_capped(
    response: httpx.Response, original: str, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large(f"{original} (response body)", max_bytes, int(declared))
    body = bytearray()
    try:
        # iter_bytes decompresses, so the cap also stops a compressed "bomb".
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise too_large(f"{original} (response body)", max_bytes)
            if time.monotonic() > deadline:
                raise _timed_out(original, timeout)
    except httpx.TimeoutException:
        raise _timed_out(original, timeout) from None
    except httpx.HTTPError as exc:
        raise FetchError(
            f"{original}: the download failed ({exc or type(exc).__name__}); try again later"
        ) from None
    return bytes(body)


def _known_charset(name: str | None) -> str | None:
    """A declared charset Python knows, else None (servers send odd labels)."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _mime(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _sniff_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _timed_out(original: str, timeout: float) -> FetchError:
    return FetchError(
        f"{original}: timed out after {timeout:g} s; try again, or raise the timeout (CLI: --timeout)"
    )
