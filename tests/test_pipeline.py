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


def test_pipeline_seeds_the_text_cache_so_components_never_rebuild_it(nlp):
    from claimgraph.components._base import _TEXT_KEY, doc_text
    from claimgraph.pipeline import _prepare_doc

    article = claimgraph.make_article("Officials said 12 people were hurt.")
    doc = _prepare_doc(nlp, article)
    assert doc.user_data[_TEXT_KEY] is article.text
    assert doc_text(doc) is article.text
    bare = nlp.make_doc("No seed here.")
    assert doc_text(bare) == "No seed here." and doc.user_data[_TEXT_KEY] is article.text


def test_an_unsupported_language_is_stored_not_analysed() -> None:
    from claimgraph.model import Article
    from claimgraph.pipeline import analyze

    article = Article(id="ru1", text="Шторм оставил тысячи домов без света, сообщила компания.", language="ru")
    analysis = analyze(article, profile="fast")
    assert analysis.article == article
    assert [(e.stage, e.code) for e in analysis.errors] == [("language", "CG111")]
    assert analysis.errors[0].message.startswith("language ru is not supported yet: stored, not analysed")
    assert analysis.sentences == () and analysis.attributions == ()
    unknown = analyze(Article(id="u1", text="Smith said it rained.", language=None), profile="fast")
    assert not unknown.errors and unknown.sentences  # unknown (too short to tell): analysed as English
