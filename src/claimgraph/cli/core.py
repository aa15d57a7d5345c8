"""CLI: analyze, ingest and search."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import not_yet


def analyze(
    source: Annotated[str, typer.Argument(help="A file, a URL, or - for stdin.")],
) -> None:
    """Analyse one article."""
    raise not_yet("analyze")


def ingest(paths: Annotated[list[Path], typer.Argument(help="Files or folders.")]) -> None:
    """Store articles and their analyses."""
    raise not_yet("ingest")


def search(query: Annotated[str, typer.Argument(help="Full-text query.")]) -> None:
    """Search stored articles."""
    raise not_yet("search")
