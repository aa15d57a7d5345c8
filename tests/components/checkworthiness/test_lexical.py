from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.components.checkworthiness.lexical import SentenceInput, load_model, sentence_input
from claimgraph.errors import ModelMissingError
from claimgraph.eval.checkthat import evaluate_checkthat
from claimgraph.pipeline import build_pipeline
from tests.conftest import shared_path

COMPONENT = ("claimgraph_checkworthiness_v1",)

#: F1 of the Yes class on CheckThat! 2024 dev-test (fast profile); measured 0.7159 (see MODEL_CARD.md).
DEV_TEST_F1_FLOOR = 0.71


@pytest.fixture(scope="module")
def cw_nlp():
    return build_pipeline(COMPONENT)


def _sentences(nlp, text):
    return nlp(text)._.cg_sentences


def test_every_sentence_gets_a_score_in_unit_interval(cw_nlp):
    text = ("Officials said 137 people died in the attack on Friday. Thank you. "
            "Unemployment fell by 3 percent under my plan, he claimed. What a night!")
    sentences = _sentences(cw_nlp, text)
    assert len(sentences) >= 3
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        assert 0.0 <= sentence.checkworthiness <= 1.0


def test_factual_claim_scores_above_pleasantry(cw_nlp):
    text = "We have cut the deficit by 40 percent and created 12 million jobs. Thank you very much, it is good to be here."
    claim, pleasantry = _sentences(cw_nlp, text)
    assert claim.checkworthiness > 0.5 > pleasantry.checkworthiness


def test_empty_and_blank_text_give_no_sentences(cw_nlp):
    assert _sentences(cw_nlp, "") == ()
    assert _sentences(cw_nlp, "   \n\t ") == ()
    assert load_model().scores([]).shape == (0,)


def test_very_long_sentence_is_scored(cw_nlp):
    text = "The budget grew " + " and grew" * 5000 + " by 7 percent."
    sentences = _sentences(cw_nlp, text)
    assert sentences
    assert all(0.0 <= s.checkworthiness <= 1.0 for s in sentences)


def test_batched_pipe_matches_one_by_one(cw_nlp):
    texts = ["Crime rose 20 percent in 2019. I love this town.", "", "Taxes were raised 300 times.",
             "Hello.\n\nGood evening."]
    batched = [doc._.cg_sentences for doc in cw_nlp.pipe(texts, batch_size=3)]
    single = [cw_nlp(text)._.cg_sentences for text in texts]
    assert [[(s.start, s.end) for s in doc] for doc in batched] == [[(s.start, s.end) for s in doc] for doc in single]
    for many, one in zip(batched, single):
        assert [s.checkworthiness for s in many] == pytest.approx([s.checkworthiness for s in one], abs=1e-6)


def test_sentence_input_reads_tags_and_entities(cw_nlp):
    doc = cw_nlp("Prices rose 5 percent in 2023.\nThank you.")
    first = next(iter(doc.sents))
    got = sentence_input(first)
    assert got.text == first.text
    assert len(got.tags.split()) == len([t for t in first if not t.is_space])
    assert "PERCENT" in got.entities.split() or "DATE" in got.entities.split()


def test_missing_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelMissingError, match="claimgraph train checkworthiness"):
        load_model(tmp_path)


def test_cli_train_on_a_subset_is_reproducible(tmp_path):
    data = shared_path("checkthat2024")
    runs = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = CliRunner().invoke(app, ["train", "checkworthiness", "--data", str(data), "--output", str(out),
                                          "--limit", "200", "--json"])
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout)
        assert 0.0 <= summary["dev"]["f1"] <= 1.0
        runs.append(out)
    assert (runs[0] / "weights.npz").read_bytes() == (runs[1] / "weights.npz").read_bytes()
    assert (runs[0] / "meta.json").read_text() == (runs[1] / "meta.json").read_text()
    assert "Model card" in (runs[0] / "MODEL_CARD.md").read_text()
    subset = load_model(runs[0])
    inputs = [SentenceInput(text="Taxes rose 5 percent.", tags="NNS VBD CD NN .", entities="PERCENT"),
              SentenceInput(text="")]
    assert all(0.0 <= score <= 1.0 for score in subset.scores(inputs))


def test_cli_train_without_data_fails_cleanly(tmp_path):
    result = CliRunner().invoke(app, ["train", "checkworthiness", "--data", str(tmp_path), "--output", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "error CG600: no CT24_checkworthy_english_train.tsv in" in result.stderr


def test_accuracy_gate_on_dev_test():
    scores = evaluate_checkthat(shared_path("checkthat2024", "CT24_checkworthy_english_dev-test.tsv"), profile="fast")
    assert scores.f1 >= DEV_TEST_F1_FLOOR


class _Broken:
    syntax = None

    def scores(self, sentences):
        raise RuntimeError("model broke")


def test_a_failing_model_becomes_an_error_record(cw_nlp, monkeypatch):
    component = cw_nlp.get_pipe("claimgraph_checkworthiness_v1")
    monkeypatch.setattr(component, "model", _Broken())
    docs = list(cw_nlp.pipe(["One sentence here.", "Another one."], batch_size=2))
    for doc in docs:
        assert doc._.cg_sentences == ()
        assert [e.code for e in doc._.cg_errors] == ["CG400"]
        assert "model broke" in doc._.cg_errors[0].message
