"""Metadata overrides and published-date normalisation."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.errors import InputError
from claimgraph.ingest import article_id, make_article, normalise_published, parse_published, with_metadata


def test_overrides_replace_only_given_fields() -> None:
    article = make_article("Some text.", title="Old", outlet="Wire", author="Ann")
    updated = with_metadata(article, title="New", published="2024-03-05")
    assert (updated.title, updated.published, updated.outlet, updated.author) == ("New", "2024-03-05", "Wire", "Ann")
    assert updated.id == article.id
    assert with_metadata(article) == article


def test_a_new_url_gives_a_new_id() -> None:
    article = make_article("Some text.", url="https://a.example/1")
    moved = with_metadata(article, url="https://b.example/2")
    assert moved.id == article_id("Some text.", "https://b.example/2") != article.id
    assert with_metadata(article, url="https://a.example/1").id == article.id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("20240305", "2024-03-05"),
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),
        ("2024-03-05T10:00:00Z", "2024-03-05"),
        ("Tue, 05 Mar 2024 23:30:00 -0500", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("5 mars 2024", "2024-03-05"),
        ("  2024-03-05  ", "2024-03-05"),
    ],
)
def test_published_dates_are_normalised(value: str, expected: str) -> None:
    assert normalise_published(value) == expected
    assert with_metadata(make_article("x"), published=value).published == expected


@pytest.mark.parametrize("value", ["not a date", "yesterday", "2024-13-45", "2024-13", "0000", ""])
def test_bad_published_dates_are_refused_with_the_value(value: str) -> None:
    with pytest.raises(InputError) as info:
        with_metadata(make_article("x"), published=value)
    if value:
        assert f"published date {value!r} is not a date claimgraph can read" in info.value.message
    else:
        assert info.value.message == "the published date is empty; give a date such as 2024-03-05, 2024-03 or 2024"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", ("2024", "year")),
        ("2024-05", ("2024-05", "month")),
        ("2024/5", ("2024-05", "month")),
        ("May 2024", ("2024-05", "month")),
        ("mai 2024", ("2024-05", "month")),
        ("2024-05-03", ("2024-05-03", "day")),
        ("3 May 2024", ("2024-05-03", "day")),
    ],
)
def test_partial_dates_keep_their_precision(value: str, expected: tuple[str, str]) -> None:
    assert parse_published(value) == expected
    article = with_metadata(make_article("x"), published=value)
    assert (article.published, article.published_precision) == expected


def test_precision_follows_a_replaced_date() -> None:
    article = with_metadata(make_article("x"), published="2024")
    assert article.published_precision == "year"
    assert dataclasses.replace(article, published="2024-05-03").published_precision == "day"
    assert dataclasses.replace(article, published=None).published_precision is None


@given(day=st.dates(min_value=dt.date(1000, 1, 1)), precision=st.sampled_from(["day", "month", "year"]))
def test_any_partial_iso_date_round_trips(day: dt.date, precision: str) -> None:
    value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
    assert parse_published(value) == (value, precision)
    assert parse_published(f"  {value} ") == (value, precision)


@settings(deadline=None, max_examples=60)
@given(st.text(max_size=12))
def test_the_date_parser_returns_a_date_or_says_why(value: str) -> None:
    try:
        parsed, precision = parse_published(value)
    except InputError as exc:
        assert "published date" in exc.message
    else:
        assert precision in ("day", "month", "year")
        assert len(parsed) == {"day": 10, "month": 7, "year": 4}[precision]


@given(day=st.dates())
def test_any_iso_date_round_trips(day: object) -> None:
    assert normalise_published(day.isoformat()) == day.isoformat()


def test_article_is_still_frozen() -> None:
    article = with_metadata(make_article("x"), title="T")
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "U"  # type: ignore[misc]
