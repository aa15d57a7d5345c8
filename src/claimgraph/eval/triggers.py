"""Event-trigger detection scored against the ACTION mentions of ECB+.

ECB+ annotates every action mention in its fully annotated sentences: occurrences ("fired",
"arrest"), but also reporting verbs ("said"), states ("dead") and generic actions. The
events component only looks for the news events of its taxonomy, so three variants are
scored, each with exact-span and overlap matching (one-to-one, greedy in text order):

``all-triggers``
    every trigger the lexicon and parse accept (planned and hypothetical ones included,
    before folding) against every ACTION_* mention;
``events``
    the triggers of the final events (what the component outputs) against every ACTION_*
    mention;
``events-occurrence`` (relaxed)
    the final events against ACTION_OCCURRENCE mentions only; a prediction that hits a
    reporting, state or other non-occurrence action counts neither way.

Only sentences listed in ``ECBplus_coreference_sentences.csv`` are scored, and predictions
outside them are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatasetError
from .ecbplus import DEV_TOPICS, EcbDocument, complete_sentences, read_corpus

__all__ = ["TriggerScore", "VARIANTS", "match_spans", "score_documents", "evaluate_triggers"]

VARIANTS = ("all-triggers", "events", "events-occurrence")
Bounds = tuple[int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerScore:
    variant: str
    matching: str  # "exact" or "overlap"
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"variant": self.variant, "matching": self.matching, "tp": self.true_positives,
                "predicted": self.predicted, "gold": self.gold, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def _overlaps(a: Bounds, b: Bounds) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_spans(gold: Sequence[Bounds], predicted: Sequence[Bounds], *, exact: bool) -> int:
    """How many predictions match a gold span, each gold span and prediction used at most
    once. Overlap matching pairs identical spans first, so it never scores below exact."""
    free_gold = list(gold)
    free_pred = []
    hits = 0
    for pred in sorted(predicted):
        if pred in free_gold:
            free_gold.remove(pred)
            hits += 1
        else:
            free_pred.append(pred)
    if exact:
        return hits
    for pred in free_pred:
        for i, g in enumerate(free_gold):
            if _overlaps(pred, g):
                del free_gold[i]
                hits += 1
                break
    return hits


@dataclass(frozen=True, slots=True)
class _DocCase:
    gold_all: list[Bounds]
    gold_occurrence: list[Bounds]
    gold_other: list[Bounds]
    triggers: list[Bounds]
    events: list[Bounds]


def _case(doc: EcbDocument, complete: frozenset[int], triggers: Iterable[Bounds], events: Iterable[Bounds]) -> _DocCase:
    ranges = [(s, e) for number, s, e in doc.sentences if number in complete]

    def inside(span: Bounds) -> bool:
        return any(s <= span[0] and span[1] <= e for s, e in ranges)

    actions = [m for m in doc.actions if m.sentence in complete]
    return _DocCase(
        gold_all=[(m.start, m.end) for m in actions],
        gold_occurrence=[(m.start, m.end) for m in actions if m.kind == "ACTION_OCCURRENCE"],
        gold_other=[(m.start, m.end) for m in actions if m.kind != "ACTION_OCCURRENCE"],
        triggers=[t for t in triggers if inside(t)],
        events=[t for t in events if inside(t)],
    )


def score_documents(cases: Sequence[_DocCase]) -> list[TriggerScore]:
    """Micro-averaged scores of every variant and matching over the documents."""
    scores = []
    for matching in ("exact", "overlap"):
        exact = matching == "exact"
        totals = {v: [0, 0, 0] for v in VARIANTS}
        for case in cases:
            relaxed = [p for p in case.events if not any(_overlaps(p, g) for g in case.gold_other)]
            for variant, gold, pred in (
                ("all-triggers", case.gold_all, case.triggers),
                ("events", case.gold_all, case.events),
                ("events-occurrence", case.gold_occurrence, relaxed),
            ):
                totals[variant][0] += match_spans(gold, pred, exact=exact)
                totals[variant][1] += len(pred)
                totals[variant][2] += len(gold)
        scores.extend(
            TriggerScore(variant=v, matching=matching, true_positives=t[0], predicted=t[1], gold=t[2])
            for v, t in totals.items()
        )
    return scores


def evaluate_triggers(root: Path, topics: frozenset[str] = DEV_TOPICS, nlp=None) -> list[TriggerScore]:  # type: ignore[no-untyped-def]
    """Score the events component on ECB+ (``root`` holds ``ECB+/`` and the sentence CSV)."""
    from ..components.events.component import SPEC
    from ..pipeline import build_pipeline

    csv_path = root / "ECBplus_coreference_sentences.csv"
    if not csv_path.is_file():
        raise DatasetError(f"{csv_path} is missing: give the ECB+ folder that holds it and ECB+/")
    complete = complete_sentences(csv_path)
    documents = [d for d in read_corpus(root / "ECB+", topics) if complete.get(d.name)]
    if not documents:
        raise DatasetError(f"no fully annotated ECB+ documents of topics {sorted(topics)} under {root}")
    language = nlp if nlp is not None else build_pipeline((SPEC.name,))
    component = language.get_pipe(SPEC.name)
    cases = []
    for document, doc in zip(documents, language.pipe(d.text for d in documents)):
        triggers = [(s, e) for s, e, _t in component.triggers(doc, realis_only=False)]
        events = [(ev.trigger.start, ev.trigger.end) for ev in doc._.cg_events]
        cases.append(_case(document, complete[document.name], triggers, events))
    return score_documents(cases)
