"""PolNeAR (Newell, Margolin and Ruths, LREC 2018): reader and attribution scoring.

A PolNeAR folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` in brat
standoff format. ``T`` lines are spans (``T7<TAB>Content 226 297;300 310<TAB>text``, with
discontinuous spans as ``;``-separated fragments); ``E`` lines tie one Attribution
trigger to its ``Source``, ``Cue`` and ``Content`` (the source is absent for
``Attribution-no-source``). ``Discuss`` and ``Discard`` spans mark text annotators set
aside; predictions that fall wholly inside a ``Discard`` span are not scored. Offsets
index the text file read as UTF-8 without newline translation.

Scoring follows BBC's citron (see :mod:`claimgraph.eval.spans`): exact and token-overlap
P/R/F1 for source, cue and content spans. Predicted attributions that share one cue span
are merged first, so content split around a cue ("“A,” she said. “B.”") is compared
as one discontinuous span, as PolNeAR annotates it. An article with several annotators
is scored against each, and each annotator's counts weigh ``1/k``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatasetError
from ..model import Attribution
from .spans import Counts, Fragments, exact_counts, overlap_counts, token_offsets

__all__ = [
    "ROLES",
    "GoldAttribution",
    "Annotation",
    "PolnearArticle",
    "read_ann",
    "read_polnear",
    "gold_units",
    "predicted_units",
    "score_articles",
    "evaluate_polnear",
]

ROLES = ("source", "cue", "content")
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldAttribution:
    source: Fragments | None
    cue: Fragments
    content: Fragments


@dataclass(frozen=True, slots=True, kw_only=True)
class Annotation:
    annotator: str
    attributions: tuple[GoldAttribution, ...]
    discard: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PolnearArticle:
    name: str
    text: str
    annotations: tuple[Annotation, ...]


def _fragments(offsets: str) -> Fragments:
    pairs = []
    for part in offsets.split(";"):
        start, end = part.split()
        pairs.append((int(start), int(end)))
    return tuple(sorted(pairs))


def read_ann(path: Path, annotator: str = "") -> Annotation:
    """The attributions of one brat ``.ann`` file (lines that are not T/E are skipped:
    they are AnnotatorNotes or continuation lines of span texts with newlines)."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _T_LINE.match(line):
            spans[match.group(1)] = (match.group(2), _fragments(match.group(3)))
        elif match := _E_LINE.match(line):
            roles = dict(part.split(":", 1) for part in match.group(2).split() if ":" in part)
            events.append(roles)
    attributions = []
    for roles in events:
        cue, content = roles.get("Cue"), roles.get("Content")
        if cue not in spans or content not in spans:
            continue  # an unfinished relation: PolNeAR has a handful
        source = roles.get("Source")
        attributions.append(GoldAttribution(
            source=spans[source][1] if source in spans else None,
            cue=spans[cue][1],
            content=spans[content][1],
        ))
    discard = tuple(frag for kind, frags in spans.values() if kind == "Discard" for frag in frags)
    return Annotation(annotator=annotator, attributions=tuple(attributions), discard=discard)


def read_polnear(folder: Path) -> Iterator[PolnearArticle]:
    """Every article of a PolNeAR split folder, sorted by name, with all its annotations."""
    text_dir, ann_dir = Path(folder) / "text", Path(folder) / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise DatasetError(
            f"{folder} is not a PolNeAR folder: it needs text/ and attributions/ sub-folders "
            "(e.g. ../shared/data/polnear/dev)",
            code="CG601",
        )
    by_name: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name, _, annotator = ann.stem.rpartition("_")
        by_name.setdefault(name, []).append(ann)
    for name in sorted(by_name):
        text_path = text_dir / f"{name}.txt"
        if not text_path.exists():
            continue
        with open(text_path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        annotations = tuple(read_ann(p, p.stem.rpartition("_")[2]) for p in by_name[name])
        yield PolnearArticle(name=name, text=text, annotations=annotations)


def gold_units(annotation: Annotation) -> dict[str, set[Fragments]]:
    """The set of gold spans of each role in one annotation."""
    units: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    for att in annotation.attributions:
        if att.source is not None:
            units["source"].add(att.source)
        units["cue"].add(att.cue)
        units["content"].add(att.content)
    return units


def predicted_units(attributions: Iterable[Attribution]) -> dict[str, set[Fragments]]:
    """The set of predicted spans of each role; content of attributions that share a cue
    is merged into one (possibly discontinuous) span."""
    content_by_cue: dict[tuple[int, int], set[tuple[int, int]]] = {}
    units: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    for att in attributions:
        cue = (att.cue.start, att.cue.end)
        units["cue"].add((cue,))
        if att.source is not None:
            units["source"].add(((att.source.start, att.source.end),))
        content_by_cue.setdefault(cue, set()).add((att.content.start, att.content.end))
    units["content"] = {tuple(sorted(frags)) for frags in content_by_cue.values()}
    return units


def _inside(unit: Fragments, regions: Sequence[tuple[int, int]]) -> bool:
    return any(all(s >= rs and e <= re_ for s, e in unit) for rs, re_ in regions)


def score_articles(
    articles: Iterable[PolnearArticle],
    predict: Callable[[list[str]], Iterable[Sequence[Attribution]]],
    batch_size: int = 16,
) -> dict[str, dict[str, dict[str, float]]]:
    """Exact and token-overlap P/R/F1 per role; ``predict`` maps texts to attributions."""
    totals = {view: {role: Counts() for role in ROLES} for view in ("exact", "overlap")}
    batch: list[PolnearArticle] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            _score_batch(batch, predict, totals)
            batch = []
    if batch:
        _score_batch(batch, predict, totals)
    return {view: {role: c.scores() for role, c in roles.items()} for view, roles in totals.items()}


def _score_batch(
    batch: list[PolnearArticle],
    predict: Callable[[list[str]], Iterable[Sequence[Attribution]]],
    totals: dict[str, dict[str, Counts]],
) -> None:
    predictions = list(predict([a.text for a in batch]))
    for article, predicted in zip(batch, predictions, strict=True):
        pred = predicted_units(predicted)
        tokens = token_offsets(article.text)
        weight = 1.0 / len(article.annotations)
        for annotation in article.annotations:
            gold = gold_units(annotation)
            for role in ROLES:
                kept = {u for u in pred[role] if not _inside(u, annotation.discard)}
                totals["exact"][role].add(exact_counts(kept, gold[role]), weight)
                totals["overlap"][role].add(
                    overlap_counts(article.text, kept, gold[role], tokens), weight)


#: The attribution component of each pipeline profile.
PROFILE_COMPONENTS = {"full": "claimgraph_attribution_encoder_v1", "fast": "claimgraph_attribution_v1"}


def evaluate_polnear(folder: Path, *, batch_size: int = 16, profile: str = "full",
                     ) -> dict[str, dict[str, dict[str, float]]]:
    """Score claimgraph's attribution component (that of ``profile``) on a PolNeAR split folder."""
    from ..pipeline import build_pipeline  # late: the pipeline loads spaCy

    if profile not in PROFILE_COMPONENTS:
        raise DatasetError(f"unknown profile {profile!r}: choose from {', '.join(PROFILE_COMPONENTS)}", code="CG602")
    nlp = build_pipeline((PROFILE_COMPONENTS[profile],))
    articles = list(read_polnear(Path(folder)))
    if not articles:
        raise DatasetError(f"no annotated articles under {folder}: is it a PolNeAR split?", code="CG602")

    def predict(texts: list[str]) -> Iterator[Sequence[Attribution]]:
        for doc in nlp.pipe(texts, batch_size=batch_size):
            yield doc._.cg_attributions or ()

    return score_articles(articles, predict, batch_size=batch_size)
