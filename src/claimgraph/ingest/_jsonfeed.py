"""JSON Feed (https://jsonfeed.org, versions 1 and 1.1): the feed's items as feed entries.

Each item is mapped to the same metadata as an RSS or Atom entry: ``title``; ``url`` (else
``external_url``); ``date_published`` (else ``date_modified``) as ``published``; the names of
``authors`` (1.1) or ``author`` (1) as ``author``; the feed's ``title`` as ``outlet``; the
item's or the feed's ``language`` (1.1) as the declared language. The text is
``content_text``, else ``content_html`` (as text, one line per block), else ``summary``.
A field of the wrong type is left out with a CG110 warning on the article.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from typing import Any

from ..errors import ClaimgraphError, DecodingError, EmptyInputError, MalformedRecordError
from ..model import ErrorRecord
from ._html import html_fragment_text
from ._metadata import a_type, field_warning, normalise_published

__all__ = ["JsonFeedItem", "looks_like_json_feed", "parse_json_feed"]

VERSION_PREFIX = "https://jsonfeed.org/version/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class JsonFeedItem:
    """One item of a JSON Feed, its metadata already normalised."""

    number: int
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None
    language: str | None = None
    warnings: tuple[ErrorRecord, ...] = ()
    error: ClaimgraphError | None = None  # an item that is not a JSON object


def looks_like_json_feed(data: bytes) -> bool:
    """True when ``data`` starts like a JSON object naming a jsonfeed.org version."""
    head = data[:4096].removeprefix(codecs.BOM_UTF8).lstrip()
    return head.startswith(b"{") and b"jsonfeed.org/version/1" in head.replace(b"\\/", b"/")


def parse_json_feed(data: bytes, label: str) -> list[JsonFeedItem]:
    """The items of a JSON Feed; raises for a document that is not a readable JSON Feed."""
    try:
        document = json.loads(data.removeprefix(codecs.BOM_UTF8).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DecodingError(f"{label}: not valid UTF-8 (byte {exc.start}); a JSON Feed must be UTF-8") from None
    except json.JSONDecodeError as exc:
        raise MalformedRecordError(
            f"{label} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); check the file"
        ) from None
    if not isinstance(document, dict):
        raise MalformedRecordError(f"{label} is not a JSON Feed: it holds {a_type(document)}, not an object")
    version = document.get("version")
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIX):
        raise MalformedRecordError(
            f'{label} is not a JSON Feed: its "version" is {version!r}, not {VERSION_PREFIX} or '
            f"{VERSION_PREFIX}.1; claimgraph reads JSON Feeds and JSON Lines (.jsonl)"
        )
    items = document.get("items")
    if not isinstance(items, list):
        raise MalformedRecordError(f'{label} is a JSON Feed without an "items" list; check the file')
    if not items:
        raise EmptyInputError(f"{label} is a feed with no entries")
    outlet = _string(document.get("title"))
    language = _string(document.get("language"))
    return [_item(item, number, outlet, language) for number, item in enumerate(items, start=1)]


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _item(item: Any, number: int, outlet: str | None, language: str | None) -> JsonFeedItem:
    if not isinstance(item, dict):
        error = MalformedRecordError(f"item {number} is {a_type(item)}, not a JSON object; it was skipped")
        return JsonFeedItem(number=number, text="", error=error)
    warnings: list[ErrorRecord] = []

    def field(name: str) -> str | None:
        value = item.get(name)
        if value is not None and not isinstance(value, str):
            warnings.append(field_warning(f'item {number}: "{name}" must be a string, not {a_type(value)}; '
                                          "it was left out"))
            return None
        return _string(value)

    published = None
    for key in ("date_published", "date_modified"):
        raw = field(key)
        if raw is None:
            continue
        try:
            published = normalise_published(raw)
            break
        except ClaimgraphError as exc:
            warnings.append(field_warning(f"item {number}: {exc.message}; the date was left out"))
    text = field("content_text") or ""
    if not text and (html := field("content_html")):
        text = html_fragment_text(html)
    if not text:
        text = field("summary") or ""
    return JsonFeedItem(
        number=number,
        text=text.strip(),
        title=field("title"),
        url=field("url") or field("external_url"),
        published=published,
        author=_authors(item, number, warnings),
        outlet=outlet,
        language=field("language") or language,
        warnings=tuple(warnings),
    )


def _authors(item: dict[str, Any], number: int, warnings: list[ErrorRecord]) -> str | None:
    """The authors' names: 1.1's ``authors`` list, else 1.0's ``author`` object."""
    given = item.get("authors")
    if given is None and item.get("author") is not None:
        given = [item.get("author")]
    if given is None:
        return None
    if not isinstance(given, list):
        warnings.append(field_warning(f'item {number}: "authors" must be a list, not {a_type(given)}; '
                                      "it was left out"))
        return None
    names = [a["name"].strip() for a in given if isinstance(a, dict) and isinstance(a.get("name"), str)]
    return ", ".join(n for n in names if n) or None
