"""The SemEval-2020 Task 11 tasks over folders of PTC articles: span identification (SI)
output, technique classification (TC) output, and both scored as the official scorers do.

These run the pipeline's technique model (:mod:`claimgraph.components.techniques`) on
whole articles; the pipeline itself never needs them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..components.techniques import model as tm
from ..components.techniques.component import label_spans, shared_model
from ..errors import DatasetError
from . import ptc

__all__ = ["detect_articles", "classify_articles", "evaluate_articles"]


def detect_articles(
    texts: Mapping[str, str], *, model: tm.TechniqueModel | None = None
) -> list[ptc.SpanLabel]:
    """SI predictions for PTC articles (``{article_id: text}``)."""
    model = model or shared_model()
    out = []
    for article_id, text in texts.items():
        enc, _, probs = model.encode(text)
        # the official scorer rejects overlapping spans in a submission: merge them first
        spans = ptc.merge_spans((s, e) for s, e, _ in model.spans(text, enc, probs)) if len(enc.ids) else []
        out.extend(ptc.SpanLabel(article_id=article_id, start=s, end=e) for s, e in spans)
    return out


def classify_articles(
    texts: Mapping[str, str], spans: Iterable[ptc.SpanLabel], *, model: tm.TechniqueModel | None = None
) -> list[ptc.SpanLabel]:
    """TC predictions: each given span (in input order) with a technique."""
    spans = list(spans)
    by_article: dict[str, list[int]] = {}
    for i, span in enumerate(spans):
        if span.article_id not in texts:
            raise DatasetError(f"span file names article {span.article_id!r}, which is not among the articles")
        by_article.setdefault(span.article_id, []).append(i)
    labels: dict[int, str] = {}
    for article_id, indices in by_article.items():
        found = label_spans(texts[article_id], [(spans[i].start, spans[i].end) for i in indices], model=model)
        labels.update({i: technique for i, (technique, _) in zip(indices, found)})
    return [
        ptc.SpanLabel(article_id=s.article_id, start=s.start, end=s.end, technique=labels[i])
        for i, s in enumerate(spans)
    ]


def evaluate_articles(
    texts: Mapping[str, str],
    si_gold: Sequence[ptc.SpanLabel],
    tc_gold: Sequence[ptc.SpanLabel],
    *,
    model: tm.TechniqueModel | None = None,
) -> dict:
    """Run the model on the articles and score SI and TC as the official scorers do."""
    texts = {k: v for k, v in texts.items()}
    si = ptc.score_si(detect_articles(texts, model=model), [s for s in si_gold if s.article_id in texts])
    gold = [s for s in tc_gold if s.article_id in texts]
    tc, per = ptc.score_tc(classify_articles(texts, gold, model=model), gold)
    return {
        "articles": len(texts),
        "si": {"precision": si.precision, "recall": si.recall, "f1": si.f1},
        "tc": {"precision": tc.precision, "recall": tc.recall, "micro_f1": tc.f1},
        "tc_per_technique_f1": {k: v.f1 for k, v in per.items()},
    }
