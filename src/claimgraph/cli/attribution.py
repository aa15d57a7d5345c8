"""CLI: evaluation and training of attribution and check-worthiness."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import not_yet


def evaluate_attribution(
    polnear: Annotated[Path, typer.Option(help="PolNeAR folder with text/ and attributions/.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score source, cue and content spans against PolNeAR (exact and token overlap)."""
    raise not_yet("attribution evaluation")


def evaluate_checkworthiness(
    checkthat: Annotated[Path, typer.Option(help="A CheckThat! 2024 task 1 TSV file.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Precision, recall and F1 of the Yes class on a CheckThat! TSV."""
    raise not_yet("check-worthiness evaluation")


def train_checkworthiness() -> None:
    """Rebuild the check-worthiness model from ../shared/data/checkthat2024."""
    raise not_yet("check-worthiness training")
