from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.errors import DatasetError
from claimgraph.eval.checkthat import parse_checkthat, read_checkthat, score_yes_class
from tests.conftest import shared_path

HEADER = "Sentence_id\tText\tclass_label\n"


def test_reader_splits_two_records_run_together():
    content = HEADER + "1\tFirst one.\tYes\n24098\tWe've got to invest and grow.\tNo29286\tYou can't bring back jobs.\tNo\n"
    items = parse_checkthat(content)
    assert [(i.id, i.text, i.label) for i in items] == [
        ("1", "First one.", True),
        ("24098", "We've got to invest and grow.", False),
        ("29286", "You can't bring back jobs.", False),
    ]


def test_reader_keeps_quotes_and_crlf():
    items = parse_checkthat(HEADER + '7\t"Now, let\'s balance the budget."\tYes\r\n8\tNo tax, 1990.\tNo\r\n')
    assert [i.text for i in items] == ['"Now, let\'s balance the budget."', "No tax, 1990."]
    assert [i.label for i in items] == [True, False]


@pytest.mark.parametrize("bad", ["1\tText without label\n", "x\tText\tYes\n", "1\tText\tMaybe\n", "1\tA\tYes\tjunk\n"])
def test_reader_rejects_broken_lines_with_line_number(bad):
    with pytest.raises(DatasetError, match="line 2"):
        parse_checkthat(HEADER + bad)


def test_reader_rejects_file_without_records(tmp_path):
    path = tmp_path / "empty.tsv"
    path.write_text(HEADER, encoding="utf-8")
    with pytest.raises(DatasetError, match="no CheckThat! records"):
        read_checkthat(path)
    with pytest.raises(DatasetError, match="no CheckThat! file"):
        read_checkthat(tmp_path / "missing.tsv")


_texts = st.text(alphabet=st.characters(blacklist_characters="\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=40)


@given(st.lists(st.tuples(st.integers(0, 10**6), _texts, st.booleans()), min_size=1, max_size=8), st.booleans())
def test_reader_round_trips_records_written_together_or_apart(records, glued):
    lines = [f"{i}\t{t}\t{'Yes' if y else 'No'}" for i, t, y in records]
    content = HEADER + ("".join(lines) if glued else "\n".join(lines)) + "\n"
    items = parse_checkthat(content)
    assert [(int(i.id), i.text, i.label) for i in items] == [(i, t.strip(), y) for i, t, y in records]


def test_score_yes_class_on_hand_built_cases():
    gold = [True, True, True, False, False]
    predicted = [True, False, True, True, False]
    scores = score_yes_class(gold, predicted)
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(2 / 3)
    perfect = score_yes_class([True, False], [True, False])
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    none_predicted = score_yes_class([True, False], [False, False])
    assert (none_predicted.precision, none_predicted.recall, none_predicted.f1) == (0.0, 0.0, 0.0)
    assert score_yes_class([], []).f1 == 0.0
    with pytest.raises(ValueError):
        score_yes_class([True], [])


def test_shared_train_file_has_all_records():
    items = read_checkthat(shared_path("checkthat2024", "CT24_checkworthy_english_train.tsv"))
    assert len(items) == 22_501
    assert sum(i.label for i in items) == 5_413
    assert {"24098", "29286"} <= {i.id for i in items}


def test_cli_evaluate_json(tmp_path):
    path = tmp_path / "small.tsv"
    path.write_text(
        HEADER + "1\tThe unemployment rate fell to 4 percent last year.\tYes\n2\tThank you very much.\tNo\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["evaluate", "checkworthiness", "--checkthat", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert set(scores) == {"precision", "recall", "f1"}
    assert all(0.0 <= value <= 1.0 for value in scores.values())


def test_cli_evaluate_table_and_error(tmp_path):
    path = tmp_path / "small.tsv"
    path.write_text(HEADER + "1\tTaxes went up by 20 percent.\tYes\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "checkworthiness", "--checkthat", str(path)])
    assert result.exit_code == 0, result.output
    assert "precision" in result.stdout and "F1" in result.stdout
    missing = CliRunner().invoke(app, ["evaluate", "checkworthiness", "--checkthat", str(tmp_path / "none.tsv")])
    assert missing.exit_code == 1
    assert "error CG600: no CheckThat! file at" in missing.stderr
