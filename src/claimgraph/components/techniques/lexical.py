"""A cheap lexical second opinion for technique span identification.

A logistic regression over hashed word features says, for every word piece, how likely it is
inside a technique span. The features are the word the piece belongs to, its neighbours and
word pairs, and a few facts about its line (an exclamation or question mark, quotation marks,
where in the line it sits). It is a much weaker model than the fine-tuned encoder, but it
errs differently (it remembers words that the PTC annotators mark, whatever their context),
so a small share of its probability mixed into the encoder's helps (the share is chosen on
the select half of the held-aside articles; see :mod:`claimgraph.train.techniques`).

Nothing here is a hand-written lexicon: the weights are learnt from the PTC train articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["BUCKETS", "LexicalModel", "piece_features", "fit_lexical", "load_lexical"]

#: Hashed feature space (2**18 float32 weights: 1 MB on disk).
BUCKETS = 2**18
_TOKEN = re.compile(r"\w+|[^\w\s]")
_QUOTES = ('"', "“", "”")


def _line_facts(text: str, start: int) -> list[str]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return [
        f"bang={'!' in line}", f"ask={'?' in line}", f"quote={any(q in line for q in _QUOTES)}",
        f"at={min(5, (start - line_start) // 40)}", f"long={min(6, len(line) // 50)}",
    ]


def piece_features(text: str, offsets: np.ndarray) -> list[list[str]]:
    """Feature strings of every word piece (``offsets[i] = (start, end)``)."""
    words = [(m.start(), m.group().lower()) for m in _TOKEN.finditer(text)]
    if not words:
        return [[] for _ in offsets]
    starts = np.asarray([w[0] for w in words])
    at = np.maximum(np.searchsorted(starts, offsets[:, 0], side="right") - 1, 0) if len(offsets) else []

    def word(j: int) -> str:
        return words[j][1] if 0 <= j < len(words) else ("<s>" if j < 0 else "</s>")

    rows = []
    for (start, _), j in zip(offsets, at):
        j = int(j)
        w, prev, nxt = word(j), word(j - 1), word(j + 1)
        rows.append([
            f"w={w}", f"p={prev}", f"n={nxt}", f"pw={prev}_{w}", f"wn={w}_{nxt}",
            f"p2={word(j - 2)}", f"n2={word(j + 2)}", f"cap={text[words[j][0]].isupper()}",
            *_line_facts(text, int(start)),
        ])
    return rows


def _hasher():
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(BUCKETS, input_type="string", alternate_sign=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class LexicalModel:
    """Weights of the hashed features and a bias: P(piece inside a technique span)."""

    weights: np.ndarray  # [BUCKETS] float32
    bias: float

    def probabilities(self, text: str, offsets: np.ndarray) -> np.ndarray:
        if not len(offsets):
            return np.zeros(0, dtype=np.float32)
        logits = _hasher().transform(piece_features(text, offsets)) @ self.weights + self.bias
        return (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32), bias=np.float32(self.bias))


def fit_lexical(rows: list[list[str]], labels: np.ndarray, c: float = 0.3) -> LexicalModel:
    """L2 logistic regression on the hashed features of training pieces (0/1 labels)."""
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=c, max_iter=300).fit(_hasher().transform(rows), labels)
    return LexicalModel(weights=fitted.coef_[0].astype(np.float32), bias=float(fitted.intercept_[0]))


def load_lexical(path: Path) -> LexicalModel:
    with np.load(path) as data:
        return LexicalModel(weights=data["weights"].astype(np.float32), bias=float(data["bias"]))
