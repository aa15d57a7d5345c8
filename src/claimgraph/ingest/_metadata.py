"""Metadata overrides and the normalisation of published dates."""

from __future__ import annotations

import dataclasses
import email.utils
import functools
import re
from datetime import datetime
from typing import Any

from dateparser.date import DateDataParser

from ..errors import InputError
from ..errors import BadFieldError
from ..model import Article, ErrorRecord
from ._article import article_id

__all__ = ["a_type", "field_warning", "normalise_published", "parse_published", "with_metadata"]

# Absolute dates only: a relative one ("yesterday") would change meaning with the clock. A
# month without a day ("March 2024") is kept at month precision; the day dateparser fills in
# is dropped, never stored.
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
}
_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")


def parse_published(value: str) -> tuple[str, str]:
    """``value`` as an ISO 8601 date at its precision, with that precision.

    "2024" is ``("2024", "year")``, "2024-05" or "May 2024" ``("2024-05", "month")``, and any
    full date (ISO 8601, RFC 2822, or what dateparser reads) ``("2024-05-03", "day")``. The date
    is kept as written (a time zone does not move it to another day).
    """
    raw = value.strip()
    if not raw:
        raise InputError("the published date is empty; give a date such as 2024-03-05, 2024-03 or 2024")
    if (year := _YEAR.fullmatch(raw)) and 1 <= int(year[1]):
        return year[1], "year"
    if (month := _MONTH.fullmatch(raw)) and 1 <= int(month[2]) <= 12 and int(month[1]) >= 1:
        return f"{month[1]}-{int(month[2]):02d}", "month"
    for fast in (datetime.fromisoformat, email.utils.parsedate_to_datetime):  # no dateparser warm-up
        try:
            return fast(raw).date().isoformat(), "day"
        except (ValueError, TypeError, IndexError):
            continue
    parsed = _date_parser().get_date_data(raw)
    if parsed.date_obj is None:
        raise InputError(
            f"published date {value!r} is not a date claimgraph can read; give a year, a month or a "
            f"day, e.g. 2024, 2024-03 or 2024-03-05"
        )
    if parsed.period == "month":
        return parsed.date_obj.strftime("%Y-%m"), "month"
    return parsed.date_obj.date().isoformat(), "day"


@functools.cache
def _date_parser() -> DateDataParser:
    return DateDataParser(settings=_DATEPARSER_SETTINGS)


def normalise_published(value: str) -> str:
    """``value`` as an ISO 8601 date at the precision it was given: YYYY, YYYY-MM or YYYY-MM-DD
    (see :func:`parse_published`)."""
    return parse_published(value)[0]


def field_warning(message: str) -> ErrorRecord:
    """The warning put on an article for a metadata field that was left out (CG110)."""
    return ErrorRecord(stage="ingest", code=BadFieldError.code, message=message)


_TYPE_NAMES = {"int": "an integer", "float": "a number", "bool": "true or false", "list": "a list",
               "dict": "an object", "str": "a string", "NoneType": "null"}


def a_type(value: Any) -> str:
    """The JSON type of ``value`` in words, with its article: "an integer", "a list"."""
    return _TYPE_NAMES.get(type(value).__name__, f"a {type(value).__name__}")


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

    ``published`` is validated and normalised to YYYY-MM-DD (or YYYY-MM, YYYY at month or
    year precision); a new URL gives a new id,
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
