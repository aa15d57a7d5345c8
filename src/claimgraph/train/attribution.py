"""Rebuild the attribution model from PolNeAR train (``claimgraph train attribution``).

Data: ``<shared>/polnear/train``. The articles are split by name, seeded: 90% train the three
logistic-regression models, 10% are held out to choose the cue and content-end thresholds
and report figures. Dev is never read here. Output: ``cue.json``, ``roles.json`` and
``ends.json`` (weight tables, pruned of near-zero weights), ``config.json`` and
``MODEL_CARD.md`` in ``components/models/attribution``.
scikit-learn is needed only here (the ``train`` extra); the component reads the tables.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import DatasetError
from ..eval.polnear import PolnearArticle, read_polnear, score_articles
from ..eval.spans import Fragments
from ..components.attribution._ends import cut_features, cut_points
from ..components.attribution._features import (
    ROLE_LABELS,
    LinearModel,
    QuoteIndex,
    candidate_features,
    candidates,
    cue_features,
    is_cue_candidate,
)
from ..components.attribution._spans import find_attributions

__all__ = ["MODEL_DIR", "TrainingReport", "train_attribution", "split_articles", "save_model", "load_model"]

MODEL_DIR = Path(__file__).parent / "models" / "attribution"
SEED = 13
HELD_OUT = 0.10
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
END_THRESHOLDS = (None, 0.3, 0.4, 0.5, 0.6, 0.7)  # None: content is never cut


@dataclass(frozen=True, slots=True, kw_only=True)
class TrainingReport:
    train_articles: int
    held_out_articles: int
    threshold: float
    held_out_scores: dict[str, Any]
    end_threshold: float | None = None
    end_rows: int = 0


def split_articles(articles: list[PolnearArticle], seed: int = SEED) -> tuple[list, list]:
    """Seeded split by article name: (train, held out)."""
    names = sorted(a.name for a in articles)
    random.Random(seed).shuffle(names)
    held = set(names[: max(1, round(len(names) * HELD_OUT))])
    return [a for a in articles if a.name not in held], [a for a in articles if a.name in held]


def _token_ids(doc: Doc, frags: Fragments) -> set[int]:
    ids: set[int] = set()
    for start, end in frags:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            ids.update(range(span.start, span.end))
    return ids


def _cue_head(doc: Doc, ids: set[int]) -> int | None:
    """The token of a gold cue whose syntactic head lies outside it (its root)."""
    roots = [i for i in sorted(ids) if doc[i].head.i not in ids or doc[i].head.i == i]
    roots = [i for i in roots if is_cue_candidate(doc[i])] or [i for i in sorted(ids) if is_cue_candidate(doc[i])]
    return roots[0] if roots else None


def examples(doc: Doc, article: PolnearArticle) -> Iterator[tuple[str, list[str], Any]]:
    """("cue", features, 0/1) and ("role", features, label) training rows of one article."""
    quotes = QuoteIndex(doc.text)
    for annotation in article.annotations:
        gold: dict[int, tuple[set[int], set[int], set[int]]] = {}
        for att in annotation.attributions:
            cue_ids = _token_ids(doc, att.cue)
            head = _cue_head(doc, cue_ids)
            if head is not None:
                source_ids = _token_ids(doc, att.source) if att.source else set()
                gold[head] = (cue_ids, source_ids, _token_ids(doc, att.content))
        for token in doc:
            if is_cue_candidate(token):
                yield "cue", cue_features(token, quotes), int(token.i in gold)
        for head, (cue_ids, source_ids, content_ids) in gold.items():
            cue = doc[head]
            for cand in candidates(cue, quotes):
                yield "role", candidate_features(cue, cand, quotes), _label(cand.tokens, cue_ids, source_ids, content_ids)


def _label(tokens: tuple[int, ...], cue: set[int], source: set[int], content: set[int]) -> str:
    size = len(tokens)
    shares = {
        "cue": sum(t in cue for t in tokens) / size,
        "source": sum(t in source for t in tokens) / size,
        "content": sum(t in content for t in tokens) / size,
    }
    role, share = max(shares.items(), key=lambda item: item[1])
    return role if share > 0.5 else "none"


def _fit(rows: list[tuple[list[str], Any]], classes: tuple[Any, ...], c: float) -> LinearModel:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = CountVectorizer(analyzer=lambda feats: feats, binary=True, min_df=2)
    matrix = vectorizer.fit_transform([feats for feats, _ in rows])
    labels = [label for _, label in rows]
    solver = "liblinear" if len(set(labels)) == 2 else "lbfgs"  # liblinear is binary only
    model = LogisticRegression(C=c, solver=solver, max_iter=1000, random_state=SEED)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    coef = model.coef_
    model_classes = [str(x) for x in model.classes_]
    if coef.shape[0] == 1:  # binary: one row, for the positive class
        tables = ({n: round(float(w), 4) for n, w in zip(names, coef[0]) if abs(w) >= 0.01},)
        return LinearModel(classes=("1",), weights=tables, bias=(round(float(model.intercept_[0]), 4),))
    tables = tuple({n: round(float(w), 4) for n, w in zip(names, row) if abs(w) >= 0.01} for row in coef)
    return LinearModel(classes=tuple(model_classes), weights=tables,
                       bias=tuple(round(float(b), 4) for b in model.intercept_))


def save_model(model: LinearModel, path: Path) -> None:
    data = {"classes": list(model.classes), "bias": list(model.bias), "weights": list(model.weights)}
    path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def load_model(data: dict[str, Any]) -> LinearModel:
    return LinearModel(classes=tuple(data["classes"]), weights=tuple(data["weights"]),
                       bias=tuple(data["bias"]))


def _docs(nlp: Language, articles: list[PolnearArticle]) -> list[Doc]:
    return list(nlp.pipe((a.text for a in articles), batch_size=32))


def train_attribution(
    polnear: Path, nlp: Language, out_dir: Path = MODEL_DIR, docs: Iterable[Doc] | None = None,
) -> TrainingReport:
    """Train the models on 90% of PolNeAR train, pick the thresholds on the other 10%."""
    articles = list(read_polnear(Path(polnear)))
    if not articles:
        raise DatasetError(f"no PolNeAR articles under {polnear}", code="CG602")
    all_docs = list(docs) if docs is not None else _docs(nlp, articles)
    by_name = dict(zip((a.name for a in articles), all_docs, strict=True))
    train, held = split_articles(articles)
    cue_rows: list[tuple[list[str], Any]] = []
    role_rows: list[tuple[list[str], Any]] = []
    for article in train:
        for kind, feats, label in examples(by_name[article.name], article):
            (cue_rows if kind == "cue" else role_rows).append((feats, label))
    cue_model = _fit(cue_rows, (0, 1), c=0.5)
    role_model = _fit(role_rows, ROLE_LABELS, c=0.5)
    threshold, scores = _choose_threshold(cue_model, role_model, held, by_name)
    end_rows = [row for article in train for row in end_examples(
        by_name[article.name], article, cue_model, role_model, threshold)]
    end_model = _fit(end_rows, (0, 1), c=0.5)
    end_threshold, end_scores = _choose_end_threshold(cue_model, role_model, threshold, end_model, held, by_name)
    if end_threshold is not None:
        scores = end_scores
    out_dir.mkdir(parents=True, exist_ok=True)
    save_model(cue_model, out_dir / "cue.json")
    save_model(role_model, out_dir / "roles.json")
    save_model(end_model, out_dir / "ends.json")
    config = {"threshold": threshold, "end_threshold": end_threshold}
    (out_dir / "config.json").write_text(json.dumps(config) + "\n", encoding="utf-8")
    report = TrainingReport(train_articles=len(train), held_out_articles=len(held),
                            threshold=threshold, held_out_scores=scores,
                            end_threshold=end_threshold, end_rows=len(end_rows))
    (out_dir / "MODEL_CARD.md").write_text(model_card(report, len(cue_rows), len(role_rows)), encoding="utf-8")
    return report


def end_examples(doc: Doc, article: PolnearArticle, cue_model: LinearModel, role_model: LinearModel,
                 threshold: float) -> Iterator[tuple[list[str], int]]:
    """(features, 1 if the gold content stops before the piece) for every cut point of the
    content segments the models predict for a gold cue (see ``_attribution_ends``)."""
    quotes = QuoteIndex(doc.text)
    raws = [r for r in find_attributions(doc, cue_model, role_model, threshold) if r.segments]
    for annotation in article.annotations:
        gold = {att.cue: _token_ids(doc, att.content) for att in annotation.attributions}
        for raw in raws:
            content = gold.get((raw.cue,))
            if not content:
                continue
            cue = doc[raw.cue_token]
            for seg in raw.segments:
                if not content.intersection(seg):
                    continue
                for start, head, level in cut_points(doc, seg):
                    outside = not any(i in content for i in seg if i >= start)
                    yield cut_features(doc, cue, seg, start, head, level, quotes), int(outside)


def _held_scores(held, by_name, predict_doc) -> tuple[float, dict[str, Any]]:
    """Mean of the six F1 figures on the held-out articles, and the figures."""
    text_to_name = {a.text: a.name for a in held}

    def predict(texts: list[str]) -> Iterator[tuple]:
        for text in texts:
            yield predict_doc(by_name[text_to_name[text]])

    scores = score_articles(held, predict)
    return sum(scores[v][r]["f1"] for v in scores for r in scores[v]) / 6, scores


def _choose_threshold(cue_model, role_model, held, by_name) -> tuple[float, dict[str, Any]]:
    from ..components.attribution.component import records_from_doc  # the component's own path, so figures match it

    best: tuple[float, float, dict[str, Any]] | None = None
    for threshold in THRESHOLDS:
        mean_f1, scores = _held_scores(
            held, by_name, lambda doc, _t=threshold: records_from_doc(doc, cue_model, role_model, _t))
        if best is None or mean_f1 > best[0]:
            best = (mean_f1, threshold, scores)
    assert best is not None
    return best[1], best[2]


def _choose_end_threshold(cue_model, role_model, threshold, end_model, held, by_name):  # type: ignore[no-untyped-def]
    """The content-end threshold (None: no cut) with the best mean F1 on the held-out part."""
    from ..components.attribution.component import records_from_doc

    best: tuple[float, float | None, dict[str, Any]] | None = None
    for end_threshold in END_THRESHOLDS:
        ends = None if end_threshold is None else (end_model, end_threshold)
        mean_f1, scores = _held_scores(
            held, by_name, lambda doc, _e=ends: records_from_doc(doc, cue_model, role_model, threshold, _e))
        if best is None or mean_f1 > best[0]:
            best = (mean_f1, end_threshold, scores)
    assert best is not None
    return best[1], best[2]


def model_card(report: TrainingReport, cue_rows: int, role_rows: int) -> str:
    def row(view: str) -> str:
        s = report.held_out_scores[view]
        return " | ".join(f"{s[r]['p']:.3f} / {s[r]['r']:.3f} / {s[r]['f1']:.3f}" for r in ("source", "cue", "content"))

    return f"""# Attribution model (claimgraph_attribution_v1)

Three logistic-regression models (scikit-learn, L2, C=0.5, seed {SEED}) exported as weight
tables: `cue.json` scores candidate cue heads (binary), `roles.json` gives each candidate
dependent of a cue head a role (none, cue, source, content), `ends.json` scores whether a
content span stops before a trailing piece (binary; trained on the content the first two
models predict for gold cues on the fitting part). `config.json` holds the cue threshold
and the content-end threshold (null: no cut). Features: see
`claimgraph/components/_attribution_features.py` and `_attribution_ends.py`.

- **Data**: PolNeAR train (Newell, Margolin and Ruths, LREC 2018), split by article with
  seed {SEED}: {report.train_articles} articles to fit ({cue_rows} cue rows, {role_rows} role rows,
  {report.end_rows} content-end rows), {report.held_out_articles} held out to choose the thresholds.
  PolNeAR dev is not used here.
- **Thresholds**: cue {report.threshold}, then content end {report.end_threshold} (each the best mean F1
  of the six figures below on the held-out part).
- **Held-out figures** (P / R / F1; source | cue | content):
  - exact: {row("exact")}
  - overlap: {row("overlap")}
- **Built**: {datetime.date.today().isoformat()}
- **Rebuild**: `claimgraph train attribution --polnear ../shared/data/polnear/train`
- **Limits**: PolNeAR is US campaign news of 2015-16; its notion of attribution is broad
  (beliefs, intentions, decrees), so some "cues" (want, plan) are not speech.
"""
