"""CLI: persuasion techniques in the SemEval-2020 Task 11 formats."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..errors import DatasetError
from ..eval import ptc
from ._common import print_json, stderr, stdout, write_output

ArticlesOpt = Annotated[Path, typer.Option(help="Folder of article<ID>.txt files.")]
OutputOpt = Annotated[Path, typer.Option("-o", "--output", help="Predictions file to write.")]


def detect(articles: ArticlesOpt, output: OutputOpt) -> None:
    """Predict technique spans (SI format: id, start, end)."""
    from ..components.techniques.component import detect_articles

    write_output(ptc.format_si(detect_articles(ptc.read_articles(articles))), output)


def classify(
    articles: ArticlesOpt,
    spans: Annotated[Path, typer.Option(help="Span file: id, anything, start, end.")],
    output: OutputOpt,
) -> None:
    """Label given spans with a technique (TC format: id, technique, start, end)."""
    from ..components.techniques.component import classify_articles

    texts = ptc.read_articles(articles)
    write_output(ptc.format_tc(classify_articles(texts, ptc.read_span_file(spans))), output)


class Half(str, Enum):
    select = "select"
    report = "report"


def _held_out_ids(half: Half | None = None) -> list[str]:
    from ..components.techniques.model import MODEL_DIR

    config = json.loads((MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    return list(config.get(f"{half.value}_ids" if half else "held_out_ids", ()))


def _table(result: dict) -> Table:
    table = Table(title=f"PTC techniques on {result['articles']} articles")
    for column in ("measure", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    si, tc = result["si"], result["tc"]
    table.add_row("SI (partial overlap)", f"{si['precision']:.4f}", f"{si['recall']:.4f}", f"{si['f1']:.4f}")
    table.add_row("TC (micro, gold spans)", f"{tc['precision']:.4f}", f"{tc['recall']:.4f}", f"{tc['micro_f1']:.4f}")
    for technique, f1 in result["tc_per_technique_f1"].items():
        table.add_row(f"  {technique}", "", "", f"{f1:.4f}")
    return table


def evaluate(
    articles: ArticlesOpt,
    si_labels: Annotated[Path, typer.Option(help="Gold SI labels.")],
    tc_labels: Annotated[Path, typer.Option(help="Gold TC labels.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    held_out: Annotated[
        bool, typer.Option("--held-out", help="Score only the train articles the shipped model held aside.")
    ] = False,
    half: Annotated[
        Half | None, typer.Option(help="Only one half of the held-aside articles: 'select' chose the "
                                       "model's settings, 'report' chose nothing (implies --held-out).")
    ] = None,
) -> None:
    """Score technique detection (SI) and classification (TC) as SemEval-2020 Task 11 did."""
    from ..components.techniques.component import evaluate_articles

    texts = ptc.read_articles(articles)
    if held_out or half:
        keep = set(_held_out_ids(half))
        texts = {k: v for k, v in texts.items() if k in keep}
        if not texts:
            raise DatasetError(f"none of the model's held-aside articles is in {articles}")
    result = evaluate_articles(texts, ptc.read_si_labels(si_labels), ptc.read_tc_labels(tc_labels))
    if json_out:
        print_json(result)
    else:
        stdout.print(_table(result))


def train(
    data: Annotated[Path, typer.Option(help="The PTC folder.")] = Path("../shared/data/ptc"),
    out: Annotated[Path | None, typer.Option(help="Where to write the model (default: the package).")] = None,
    epochs: Annotated[int, typer.Option(min=1, help="Training epochs.")] = 3,
    seed: Annotated[int, typer.Option(help="Seed of the split, and of the first member's weights and shuffles.")] = 13,
    members: Annotated[int, typer.Option(min=1, help="Ensemble members (seeds SEED, SEED+1, ...).")] = 2,
    threads: Annotated[int, typer.Option(min=1, help="CPU threads for PyTorch.")] = 2,
    limit: Annotated[int, typer.Option(min=0, help="Train on the first N articles only (smoke test).")] = 0,
) -> None:
    """Rebuild the technique model from ../shared/data/ptc (needs the train extra)."""
    from ..components.techniques.model import MODEL_DIR
    from ..train.techniques import TrainConfig
    from ..train.techniques import train as run

    if not (data / "train-articles").is_dir():
        raise DatasetError(f"{data} holds no train-articles/ folder: pass --data path/to/ptc")
    config = TrainConfig(
        data=data, out=out or MODEL_DIR, epochs=epochs, seed=seed,
        member_seeds=tuple(seed + k for k in range(members)), threads=threads, limit=limit,
        log=lambda message: stderr.print(message),
    )
    result = run(config)
    held = result["report_int8"]
    stdout.print(
        f"model written to {config.out}: report-half SI F1 {held['si']['f1']:.4f}, "
        f"TC micro-F1 {held['tc_micro_f1']:.4f}, {result['train_seconds']} s"
    )
