"""CLEF CheckThat! 2024 task 1 (English): the reader and the official score.

A file is a TSV with a header, ``Sentence_id<TAB>Text<TAB>class_label`` (``Yes``/``No``).
The released train file has one line that holds two records run together
(``...<TAB>No29286<TAB>...``), so the reader matches records, not lines: a line may hold
several records back to back, and anything left over is an error naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import precision_recall_fscore_support

from ..components.checkworthiness.lexical import SentenceInput, load_model, sentence_input
from ..errors import DatasetError

__all__ = [
    "CheckThatItem", "Scores", "read_checkthat", "parse_checkthat", "score_yes_class", "evaluate_checkthat",
    "sentence_inputs",
]

LABELS = ("Yes", "No")

# One record: a numeric id, a text without tabs, a label. The label is matched before a
# digit too, because that is how the run-together line glues the next record on.
_RECORD = re.compile(r"(\d+)\t([^\t]*?)\t(Yes|No)(?=\d|$)")
_HEADER = ("sentence_id", "text", "class_label")


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckThatItem:
    id: str
    text: str
    label: bool  # True for "Yes" (check-worthy)


@dataclass(frozen=True, slots=True, kw_only=True)
class Scores:
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def read_checkthat(path: Path) -> list[CheckThatItem]:
    """The records of a CheckThat! TSV file, in file order."""
    try:
        content = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DatasetError(f"no CheckThat! file at {path}: give the path of a CT24 .tsv file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"cannot read {path} as UTF-8 text ({exc}): give a CT24 .tsv file") from None
    return parse_checkthat(content, source=str(path))


def parse_checkthat(content: str, *, source: str = "<text>") -> list[CheckThatItem]:
    """Parse the text of a CheckThat! TSV file (header optional)."""
    items: list[CheckThatItem] = []
    for number, line in enumerate(content.splitlines(), start=1):
        line = line.rstrip("\r")
        if not line.strip() or _is_header(line):
            continue
        items.extend(_parse_line(line, number, source))
    if not items:
        raise DatasetError(f"{source} holds no CheckThat! records: expected Sentence_id<TAB>Text<TAB>Yes|No lines")
    return items


def _is_header(line: str) -> bool:
    return tuple(part.strip().lower() for part in line.split("\t")) == _HEADER


def _parse_line(line: str, number: int, source: str) -> list[CheckThatItem]:
    found: list[CheckThatItem] = []
    position = 0
    while position < len(line):
        match = _RECORD.match(line, position)
        if match is None:
            raise DatasetError(
                f"{source} line {number} is not a CheckThat! record (Sentence_id<TAB>Text<TAB>Yes|No): "
                f"{line[position:position + 80]!r}"
            )
        found.append(CheckThatItem(id=match[1], text=match[2].strip(), label=match[3] == "Yes"))
        position = match.end()
    return found


def score_yes_class(gold: Sequence[bool], predicted: Sequence[bool]) -> Scores:
    """Precision, recall and F1 of the positive ("Yes") class, the task's official score."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    if not gold:
        return Scores(precision=0.0, recall=0.0, f1=0.0)
    precision, recall, f1, _ = precision_recall_fscore_support(
        list(gold), list(predicted), pos_label=True, average="binary", zero_division=0
    )
    return Scores(precision=float(precision), recall=float(recall), f1=float(f1))


def sentence_inputs(texts: Sequence[str], *, parse: bool) -> list[SentenceInput]:
    """Model inputs for single-sentence texts; with ``parse``, tags and entities from spaCy."""
    if not parse:
        return [SentenceInput(text=text) for text in texts]
    from ..pipeline import load_language  # imported late: the pipeline imports the components

    nlp = load_language()
    return [sentence_input(doc, text) for doc, text in zip(nlp.pipe(texts, batch_size=256), texts)]


def evaluate_checkthat(path: Path, model_dir: Path | None = None, profile: str = "full") -> Scores:
    """Score a check-worthiness model on a CheckThat! file.

    ``profile`` picks the model: ``full`` the encoder (blended with the lexical model),
    ``fast`` the lexical model alone; ``model_dir`` scores that profile's model from a
    folder instead of the shipped one. Each record's text is parsed and scored as one
    sentence, as the task defines it; a score of 0.5 or more counts as a "Yes".
    """
    items = read_checkthat(path)
    model = _profile_model(profile, model_dir)
    inputs = sentence_inputs([item.text for item in items], parse=model.syntax is not None)
    return score_yes_class([item.label for item in items], model.predict(inputs).tolist())


def _profile_model(profile: str, model_dir: Path | None):
    if profile == "fast":
        return load_model(model_dir)
    if profile == "full":
        from ..components.checkworthiness.transformer import load_model as load_encoder_model

        return load_encoder_model(model_dir)
    raise DatasetError(f"unknown profile {profile!r}: choose from full, fast")
