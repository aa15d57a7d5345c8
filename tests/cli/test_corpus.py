from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.cli import corpus as corpus_cli
from tests.corpus._build import article

runner = CliRunner()

TEXT = "Gunmen <script>alert(1)</script> attacked Crocus City Hall near Moscow; {n} people were killed, officials said."


@pytest.fixture
def stored(monkeypatch):
    analyses = [
        article("a", TEXT.format(n="40"), outlet="Outlet A", published="2024-03-22", figures=(("40", "fatalities"),)),
        article("b", TEXT.format(n="60"), outlet="Outlet B", published="2024-03-23", figures=(("60", "fatalities"),)),
        article("c", TEXT.format(n="137"), outlet="Outlet C", published="2024-03-23", figures=(("137", "fatalities"),)),
    ]
    monkeypatch.setattr(corpus_cli, "load_analyses", lambda db: iter(analyses))
    return analyses


def _event_id(stored) -> str:
    from claimgraph.corpus import list_events

    (summary,) = list_events(stored)
    return summary.id


def test_events_lists_one_event_with_its_conflict(stored):
    result = runner.invoke(app, ["events"])
    assert result.exit_code == 0, result.output
    assert _event_id(stored) in result.output
    data = json.loads(runner.invoke(app, ["events", "--json"]).output)
    (event,) = data["events"]
    assert event["id"] == _event_id(stored) and event["date"] == "2024-03-22" and event["articles"] == 3
    assert event["outlets"] == ["Outlet A", "Outlet B", "Outlet C"] and event["conflicts"] == 1
    assert [m["id"] for m in event["members"]] == ["a", "b", "c"]  # in order of publication
    assert set(event["members"][0]) == {"id", "url", "title", "outlet", "published"}
    assert event["members"][0]["outlet"] == "Outlet A" and event["language"] == "en"


def test_events_on_an_empty_store(monkeypatch):
    monkeypatch.setattr(corpus_cli, "load_analyses", lambda db: iter(()))
    result = runner.invoke(app, ["events"])
    assert result.exit_code == 0
    assert "No events" in result.output


def test_compare_in_three_formats(stored, tmp_path):
    event_id = _event_id(stored)
    text = runner.invoke(app, ["compare", event_id])
    assert text.exit_code == 0, text.output
    assert "people killed [conflict]" in text.output
    data = json.loads(runner.invoke(app, ["compare", event_id, "--format", "json"]).output)
    assert data["schema"] == "compare/2" and data["event"]["id"] == event_id
    (slot,) = data["slots"]
    assert [m["value"] for m in slot["members"]] == [40, 60, 137] and slot["verdict"] == "conflict"
    page = runner.invoke(app, ["compare", event_id, "--format", "html"]).output
    assert page.startswith("<!DOCTYPE html>")
    out = tmp_path / "event.html"
    assert runner.invoke(app, ["compare", event_id, "--format", "html", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_compare_chosen_articles_by_id_or_url(monkeypatch, stored):
    import dataclasses

    chosen = [dataclasses.replace(a, article=dataclasses.replace(a.article, url=f"https://news.example/{a.article.id}"))
              for a in stored]
    monkeypatch.setattr(corpus_cli, "load_analyses", lambda db: iter(chosen))
    result = runner.invoke(app, ["compare", "--article", "a", "--article", "https://news.example/c",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [a["id"] for a in data["articles"]] == ["a", "c"] and data["event"]["id"] is None
    missing = runner.invoke(app, ["compare", "--article", "nope"])
    assert missing.exit_code == 1 and "error CG900" in missing.output
    both = runner.invoke(app, ["compare", "ev-1", "--article", "a"])
    assert both.exit_code == 2


def test_compare_errors(stored):
    missing = runner.invoke(app, ["compare", "ev-000000000000"])
    assert missing.exit_code == 1
    assert "error CG109: no event 'ev-000000000000' in this corpus" in missing.output
    bad = runner.invoke(app, ["compare", _event_id(stored), "--format", "pdf"])
    assert bad.exit_code == 2
    assert "unknown format 'pdf': choose one of text, json, html" in bad.output


ECB_DOC = """<Document doc_name="{name}.xml" doc_id="X">{tokens}</Document>"""


def _ecb_file(folder: Path, name: str, sentence: str) -> None:
    tokens = "".join(f'<token t_id="{i}" sentence="0" number="{i}">{w}</token>' for i, w in enumerate(sentence.split()))
    (folder / f"{name}.xml").write_text(ECB_DOC.format(name=name, tokens=tokens), encoding="utf-8")


def test_evaluate_clustering_on_a_small_folder(tmp_path: Path):
    topic = tmp_path / "1"
    topic.mkdir()
    _ecb_file(topic, "1_1ecb", "Tara Reid checked into Promises rehab in Malibu in 2008 , her publicist said")
    _ecb_file(topic, "1_2ecb", "Tara Reid entered Promises rehab in Malibu in 2008 , according to People")
    _ecb_file(topic, "1_1ecbplus", "Lindsay Lohan checked into Betty Ford Center in 2013 after a court order")
    _ecb_file(topic, "1_2ecbplus", "Lindsay Lohan arrived at Betty Ford Center in 2013 for a 90 day stay")
    result = runner.invoke(app, ["evaluate", "clustering", "--ecbplus", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert set(scores) == {"bcubed_p", "bcubed_r", "bcubed_f1", "ari"}
    assert scores["bcubed_f1"] == 1.0
    table = runner.invoke(app, ["evaluate", "clustering", "--ecbplus", str(tmp_path)])
    assert table.exit_code == 0 and "bcubed_f1" in table.output


def test_evaluate_clustering_on_a_missing_folder(tmp_path: Path):
    result = runner.invoke(app, ["evaluate", "clustering", "--ecbplus", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "is not a folder" in result.output


def test_events_filters_by_language(stored, monkeypatch):
    import dataclasses

    mixed = [stored[0], stored[1], dataclasses.replace(
        stored[2], article=dataclasses.replace(stored[2].article, language="fr"))]
    monkeypatch.setattr(corpus_cli, "load_analyses", lambda db: iter(mixed))
    english = json.loads(runner.invoke(app, ["events", "--json", "--language", "en"]).output)["events"]
    french = json.loads(runner.invoke(app, ["events", "--json", "--language", "FR"]).output)["events"]
    assert sum(e["articles"] for e in english) == 2
    assert sum(e["articles"] for e in french) == 1
    assert json.loads(runner.invoke(app, ["events", "--json", "--language", "de"]).output)["events"] == []
