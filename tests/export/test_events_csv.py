"""The ACLED-like events CSV: the pure writer, and the `claimgraph export` command."""

from __future__ import annotations

import csv
import io
import sys
import types

from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.export import EVENTS_CSV_FIELDS, write_events_csv
from claimgraph.model import Analysis, Article, Event, Place, Quantity, Span, TimeExpression

TEXT = "On March 22 an attack in Moscow killed 137 people. Officials warned residents."


def _span(sub: str) -> dict:
    start = TEXT.index(sub)
    return {"start": start, "end": start + len(sub), "text": sub}


def _analysis(published: str | None = "2024-03-27") -> Analysis:
    moscow = Place(**_span("Moscow"), name="Moscow", country="RU", lat=55.75, lon=37.62, precision="city")
    attack = Event(
        id="e1", type="attack", trigger=Span(**_span("attack")),
        targets=(Span(**_span("137 people")),),
        place=moscow,
        time=TimeExpression(**_span("March 22"), value="2024-03-22", precision="day"),
        quantities=(Quantity(**_span("137"), value=137.0, role="fatalities"),),
    )
    warning = Event(id="e2", type="warning_threat", trigger=Span(**_span("warned")),
                    actors=(Span(**_span("Officials")),), targets=(Span(**_span("residents")),))
    article = Article(id="a1", text=TEXT, published=published, outlet="Example News", url="https://example.org/a1")
    return Analysis(article=article, events=(attack, warning))


def _rows(analyses) -> list[dict]:
    out = io.StringIO()
    count = write_events_csv(analyses, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == count
    return rows


def test_one_row_per_event_with_acled_columns():
    rows = _rows([_analysis()])
    assert len(rows) == 2
    attack, warning = rows
    assert list(attack) == list(EVENTS_CSV_FIELDS)
    assert attack["event_id"] == "a1:e1"
    assert (attack["event_date"], attack["year"], attack["time_precision"], attack["date_source"]) == (
        "2024-03-22", "2024", "1", "event")
    assert attack["event_type"] == "Violence against civilians" and attack["sub_event_type"] == "Attack"
    assert attack["location"] == "Moscow" and attack["country"] == "Russia" and attack["country_code"] == "RU"
    assert attack["geo_precision"] == "1" and float(attack["latitude"]) == 55.75
    assert attack["fatalities"] == "137" and attack["injured"] == ""
    assert attack["actor2"] == "137 people"
    assert TEXT[int(attack["trigger_start"]):int(attack["trigger_end"])] == attack["trigger_text"] == "attack"
    # No own date: the publication date, with ACLED's "uncertain" precision code.
    assert (warning["event_date"], warning["time_precision"], warning["date_source"]) == ("2024-03-27", "3", "published")
    assert warning["event_type"] == "" and warning["plover"] == "THREATEN"
    assert warning["actor1"] == "Officials" and warning["location"] == ""


def test_no_date_at_all_leaves_the_columns_empty():
    rows = _rows([_analysis(published=None)])
    assert rows[1]["event_date"] == "" and rows[1]["time_precision"] == ""


def test_week_and_month_precision():
    base = _analysis()
    week = TimeExpression(**_span("March 22"), value="2024-W12", precision="week")
    month = TimeExpression(**_span("March 22"), value="2024-03", precision="month")
    events = tuple(Event(id=f"e{i}", type="attack", trigger=Span(**_span("attack")), time=t)
                   for i, t in enumerate((week, month), start=1))
    rows = _rows([Analysis(article=base.article, events=events)])
    assert (rows[0]["event_date"], rows[0]["time_precision"]) == ("2024-03-18", "2")
    assert (rows[1]["event_date"], rows[1]["time_precision"]) == ("2024-03-01", "3")


def test_empty_input_writes_only_the_header():
    assert _rows([]) == []
    assert _rows([Analysis(article=Article(id="x", text=""))]) == []


def _fake_store(monkeypatch, analyses):
    module = types.ModuleType("claimgraph.store")

    class Store:
        def iter_analyses(self):
            return iter(analyses)

    module.open_store = lambda path: Store()
    monkeypatch.setitem(sys.modules, "claimgraph.store", module)


def test_cli_export_writes_csv(monkeypatch, tmp_path):
    _fake_store(monkeypatch, [_analysis()])
    db = tmp_path / "claims.db"
    db.write_bytes(b"")
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "events-csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["event_id"] for r in rows] == ["a1:e1", "a1:e2"]


def test_cli_export_to_stdout(monkeypatch, tmp_path):
    _fake_store(monkeypatch, [_analysis()])
    db = tmp_path / "claims.db"
    db.write_bytes(b"")
    result = CliRunner().invoke(app, ["export", "--db", str(db)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ",".join(EVENTS_CSV_FIELDS)


def test_cli_export_errors(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "x.db"), "--format", "pdf"])
    assert result.exit_code == 2 and "error CG500: unknown export format 'pdf': choose from events-csv" in result.output
    result = runner.invoke(app, ["export"])
    assert result.exit_code == 2 and "give the database to export with --db FILE" in result.output
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1 and "does not exist" in result.output
