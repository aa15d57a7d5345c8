"""CLI: `claimgraph events` and `claimgraph compare`, events across articles and outlets side by side."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Column, Table

from ..errors import ArticleNotFoundError, StoreError, UsageError
from ..model import Analysis
from ._common import print_json, stdout, write_output

__all__ = ["events", "compare", "load_analyses", "load_chosen"]

FORMATS = ("text", "json", "html")


def load_analyses(db: Path | None) -> Iterator[Analysis]:
    """The stored analyses (tests replace this function to run without a store)."""
    try:
        from ..store import open_store
    except ImportError:
        raise StoreError("this installation has no article store: ingest articles with `claimgraph ingest` "
                         "in a version that includes claimgraph.store") from None
    store = open_store(db) if db is not None else open_store()
    return iter(store.iter_analyses())


def events(
    db: Annotated[Path | None, typer.Option(help="Database file.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    language: Annotated[str | None, typer.Option(help="Only articles in this language (ISO 639-1 code: en, fr...).")] = None,
) -> None:
    """List real-world events found in the stored articles."""
    from ..corpus import list_events

    analyses = load_analyses(db)
    if language is not None:
        wanted = language.strip().lower()
        analyses = (a for a in analyses if a.article.language == wanted)
    summaries = list_events(analyses)
    if json_out:
        print_json({"events": [dataclasses.asdict(s) for s in summaries]})
        return
    if not summaries:
        stdout.print("No events: the store holds no articles. Add some with `claimgraph ingest`.")
        return
    table = Table("date", "place", "type", "articles", "outlets", "conflicts", "title")
    table.columns.insert(0, Column("event", no_wrap=True, min_width=15))  # ids must stay copyable
    for s in summaries:
        table.add_row(s.id, s.date, s.place or "", s.type or "", str(s.articles), ", ".join(s.outlets),
                      str(s.conflicts), (s.title or "")[:60])
    stdout.print(table)


def load_chosen(db: Path | None, refs: list[str]) -> list[Analysis]:
    """The stored analyses of the articles named by id or URL (tests replace this function)."""
    wanted = list(dict.fromkeys(refs))
    found: dict[str, Analysis] = {}
    for analysis in load_analyses(db):
        a = analysis.article
        for ref in wanted:
            if ref == a.id or (a.url and ref.rstrip("/") == a.url.rstrip("/")):
                found[ref] = analysis
    missing = [ref for ref in wanted if ref not in found]
    if missing:
        raise ArticleNotFoundError(f"no stored article with id or URL {missing[0]!r}: "
                                   "list stored articles with `claimgraph search` or add it with `claimgraph ingest`")
    return list({found[ref].article.id: found[ref] for ref in wanted}.values())


def compare(
    event_id: Annotated[str | None, typer.Argument(help="An id from `claimgraph events`.")] = None,
    article: Annotated[list[str] | None, typer.Option(
        "--article", help="A stored article id or URL to compare (repeat); instead of an event id.")] = None,
    db: Annotated[Path | None, typer.Option(help="Database file.")] = None,
    format: Annotated[str, typer.Option("--format", help="text, json (compare/2) or html")] = "text",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")] = None,
) -> None:
    """Where outlets disagree: fact slots, blame and claims of one event or of chosen articles."""
    from ..corpus import compare_articles, comparison_to_dict, event_comparison, render_html, render_text

    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    if (event_id is None) == (not article):
        raise UsageError("give an event id or one or more --article, not both")
    if article:
        comparison = compare_articles(load_chosen(db, article))
    else:
        comparison = event_comparison(load_analyses(db), event_id)
    if format == "json":
        text = json.dumps(comparison_to_dict(comparison), ensure_ascii=False)
    elif format == "html":
        text = render_html(comparison)
    else:
        text = render_text(comparison)
    write_output(text, output)
