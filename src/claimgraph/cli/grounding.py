"""CLI: export of stored analyses (events as ACLED-like CSV, ...)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import not_yet


def export(
    format: Annotated[str, typer.Option("--format", help="events-csv")] = "events-csv",
    db: Annotated[Path | None, typer.Option(help="Database file.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file.")] = None,
) -> None:
    """Export stored analyses."""
    raise not_yet("export")
