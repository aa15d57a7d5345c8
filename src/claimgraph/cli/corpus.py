"""CLI: events across articles, outlet comparison, clustering evaluation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import not_yet


def events(db: Annotated[Path | None, typer.Option(help="Database file.")] = None) -> None:
    """List real-world events found in the stored articles."""
    raise not_yet("event listing")


def compare(
    event_id: Annotated[str, typer.Argument(help="An id from `claimgraph events`.")],
    db: Annotated[Path | None, typer.Option(help="Database file.")] = None,
    format: Annotated[str, typer.Option("--format", help="text, json or html")] = "text",
) -> None:
    """Side-by-side view of what each outlet says about one event."""
    raise not_yet("comparison")


def evaluate_clustering(
    ecbplus: Annotated[Path, typer.Option(help="ECB+ folder with one sub-folder per topic.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Cluster ECB+ documents into events and score them (B-cubed, ARI)."""
    raise not_yet("clustering evaluation")
