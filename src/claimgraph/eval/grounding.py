"""Accuracy of quantity extraction and time normalisation against the project's gold sets.

The gold sets (``tests/data/quantities_gold.jsonl`` and ``times_gold.jsonl``) are the
project's own annotation of real sentences from PolNeAR (dev) and PTC (train); each
line points at an expression by character offsets into an article under
``../shared/data`` and gives the values a careful annotator expects. The rules are in
``tests/data/README.md``.

A gold item counts as *detected* when a predicted record overlaps its span (the one
with the largest overlap is compared); a negative quantity item (``"quantity": false``:
a year, a date, the pronoun "one") counts as correct when nothing overlaps it. Field
accuracies are over the positive items, with an undetected item counting as wrong.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DatasetError
from ..model import Article, Quantity, TimeExpression

__all__ = [
    "GoldQuantity",
    "GoldTime",
    "load_quantity_gold",
    "load_time_gold",
    "score_quantities",
    "score_times",
    "evaluate_grounding",
]

COMPONENTS = ("claimgraph_quantities_v1", "claimgraph_times_v1")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldQuantity:
    id: str
    article: str  # path under the shared data folder
    published: str | None
    start: int
    end: int
    text: str
    context: str = ""  # a short piece of the sentence, for people reading the gold
    quantity: bool  # False: an expression that must not be read as a quantity
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    role: str | None = None
    approximate: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldTime:
    id: str
    article: str
    published: str | None
    start: int
    end: int
    text: str
    value: str | None
    precision: str
    context: str = ""


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise DatasetError(f"gold file {path} does not exist: pass the path of a .jsonl gold set")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path}:{number} is not valid JSON ({exc.msg}): fix that line") from None
    return rows


def _build(cls: type, row: dict[str, Any], path: Path) -> Any:
    names = set(cls.__dataclass_fields__)
    try:
        return cls(**{k: v for k, v in row.items() if k in names})
    except TypeError as exc:
        raise DatasetError(f"{path}: item {row.get('id', '?')} lacks a field ({exc}): add it") from None


def load_quantity_gold(path: Path) -> list[GoldQuantity]:
    """The quantity gold items of a JSONL file."""
    return [_build(GoldQuantity, row, path) for row in _read_jsonl(path)]


def load_time_gold(path: Path) -> list[GoldTime]:
    """The time-expression gold items of a JSONL file."""
    return [_build(GoldTime, row, path) for row in _read_jsonl(path)]


def _best_overlap(start: int, end: int, predicted: Iterable[Any]) -> Any | None:
    best, best_size = None, 0
    for record in predicted:
        size = min(end, record.end) - max(start, record.start)
        if size > best_size:
            best, best_size = record, size
    return best


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _rate(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def score_quantities(
    gold: Sequence[GoldQuantity], predicted: dict[str, Sequence[Quantity]]
) -> dict[str, Any]:
    """Per-field accuracy of predicted quantities (``predicted`` maps article -> records)."""
    hits: dict[str, int] = defaultdict(int)
    positives = [g for g in gold if g.quantity]
    negatives = [g for g in gold if not g.quantity]
    for item in gold:
        match = _best_overlap(item.start, item.end, predicted.get(item.article, ()))
        if not item.quantity:
            hits["rejected"] += match is None
            continue
        if match is None:
            continue
        hits["detected"] += 1
        hits["value"] += _same_number(match.value, item.value)
        hits["low_high"] += _same_number(match.low, item.low) and _same_number(match.high, item.high)
        hits["unit"] += match.unit == item.unit
        hits["role"] += match.role == item.role
        hits["approximate"] += match.approximate == item.approximate
    n = len(positives)
    fields = ("detected", "value", "low_high", "unit", "role", "approximate")
    report = {"items": len(gold), "positives": n, "negatives": len(negatives)}
    report |= {f: _rate(hits[f], n) for f in fields}
    report["negatives_rejected"] = _rate(hits["rejected"], len(negatives))
    report["detection_accuracy"] = _rate(hits["detected"] + hits["rejected"], len(gold))
    return report


def score_times(gold: Sequence[GoldTime], predicted: dict[str, Sequence[TimeExpression]]) -> dict[str, Any]:
    """Per-field accuracy of predicted time expressions."""
    hits: dict[str, int] = defaultdict(int)
    for item in gold:
        match = _best_overlap(item.start, item.end, predicted.get(item.article, ()))
        if match is None:
            continue
        hits["detected"] += 1
        hits["value"] += match.value == item.value
        hits["precision"] += match.precision == item.precision
        hits["value_and_precision"] += match.value == item.value and match.precision == item.precision
    n = len(gold)
    with_date = [g for g in gold if g.published]
    report = {"items": n, "with_published_date": len(with_date)}
    report |= {f: _rate(hits[f], n) for f in ("detected", "value", "precision", "value_and_precision")}
    return report


def _analyse(paths: set[tuple[str, str | None]], data_root: Path, nlp: Any) -> dict[str, Any]:
    from ..pipeline import pipe  # imported here: the pipeline loads spaCy

    articles = []
    for rel, published in sorted(paths, key=lambda p: p[0]):
        file = data_root / rel
        if not file.is_file():
            raise DatasetError(f"article {file} is missing: point data_root at ../shared/data")
        articles.append(Article(id=rel, text=file.read_text(encoding="utf-8"), published=published))
    return {a.article.id: a for a in pipe(articles, nlp=nlp)}


def evaluate_grounding(
    data_root: Path, quantity_gold: Path, time_gold: Path, nlp: Any = None
) -> dict[str, Any]:
    """Run quantities and times over the gold articles and score both.

    ``data_root`` is the shared data folder; ``nlp`` a pipeline with (at least) the
    quantities and times components (built when not given).
    """
    if nlp is None:
        from ..pipeline import build_pipeline

        nlp = build_pipeline(COMPONENTS)
    quantities = load_quantity_gold(quantity_gold)
    times = load_time_gold(time_gold)
    wanted = {(g.article, g.published) for g in [*quantities, *times]}
    analyses = _analyse(wanted, data_root, nlp)
    for g in [*quantities, *times]:
        text = analyses[g.article].article.text
        if text[g.start:g.end] != g.text:
            raise DatasetError(f"gold item {g.id}: offsets {g.start}:{g.end} do not match "
                               f"{g.text!r} in {g.article}: fix the gold file")
    return {
        "quantities": score_quantities(quantities, {k: a.quantities for k, a in analyses.items()}),
        "times": score_times(times, {k: a.times for k, a in analyses.items()}),
        "errors": sum(len(a.errors) for a in analyses.values()),
    }
