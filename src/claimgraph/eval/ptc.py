"""The Propaganda Techniques Corpus (SemEval-2020 Task 11): reader and official scoring.

Files: ``article<ID>.txt`` (the text), SI labels (``id<TAB>start<TAB>end``) and TC labels
(``id<TAB>technique<TAB>start<TAB>end``); offsets are characters, end exclusive.

Scoring follows the organisers' scorers (``task-SI_scorer.py``, ``task-TC_scorer.py``):

* SI: overlapping spans of one article are merged (on both sides); then every pair of a
  predicted span ``s`` and a gold span ``t`` of the same article adds ``|s∩t|/|s|`` to the
  precision numerator and ``|s∩t|/|t|`` to the recall numerator; the denominators are the
  numbers of predicted and gold spans.
* TC: every prediction is a (article, start, end) span with one label; for each span the
  predicted labels are matched against the gold labels of that span as multisets (a span
  annotated with two techniques counts twice). Micro precision, recall and F1 follow; with
  one prediction per gold line, micro-F1 is accuracy.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatasetError
from ..model import TECHNIQUES

__all__ = [
    "SpanLabel",
    "Scores",
    "read_articles",
    "read_si_labels",
    "read_tc_labels",
    "read_span_file",
    "format_si",
    "format_tc",
    "merge_spans",
    "score_si",
    "score_tc",
    "split_articles",
]

_ARTICLE = re.compile(r"^article(?P<id>[^.]+)\.txt$")


@dataclass(frozen=True, slots=True, kw_only=True)
class SpanLabel:
    """One line of a PTC label file; ``technique`` is empty for SI lines."""

    article_id: str
    start: int
    end: int
    technique: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Scores:
    precision: float
    recall: float
    f1: float


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def read_articles(folder: Path) -> dict[str, str]:
    """``{article_id: text}`` for every ``article<ID>.txt`` in ``folder``, sorted by id."""
    if not folder.is_dir():
        raise DatasetError(f"{folder} is not a folder: pass the folder holding article<ID>.txt files")
    texts = {}
    for path in sorted(folder.iterdir()):
        match = _ARTICLE.match(path.name)
        if match:
            # newline="" keeps "\r\n" as two characters, as the organisers' offsets count them.
            with path.open(encoding="utf-8", newline="") as handle:
                texts[match["id"]] = handle.read()
    if not texts:
        raise DatasetError(f"no article<ID>.txt files in {folder}: check the path")
    return texts


def _lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    if not path.is_file():
        raise DatasetError(f"label file {path} does not exist: check the path")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            yield number, line.rstrip("\n").split("\t")


def _offsets(path: Path, number: int, start: str, end: str) -> tuple[int, int]:
    try:
        first, last = int(start), int(end)
    except ValueError:
        raise DatasetError(f"{path}:{number}: offsets {start!r} {end!r} are not integers") from None
    if not 0 <= first <= last:
        raise DatasetError(f"{path}:{number}: span {first}:{last} is not a valid range")
    return first, last


def read_si_labels(path: Path) -> list[SpanLabel]:
    """SI lines: ``id<TAB>start<TAB>end``."""
    spans = []
    for number, fields in _lines(path):
        if len(fields) != 3:
            raise DatasetError(f"{path}:{number}: expected 3 tab-separated fields (id, start, end)")
        start, end = _offsets(path, number, fields[1], fields[2])
        spans.append(SpanLabel(article_id=fields[0], start=start, end=end))
    return spans


def read_span_file(path: Path) -> list[SpanLabel]:
    """Spans to classify: ``id<TAB>anything<TAB>start<TAB>end`` (``anything`` is kept)."""
    spans = []
    for number, fields in _lines(path):
        if len(fields) != 4:
            raise DatasetError(
                f"{path}:{number}: expected 4 tab-separated fields (id, technique or '?', start, end)"
            )
        start, end = _offsets(path, number, fields[2], fields[3])
        spans.append(SpanLabel(article_id=fields[0], start=start, end=end, technique=fields[1]))
    return spans


def read_tc_labels(path: Path) -> list[SpanLabel]:
    """TC lines: ``id<TAB>technique<TAB>start<TAB>end``, technique from the 14 PTC labels."""
    spans = read_span_file(path)
    for span in spans:
        if span.technique not in TECHNIQUES:
            raise DatasetError(
                f"{path}: unknown technique {span.technique!r}: use one of {', '.join(TECHNIQUES)}"
            )
    return spans


def format_si(spans: Iterable[SpanLabel]) -> str:
    return "".join(f"{s.article_id}\t{s.start}\t{s.end}\n" for s in spans)


def format_tc(spans: Iterable[SpanLabel]) -> str:
    return "".join(f"{s.article_id}\t{s.technique}\t{s.start}\t{s.end}\n" for s in spans)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge spans that share at least one character (empty spans are dropped)."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _by_article(spans: Iterable[SpanLabel]) -> dict[str, list[tuple[int, int]]]:
    grouped: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for span in spans:
        grouped[span.article_id].append((span.start, span.end))
    return {key: merge_spans(value) for key, value in grouped.items()}


def score_si(predicted: Iterable[SpanLabel], gold: Iterable[SpanLabel]) -> Scores:
    """Span identification with partial credit for overlap (the official SI measure)."""
    pred, true = _by_article(predicted), _by_article(gold)
    n_pred = sum(len(v) for v in pred.values())
    n_gold = sum(len(v) for v in true.values())
    prec_num = rec_num = 0.0
    for article_id, spans in pred.items():
        for ps, pe in spans:
            for gs, ge in true.get(article_id, ()):
                overlap = min(pe, ge) - max(ps, gs)
                if overlap > 0:
                    prec_num += overlap / (pe - ps)
                    rec_num += overlap / (ge - gs)
    precision = prec_num / n_pred if n_pred else 0.0
    recall = rec_num / n_gold if n_gold else 0.0
    return Scores(precision=precision, recall=recall, f1=_f1(precision, recall))


def _label_counts(spans: Iterable[SpanLabel]) -> dict[tuple[str, int, int], Counter]:
    grouped: dict[tuple[str, int, int], Counter] = defaultdict(Counter)
    for span in spans:
        grouped[(span.article_id, span.start, span.end)][span.technique] += 1
    return grouped


def score_tc(
    predicted: Iterable[SpanLabel], gold: Iterable[SpanLabel]
) -> tuple[Scores, dict[str, Scores]]:
    """Micro P/R/F1 of technique labels on given spans, and P/R/F1 per technique."""
    pred, true = _label_counts(predicted), _label_counts(gold)
    correct: Counter = Counter()
    for key, labels in pred.items():
        correct.update(labels & true.get(key, Counter()))
    n_pred = Counter(t for labels in pred.values() for t in labels.elements())
    n_gold = Counter(t for labels in true.values() for t in labels.elements())
    per_technique = {}
    for technique in TECHNIQUES:
        p = correct[technique] / n_pred[technique] if n_pred[technique] else 0.0
        r = correct[technique] / n_gold[technique] if n_gold[technique] else 0.0
        per_technique[technique] = Scores(precision=p, recall=r, f1=_f1(p, r))
    total_pred, total_gold, total_ok = sum(n_pred.values()), sum(n_gold.values()), sum(correct.values())
    p = total_ok / total_pred if total_pred else 0.0
    r = total_ok / total_gold if total_gold else 0.0
    return Scores(precision=p, recall=r, f1=_f1(p, r)), per_technique


def split_articles(ids: Iterable[str], held_out: float = 0.15, seed: int = 13) -> tuple[list, list]:
    """Split article ids into (train, held-aside) parts, reproducibly, by article."""
    import random

    ordered = sorted(ids)
    random.Random(seed).shuffle(ordered)
    n_dev = max(1, round(len(ordered) * held_out))
    return sorted(ordered[n_dev:]), sorted(ordered[:n_dev])
