"""The technique component: decoding units, invariants on any text, and accuracy gates."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.components.techniques import model as tm
from claimgraph.components.techniques.component import find_techniques, label_spans, shared_model
from claimgraph.model import TECHNIQUES
from tests.conftest import shared_path


def test_decode_joins_runs_and_widens_to_words() -> None:
    text = "a bbbb cc dddd"
    offsets = np.asarray([[0, 1], [2, 4], [4, 6], [7, 9], [10, 14]])
    probs = np.asarray([0.1, 0.9, 0.2, 0.8, 0.1])
    # pieces 1 and 3 are joined across the weak piece 2; piece 1 starts a word, 3 ends one
    assert tm.decode_spans(text, offsets, probs, 0.5) == [(2, 9, pytest.approx(0.633, abs=1e-3))]
    assert tm.decode_spans(text, offsets, probs, 0.5, gap=0) == [
        (2, 6, pytest.approx(0.9)), (7, 9, pytest.approx(0.8))
    ]
    # a run that stops inside a word is widened to the whole word
    assert tm.decode_spans(text, offsets, np.asarray([0, 0.9, 0, 0, 0]), 0.5, gap=0)[0][:2] == (2, 6)
    assert tm.decode_spans(text, offsets, np.zeros(5), 0.5) == []


@pytest.mark.parametrize("n", [0, 1, 200, 254, 255, 600, 1000])
def test_windows_read_every_piece_once(n: int) -> None:
    ids = np.arange(10, 10 + n)
    windows = tm.make_windows(ids, 1, 2)
    assert windows.ids.shape[1] == tm.WINDOW + 2
    hidden = windows.ids[..., None].astype(np.float32)  # "hidden state" = the id itself
    got, _ = tm.stitch(windows, hidden, windows.ids.astype(np.float32))
    assert got[:, 0].tolist() == ids.tolist()


def test_repeated_spans_get_distinct_labels() -> None:
    probs = np.asarray([[0.1, 0.7, 0.2] + [0.0] * 11] * 3)
    labels = tm.assign_labels([(0, 5), (0, 5), (6, 9)], probs)
    assert [t for t, _ in labels] == [TECHNIQUES[1], TECHNIQUES[2], TECHNIQUES[1]]


def test_repeat_count_ignores_case_and_spacing() -> None:
    text = "Never again. never  again! NEVER AGAIN"
    assert tm.repeat_count(text, 0, 11) == 2
    assert tm.repeat_count(text, 0, 2) == 0  # too short to count


def _check(text: str) -> None:
    found = find_techniques(text)
    assert list(found) == sorted(found, key=lambda t: (t.start, t.end, -t.score))
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.technique in TECHNIQUES
        assert 0.0 <= t.score <= 1.0


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "?!", "\x00\x01 weird ﬁ ligatures — and ümlauts 💥💥", "word " * 700,
     "The corrupt, lying elites want to destroy our great nation! Make America great again!"],
)
def test_any_text_gives_valid_spans(text: str) -> None:
    _check(text)


@settings(max_examples=15, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_escapes_the_text(text: str) -> None:
    _check(text)


def test_label_spans_survives_bad_offsets() -> None:
    text = "They are traitors and cowards."
    labels = label_spans(text, [(9, 17), (-5, 3), (20, 999), (4, 4)])
    assert len(labels) == 4 and all(t in TECHNIQUES and 0 <= p <= 1 for t, p in labels)


def test_the_model_ships_in_the_package() -> None:
    files = {p.name: p.stat().st_size for p in tm.MODEL_DIR.iterdir()}
    config = json.loads((tm.MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    members = {name for k in range(config.get("members", 1)) for name in tm.member_files(k)}
    assert members | {"tokenizer.json", "config.json", "MODEL_CARD.md"} <= set(files)
    assert sum(files.values()) < 50_000_000
    assert shared_model() is shared_model()  # loaded once per process


def test_pipeline_fills_techniques() -> None:
    from claimgraph.pipeline import analyze, build_pipeline

    nlp = build_pipeline(("claimgraph_techniques_v1",))
    text = "These vile, treacherous criminals will bring chaos and terror to every home in America."
    result = analyze(text, nlp=nlp)
    assert not result.errors
    assert all(text[t.start : t.end] == t.text for t in result.techniques)


def _labels_at(found, text: str, phrase: str) -> set[str]:
    start = text.index(phrase)
    return {t.technique for t in found if t.start < start + len(phrase) and t.end > start}


@pytest.mark.shared_data
def test_seed_article_loaded_language_is_found(seed_text: str) -> None:
    assert any(t.technique == "Loaded_Language" for t in find_techniques(seed_text))


@pytest.mark.shared_data
def test_seed_article_phrases_get_the_right_labels(seed_text: str) -> None:
    """TC on the seed's phrases: the classifier half of the model, given the spans."""
    phrases = ["imperialist Putin", "It is accelerating the drive towards World War III."]
    spans = [(seed_text.index(p), seed_text.index(p) + len(p)) for p in phrases]
    labels = [technique for technique, _ in label_spans(seed_text, spans)]
    assert labels == ["Name_Calling,Labeling", "Appeal_to_fear-prejudice"]


@pytest.mark.shared_data
def test_seed_article_imperialist_putin_is_name_calling(seed_text: str) -> None:
    found = find_techniques(seed_text)
    assert "Name_Calling,Labeling" in _labels_at(found, seed_text, "imperialist Putin")


@pytest.mark.shared_data
def test_seed_article_world_war_sentence_detected(seed_text: str) -> None:
    found = find_techniques(seed_text)
    assert "Appeal_to_fear-prejudice" in _labels_at(found, seed_text, "drive towards World War III")


@pytest.mark.shared_data
@pytest.mark.slow
def test_accuracy_gate_on_held_aside_articles() -> None:
    from claimgraph.eval.techniques import evaluate_articles
    from claimgraph.eval import ptc

    folder = shared_path("ptc")
    card = json.loads((tm.MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    held = set(card["held_out_ids"])
    texts = {k: v for k, v in ptc.read_articles(folder / "train-articles").items() if k in held}
    result = evaluate_articles(
        texts, ptc.read_si_labels(folder / "train-task1-SI.labels"),
        ptc.read_tc_labels(folder / "train-task2-TC.labels"),
    )
    assert result["si"]["f1"] >= SI_FLOOR
    assert result["tc"]["micro_f1"] >= TC_FLOOR


# Floors just under the figures measured on all 56 held-aside articles (`evaluate techniques --held-out`;
# the model card reports the report half alone, which chose nothing).
SI_FLOOR = 0.39  # measured 0.4050
TC_FLOOR = 0.60  # measured 0.6130


def test_spans_do_not_start_on_a_possessive_clitic():
    from claimgraph.components.techniques.model import _widen

    text = "Putin’s inability to protect Russia"
    start = text.index("s inability")
    assert text[slice(*_widen(text, start, len(text)))] == "inability to protect Russia"
    text = "the leader's cruel plan"
    assert text[slice(*_widen(text, text.index("s cruel"), len(text)))] == "cruel plan"
    assert _widen("It's", 3, 4) == (3, 4)  # nothing after the clitic: left as it is
    assert _widen("impe", 2, 3) == (0, 4)  # inside a word: widened to the whole word


def _head(seed: int, size: int = 4) -> tm.SpanHead:
    rng = np.random.default_rng(seed)
    return tm.SpanHead(
        w1=rng.normal(size=(6, 2 * size + 2)).astype(np.float32), b1=np.zeros(6, np.float32),
        w2=rng.normal(size=(len(TECHNIQUES), 6)).astype(np.float32), b2=np.zeros(len(TECHNIQUES), np.float32),
    )


def test_ensemble_head_gives_each_member_its_own_features() -> None:
    text, offsets = "one two three", np.asarray([[0, 3], [4, 7], [8, 13]])
    rng = np.random.default_rng(1)
    h1, h2 = rng.normal(size=(3, 4)).astype(np.float32), rng.normal(size=(3, 4)).astype(np.float32)
    a, b = _head(2), _head(3)
    single = [head.probabilities(tm.span_features(h, offsets, text, 0, 7)[None])
              for head, h in ((a, h1), (b, h2))]
    joined = tm.span_features(np.concatenate([h1, h2], axis=1), offsets, text, 0, 7)[None]
    got = tm.EnsembleHead(heads=(a, b)).probabilities(joined)
    assert np.allclose(got, (single[0] + single[1]) / 2, atol=1e-6)
    assert np.allclose(got.sum(), 1.0, atol=1e-5)


def test_ensemble_encoder_averages_logits_and_joins_hidden_vectors() -> None:
    def member(scale: float):
        return lambda ids, mask: (np.full((*ids.shape, 2), scale), np.full(ids.shape, scale))

    ids = np.ones((1, 3), dtype=np.int64)
    hidden, logits = tm.ensemble_encoder([member(1.0), member(3.0)])(ids, ids)
    assert hidden.shape == (1, 3, 4) and hidden[0, 0].tolist() == [1.0, 1.0, 3.0, 3.0]
    assert logits.tolist() == [[2.0, 2.0, 2.0]]
    assert tm.member_files(0) == ("encoder.int8.onnx", "head.npz")
    assert tm.member_files(1) == ("encoder-2.int8.onnx", "head-2.npz")
