from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.components.checkworthiness.lexical import SentenceInput
from claimgraph.components.checkworthiness.transformer import MAX_PIECES, load_model, piece_ids
from claimgraph.errors import ModelMissingError
from claimgraph.eval.checkthat import evaluate_checkthat
from claimgraph.pipeline import build_pipeline, profile_components
from tests.conftest import shared_path

COMPONENT = ("claimgraph_checkworthiness_encoder_v1",)

#: F1 of the Yes class on CheckThat! 2024 dev-test (full profile); measured 0.8235 (see MODEL_CARD.md).
DEV_TEST_F1_FLOOR = 0.82


@pytest.fixture(scope="module")
def enc_nlp():
    return build_pipeline(COMPONENT)


def test_every_sentence_gets_a_score_in_unit_interval(enc_nlp):
    text = ("Officials said 137 people died in the attack on Friday. Thank you. "
            "Unemployment fell by 3 percent under my plan, he claimed. What a night!")
    sentences = enc_nlp(text)._.cg_sentences
    assert len(sentences) >= 3
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        assert 0.0 <= sentence.checkworthiness <= 1.0


def test_factual_claim_scores_above_pleasantry(enc_nlp):
    text = "We have cut the deficit by 40 percent and created 12 million jobs. Thank you very much, it is good to be here."
    claim, pleasantry = enc_nlp(text)._.cg_sentences
    assert claim.checkworthiness > 0.5 > pleasantry.checkworthiness


def test_empty_text_and_long_sentence(enc_nlp):
    assert enc_nlp("")._.cg_sentences == ()
    assert load_model().scores([]).shape == (0,)
    long = enc_nlp("The budget grew " + " and grew" * 3000 + " by 7 percent.")._.cg_sentences
    assert long and all(0.0 <= s.checkworthiness <= 1.0 for s in long)


def test_pieces_are_cut_and_wrapped():
    model = load_model()
    short, long = piece_ids(model.tokenizer, ["Taxes rose.", "word " * 1000])
    cls_id, sep_id = model.tokenizer.token_to_id("[CLS]"), model.tokenizer.token_to_id("[SEP]")
    assert short[0] == cls_id and short[-1] == sep_id and len(short) > 2
    assert len(long) == MAX_PIECES + 2


def test_batched_pipe_matches_one_by_one(enc_nlp):
    texts = ["Crime rose 20 percent in 2019. I love this town.", "", "Taxes were raised 300 times.",
             "Hello.\n\nGood evening."]
    batched = [doc._.cg_sentences for doc in enc_nlp.pipe(texts, batch_size=3)]
    single = [enc_nlp(text)._.cg_sentences for text in texts]
    assert [[(s.start, s.end) for s in doc] for doc in batched] == [[(s.start, s.end) for s in doc] for doc in single]
    for many, one in zip(batched, single):
        assert [s.checkworthiness for s in many] == pytest.approx([s.checkworthiness for s in one], abs=1e-6)


def test_profiles_run_one_checkworthiness_component_each():
    full, fast = profile_components("full"), profile_components("fast")
    assert "claimgraph_checkworthiness_encoder_v1" in full and "claimgraph_checkworthiness_v1" not in full
    assert "claimgraph_checkworthiness_v1" in fast and "claimgraph_checkworthiness_encoder_v1" not in fast
    assert full[0] == "claimgraph_checkworthiness_encoder_v1"  # claims read the sentences it writes


def test_missing_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelMissingError, match="claimgraph train checkworthiness --model encoder"):
        load_model(tmp_path)


@pytest.mark.slow
def test_cli_train_encoder_on_a_subset_is_reproducible(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    data = shared_path("checkthat2024")
    runs = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = CliRunner().invoke(app, ["train", "checkworthiness", "--model", "encoder", "--data", str(data),
                                          "--output", str(out), "--limit", "64", "--epochs", "1", "--json"])
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout)
        assert 0.0 <= summary["dev"]["f1"] <= 1.0
        runs.append(out)
    configs = [json.loads((run / "config.json").read_text()) for run in runs]
    assert configs[0]["threshold"] == configs[1]["threshold"]
    assert configs[0]["history_fp32"][0]["dev"] == configs[1]["history_fp32"][0]["dev"]
    assert "Model card" in (runs[0] / "MODEL_CARD.md").read_text()
    inputs = [SentenceInput(text="Taxes rose 5 percent."), SentenceInput(text="")]
    scores = [load_model(run).scores(inputs) for run in runs]
    assert np.allclose(scores[0], scores[1]) and all(0.0 <= s <= 1.0 for s in scores[0])


def test_cli_train_rejects_an_unknown_model(tmp_path):
    result = CliRunner().invoke(app, ["train", "checkworthiness", "--model", "bert", "--output", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown model 'bert': choose lexical or encoder" in result.output


def test_accuracy_gate_on_dev_test():
    scores = evaluate_checkthat(shared_path("checkthat2024", "CT24_checkworthy_english_dev-test.tsv"), profile="full")
    assert scores.f1 >= DEV_TEST_F1_FLOOR
