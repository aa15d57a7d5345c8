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
    from ..eval.polnear import ROLES, evaluate_polnear
    from ._common import print_json, stdout

    scores = evaluate_polnear(polnear)
    if json_out:
        print_json(scores)
        return
    from rich.table import Table

    table = Table(title=f"Attribution spans on {polnear}")
    table.add_column("span")
    for view in ("exact", "overlap"):
        for metric in ("P", "R", "F1"):
            table.add_column(f"{view} {metric}", justify="right")
    for role in ROLES:
        cells = [f"{100 * scores[v][role][m]:.1f}" for v in ("exact", "overlap") for m in ("p", "r", "f1")]
        table.add_row(role, *cells)
    stdout.print(table)


def train_attribution(
    polnear: Annotated[Path, typer.Option(help="PolNeAR train folder (text/ and attributions/).")] = Path(
        "../shared/data/polnear/train"),
    out: Annotated[Path | None, typer.Option(help="Folder for the model files (default: the package's).")] = None,
) -> None:
    """Rebuild the attribution model from PolNeAR train (90% fit, 10% held out)."""
    from ..components.attribution_training import MODEL_DIR, train_attribution as train
    from ..pipeline import load_language
    from ._common import stdout

    report = train(polnear, load_language(), out_dir=out or MODEL_DIR)
    stdout.print(f"trained on {report.train_articles} articles, threshold {report.threshold}; "
                 f"model card in {(out or MODEL_DIR) / 'MODEL_CARD.md'}")


def evaluate_checkworthiness(
    checkthat: Annotated[Path, typer.Option(help="A CheckThat! 2024 task 1 TSV file.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Precision, recall and F1 of the Yes class on a CheckThat! TSV."""
    raise not_yet("check-worthiness evaluation")


def train_checkworthiness() -> None:
    """Rebuild the check-worthiness model from ../shared/data/checkthat2024."""
    raise not_yet("check-worthiness training")
