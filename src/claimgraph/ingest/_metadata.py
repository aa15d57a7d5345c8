"""Metadata overrides and the normalisation of published dates."""

from __future__ import annotations

import dataclasses
import email.utils
from datetime import datetime
from typing import Any

import dateparser

from ..errors import InputError
from ..model import Article
from ._article import article_id

__all__ = ["normalise_published", "with_metadata"]

# Absolute dates only: a relative one ("yesterday") would change meaning with the clock, and a
# partial one ("March 2024") would make dateparser invent the missing day from today's date.
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def normalise_published(value: str) -> str:
    """``value`` as a YYYY-MM-DD date: ISO 8601 or RFC 2822 first, then any full date dateparser reads.

    The date is kept as written (a time zone does not move it to another day).
    """
    raw = value.strip()
    if not raw:
        raise InputError("the published date is empty; give a date such as 2024-03-05")
    for fast in (datetime.fromisoformat, email.utils.parsedate_to_datetime):  # no dateparser warm-up
        try:
            return fast(raw).date().isoformat()
        except (ValueError, TypeError):
            continue
    parsed = dateparser.parse(raw, settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        raise InputError(
            f"published date {value!r} is not a full date claimgraph can read; "
            f"give day, month and year, e.g. 2024-03-05"
        )
    return parsed.date().isoformat()


def with_metadata(
    article: Article,
    *,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
) -> Article:
    """``article`` with the given fields replaced (None keeps a field as it is).

    ``published`` is validated and normalised to YYYY-MM-DD; a new URL gives a new id,
    since the id hashes text and URL.
    """
    changes: dict[str, Any] = {
        name: value
        for name, value in (("title", title), ("url", url), ("outlet", outlet), ("author", author))
        if value is not None
    }
    if published is not None:
        changes["published"] = normalise_published(published)
    if "url" in changes and changes["url"] != article.url:
        changes["id"] = article_id(article.text, changes["url"])
    return dataclasses.replace(article, **changes)
