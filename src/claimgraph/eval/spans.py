"""Span precision, recall and F1: exact match and token overlap.

These reproduce the two views BBC's citron reports for attribution spans:

* **exact**: a predicted span counts when a gold span of the same role has exactly the
  same character fragments (a discontinuous span is the tuple of its fragments). Spans
  are compared as sets per document, so a source shared by two attributions counts once.
* **overlap**: token level. Every token (a run of word characters, or one other
  non-space character) inside a predicted span is a predicted token; precision is the
  share of predicted tokens that lie inside a gold span of the same role, recall the share
  of gold tokens that lie inside a predicted span. Long spans weigh more than short ones,
  which is why overlap can fall below exact for short spans such as cues.

Counts carry a ``weight`` so that a document with several annotators can be scored
against each of them and averaged (each annotator's counts weighted ``1/k``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Fragments", "Counts", "exact_counts", "overlap_counts", "token_offsets", "prf"]

#: A span as its sorted character fragments ``((start, end), ...)``; one for contiguous spans.
Fragments = tuple[tuple[int, int], ...]

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(slots=True)
class Counts:
    """True positives against predicted and gold totals (floats, for weighting)."""

    tp_pred: float = 0.0  # predicted units that match gold
    tp_gold: float = 0.0  # gold units that are matched
    pred: float = 0.0
    gold: float = 0.0

    def add(self, other: Counts, weight: float = 1.0) -> None:
        self.tp_pred += weight * other.tp_pred
        self.tp_gold += weight * other.tp_gold
        self.pred += weight * other.pred
        self.gold += weight * other.gold

    def scores(self) -> dict[str, float]:
        """``{"p", "r", "f1"}`` in [0, 1]; 0 where a denominator is 0."""
        return prf(self.tp_pred, self.pred, self.tp_gold, self.gold)


def prf(tp_pred: float, pred: float, tp_gold: float, gold: float) -> dict[str, float]:
    """Precision, recall and their harmonic mean."""
    p = tp_pred / pred if pred else 0.0
    r = tp_gold / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1}


def exact_counts(predicted: Iterable[Fragments], gold: Iterable[Fragments]) -> Counts:
    """Exact-match counts of two sets of spans of one document and role."""
    pred_set, gold_set = set(predicted), set(gold)
    hits = len(pred_set & gold_set)
    return Counts(tp_pred=hits, tp_gold=hits, pred=len(pred_set), gold=len(gold_set))


def token_offsets(text: str) -> list[tuple[int, int]]:
    """Character bounds of the tokens of ``text`` (words and single punctuation marks)."""
    return [m.span() for m in _TOKEN.finditer(text)]


def _covered(tokens: list[tuple[int, int]], spans: Iterable[Fragments]) -> set[int]:
    """Indices of the tokens that overlap any fragment of ``spans``."""
    ends = [t_end for _, t_end in tokens]
    covered: set[int] = set()
    for span in spans:
        for start, end in span:
            index = bisect_right(ends, start)  # first token that ends after ``start``
            while index < len(tokens) and tokens[index][0] < end:
                covered.add(index)
                index += 1
    return covered


def overlap_counts(
    text: str, predicted: Iterable[Fragments], gold: Iterable[Fragments],
    tokens: list[tuple[int, int]] | None = None,
) -> Counts:
    """Token-overlap counts of two sets of spans of one document and role."""
    tokens = token_offsets(text) if tokens is None else tokens
    pred_tokens = _covered(tokens, predicted)
    gold_tokens = _covered(tokens, gold)
    both = len(pred_tokens & gold_tokens)
    return Counts(tp_pred=both, tp_gold=both, pred=len(pred_tokens), gold=len(gold_tokens))
