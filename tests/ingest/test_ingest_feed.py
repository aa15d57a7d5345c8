"""RSS and Atom feeds: entries with text become Articles; link fetching only when asked."""

from __future__ import annotations

from pathlib import Path

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.ingest.ingest_builders import FakeDNS, article_html, html_response, routed, rss_feed, rss_item, write

from claimgraph.errors import EmptyInputError, MalformedRecordError, NoArticleTextError, SourceNotFoundError
from claimgraph.ingest import Failure, article_id, read_feed
from claimgraph.model import Article

CONTENT = "<p>The council approved the budget on Monday.</p><p>Critics said it was <b>too small</b>.</p>"
FEED = rss_feed([
    rss_item(title="Budget approved", link="https://planet.example/budget", author="desk@planet.example (Desk)",
             content=CONTENT, summary="Short teaser."),
    rss_item(title="Rain expected", link="https://planet.example/rain", date="Wed, 06 Mar 2024 08:00:00 GMT",
             summary="Forecasters expect heavy rain on Thursday."),
    rss_item(title="Storm hits coast", link="https://news.example/storm"),
])


def test_rss_entries(tmp_path: Path) -> None:
    budget, rain, storm = read_feed(write(tmp_path / "feed.rss", FEED))
    assert budget.text == "The council approved the budget on Monday.\nCritics said it was too small."
    assert budget.title == "Budget approved"
    assert budget.published == "2024-03-05"  # the date as written, not moved to UTC
    assert budget.url == "https://planet.example/budget"
    assert budget.outlet == "Daily Planet – World"
    assert budget.author == "desk@planet.example (Desk)"
    assert budget.id == article_id(budget.text, budget.url)
    assert rain.text == "Forecasters expect heavy rain on Thursday." and rain.published == "2024-03-06"
    assert isinstance(storm, Failure) and isinstance(storm.error, NoArticleTextError)
    assert storm.error.message == (
        f"{tmp_path / 'feed.rss'}: entry 3 ('Storm hits coast') has no text in the feed; "
        f"pass fetch_feed_links=True (CLI: --fetch-links) to fetch https://news.example/storm"
    )


def test_links_are_fetched_only_when_asked(dns: FakeDNS) -> None:
    calls: list[str] = []

    def page(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return html_response(article_html(title="Page title", site="Page site"))

    transport = routed({"news.example/storm": page})
    assert isinstance(list(read_feed(FEED, transport=transport))[2], Failure)
    assert calls == []
    storm = list(read_feed(FEED, fetch_links=True, transport=transport))[2]
    assert isinstance(storm, Article) and len(calls) == 1
    assert "powerful storm struck the northern coast" in storm.text
    # The feed's metadata wins over the page's.
    assert (storm.title, storm.outlet, storm.published) == ("Storm hits coast", "Daily Planet – World", "2024-03-05")
    assert storm.url == "https://news.example/storm"


def test_fetched_links_go_through_the_address_guard(dns: FakeDNS) -> None:
    feed = rss_feed([rss_item(title="Inside", link="http://intranet.example/secret")])
    (item,) = read_feed(feed, fetch_links=True, transport=httpx.MockTransport(lambda r: html_response("x")))
    assert isinstance(item, Failure) and item.error.code == "CG201"


def test_atom_feed() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id>
<updated>2024-03-07T09:00:00Z</updated>
<entry><title>Ceasefire talks</title><id>urn:1</id><link href="/ceasefire"/>
<published>2024-03-07T09:00:00+02:00</published><author><name>Ann Reporter</name></author>
<content type="html">&lt;p&gt;Talks resumed in Cairo, officials said.&lt;/p&gt;</content></entry>
<entry><title>Plain</title><id>urn:2</id><link href="https://wire.example/plain"/>
<updated>2024-03-08T10:00:00Z</updated><summary type="text">Markets closed higher.</summary></entry>
</feed>"""
    talks, plain = read_feed(atom, url="https://wire.example/feed.atom")
    assert talks.text == "Talks resumed in Cairo, officials said."
    assert talks.url == "https://wire.example/ceasefire"
    assert (talks.author, talks.outlet, talks.published) == ("Ann Reporter", "Wire", "2024-03-07")
    assert plain.text == "Markets closed higher." and plain.published == "2024-03-08"


def test_not_a_feed(tmp_path: Path) -> None:
    (failure,) = read_feed(write(tmp_path / "sitemap.xml", "this is { not xml at all"))
    assert isinstance(failure.error, MalformedRecordError)
    assert "is not a readable RSS or Atom feed" in failure.error.message


def test_empty_feed_and_missing_file(tmp_path: Path) -> None:
    (empty,) = read_feed(rss_feed([]))
    assert isinstance(empty.error, EmptyInputError) and "a feed with no entries" in empty.error.message
    (missing,) = read_feed(tmp_path / "nope.xml")
    assert isinstance(missing.error, SourceNotFoundError)


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(min_value=0), noise=st.binary(max_size=40))
def test_damaged_feeds_never_raise(cut: int, noise: bytes) -> None:
    damaged = FEED[: cut % (len(FEED) + 1)] + noise
    for item in read_feed(damaged):
        assert isinstance(item, Article | Failure)
        if isinstance(item, Article):
            assert item.text.strip()


def test_failures_of_fetched_feeds_name_the_feed_url() -> None:
    (failure,) = read_feed(b"<html>not a feed</html>", url="https://planet.example/feed")
    assert failure.source == "https://planet.example/feed"
    assert failure.error.message.startswith("https://planet.example/feed is not a readable RSS or Atom feed")
