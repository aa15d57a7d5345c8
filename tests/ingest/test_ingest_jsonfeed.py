"""JSON Feed (jsonfeed.org 1 and 1.1): files, fetched feeds, bad items and bad fields."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.ingest.ingest_builders import FakeDNS, write

from claimgraph.errors import EmptyInputError, MalformedRecordError
from claimgraph.ingest import Failure, read_feed, read_path, read_sources
from claimgraph.ingest._jsonfeed import looks_like_json_feed, parse_json_feed
from claimgraph.model import Article

BODY = ("A powerful storm struck the northern coast on Monday night, cutting power to thousands of homes, "
        "the electricity company said.")


def _feed(version: str = "https://jsonfeed.org/version/1.1", **extra) -> dict:
    return {
        "version": version, "title": "NPR News", "language": "en-US",
        "items": [
            {"id": "1", "url": "https://news.example/storm", "title": "Storm hits coast",
             "content_html": f"<p>{BODY}</p><p>Engineers worked <b>all night</b>.</p>",
             "date_published": "2024-03-05T23:30:00-05:00", "authors": [{"name": "Ann Lee"}, {"name": "Bo Park"}]},
            {"id": "2", "external_url": "https://other.example/a", "content_text": BODY,
             "date_modified": "2024-05", "author": {"name": "Old Style"}},
        ],
        **extra,
    }


def test_json_feed_items_get_the_metadata_of_feed_entries(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.json", json.dumps(_feed()))
    first, second = read_feed(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == f"{BODY}\nEngineers worked all night."
    assert (first.title, first.url, first.published, first.author, first.outlet) == (
        "Storm hits coast", "https://news.example/storm", "2024-03-05", "Ann Lee, Bo Park", "NPR News")
    assert (first.language, first.language_source) == ("en", "both")
    assert (second.url, second.published, second.published_precision, second.author) == (
        "https://other.example/a", "2024-05", "month", "Old Style")


def test_version_1_and_folders_and_sniffing(tmp_path: Path) -> None:
    write(tmp_path / "a" / "feed.json", json.dumps(_feed("https://jsonfeed.org/version/1")))
    write(tmp_path / "a" / "noext", json.dumps(_feed()))
    items = list(read_path(tmp_path / "a"))
    assert [type(i) for i in items] == [Article] * 4


def test_bad_items_and_fields_do_not_cost_the_feed(tmp_path: Path) -> None:
    feed = _feed()
    feed["items"] += ["not an object", {"title": 5, "content_text": BODY, "date_published": "someday"},
                      {"id": "x", "title": "No text", "url": "https://news.example/empty"}]
    items = list(read_feed(write(tmp_path / "feed.json", json.dumps(feed))))
    assert [type(i) for i in items] == [Article, Article, Failure, Article, Failure]
    assert "item 3 is a string, not a JSON object" in items[2].error.message
    kept = items[3]
    assert kept.title is None and kept.published is None
    assert [w.code for w in kept.warnings] == ["CG110", "CG110"]
    assert "no text in the feed" in items[4].error.message


def test_what_is_not_a_json_feed_says_so(tmp_path: Path) -> None:
    (bad,) = read_feed(write(tmp_path / "x.json", '{"version": "2", "items": []}'))
    assert isinstance(bad.error, MalformedRecordError) and "is not a JSON Feed" in bad.error.message
    (broken,) = read_feed(write(tmp_path / "y.json", '{"version": "https://jsonfeed.org/version/1", '))
    assert "is not valid JSON" in broken.error.message
    (empty,) = read_feed(write(tmp_path / "z.json", json.dumps(_feed(items=[]) | {"items": []})))
    assert isinstance(empty.error, EmptyInputError)


def test_a_fetched_json_feed(dns: FakeDNS) -> None:
    body = json.dumps(_feed()).encode()

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/feed+json"}, content=body)

    items = list(read_sources(["https://news.example/feed"], transport=httpx.MockTransport(handle)))
    assert [i.title for i in items] == ["Storm hits coast", None]

    def plain_json(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, content=body)

    assert len(list(read_sources(["https://news.example/feed"], transport=httpx.MockTransport(plain_json)))) == 2


@settings(max_examples=80, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=12))
def test_any_json_item_is_an_article_a_failure_or_a_reason(item) -> None:
    data = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [item]}).encode()
    assert looks_like_json_feed(data)
    (parsed,) = parse_json_feed(data, "feed")
    assert parsed.error is not None or isinstance(parsed.text, str)
    for entry in read_feed(data):
        assert isinstance(entry, (Article, Failure))
