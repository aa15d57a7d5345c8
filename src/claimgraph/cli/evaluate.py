"""CLI: `claimgraph evaluate ...`, claimgraph scored against annotated datasets."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..errors import DatasetError
from ..eval import ptc
from ._common import Profile, print_json, stdout
from .techniques import ArticlesOpt

__all__ = [
    "evaluate_attribution", "evaluate_checkworthiness", "evaluate_techniques", "evaluate_clustering",
    "evaluate_alignment",
]


class Half(str, Enum):
    select = "select"
    report = "report"


class GoldPart(str, Enum):
    select = "select"
    aside = "aside"
    all = "all"


def evaluate_attribution(
    polnear: Annotated[Path, typer.Option(help="PolNeAR folder with text/ and attributions/.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    profile: Annotated[Profile, typer.Option(help="full: with the attribution tagger (a fine-tuned encoder); "
                                             "fast: the logistic-regression models alone.")] = Profile.full,
) -> None:
    """Score source, cue and content spans against PolNeAR (exact and token overlap)."""
    from ..eval.polnear import ROLES, evaluate_polnear
    from ._common import print_json, stdout

    scores = evaluate_polnear(polnear, profile=profile.value)
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


def evaluate_checkworthiness(
    checkthat: Annotated[Path, typer.Option(help="A CheckThat! 2024 task 1 TSV file.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    model: Annotated[Path | None, typer.Option(hidden=True, help="A model folder to score instead of the shipped one.")] = None,
    profile: Annotated[Profile, typer.Option(help="full: the encoder model (blended with the lexical one); "
                                             "fast: the lexical model alone.")] = Profile.full,
) -> None:
    """Precision, recall and F1 of the Yes class on a CheckThat! TSV."""
    from rich.table import Table

    from ..eval.checkthat import evaluate_checkthat
    from ._common import print_json, stdout

    scores = evaluate_checkthat(checkthat, model_dir=model, profile=profile.value)
    if json_out:
        print_json(scores.as_dict())
        return
    table = Table(title=f"Check-worthiness on {checkthat.name} (Yes class)")
    for column in ("precision", "recall", "F1"):
        table.add_column(column, justify="right")
    table.add_row(f"{scores.precision:.4f}", f"{scores.recall:.4f}", f"{scores.f1:.4f}")
    stdout.print(table)


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


def evaluate_techniques(
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
    from ..eval.techniques import evaluate_articles

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


def evaluate_clustering(
    ecbplus: Annotated[Path, typer.Option(help="ECB+ folder with one sub-folder per topic.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Cluster ECB+ documents into events and score them (B-cubed, ARI)."""
    from ..eval.clustering import cluster_ecbplus

    scores = cluster_ecbplus(ecbplus)
    if json_out:
        print_json(scores.as_json())
        return
    table = Table("metric", "value")
    for key, value in scores.as_json().items():
        table.add_row(key, f"{value:.4f}")
    table.add_row("documents", str(scores.documents))
    table.add_row("gold events", str(scores.gold_clusters))
    table.add_row("predicted events", str(scores.predicted_clusters))
    stdout.print(table)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def evaluate_alignment(
    gold: Annotated[Path, typer.Option(help="The alignment gold set (JSONL, see docs/corpus.md).")],
    data: Annotated[Path, typer.Option(help="The shared data folder holding newswcl50/ and ecbplus/.")] = Path(
        "../shared/data"),
    part: Annotated[GoldPart, typer.Option(help="select: the events open to tuning; aside: the events that "
                                                "chose nothing; all: both.")] = GoldPart.all,
    profile: Annotated[Profile, typer.Option(help="The pipeline profile that analyses the articles.")] = Profile.fast,
    cache: Annotated[Path | None, typer.Option(help="A folder that keeps the analyses between runs.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object (with per-event scores "
                                                          "and the errors).")] = False,
) -> None:
    """Score cross-outlet comparison (slots, differences, blame, framing) against a hand-annotated gold set."""
    from ..eval.alignment import evaluate_alignment as run

    result = run(gold, data, part=part.value, profile=profile.value, cache=cache)
    if json_out:
        print_json(result)
        return
    table = Table(title=f"Alignment on {result['events']} gold events (part {part.value}, profile {profile.value})")
    for column in ("measure", "precision", "recall", "F1 / accuracy", "count"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    slots, diffs, blame, framing = result["slots"], result["differences"], result["blame"], result["framing"]
    table.add_row("slot alignment (pairs)", _pct(slots["precision"]), _pct(slots["recall"]), _pct(slots["f1"]),
                  f"{slots['predicted_pairs']} / {slots['gold_pairs']}")
    table.add_row("reported differences", _pct(diffs["precision"]), "", "", str(diffs["reported"]))
    table.add_row("  strict (every member in the slot)", _pct(diffs["strict_precision"]), "", "", "")
    table.add_row("blame parties", _pct(blame["precision"]), _pct(blame["recall"]), _pct(blame["f1"]),
                  f"{blame['predicted']} / {blame['gold']}")
    table.add_row("framing", "", "", _pct(framing["accuracy"]), str(framing["matched"]))
    stdout.print(table)
