"""Rebuild the check-worthiness model from CheckThat! 2024 task 1 (English).

Train on the train file only; choose the feature set, the regularisation ``C`` and the
decision threshold on the dev file; score the dev-test file once, after every choice is
made, for the model card. Logistic regression with the lbfgs solver on a fixed input order
is deterministic, so the same data gives the same weights.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import platform
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn
import spacy
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve

from ..components.checkworthiness.lexical import CheckWorthinessModel, HashedTfidf, SyntaxFeatures
from ..errors import DatasetError
from ..eval.checkthat import CheckThatItem, Scores, read_checkthat, score_yes_class, sentence_inputs

__all__ = ["Candidate", "TrainingReport", "FEATURE_SETS", "C_VALUES", "train", "data_files"]

#: Feature sets tried: (analyzer, min_n, max_n) per hashed block. Word 1-2 + char 2-5
#: grams was tried too and lost on dev at every C (F1 0.885-0.891 against 0.897); it was
#: dropped to halve the training time.
FEATURE_SETS: dict[str, tuple[tuple[str, int, int], ...]] = {
    "word1-3+char1-4": (("word", 1, 3), ("char_wb", 1, 4)),
}
#: Without, and with, POS-tag n-grams and entity labels from spaCy.
SYNTAX_OPTIONS: tuple[SyntaxFeatures | None, ...] = (None, SyntaxFeatures())
#: Inverse regularisation strengths tried.
C_VALUES = (1.0, 4.0, 16.0)
N_FEATURES = 2**18
FILES = {"train": "CT24_checkworthy_english_train.tsv", "dev": "CT24_checkworthy_english_dev.tsv",
         "dev-test": "CT24_checkworthy_english_dev-test.tsv"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    features: str
    syntax: bool
    c: float
    threshold: float
    dev: Scores


@dataclass(frozen=True, slots=True, kw_only=True)
class TrainingReport:
    chosen: Candidate
    candidates: tuple[Candidate, ...]
    n_train: int
    n_dev: int
    dev_test: Scores | None
    seconds: float
    output: Path
    extra: dict[str, str] = field(default_factory=dict)


def data_files(data_dir: Path) -> dict[str, Path]:
    """The three CheckThat! files of ``data_dir`` (dev-test may be absent)."""
    paths = {part: Path(data_dir) / name for part, name in FILES.items()}
    for part in ("train", "dev"):
        if not paths[part].is_file():
            raise DatasetError(f"no {FILES[part]} in {data_dir}: pass --data with the checkthat2024 folder")
    return paths


def train(data_dir: Path, output: Path, *, seed: int = 13, limit: int | None = None,
          n_features: int = N_FEATURES) -> TrainingReport:
    """Train, select on dev, save to ``output`` with a model card; return what happened."""
    began = time.perf_counter()
    paths = data_files(data_dir)
    train_items = read_checkthat(paths["train"])[:limit]
    dev_items = read_checkthat(paths["dev"])[:limit]
    _check_both_classes(train_items, "train")
    train_inputs = sentence_inputs([i.text for i in train_items], parse=True)
    dev_inputs = sentence_inputs([i.text for i in dev_items], parse=True)
    y_train, y_dev = [i.label for i in train_items], [i.label for i in dev_items]
    candidates, models = [], []
    for name, analyzers in FEATURE_SETS.items():
        features = _fit_features(analyzers, [i.text for i in train_items], n_features)
        for syntax in SYNTAX_OPTIONS:
            shape = CheckWorthinessModel(features=features, syntax=syntax, coef=np.zeros(0), intercept=0.0,
                                         threshold=0.0, meta={})
            x_train, x_dev = shape.matrix(train_inputs), shape.matrix(dev_inputs)
            for c in C_VALUES:
                classifier = _fit_classifier(x_train, y_train, c, seed)
                model = dataclasses.replace(shape, coef=classifier.coef_[0].astype(np.float32),
                                            intercept=float(classifier.intercept_[0]))
                logits = model.logits(dev_inputs)
                threshold = best_threshold(logits, y_dev)
                candidates.append(Candidate(features=name, syntax=syntax is not None, c=c, threshold=threshold,
                                            dev=score_yes_class(y_dev, (logits >= threshold).tolist())))
                models.append(dataclasses.replace(model, threshold=threshold))
    # Best dev F1; on a tie the simpler model (earlier in the grid) wins.
    best = max(range(len(candidates)), key=lambda k: (round(candidates[k].dev.f1, 6), -k))
    chosen = candidates[best]
    model = dataclasses.replace(models[best], meta={
        "features": chosen.features, "syntax_features": chosen.syntax, "C": chosen.c, "seed": seed,
        "n_train": len(train_items), "sklearn": sklearn.__version__, "dev_f1": round(chosen.dev.f1, 4)})
    model.save(output)
    dev_test = _score_dev_test(model, paths["dev-test"], limit)
    report = TrainingReport(chosen=chosen, candidates=tuple(candidates), n_train=len(train_items),
                            n_dev=len(dev_items), dev_test=dev_test,
                            seconds=time.perf_counter() - began, output=output,
                            extra={"python": platform.python_version(), "sklearn": sklearn.__version__,
                                   "spacy": spacy.__version__, "n_features": str(n_features)})
    (output / "MODEL_CARD.md").write_text(model_card(report), encoding="utf-8")
    return report


def _check_both_classes(items: Sequence[CheckThatItem], part: str) -> None:
    if len({i.label for i in items}) < 2:
        raise DatasetError(f"the {part} data holds only one class: use more records (raise --limit)")


def _fit_features(analyzers: tuple[tuple[str, int, int], ...], texts: list[str],
                  n_features: int) -> HashedTfidf:
    """Smoothed idf per hashed feature, from document frequencies on the training texts."""
    empty = HashedTfidf(analyzers=analyzers, n_features=n_features, idf=np.ones(0))
    frequencies = [np.bincount(block.indices, minlength=n_features) for block in empty.counts(texts)]
    df = np.concatenate(frequencies)
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    return HashedTfidf(analyzers=analyzers, n_features=n_features, idf=idf.astype(np.float32))


def _fit_classifier(x: sp.csr_matrix, labels: list[bool], c: float, seed: int) -> LogisticRegression:
    # Balanced class weights: Yes is a quarter of train, and the task scores the Yes class.
    classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=seed)
    return classifier.fit(x, np.asarray(labels, dtype=bool))


def best_threshold(logits: np.ndarray, labels: Sequence[bool]) -> float:
    """The logit cut that maximises F1 of the positive class.

    The cut is placed halfway between the lowest logit kept and the next lower one, not on
    a dev logit itself, so that it does not sit on the edge of one dev example.
    """
    labels = np.asarray(labels, dtype=bool)
    if not labels.any() or labels.all():
        return 0.0
    precision, recall, cuts = precision_recall_curve(labels, logits)
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)[:-1]
    cut = float(cuts[int(np.argmax(f1))])
    below = logits[logits < cut]
    return (cut + float(below.max())) / 2 if below.size else cut


def _score_dev_test(model: CheckWorthinessModel, path: Path, limit: int | None) -> Scores | None:
    if not path.is_file():
        return None
    items = read_checkthat(path)[:limit]
    inputs = sentence_inputs([i.text for i in items], parse=model.syntax is not None)
    return score_yes_class([i.label for i in items], model.predict(inputs).tolist())


def model_card(report: TrainingReport) -> str:
    """The MODEL_CARD.md text for a training run."""
    chosen = report.chosen
    rows = "\n".join(
        f"| {c.features} | {'yes' if c.syntax else 'no'} | {c.c:g} | {c.threshold:+.3f} | {c.dev.precision:.4f} | {c.dev.recall:.4f} "
        f"| {c.dev.f1:.4f} |" for c in report.candidates
    )
    dev_test = ("not available" if report.dev_test is None else
                f"precision {report.dev_test.precision:.4f}, recall {report.dev_test.recall:.4f}, "
                f"**F1 {report.dev_test.f1:.4f}**")
    return f"""# Model card: check-worthiness (claimgraph_checkworthiness_v1)

Scores each sentence for check-worthiness in [0, 1]; **0.5 or more means check-worthy**
(the logit is shifted by the decision threshold chosen on dev).

- **Model**: logistic regression (class_weight=balanced, lbfgs) over sublinear TF-IDF of
  hashed n-grams ({chosen.features}; {report.extra.get("n_features")} hash buckets per block,
  each block L2-normalised), optionally with hashed POS-tag n-grams and entity labels that
  spaCy computes anyway (free at run time). Files: `meta.json`, `weights.npz` (numpy arrays, no pickle).
- **Data**: CLEF CheckThat! 2024 task 1, English (US political debates), from
  `../shared/data/checkthat2024`. Trained on train ({report.n_train} sentences, the run-together
  line 16877 split in two); feature set, C and threshold chosen on dev ({report.n_dev} sentences);
  dev-test scored once, after every choice was made. Dev-test was never used to train or choose.
- **Chosen**: {chosen.features}, {"with" if chosen.syntax else "without"} POS-tag n-grams
  (1-3) and entity labels from en_core_web_sm, C={chosen.c:g}, logit threshold {chosen.threshold:+.4f}.
- **Dev** (used for selection, so optimistic): precision {chosen.dev.precision:.4f},
  recall {chosen.dev.recall:.4f}, F1 {chosen.dev.f1:.4f}.
- **Dev-test** (held out): {dev_test}.
- **Training time**: {report.seconds:.0f} s for the whole grid below, on a shared 2-core machine
  (Python {report.extra.get("python")}, scikit-learn {report.extra.get("sklearn")},
  spaCy {report.extra.get("spacy")}); most of it is spaCy parsing the train sentences.
- **Date**: {dt.date.today().isoformat()}.
- **Rebuild**: `claimgraph train checkworthiness --data ../shared/data/checkthat2024`
  (seeded; the same data and library versions give the same weights).
- **Limits**: trained on debate transcripts; news prose differs (longer sentences, reported
  speech), so expect lower precision there. English only.

## Candidates (dev)

| text features | tags + entities | C | logit threshold | precision | recall | F1 |
| --- | --- | --- | --- | --- | --- | --- |
{rows}

## The `full` profile

This lexical model is the `fast` profile's. The `full` profile scores sentences with a
fine-tuned all-MiniLM-L6-v2 blended with this model (`../checkworthiness_encoder/`, its own
model card); rebuild this model first, the blend reads it. See docs/checkworthiness.md.
"""
