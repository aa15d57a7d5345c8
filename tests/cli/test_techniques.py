"""``claimgraph techniques detect/classify`` and ``claimgraph evaluate techniques``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.eval import ptc
from claimgraph.model import TECHNIQUES
from tests.conftest import shared_path

runner = CliRunner()
IDS = ("111111111", "111111112")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Two PTC articles and their gold labels, copied to a temporary folder."""
    source = shared_path("ptc")
    folder = tmp_path_factory.mktemp("ptc")
    (folder / "articles").mkdir()
    for article_id in IDS:
        shutil.copy(source / "train-articles" / f"article{article_id}.txt", folder / "articles")
    for name in ("train-task1-SI.labels", "train-task2-TC.labels"):
        lines = (source / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / name).write_text("".join(l for l in lines if l.split("\t")[0] in IDS), encoding="utf-8")
    return folder


@pytest.mark.shared_data
def test_detect_writes_si_lines(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "si.txt"
    result = runner.invoke(app, ["techniques", "detect", "--articles", str(corpus / "articles"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    texts = ptc.read_articles(corpus / "articles")
    predicted = ptc.read_si_labels(out)
    for span in predicted:
        assert span.article_id in IDS and 0 <= span.start < span.end <= len(texts[span.article_id])
    for article_id in IDS:  # the official scorer rejects overlapping spans
        spans = [(s.start, s.end) for s in predicted if s.article_id == article_id]
        assert ptc.merge_spans(spans) == sorted(spans)


@pytest.mark.shared_data
def test_classify_writes_one_tc_line_per_span(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "tc.txt"
    spans = corpus / "train-task2-TC.labels"
    result = runner.invoke(app, [
        "techniques", "classify", "--articles", str(corpus / "articles"), "--spans", str(spans), "-o", str(out),
    ])
    assert result.exit_code == 0, result.output
    gold, predicted = ptc.read_tc_labels(spans), ptc.read_tc_labels(out)
    assert [(s.article_id, s.start, s.end) for s in predicted] == [(s.article_id, s.start, s.end) for s in gold]
    assert all(s.technique in TECHNIQUES for s in predicted)


@pytest.mark.shared_data
def test_evaluate_json(corpus: Path) -> None:
    result = runner.invoke(app, [
        "evaluate", "techniques", "--articles", str(corpus / "articles"),
        "--si-labels", str(corpus / "train-task1-SI.labels"),
        "--tc-labels", str(corpus / "train-task2-TC.labels"), "--json",
    ])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] == 2
    assert 0.0 <= data["si"]["f1"] <= 1.0 and 0.0 <= data["tc"]["micro_f1"] <= 1.0
    assert set(data["tc_per_technique_f1"]) == set(TECHNIQUES)


@pytest.mark.shared_data
def test_half_without_its_articles_is_a_one_line_error(corpus: Path) -> None:
    result = runner.invoke(app, [
        "evaluate", "techniques", "--articles", str(corpus / "articles"),
        "--si-labels", str(corpus / "train-task1-SI.labels"),
        "--tc-labels", str(corpus / "train-task2-TC.labels"), "--half", "report",
    ])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"error CG600: none of the model's held-aside articles is in {corpus / 'articles'}"
    )


def test_the_held_aside_halves_split_the_held_aside_articles() -> None:
    from claimgraph.cli.evaluate import Half, _held_out_ids

    select, report = set(_held_out_ids(Half.select)), set(_held_out_ids(Half.report))
    assert select and report and not select & report
    assert select | report == set(_held_out_ids())


def test_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["techniques", "detect", "--articles", str(tmp_path / "nope"), "-o", "x"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"error CG600: {tmp_path / 'nope'} is not a folder: pass the folder holding article<ID>.txt files"
    )


def test_span_file_naming_an_unknown_article(tmp_path: Path) -> None:
    (tmp_path / "article7.txt").write_text("Some text here.", encoding="utf-8")
    spans = tmp_path / "spans.txt"
    spans.write_text("8\t?\t0\t4\n", encoding="utf-8")
    result = runner.invoke(app, [
        "techniques", "classify", "--articles", str(tmp_path), "--spans", str(spans), "-o", str(tmp_path / "o"),
    ])
    assert result.exit_code == 1
    assert "error CG600: span file names article '8', which is not among the articles" in result.output


def test_train_without_data_says_where_to_point(tmp_path: Path) -> None:
    result = runner.invoke(app, ["train", "techniques", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"error CG600: {tmp_path} holds no train-articles/ folder: pass --data path/to/ptc"
    )


def test_every_command_and_setting_is_documented() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "techniques.md").read_text(encoding="utf-8")
    for needle in ("claimgraph techniques detect", "claimgraph techniques classify",
                   "claimgraph evaluate techniques", "claimgraph train techniques", "--held-out",
                   "min_label_probability", "--threads", "--seed", "--epochs", "--members", "--half"):
        assert needle in docs, needle
