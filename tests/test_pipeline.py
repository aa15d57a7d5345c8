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


def test_fast_profile_leaves_out_the_technique_model():
    import pytest

    from claimgraph.errors import PipelineError
    from claimgraph.pipeline import build_pipeline, profile_components

    fast = build_pipeline(profile_components("fast"))
    assert "claimgraph_techniques_v1" not in fast.pipe_names
    assert "claimgraph_attribution_v1" in fast.pipe_names
    analysis = claimgraph.analyze("Corrupt elites lie, officials said.", profile="fast")
    assert analysis.techniques == ()
    with pytest.raises(PipelineError, match="choose from full, fast"):
        profile_components("turbo")
