from __future__ import annotations

import claimgraph
from claimgraph.model import Analysis
from claimgraph.serialize import validate


def test_analyze_returns_schema_valid_document(nlp):
    analysis = claimgraph.analyze("Officials said 137 people died. The toll may rise.", nlp=nlp)
    assert isinstance(analysis, Analysis)
    validate(claimgraph.to_dict(analysis))
    assert [s.text for s in analysis.sentences] == ["Officials said 137 people died.", "The toll may rise."]


def test_pipe_keeps_order_and_count(nlp):
    texts = [f"Text number {i} is here." for i in range(7)]
    results = list(claimgraph.pipe(texts, batch_size=3, nlp=nlp))
    assert [r.article.text for r in results] == texts
