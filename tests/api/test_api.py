"""The /v1 API through the ASGI client: every endpoint, the exports and the error shape."""

from __future__ import annotations

import csv
import io
import json

import pytest
from tests.api.library import app, auth, client, library  # noqa: F401 - fixtures

from claimgraph import pipeline


def _error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code, body
    return body["error"]["message"]


def test_analyze_text_returns_the_schema_document(client):
    r = client.post("/v1/analyze", json={"text": "Officials said 137 people were killed on Friday.",
                                          "published": "2024-03-23", "outlet": "Wire"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["schema_version"] == "1" and doc["article"]["outlet"] == "Wire"
    text = doc["article"]["text"]
    for q in doc["quantities"]:
        assert text[q["start"]:q["end"]] == q["text"]
    assert any(q["value"] == 137 for q in doc["quantities"])


def test_analyze_needs_text_or_url_not_both(client):
    _error(client.post("/v1/analyze", json={}), 422, "CG802")
    _error(client.post("/v1/analyze", json={"text": "a", "url": "https://example.org/"}), 422, "CG802")
    _error(client.post("/v1/analyze", json={"text": "   "}), 422, "CG802")
    _error(client.post("/v1/analyze", json={"text": "x", "extra": 1}), 422, "CG802")
    _error(client.post("/v1/analyze", content=b"{not json", headers={"content-type": "application/json"}),
           422, "CG802")


def test_get_article_and_unknown_article(client, library):
    r = client.get(f"/v1/articles/{library.article_ids[0]}")
    assert r.status_code == 200 and r.json()["article"]["id"] == library.article_ids[0]
    message = _error(client.get("/v1/articles/0000000000000000"), 404, "CG801")
    assert "0000000000000000" in message


def test_search_with_facets_and_paging(client):
    r = client.get("/v1/articles", params={"q": "fire", "limit": 2})
    assert r.status_code == 200
    data = r.json()
    assert len(data["hits"]) == 2 and data["more"] is True
    assert {f["value"] for f in data["facets"]["outlet"]} >= {"Harbour Times", "Island Courier"}
    page2 = client.get("/v1/articles", params={"q": "fire", "limit": 2, "offset": 2}).json()
    assert not {h["article_id"] for h in page2["hits"]} & {h["article_id"] for h in data["hits"]}
    only = client.get("/v1/articles", params={"q": "fire", "outlet": "Island Courier"}).json()
    assert [h["outlet"] for h in only["hits"]] == ["Island Courier"]
    dated = client.get("/v1/articles", params={"from": "2025-04-02", "to": "2025-04-02"}).json()
    assert dated["hits"] and all(h["published"] == "2025-04-02" for h in dated["hits"])


def test_search_filters_are_checked(client):
    message = _error(client.get("/v1/articles", params={"cue_class": "neutrall"}), 400, "CG500")
    assert 'Did you mean "neutral"' in message
    _error(client.get("/v1/articles", params={"source_kind": "alien"}), 400, "CG500")
    _error(client.get("/v1/articles", params={"q": '"unbalanced'}), 400, "CG303")
    _error(client.get("/v1/articles", params={"limit": 0}), 422, "CG802")


def test_search_exports_jsonl_and_csv(client):
    lines = client.get("/v1/articles", params={"q": "fire", "format": "jsonl"}).text.splitlines()
    assert lines and all("article_id" in json.loads(line) for line in lines)
    r = client.get("/v1/articles", params={"q": "fire", "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and "snippet" in rows[0]


def test_csv_cells_that_look_like_formulas_stay_text():
    from claimgraph.api._formats import _csv

    assert "'=HYPERLINK" in _csv([{"a": "=HYPERLINK(\"x\")"}])


def test_events_and_event_comparison(client):
    events = client.get("/v1/events").json()["events"]
    assert len(events) >= 1
    event = next(e for e in events if "Island Courier" in e["outlets"])  # the demo articles' event
    assert event["articles"] >= 4
    doc = client.get(f"/v1/events/{event['id']}/compare").json()
    assert doc["schema"] == "compare/2" and doc["event"]["id"] == event["id"]
    assert {"articles", "slots", "blame", "claims"} <= set(doc)
    texts = {a: client.get(f"/v1/articles/{a}").json()["article"]["text"] for a in (x["id"] for x in doc["articles"])}
    for slot in doc["slots"]:
        assert slot["verdict"] in ("agree", "update", "conflict", "single")
        for m in slot["members"]:
            assert texts[m["article_id"]][m["start"]:m["end"]] == m["text"]
    _error(client.get("/v1/events/ev-nope/compare"), 404, "CG109")
    assert client.get("/v1/events", params={"format": "csv"}).text.startswith("id,")


def test_compare_any_articles(client, library):
    r = client.post("/v1/compare", json={"articles": list(library.article_ids[:2])})
    assert r.status_code == 200 and len(r.json()["articles"]) == 2
    _error(client.post("/v1/compare", json={"articles": []}), 422, "CG802")
    _error(client.post("/v1/compare", json={"articles": ["nope"]}), 404, "CG801")


def test_claims_and_claimreview(client, library):
    data = client.get("/v1/claims", params={"limit": 3}).json()
    assert len(data["claims"]) == 3 and data["more"]
    author = client.get("/v1/claims", params={"author_only": True, "limit": 100}).json()["claims"]
    assert all(c["attribution"] == "author" for c in author)
    r = client.get("/v1/claims", params={"article": library.article_ids[0], "format": "claimreview"})
    assert r.headers["content-type"].startswith("application/ld+json")
    docs = r.json()
    assert docs and all(d["@type"] == "ClaimReview" and d["@context"] == "https://schema.org" for d in docs)
    assert "reviewRating" not in docs[0]  # claimgraph does not rate claims
    assert client.get("/v1/claims", params={"format": "csv"}).text.startswith("article_id,")


def test_write_endpoints_store_with_a_token(client, auth):
    body = {"text": "The mayor said 3 bridges were closed after the storm.", "outlet": "Test Wire"}
    _error(client.post("/v1/articles", json=body), 401, "CG803")
    r = client.post("/v1/articles", json=body, headers=auth)
    assert r.status_code == 201, r.text
    again = client.post("/v1/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["new"] is False
    assert client.get(f"/v1/articles/{r.json()['id']}").status_code == 200


def test_unknown_route_and_method(client):
    _error(client.get("/v1/nothing"), 404, "CG801")
    _error(client.delete("/v1/articles"), 405, "CG807")


def test_openapi_lists_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/v1/analyze", "/v1/articles", "/v1/articles/{article_id}", "/v1/events",
                 "/v1/events/{event_id}/compare", "/v1/compare", "/v1/claims", "/v1/jobs/{job_id}", "/v1/jobs"):
        assert path in paths, path
    assert not any(not p.startswith("/v1") for p in paths)  # pages stay out of the API schema


def test_the_model_is_loaded_once_whatever_the_number_of_requests(client):
    before = pipeline._build_pipeline.cache_info()
    for i in range(5):
        assert client.post("/v1/analyze", json={"text": f"Police said {i} cars burned."}).status_code == 200
    after = pipeline._build_pipeline.cache_info()
    assert after.misses == before.misses and after.currsize == before.currsize <= 1 + 1


@pytest.mark.parametrize("payload", [{"urls": ["file:///etc/passwd"]}, {"urls": ["/etc/passwd"]}])
def test_jobs_take_only_http_urls(client, auth, payload):
    _error(client.post("/v1/jobs", json=payload, headers=auth), 422, "CG802")


def test_ingest_job_of_an_upload_runs_to_completion(client, auth):
    import time

    lines = [json.dumps({"text": f"Officials said {n} homes were flooded in Marsa.", "outlet": "Flood Wire",
                         "published": f"2025-05-0{n}"}) for n in (1, 2, 3)]
    files = {"file": ("floods.jsonl", ("\n".join(lines) + "\n{broken\n").encode(), "application/json")}
    r = client.post("/v1/jobs/upload", files=files, headers=auth)
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    for _ in range(200):
        job = client.get(f"/v1/jobs/{job_id}").json()
        if job["done"]:
            break
        time.sleep(0.1)
    assert job["status"] == "done", job
    assert job["new"] + job["known"] == 3, job
    assert job["skipped"] == 1 and "floods.jsonl" in job["sources"][0]
    _error(client.get("/v1/jobs/nope"), 404, "CG801")


def test_empty_form_fields_mean_any(client):
    empty = {"q": "fire", "outlet": "", "from": "", "to": "", "source": "", "source_kind": "", "cue_class": "",
             "technique": ""}
    assert client.get("/v1/articles", params=empty).json()["hits"]
