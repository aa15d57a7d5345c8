"""Metadata overrides and published-date normalisation."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.errors import InputError
from claimgraph.ingest import article_id, make_article, normalise_published, with_metadata


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


@pytest.mark.parametrize("value", ["not a date", "yesterday", "March 2024", "2024", "2024-13-45", ""])
def test_bad_published_dates_are_refused_with_the_value(value: str) -> None:
    with pytest.raises(InputError) as info:
        with_metadata(make_article("x"), published=value)
    if value:
        assert f"published date {value!r} is not a full date" in info.value.message
    else:
        assert info.value.message == "the published date is empty; give a date such as 2024-03-05"


@given(day=st.dates())
def test_any_iso_date_round_trips(day: object) -> None:
    assert normalise_published(day.isoformat()) == day.isoformat()


def test_article_is_still_frozen() -> None:
    article = with_metadata(make_article("x"), title="T")
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "U"  # type: ignore[misc]
