"""CLI: export of stored analyses (events as ACLED-like CSV, ...)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import StoreError, UsageError

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
