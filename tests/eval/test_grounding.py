from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.components.quantities._roles import ROLES
from claimgraph.errors import DatasetError
from claimgraph.eval.grounding import (
    GoldQuantity,
    GoldTime,
    evaluate_grounding,
    load_quantity_gold,
    load_time_gold,
    score_quantities,
    score_times,
)
from claimgraph.model import TIME_PRECISIONS, Quantity, TimeExpression

from tests.conftest import shared_path

DATA = Path(__file__).resolve().parents[1] / "data"
QUANTITY_GOLD = DATA / "quantities_gold.jsonl"
TIME_GOLD = DATA / "times_gold.jsonl"

#: Floors a little under the figures in benchmarks/results/quantities-times.md.
QUANTITY_FLOORS = {"detected": 0.95, "value": 0.95, "low_high": 0.95, "unit": 0.85,
                   "role": 0.90, "approximate": 0.95, "negatives_rejected": 0.90}
TIME_FLOORS = {"detected": 0.95, "value": 0.95, "precision": 0.95}


def test_gold_sets_are_big_enough_and_well_formed():
    quantities, times = load_quantity_gold(QUANTITY_GOLD), load_time_gold(TIME_GOLD)
    assert len(quantities) >= 100 and len(times) >= 100
    assert len({g.id for g in quantities}) == len(quantities)
    for g in quantities:
        assert g.end > g.start and len(g.context) <= 200  # short snippets only
        if g.quantity:
            assert g.role in ROLES and g.value is not None
    for g in times:
        assert g.precision in TIME_PRECISIONS and len(g.context) <= 200
    assert sum(1 for g in times if g.published is None) >= 20  # PTC: year unknown
    assert {g.article.split("/")[0] for g in [*quantities, *times]} == {"polnear", "ptc"}


def test_gold_offsets_match_the_articles():
    root = shared_path()
    for g in [*load_quantity_gold(QUANTITY_GOLD), *load_time_gold(TIME_GOLD)]:
        text = (root / g.article).read_text(encoding="utf-8")
        assert text[g.start:g.end] == g.text, g.id


def test_score_quantities_counts_fields_and_negatives():
    gold = [
        GoldQuantity(id="a", article="x", published=None, start=0, end=2, text="60", quantity=True,
                     value=60, low=60, unit="people", role="injured"),
        GoldQuantity(id="b", article="x", published=None, start=10, end=14, text="2016", quantity=False),
        GoldQuantity(id="c", article="x", published=None, start=20, end=22, text="12", quantity=True,
                     value=12, unit="people", role="other", approximate=True),
    ]
    predicted = {"x": [
        Quantity(start=0, end=2, text="60", value=60, low=60, unit="people", role="fatalities"),
        Quantity(start=10, end=14, text="2016", value=2016),
    ]}
    report = score_quantities(gold, predicted)
    assert report["detected"] == 0.5 and report["value"] == 0.5 and report["role"] == 0.0
    assert report["negatives_rejected"] == 0.0 and report["detection_accuracy"] == round(1 / 3, 4)


def test_score_times():
    gold = [GoldTime(id="t", article="x", published="2024-03-27", start=0, end=8, text="March 22",
                     value="2024-03-22", precision="day"),
            GoldTime(id="u", article="x", published=None, start=20, end=26, text="Friday",
                     value=None, precision="unknown")]
    predicted = {"x": [TimeExpression(start=0, end=8, text="March 22", value="2024-03-22", precision="day")]}
    report = score_times(gold, predicted)
    assert report == {"items": 2, "with_published_date": 1, "detected": 0.5, "value": 0.5,
                      "precision": 0.5, "value_and_precision": 0.5}


def test_bad_gold_files_raise_dataset_errors(tmp_path):
    with pytest.raises(DatasetError, match="does not exist"):
        load_time_gold(tmp_path / "missing.jsonl")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x"\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="not valid JSON"):
        load_time_gold(broken)
    partial = tmp_path / "partial.jsonl"
    partial.write_text(json.dumps({"id": "x", "article": "a"}) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="lacks a field"):
        load_quantity_gold(partial)


@pytest.mark.slow
@pytest.mark.shared_data
def test_accuracy_gate():
    report = evaluate_grounding(shared_path(), QUANTITY_GOLD, TIME_GOLD)
    assert report["errors"] == 0
    for field, floor in QUANTITY_FLOORS.items():
        assert report["quantities"][field] >= floor, (field, report["quantities"])
    for field, floor in TIME_FLOORS.items():
        assert report["times"][field] >= floor, (field, report["times"])
