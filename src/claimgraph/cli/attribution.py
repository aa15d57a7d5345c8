"""CLI: evaluation and training of attribution and check-worthiness."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import Profile, not_yet


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


def train_attribution(
    polnear: Annotated[Path, typer.Option(help="PolNeAR train folder (text/ and attributions/).")] = Path(
        "../shared/data/polnear/train"),
    out: Annotated[Path | None, typer.Option(help="Folder for the model files (default: the package's).")] = None,
    model: Annotated[str, typer.Option(help="Which model: lexical (the logistic-regression tables, both "
                                       "profiles) or encoder (the tagger of the full profile, needs the "
                                       "train extra; rebuild lexical first).")] = "lexical",
    epochs: Annotated[int, typer.Option(help="Fine-tuning epochs (encoder only).")] = 5,
    limit: Annotated[int, typer.Option(hidden=True, help="Train on the first N articles (smoke tests).")] = 0,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object (encoder only).")] = False,
) -> None:
    """Rebuild the attribution model from PolNeAR train (90% fit, 10% held out)."""
    from ..train.attribution import MODEL_DIR, train_attribution as train
    from ..pipeline import load_language
    from ._common import stdout

    if model not in ("lexical", "encoder"):
        raise typer.BadParameter(f"unknown model {model!r}: choose lexical or encoder", param_hint="--model")
    if model == "encoder":
        _train_tagger(polnear, out, epochs, limit, json_out)
        return
    report = train(polnear, load_language(), out_dir=out or MODEL_DIR)
    stdout.print(f"trained on {report.train_articles} articles, threshold {report.threshold}; "
                 f"model card in {(out or MODEL_DIR) / 'MODEL_CARD.md'}")


def _train_tagger(polnear: Path, out: Path | None, epochs: int, limit: int, json_out: bool) -> None:
    from ..components.attribution.tagger import MODEL_DIR
    from ..train.attribution_tagger import TaggerConfig, choose_blend, train_tagger, write_model_card
    from ._common import print_json, stderr, stdout

    folder = out or MODEL_DIR
    log = (lambda message: None) if json_out else (lambda message: stderr.print(message))
    result = train_tagger(TaggerConfig(data=polnear, out=folder, epochs=epochs, limit=limit, log=log),
                          choose=lambda path, held: choose_blend(path, held, log=log))
    write_model_card(folder, result)
    summary = {"output": str(folder), "epoch": result["selected_epoch"], "blend": result["blend"],
               "held_out_mean_f1": result["held_out_mean_f1"], "seconds": result["train_seconds"]}
    if json_out:
        print_json(summary)
        return
    stdout.print(f"attribution tagger written to {folder} in {result['train_seconds']} s; blend {result['blend']}, "
                 f"held-aside mean F1 {result['held_out_mean_f1']:.4f}")


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


def train_checkworthiness(
    data: Annotated[Path, typer.Option(help="The checkthat2024 folder (train, dev, dev-test TSV files).")] = Path(
        "../shared/data/checkthat2024"
    ),
    output: Annotated[Path | None, typer.Option(help="Folder to write the model to (default: the package's).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 13,
    limit: Annotated[int | None, typer.Option(hidden=True, help="Use only the first N records of each file.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    model: Annotated[str, typer.Option(help="Which model: lexical (fast profile) or encoder (full profile, "
                                       "needs the train extra).")] = "lexical",
    epochs: Annotated[int, typer.Option(help="Fine-tuning epochs (encoder only).")] = 2,
) -> None:
    """Rebuild the check-worthiness model from ../shared/data/checkthat2024."""
    from importlib import resources

    from ..components.checkworthiness.lexical import MODEL_PACKAGE
    from ..train.checkworthiness import train
    from ._common import print_json, stdout

    if model not in ("lexical", "encoder"):
        raise typer.BadParameter(f"unknown model {model!r}: choose lexical or encoder", param_hint="--model")
    if model == "encoder":
        _train_encoder(data, output, seed, limit, epochs, json_out)
        return
    folder = output if output is not None else Path(str(resources.files(MODEL_PACKAGE)))
    report = train(data, folder, seed=seed, limit=limit)
    summary = {
        "output": str(report.output), "features": report.chosen.features, "syntax": report.chosen.syntax,
        "C": report.chosen.c,
        "threshold": report.chosen.threshold, "dev": report.chosen.dev.as_dict(),
        "dev_test": None if report.dev_test is None else report.dev_test.as_dict(),
        "seconds": round(report.seconds, 1),
    }
    if json_out:
        print_json(summary)
        return
    stdout.print(f"model written to {report.output} ({report.chosen.features}, C={report.chosen.c:g}) "
                 f"in {report.seconds:.0f} s")
    stdout.print(f"dev F1 {report.chosen.dev.f1:.4f}" + (
        "" if report.dev_test is None else f"; dev-test F1 {report.dev_test.f1:.4f}"))


def _train_encoder(data: Path, output: Path | None, seed: int, limit: int | None, epochs: int,
                   json_out: bool) -> None:
    from importlib import resources

    from ..components.checkworthiness.transformer import MODEL_PACKAGE
    from ..train.checkworthiness_encoder import EncoderConfig, train_encoder
    from ._common import print_json, stderr, stdout

    folder = output if output is not None else Path(str(resources.files(MODEL_PACKAGE)))
    log = (lambda message: None) if json_out else (lambda message: stderr.print(message))
    result = train_encoder(EncoderConfig(data=data, out=folder, seed=seed, limit=limit, epochs=epochs, log=log))
    summary = {"output": str(folder), "epoch": result["selected_epoch"], "lexical_weight": result["lexical_weight"],
               "threshold": result["threshold"], "dev": result["dev"], "dev_test": result["dev_test"],
               "seconds": result["train_seconds"]}
    if json_out:
        print_json(summary)
        return
    stdout.print(f"encoder written to {folder} in {result['train_seconds']} s; dev F1 {result['dev']['f1']:.4f}"
                 + ("" if result["dev_test"] is None else f"; dev-test F1 {result['dev_test']['f1']:.4f}"))
