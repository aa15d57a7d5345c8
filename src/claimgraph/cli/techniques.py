"""CLI: persuasion techniques in the SemEval-2020 Task 11 formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import not_yet


def detect(
    articles: Annotated[Path, typer.Option(help="Folder of article<ID>.txt files.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="SI predictions file.")],
) -> None:
    """Predict technique spans (SI format: id, start, end)."""
    raise not_yet("technique detection")


def classify(
    articles: Annotated[Path, typer.Option(help="Folder of article<ID>.txt files.")],
    spans: Annotated[Path, typer.Option(help="Span file: id, anything, start, end.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="TC predictions file.")],
) -> None:
    """Label given spans with a technique (TC format)."""
    raise not_yet("technique classification")


def evaluate(
    articles: Annotated[Path, typer.Option(help="Folder of article<ID>.txt files.")],
    si_labels: Annotated[Path, typer.Option(help="Gold SI labels.")],
    tc_labels: Annotated[Path, typer.Option(help="Gold TC labels.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score technique detection (SI) and classification (TC) as SemEval-2020 Task 11 did."""
    raise not_yet("technique evaluation")


def train() -> None:
    """Rebuild the technique model from ../shared/data/ptc."""
    raise not_yet("technique training")
