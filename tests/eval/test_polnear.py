"""PolNeAR reader, span metrics and ``claimgraph evaluate attribution``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.eval.polnear import (
    predicted_units,
    read_ann,
    read_polnear,
    score_articles,
)
from claimgraph.eval.spans import exact_counts, overlap_counts, prf, token_offsets
from claimgraph.model import Attribution, Cue, Source, Span
from tests.conftest import shared_path

TEXT = "“We will win,” she said. “No doubt.” Officials said that the plan failed.\n"
# she=15..18, said=19..23, contents 0..14 and 25..36; Officials 37..46 said 47..51 content 52..72
ANN = (
    "T1\tSource 15 18\tshe\n"
    "T2\tCue 19 23\tsaid\n"
    "T3\tContent 0 14;25 36\t“We will win,” “No doubt.”\n"
    "T4\tAttribution 19 23\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "T5\tCue 47 51\tsaid\n"
    "T6\tContent 52 72\tthat the plan failed\n"
    "T7\tAttribution-no-source 47 51\tsaid\n"
    "E2\tAttribution-no-source:T7 Cue:T5 Content:T6\n"
    "#1\tAnnotatorNotes T6\ta note\n"
    "T8\tDiscuss 0 5\ta span whose text\n"
    "runs over two lines\n"
)


def _folder(tmp_path: Path, annotators: tuple[str, ...] = ("ab12",)) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "art.txt").write_text(TEXT, encoding="utf-8")
    for name in annotators:
        (tmp_path / "attributions" / f"art_{name}.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def _att(text: str, source: tuple[int, int] | None, cue: tuple[int, int], content: tuple[int, int], n: int) -> Attribution:
    return Attribution(
        id=f"a{n}",
        source=Source(start=source[0], end=source[1], text=text[source[0]:source[1]], kind="person") if source else None,
        cue=Cue(start=cue[0], end=cue[1], text=text[cue[0]:cue[1]], cue_class="neutral"),
        content=Span(start=content[0], end=content[1], text=text[content[0]:content[1]]),
        certainty=0.6,
    )


def test_read_ann_handles_discontinuous_no_source_and_notes(tmp_path: Path) -> None:
    annotation = read_ann(_folder(tmp_path) / "attributions" / "art_ab12.ann")
    assert len(annotation.attributions) == 2
    first, second = annotation.attributions
    assert first.content == ((0, 14), (25, 36))
    assert first.source == ((15, 18),)
    assert second.source is None
    assert TEXT[52:72] == "that the plan failed"


def test_gold_predictions_score_one(tmp_path: Path) -> None:
    articles = list(read_polnear(_folder(tmp_path)))
    perfect = [
        _att(TEXT, (15, 18), (19, 23), (0, 14), 1), _att(TEXT, (15, 18), (19, 23), (25, 36), 2),
        _att(TEXT, None, (47, 51), (52, 72), 3),
    ]
    scores = score_articles(articles, lambda texts: [perfect for _ in texts])
    for view in ("exact", "overlap"):
        for role in ("source", "cue", "content"):
            assert scores[view][role] == {"p": 1.0, "r": 1.0, "f1": 1.0}


def test_predicted_units_merge_content_that_shares_a_cue() -> None:
    units = predicted_units([_att(TEXT, (15, 18), (19, 23), (25, 36), 1), _att(TEXT, (15, 18), (19, 23), (0, 14), 2)])
    assert units["content"] == {((0, 14), (25, 36))}
    assert units["source"] == {((15, 18),)}


def test_several_annotators_are_averaged(tmp_path: Path) -> None:
    articles = list(read_polnear(_folder(tmp_path, ("aa11", "bb22"))))
    assert len(articles[0].annotations) == 2
    half = [_att(TEXT, None, (47, 51), (52, 72), 1)]
    scores = score_articles(articles, lambda texts: [half for _ in texts])
    assert scores["exact"]["cue"]["p"] == 1.0
    assert scores["exact"]["cue"]["r"] == 0.5


def test_exact_and_overlap_counts() -> None:
    text = "Officials said that the plan failed"
    gold = {((15, 35),)}
    assert exact_counts({((15, 35),)}, gold).tp_pred == 1
    assert exact_counts({((20, 35),)}, gold).tp_pred == 0
    counts = overlap_counts(text, {((20, 35),)}, gold)
    assert (counts.tp_pred, counts.pred, counts.gold) == (3, 3, 4)
    assert prf(0, 0, 0, 0) == {"p": 0.0, "r": 0.0, "f1": 0.0}


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=5),
       st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=5))
def test_overlap_scores_stay_in_range(text: str, pred: list, gold: list) -> None:
    units = lambda pairs: {((min(a, b), max(a, b)),) for a, b in pairs}  # noqa: E731
    scores = overlap_counts(text, units(pred), units(gold)).scores()
    assert all(0.0 <= v <= 1.0 for v in scores.values())
    assert all(0 <= s < e <= len(text) for s, e in token_offsets(text))


def test_cli_rejects_a_folder_that_is_not_polnear(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["evaluate", "attribution", "--polnear", str(tmp_path), "--json"])
    assert result.exit_code == 1
    assert "error CG601" in result.output


def test_cli_json_on_a_small_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["evaluate", "attribution", "--polnear", str(_folder(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"exact", "overlap"}
    assert set(data["exact"]) == {"source", "cue", "content"}
    assert set(data["overlap"]["cue"]) == {"p", "r", "f1"}


#: Floors just under what the shipped models measure on PolNeAR dev
#: (benchmarks/results/attribution.md), per profile; they guard against silent erosion.
DEV_FLOORS = {
    "fast": {  # measured F1: 0.735, 0.682, 0.511 / 0.761, 0.635, 0.834
        ("exact", "source"): 0.73, ("exact", "cue"): 0.675, ("exact", "content"): 0.505,
        ("overlap", "source"): 0.755, ("overlap", "cue"): 0.63, ("overlap", "content"): 0.83,
    },
    "full": {  # measured F1: 0.780, 0.714, 0.534 / 0.804, 0.701, 0.864
        ("exact", "source"): 0.775, ("exact", "cue"): 0.705, ("exact", "content"): 0.53,
        ("overlap", "source"): 0.80, ("overlap", "cue"): 0.695, ("overlap", "content"): 0.86,
    },
}


@pytest.mark.slow
@pytest.mark.shared_data
@pytest.mark.parametrize("profile", sorted(DEV_FLOORS))
def test_accuracy_gate_on_polnear_dev(profile: str) -> None:
    from claimgraph.eval.polnear import evaluate_polnear

    scores = evaluate_polnear(shared_path("polnear", "dev"), profile=profile)
    for (view, role), floor in DEV_FLOORS[profile].items():
        assert scores[view][role]["f1"] >= floor, (view, role, scores[view][role])


def test_unknown_profile_is_a_clear_error(tmp_path: Path) -> None:
    from claimgraph.errors import DatasetError
    from claimgraph.eval.polnear import evaluate_polnear

    with pytest.raises(DatasetError, match="choose from full, fast"):
        evaluate_polnear(_folder(tmp_path), profile="turbo")


@pytest.mark.slow
@pytest.mark.shared_data
def test_cli_train_tagger_on_a_subset(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from claimgraph.components.attribution.tagger import load_tagger

    out = tmp_path / "tagger"
    result = CliRunner().invoke(app, ["train", "attribution", "--model", "encoder", "--polnear",
                                      str(shared_path("polnear", "train")), "--out", str(out),
                                      "--limit", "4", "--epochs", "1", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert set(summary["blend"]) == {"cue", "threshold", "roles", "extend", "trim", "fallback"}
    config = json.loads((out / "config.json").read_text())
    assert config["train_articles"] == 4 and config["blend"] == summary["blend"]
    assert "Model card" in (out / "MODEL_CARD.md").read_text()
    tagger = load_tagger(out)
    assert tagger.blend.threshold == summary["blend"]["threshold"]
    _, probs = tagger.piece_probabilities("Officials said the bridge would reopen.")
    assert probs.shape[1] == 3 and ((probs >= 0) & (probs <= 1)).all()


def test_cli_table_on_a_small_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["evaluate", "attribution", "--polnear", str(_folder(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "content" in result.output and "exact F1" in result.output


def test_train_attribution_is_registered() -> None:
    result = CliRunner().invoke(app, ["train", "attribution", "--help"])
    assert result.exit_code == 0
    assert "--polnear" in result.output
