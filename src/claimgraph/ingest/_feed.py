"""RSS and Atom feeds through feedparser, and JSON Feeds: one Article per entry that carries text."""

from __future__ import annotations

import dataclasses
import email.utils
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser
import httpx

from ..errors import ClaimgraphError, EmptyInputError, MalformedRecordError, NoArticleTextError
from ..model import Article, ErrorRecord
from ._article import make_article
from ._common import DEFAULT_MAX_BYTES, DEFAULT_MAX_FETCH_BYTES, Failure, located, read_file_bytes
from ._fetch import fetch, fetch_url
from ._html import html_fragment_text
from ._jsonfeed import JsonFeedItem, looks_like_json_feed, parse_json_feed
from ._metadata import normalise_published, with_metadata

__all__ = ["read_feed"]

_HTML_CONTENT = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True, slots=True, kw_only=True)
class _LinkFetcher:
    """How to fetch an entry's link when the caller allowed it."""

    allow_private: bool
    timeout: float
    max_bytes: int
    transport: httpx.BaseTransport | None

    def __call__(self, url: str) -> Article:
        return fetch_url(
            url, allow_private=self.allow_private, timeout=self.timeout,
            max_bytes=self.max_bytes, transport=self.transport,
        )


def read_feed(
    source: str | os.PathLike[str] | bytes,
    *,
    url: str | None = None,
    fetch_links: bool = False,
    allow_private: bool = False,
    timeout: float = 20.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_fetch_bytes: int = DEFAULT_MAX_FETCH_BYTES,
    transport: httpx.BaseTransport | None = None,
) -> Iterator[Article | Failure]:
    """An Article per feed entry with text, a Failure per entry without.

    ``source`` is the feed's bytes, a file path, or an http(s) URL (fetched through the
    address guard). An entry with no text in the feed is fetched from its link only when
    ``fetch_links`` is true. ``url`` is the feed's own location, for relative links.
    """
    fetcher = _LinkFetcher(
        allow_private=allow_private, timeout=timeout, max_bytes=max_fetch_bytes, transport=transport
    )
    try:
        data, label, url = _load(source, url, max_bytes, fetcher)
        if looks_like_json_feed(data) or _named_json(source):
            items = parse_json_feed(data, label)
        else:
            parsed = _parse(data, label, url)
    except ClaimgraphError as exc:
        yield Failure(source=_label(source, url), line=None, error=exc)
        return
    if looks_like_json_feed(data) or _named_json(source):
        yield from _json_entries(items, label, fetcher if fetch_links else None)
    else:
        yield from _entries(parsed, label, fetcher if fetch_links else None)


def _named_json(source: str | os.PathLike[str] | bytes) -> bool:
    return not isinstance(source, bytes) and os.fspath(source).lower().endswith(".json")


def _json_entries(
    items: list[JsonFeedItem], label: str, fetcher: _LinkFetcher | None
) -> Iterator[Article | Failure]:
    for item in items:
        if item.error is not None:
            yield Failure(source=label, line=None, error=located(item.error, label))
            continue
        meta = {"title": item.title, "published": item.published, "url": item.url, "author": item.author,
                "outlet": item.outlet}
        try:
            yield _article(item.text, meta, item.number, fetcher, language=item.language, warnings=item.warnings)
        except ClaimgraphError as exc:
            yield Failure(source=label, line=None, error=located(exc, label))


def _label(source: str | os.PathLike[str] | bytes, url: str | None) -> str:
    return (url or "feed") if isinstance(source, bytes) else os.fspath(source)


def _load(
    source: str | os.PathLike[str] | bytes, url: str | None, max_bytes: int, fetcher: _LinkFetcher
) -> tuple[bytes, str, str | None]:
    if isinstance(source, bytes):
        return source, url or "feed", url
    label = os.fspath(source)
    if label.startswith(("http://", "https://")):
        fetched = fetch(
            label, allow_private=fetcher.allow_private, timeout=fetcher.timeout,
            max_bytes=fetcher.max_bytes, transport=fetcher.transport,
        )
        return fetched.body, label, fetched.url
    return read_file_bytes(source, max_bytes=max_bytes), label, url


def _parse(data: bytes, label: str, url: str | None) -> Any:
    if not data.strip():
        raise EmptyInputError(f"{label} is empty; give it an RSS, Atom or JSON feed")
    headers = {"content-location": url} if url else {}
    # A stream, never a string: feedparser would fetch a string that looks like a URL itself.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise MalformedRecordError(f"{label} is not a readable RSS or Atom feed ({reason}); check the file")
    if not parsed.entries:
        raise EmptyInputError(f"{label} is a feed with no entries")
    return parsed


def _entries(parsed: Any, label: str, fetcher: _LinkFetcher | None) -> Iterator[Article | Failure]:
    outlet = parsed.feed.get("title") or None
    language = parsed.feed.get("language") or None
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield _entry_article(entry, number, outlet, fetcher, language)
        except ClaimgraphError as exc:
            yield Failure(source=label, line=None, error=located(exc, label))


def _entry_language(entry: Any) -> str | None:
    """The language an entry's content declares (Atom ``xml:lang``), if any."""
    for detail in [*(entry.get("content") or []), entry.get("summary_detail") or {}]:
        if detail.get("language"):
            return detail["language"]
    return None


def _entry_article(
    entry: Any, number: int, outlet: str | None, fetcher: _LinkFetcher | None, outlet_language: str | None = None
) -> Article:
    meta = {
        "title": entry.get("title") or None,
        "published": _entry_date(entry),
        "url": entry.get("link") or None,
        "author": entry.get("author") or None,
        "outlet": outlet,
    }
    language = _entry_language(entry) or outlet_language
    return _article(_entry_text(entry), meta, number, fetcher, language=language)


def _article(
    text: str, meta: dict[str, Any], number: int, fetcher: _LinkFetcher | None, *,
    language: str | None = None, warnings: tuple[ErrorRecord, ...] = (),
) -> Article:
    """The entry's Article from its text, or from its page when it has none and links may be fetched."""
    if text:
        return make_article(text, **meta, language=language, warnings=warnings)
    if fetcher is None or not meta["url"]:
        what = f"entry {number}" + (f" ({meta['title']!r})" if meta["title"] else "")
        hint = (
            f"pass fetch_feed_links=True (CLI: --fetch-links) to fetch {meta['url']}"
            if meta["url"] else "it has no link to fetch either"
        )
        raise NoArticleTextError(f"{what} has no text in the feed; {hint}")
    # The feed's own metadata wins over what trafilatura finds on the page.
    page = fetcher(meta["url"])
    return dataclasses.replace(with_metadata(page, **meta), warnings=page.warnings + tuple(warnings))


def _entry_text(entry: Any) -> str:
    candidates = list(entry.get("content") or [])
    if entry.get("summary"):
        candidates.append(entry.get("summary_detail") or {"value": entry["summary"], "type": "text/html"})
    for candidate in candidates:
        value = (candidate.get("value") or "").strip()
        if not value:
            continue
        text = html_fragment_text(value) if candidate.get("type", "text/html") in _HTML_CONTENT else value
        if text.strip():
            return text.strip()
    return ""


def _entry_date(entry: Any) -> str | None:
    """The entry's date as written (ISO 8601, at its precision, or RFC 822), else feedparser's UTC reading."""
    for key in ("published", "updated"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        for parse in (normalise_published, lambda r: email.utils.parsedate_to_datetime(r).date().isoformat()):
            try:
                return parse(raw)
            except (ClaimgraphError, ValueError, TypeError):
                continue
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None
