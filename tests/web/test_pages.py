"""The pages, rendered through the ASGI client: content, JSON twins, escaping of hostile text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from tests.api.library import HOSTILE, HOSTILE_TEXT, app, auth, client, library  # noqa: F401 - fixtures

from .compare_doc import compare_doc

SAME = {"origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag in ("img", "svg", "iframe", "object", "embed") or (tag == "script" and not names.get("src")):
            self.bad.append(tag)
        self.bad += [f"{tag}[{k}]" for k in names if k.startswith("on")]
        self.bad += [f"{tag}[{k}={v}]" for k, v in names.items()
                     if k in ("href", "src", "action", "formaction") and v and v.strip().lower().startswith(("javascript:", "data:"))]


def _no_live_markup(html: str) -> None:
    """No hostile tag, handler or script link made it into the page as markup."""
    parser = _Tags()
    parser.feed(html)
    assert not parser.bad, parser.bad


def test_library_lists_articles_with_snippets_and_facets(client):
    html = client.get("/", params={"q": "union"}).text
    assert "<mark>" in html and "Island Courier" in html and 'class="facet"' in html


def test_library_json_twin_is_the_api_answer(client):
    page = client.get("/", params={"q": "fire", "limit": 3, "format": "json"}).json()
    api = client.get("/v1/articles", params={"q": "fire", "limit": 3}).json()
    assert page == api


def test_article_page_has_layers_legend_annotations_and_details(client, library):
    html = client.get(f"/articles/{library.article_ids[-2]}").text
    for layer in ("source", "cue-neutral", "content", "quantity", "place", "tech-loaded-language", "checkworthy"):
        assert f'data-layer="{layer}"' in html, layer
    assert 'class="seg' in html and 'tabindex="0"' in html and 'id="details"' in html
    assert 'id="ann-list"' in html and "permalink" in html and 'id="plain-toggle"' in html


def test_article_json_twin(client, library):
    aid = library.article_ids[0]
    assert client.get(f"/articles/{aid}", params={"format": "json"}).json() == client.get(f"/v1/articles/{aid}").json()


def test_a_cited_span_is_marked_with_its_citation(client, library):
    aid = library.article_ids[0]
    text = client.get(f"/v1/articles/{aid}").json()["article"]["text"]
    start = text.index("Maria Camilleri")
    html = client.get(f"/articles/{aid}", params={"start": start, "end": start + 15}).text
    assert "<mark>Maria Camilleri</mark>" in html and "“Maria Camilleri”, Harbour Times" in html


def test_hostile_article_is_escaped_everywhere(client, library):
    html = client.get(f"/articles/{library.hostile_id}").text
    _no_live_markup(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("javascript:alert(7)") >= 1 and 'href="javascript' not in html
    for path in ("/", "/?q=minister", "/events"):
        _no_live_markup(client.get(path).text)


def test_analyze_form_shows_the_result_without_storing(client):
    html = client.post("/analyze", data={"text": HOSTILE_TEXT, "title": HOSTILE["title"], "outlet": HOSTILE["outlet"]},
                       headers=SAME).text
    _no_live_markup(html)
    assert "not stored" in html and 'class="seg' in html


def test_events_page_and_its_twin(client):
    html = client.get("/events").text
    assert "/events/ev-" in html and "Valletta" in html
    assert client.get("/events", params={"format": "json"}).json() == client.get("/v1/events").json()


def test_a_real_event_comparison_page(client):
    event = next(e for e in client.get("/v1/events").json()["events"] if "Island Courier" in e["outlets"])
    html = client.get(f"/events/{event['id']}").text
    assert 'id="slot-matrix"' in html and 'id="timeline"' in html and "?start=" in html
    assert client.get(f"/events/{event['id']}", params={"format": "json"}).json() == \
        client.get(f"/v1/events/{event['id']}/compare").json()


@pytest.fixture
def fake_compare(monkeypatch, client, library):
    from claimgraph.web import _compare

    ids = list(library.article_ids[:2])
    texts = {i: client.get(f"/v1/articles/{i}").json()["article"]["text"] for i in ids}
    doc = compare_doc(ids, texts)
    monkeypatch.setattr(_compare, "compare_payload", lambda analyses, *, event_id=None: doc)
    return doc


def test_comparison_matrices_come_from_the_compare_2_document(client, fake_compare):
    html = client.get("/events/ev-test").text
    _no_live_markup(html)
    a, b = (x["id"] for x in fake_compare["articles"])
    assert 'id="slot-matrix"' in html and 'id="blame-matrix"' in html and 'id="claim-matrix"' in html
    assert "≠ conflict" in html  # the verdict in words and signs, not colour alone
    m = fake_compare["slots"][0]["members"][0]
    assert f'/articles/{a}?start={m["start"]}&amp;end={m["end"]}#cite' in html
    assert "?start=0&amp;end=0" not in html  # an absent member links nowhere
    assert "hedged" in html and "attributed" in html and "the union" in html
    assert html.index("2025-04-01") < html.rindex("2025-04-02")  # the timeline is in date order
    assert "&lt;script&gt;alert(&#39;cmp&#39;)&lt;/script&gt;" in html


def test_side_by_side_pairs_two_articles(client, fake_compare):
    a, b = (x["id"] for x in fake_compare["articles"])
    html = client.get("/compare", params=[("article", a), ("article", b)]).text
    _no_live_markup(html)
    assert 'class="side"' in html and html.count('class="col"') == 2
    twin = client.get("/compare", params=[("article", a), ("article", b), ("format", "json")]).json()
    assert twin == fake_compare


def test_pages_answer_errors_in_html_for_browsers(client):
    r = client.get("/articles/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "CG801" in r.text and r.headers["content-type"].startswith("text/html")
    r = client.get("/articles/nope")
    assert r.json()["error"]["code"] == "CG801"


def test_job_page_polls_until_done(client, auth):
    r = client.post("/jobs", data={"urls": "ftp://x"}, headers={**SAME, **auth})
    assert r.status_code == 422
    files = {"file": ("one.txt", b"Officials said 8 people were rescued from the harbour.", "text/plain")}
    r = client.post("/jobs", files=files, headers={**SAME, **auth}, follow_redirects=False)
    assert r.status_code == 303
    html = client.get(r.headers["location"]).text
    assert 'id="job"' in html and "Status" in html
