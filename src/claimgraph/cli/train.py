"""CLI: `claimgraph train ...`, rebuild the models shipped in the package from ../shared/data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import DatasetError
from ._common import stderr, stdout

__all__ = ["train_attribution", "train_checkworthiness", "train_embeddings", "train_techniques"]



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
    reselect: Annotated[bool, typer.Option(help="Encoder only: fine-tune nothing; choose the blend weight and "
                                                "the threshold again by cross-validation over dev and dev-test.")]
    = False,
) -> None:
    """Rebuild the check-worthiness model from ../shared/data/checkthat2024."""
    from importlib import resources

    from ..components.checkworthiness.lexical import MODEL_PACKAGE
    from ..train.checkworthiness import train
    from ._common import print_json, stdout

    if model not in ("lexical", "encoder"):
        raise typer.BadParameter(f"unknown model {model!r}: choose lexical or encoder", param_hint="--model")
    if reselect and model != "encoder":
        raise typer.BadParameter("--reselect chooses the encoder's blend: add --model encoder",
                                 param_hint="--reselect")
    if model == "encoder":
        _train_encoder(data, output, seed, limit, epochs, json_out, reselect)
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
                   json_out: bool, reselect: bool = False) -> None:
    from importlib import resources

    from ..components.checkworthiness.transformer import MODEL_PACKAGE
    from ..train.checkworthiness_encoder import EncoderConfig, reselect_blend, train_encoder
    from ._common import print_json, stderr, stdout

    folder = output if output is not None else Path(str(resources.files(MODEL_PACKAGE)))
    log = (lambda message: None) if json_out else (lambda message: stderr.print(message))
    if reselect:
        if not (folder / "config.json").is_file():
            raise DatasetError(f"no trained encoder in {folder}: train one first (without --reselect)")
        result = reselect_blend(folder, data, log)
    else:
        result = train_encoder(EncoderConfig(data=data, out=folder, seed=seed, limit=limit, epochs=epochs,
                                             log=log))
    summary = {"output": str(folder), "epoch": result["selected_epoch"], "lexical_weight": result["lexical_weight"],
               "threshold": result["threshold"], "dev": result["dev"], "dev_test": result["dev_test"],
               "out_of_fold": result.get("cross_validation", {}).get("out_of_fold"),
               "seconds": result.get("reselect_seconds", result["train_seconds"])}
    if json_out:
        print_json(summary)
        return
    stdout.print(f"encoder written to {folder} in {result['train_seconds']} s; dev F1 {result['dev']['f1']:.4f}"
                 + ("" if result["dev_test"] is None else f"; dev-test F1 {result['dev_test']['f1']:.4f}"))


def train_techniques(
    data: Annotated[Path, typer.Option(help="The PTC folder.")] = Path("../shared/data/ptc"),
    out: Annotated[Path | None, typer.Option(help="Where to write the model (default: the package).")] = None,
    epochs: Annotated[int, typer.Option(min=1, help="Training epochs.")] = 3,
    seed: Annotated[int, typer.Option(help="Seed of the split, and of the first member's weights and shuffles.")] = 13,
    members: Annotated[int, typer.Option(min=1, help="Ensemble members (seeds SEED, SEED+1, ...).")] = 2,
    threads: Annotated[int, typer.Option(min=1, help="CPU threads for PyTorch.")] = 2,
    limit: Annotated[int, typer.Option(min=0, help="Train on the first N articles only (smoke test).")] = 0,
    reselect: Annotated[bool, typer.Option(help="Train nothing: keep the first MEMBERS members of the model in OUT "
                                                "and choose its settings again on the select half.")] = False,
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
    if reselect:
        from ..train.techniques import reselect as again

        result = again(config, keep_members=members)
    else:
        result = run(config)
    held = result["report_int8"]
    stdout.print(
        f"model written to {config.out}: report-half SI F1 {held['si']['f1']:.4f}, "
        f"TC micro-F1 {held['tc_micro_f1']:.4f}, {result['train_seconds']} s"
    )


def train_embeddings(
    out: Annotated[Path | None, typer.Option(help="Where to write the model (default: the package).")] = None,
    dims: Annotated[int, typer.Option(min=8, max=384, help="PCA dimensions of the piece vectors.")] = 128,
    threads: Annotated[int, typer.Option(min=1, help="CPU threads for PyTorch.")] = 2,
) -> None:
    """Distil the static sentence-embedding model from the base encoder (needs the train extra and model2vec)."""
    from ..train.embeddings import MODEL_DIR, DistillConfig, distill

    config = DistillConfig(out=out or MODEL_DIR, pca_dims=dims, threads=threads,
                           log=lambda message: stderr.print(message))
    summary = distill(config)
    stdout.print(f"sentence embeddings written to {config.out}: {summary['vocabulary']:,} pieces x "
                 f"{summary['dims']} dims, {summary['bytes'] / 1e6:.1f} MB, {summary['seconds']} s")
