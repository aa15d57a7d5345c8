"""CLI: `claimgraph analyze|ingest|search|export`, one article or the stored articles."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .. import ingest as ingest_lib
from ..errors import ClaimgraphError, StoreError, UsageError
from ..model import Article, to_dict
from ..pipeline import pipe
from ..serialize import to_json
from ._common import PROFILE_HELP, Profile, stderr, stdout, write_output

__all__ = ["analyze", "ingest", "search", "export"]


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    html = "html"


def _articles(sources: Iterable[str], *, report, **options) -> Iterator[Article]:
    """Articles from the sources; each failure is passed to ``report`` and skipped."""
    for item in ingest_lib.read_sources(sources, **options):
        if isinstance(item, ingest_lib.Failure):
            report(item)
        else:
            yield item


def _failure_line(failure: ingest_lib.Failure) -> str:
    where = failure.source if failure.line is None else f"{failure.source}:{failure.line}"
    message = failure.error.message
    if failure.source not in message:  # the readers' messages usually name the file already
        message = f"{where}: {message}"
    return f"skipped: error {failure.error.code}: {message}"


def analyze(
    source: Annotated[str, typer.Argument(help="A text, HTML or JSONL file, a URL, or - for stdin.")],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD); anchors relative dates.")] = None,
    title: Annotated[str | None, typer.Option(help="Article title.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet that published it.")] = None,
    url: Annotated[str | None, typer.Option(help="Article URL (changes the article id).")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="json, jsonl, text or html.")] = Format.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow URLs on private or loopback addresses.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest input file or download, in bytes.")] = ingest_lib.DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a URL.")] = 20.0,
    profile: Annotated[Profile, typer.Option(help=PROFILE_HELP)] = Profile.full,
) -> None:
    """Analyse one article (or each article of a JSONL file) and print the result."""
    failures: list[ingest_lib.Failure] = []
    articles = [
        ingest_lib.with_metadata(a, published=published, title=title, outlet=outlet, url=url)
        for a in _articles([source], max_bytes=max_bytes, allow_private=allow_private, timeout=timeout,
                           report=failures.append)
    ]
    if not articles:
        if failures:
            raise failures[0].error
        raise ClaimgraphError(f"{source} holds no article", code="CG101")
    for failure in failures:
        stderr.print(_failure_line(failure))
    analyses = list(pipe(articles, profile=profile.value))
    if format is Format.json:
        text = to_json(analyses[0]) if len(analyses) == 1 else json.dumps(
            [to_dict(a) for a in analyses], ensure_ascii=False, indent=2)
    elif format is Format.jsonl:
        text = "\n".join(to_json(a, indent=None) for a in analyses)
    elif format is Format.html:
        if len(analyses) > 1:
            raise UsageError(f"{source} holds {len(analyses)} articles: the HTML report shows one; "
                             "use --format json or jsonl, or pass a single article")
        from ..export.report import html_report

        text = html_report(analyses[0])
    else:
        from ._views import analysis_view

        if output is None:
            for analysis in analyses:
                stdout.print(analysis_view(analysis))
            return
        from rich.console import Console

        with output.open("w", encoding="utf-8") as handle:
            console = Console(file=handle, width=100, force_terminal=False)
            for analysis in analyses:
                console.print(analysis_view(analysis))
        return
    write_output(text, output)
    if failures:
        raise typer.Exit(1)


def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders (read recursively), JSONL, feeds, WARC, URLs or -.")],
    db: Annotated[Path | None, typer.Option(help="Database file (default: see `claimgraph search --help`).")] = None,
    analyze_articles: Annotated[bool, typer.Option("--analyze/--no-analyze", help="Run the analysis pipeline and store its results.")] = True,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles analysed per batch.")] = 16,
    allow_private: Annotated[bool, typer.Option(help="Allow URLs on private or loopback addresses.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest input file or download, in bytes.")] = ingest_lib.DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each URL.")] = 20.0,
    fetch_links: Annotated[bool, typer.Option(help="Fetch the page of a feed entry that carries no text.")] = False,
    profile: Annotated[Profile, typer.Option(help=PROFILE_HELP)] = Profile.full,
) -> None:
    """Store articles and their analyses; idempotent by article id.

    Every bad file or line is reported with its name (and line number) and skipped; the
    command exits 1 when any input was skipped, after storing all the good ones.
    """
    from ..store import open_store

    failures: list[ingest_lib.Failure] = []
    counts = {"new": 0, "known": 0}

    def report(failure: ingest_lib.Failure) -> None:
        failures.append(failure)
        progress.console.print(_failure_line(failure), style="red", highlight=False)

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
               TimeElapsedColumn())
    with open_store(db) as store, Progress(*columns, console=stderr, transient=False) as progress:
        task = progress.add_task("ingesting", total=None)
        stream = _articles(sources, max_bytes=max_bytes, allow_private=allow_private, timeout=timeout,
                           fetch_feed_links=fetch_links, report=report)
        for article, analysis in _with_analyses(stream, analyze_articles, batch_size, profile.value):
            counts["new" if store.add(article, analysis) else "known"] += 1
            progress.console.print(_article_line(article, analysis, analyze_articles), highlight=False)
            for warning in article.warnings:
                progress.console.print(f"  warning {warning.code}: {warning.message}", style="yellow", highlight=False)
            progress.advance(task)
    summary = f"{counts['new']} new, {counts['known']} already stored, {len(failures)} skipped"
    stderr.print(f"ingested into {store.path}: {summary}", highlight=False)
    if failures:
        raise typer.Exit(1)


def _language_label(article: Article) -> str:
    if article.language is None:
        return "language unknown (too little text to tell; analysed as English)"
    how = {"both": "declared and detected", "detected": "detected", "declared": "declared"}.get(
        article.language_source or "", "given")
    confidence = f", {article.language_confidence:.2f}" if article.language_confidence is not None else ""
    return f"language {article.language} ({how}{confidence})"


def _article_line(article: Article, analysis, analyze_articles: bool) -> str:  # noqa: ANN001
    """One line per stored article: what it is, its language, and whether it was analysed."""
    name = article.title or article.url or article.id
    name = name if len(name) <= 60 else name[:59] + "…"
    refused = next((e for e in (analysis.errors if analysis else ()) if e.stage == "language"), None)
    if refused is not None:
        state = "stored, not analysed (language not supported yet)"
    elif analyze_articles:
        state = "analysed"
    else:
        state = "stored"
    return f"{name}: {_language_label(article)}: {state}"


def _with_analyses(articles: Iterable[Article], analyze_articles: bool, batch_size: int, profile: str):
    """Pairs (article, analysis or None), analysing in batches."""
    if not analyze_articles:
        for article in articles:
            yield article, None
        return
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from zip(batch, pipe(batch, batch_size=batch_size, profile=profile))
            batch = []
    if batch:
        yield from zip(batch, pipe(batch, batch_size=batch_size, profile=profile))


def search(
    query: Annotated[str | None, typer.Argument(help="Full-text query (SQLite FTS5 syntax); optional with filters.")] = None,
    db: Annotated[Path | None, typer.Option(help="Database file; default $CLAIMGRAPH_DB or ~/.local/share/claimgraph/claimgraph.db.")] = None,
    source: Annotated[str | None, typer.Option(help="Only claims attributed to a source containing this text.")] = None,
    cue_class: Annotated[str | None, typer.Option(help="Only attributions with this cue class (neutral, distancing, endorsing, hedged).")] = None,
    author_only: Annotated[bool, typer.Option(help="Only the author's own, unattributed claims.")] = False,
    technique: Annotated[str | None, typer.Option(help="Only articles using this persuasion technique.")] = None,
    language: Annotated[str | None, typer.Option(help="Only articles in this language (ISO 639-1 code: en, fr, de...).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most results to show.")] = 20,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Search stored articles by text, source, cue class, author claims, technique or language."""
    from ..store import open_store
    from ._views import hits_table

    if query is None and not (source or cue_class or author_only or technique or language):
        raise UsageError("give a query or at least one filter (--source, --cue-class, --author-only, --technique, "
                         "--language)")
    with open_store(db) as store:
        hits = store.search(query, source=source, cue_class=cue_class, author_only=author_only,
                            technique=technique, language=language, limit=limit)
    if json_out:
        write_output(json.dumps({"hits": [to_dict(h) for h in hits]}, ensure_ascii=False), None)
    elif hits:
        stdout.print(hits_table(hits))
    else:
        stderr.print("no matches")


EXPORT_FORMATS = ("events-csv",)


def export(
    format: Annotated[str, typer.Option("--format", help="events-csv")] = "events-csv",
    db: Annotated[Path | None, typer.Option(help="Database file.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file.")] = None,
) -> None:
    """Export stored analyses."""
    if format not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {format!r}: choose from {', '.join(EXPORT_FORMATS)}")
    if db is None:
        raise UsageError("give the database to export with --db FILE")
    if not db.is_file():
        raise StoreError(f"{db} does not exist: analyse articles into it first with `claimgraph ingest`")
    from ..export import write_events_csv
    from ..store import open_store  # imported here: the store is only needed by this command

    store = open_store(db)
    if output is None:
        write_events_csv(store.iter_analyses(), sys.stdout)
        sys.stdout.flush()
        return
    with output.open("w", encoding="utf-8", newline="") as handle:
        write_events_csv(store.iter_analyses(), handle)
