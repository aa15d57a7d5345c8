from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.components.checkworthiness.lexical import SentenceInput
from claimgraph.components.checkworthiness.transformer import MAX_PIECES, MODEL_PACKAGE, load_model, piece_ids
from claimgraph.errors import ModelMissingError
from claimgraph.eval.checkthat import evaluate_checkthat
from claimgraph.pipeline import build_pipeline, profile_components
from claimgraph.train.checkworthiness_encoder import choose_blend, cross_validate_blend, era_folds
from tests.conftest import shared_path

COMPONENT = ("claimgraph_checkworthiness_encoder_v1",)

#: Yes-class figures on CheckThat! 2024 dev-test (full profile), with the blend chosen by cross-validation
#: over dev and dev-test: measured P 0.9583, R 0.8519, F1 0.9020 (see MODEL_CARD.md; dev-test took part in
#: choosing, so these gate erosion, they are not held-out figures). Before: P 0.9750, R 0.7222, F1 0.8298.
DEV_TEST_F1_FLOOR = 0.89
DEV_TEST_RECALL_FLOOR = 0.83
DEV_TEST_PRECISION_FLOOR = 0.955


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
    assert scores.recall >= DEV_TEST_RECALL_FLOOR and scores.precision >= DEV_TEST_PRECISION_FLOOR


def test_era_folds_keep_id_blocks_and_hold_both_eras():
    ids = [5, 1, 3, 2, 4, 100, 101, 102, 103]
    eras = [0, 0, 0, 0, 0, 1, 1, 1, 1]
    folds = era_folds(ids, eras, k=2)
    assert set(folds[:5]) == {0, 1} and set(folds[5:]) == {0, 1}
    by_fold = {f: sorted(i for i, g, e in zip(ids, folds, eras) if g == f and e == 0) for f in (0, 1)}
    assert max(by_fold[0]) < min(by_fold[1])  # contiguous blocks of ids


def test_blend_choice_weighs_each_era_alike():
    # era 0 (large) would like a cut at 0; era 1's positives score lower (as in newer debates)
    enc = np.array([2.0] * 40 + [-2.0] * 160 + [-0.5] * 10 + [-3.0] * 10)
    labels = np.array([True] * 40 + [False] * 160 + [True] * 10 + [False] * 10)
    eras = np.array([0] * 200 + [1] * 20)
    weight, threshold = choose_blend(enc, enc, labels, eras, weights=(0.0,), thresholds=(-1.0, 0.0))
    assert (weight, threshold) == (0.0, -1.0)
    result = cross_validate_blend(enc, enc, labels, list(range(220)), eras, k=2)
    assert result["out_of_fold"]["1"]["recall"] == 1.0 and len(result["fold_choices"]) == 2


def test_cli_reselect_needs_the_encoder(tmp_path):
    result = CliRunner().invoke(app, ["train", "checkworthiness", "--reselect", "--output", str(tmp_path)])
    assert result.exit_code == 2
    assert "--reselect chooses the encoder's blend: add --model encoder" in result.output


@pytest.mark.slow
def test_cli_reselect_rebuilds_the_shipped_blend(tmp_path):
    shipped = Path(str(resources.files(MODEL_PACKAGE)))
    out = tmp_path / "encoder"
    shutil.copytree(shipped, out)
    result = CliRunner().invoke(app, ["train", "checkworthiness", "--model", "encoder", "--reselect", "--data",
                                      str(shared_path("checkthat2024")), "--output", str(out), "--json"])
    assert result.exit_code == 0, result.output
    rebuilt, config = json.loads((out / "config.json").read_text()), json.loads((shipped / "config.json").read_text())
    assert (rebuilt["lexical_weight"], rebuilt["threshold"]) == (config["lexical_weight"], config["threshold"])
    assert rebuilt["cross_validation"]["out_of_fold"] == config["cross_validation"]["out_of_fold"]
