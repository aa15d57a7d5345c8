"""The alignment scorer on hand-built gold and compare/2 documents, the gold file against the readers, and the command."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.eval.alignment import (
    ComparisonFormatError,
    GoldFormatError,
    GoldOffsetError,
    check_offsets,
    normalise_party,
    read_gold,
    score_event,
    summarise,
)
from tests.conftest import ROOT, shared_path

GOLD_FILE = ROOT / "benchmarks" / "gold" / "alignment" / "alignment.jsonl"


def _member(article: str, start: int, end: int, **extra) -> dict:
    return {"article": article, "start": start, "end": end, "text": "x" * (end - start), **extra}


# Three articles a, b, c. Slot 0 (caravan size) in all three and really differing; slot 1 (deaths)
# in a and b, equal; one negative (an age) in a. Gold pairs: 3 + 1 = 4.
GOLD = {
    "event": "toy/1", "dataset": "newswcl50", "part": "select",
    "articles": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    "slots": [
        {"label": "caravan size", "role": "count", "referent": "migrants in the caravan", "unit": "people",
         "differs": True, "kind": "conflict",
         "members": [_member("a", 0, 3), _member("b", 10, 13), _member("c", 20, 23)]},
        {"label": "deaths", "role": "killed", "referent": "people killed", "unit": "people",
         "differs": False, "kind": None, "members": [_member("a", 30, 32), _member("b", 40, 42)]},
    ],
    "negatives": [_member("a", 50, 52, why="age of one person")],
    "blame": [
        _member("a", 60, 66, party="Russia", kind="country", by="author", framing="asserted"),
        _member("b", 70, 76, party="Russia", kind="country", by="Ukraine", framing="attributed",
                aliases=["the Kremlin"]),
        _member("c", 80, 93, party="Islamic State", kind="organisation", by="author", framing="asserted",
                aliases=["ISIS"]),
    ],
}


def _pred(article: str, start: int, end: int, **extra) -> dict:
    return {"article_id": article, "start": start, "end": end, "text": "x", **extra}


def _perfect() -> dict:
    return {
        "schema": "compare/2",
        "articles": [{"id": x} for x in "abc"],
        "slots": [
            {"id": "s0", "label": "size", "verdict": "conflict",
             "members": [_pred("a", 0, 3), _pred("b", 10, 13), _pred("c", 21, 23)]},
            {"id": "s1", "label": "killed", "verdict": "agree", "members": [_pred("a", 30, 32), _pred("b", 40, 42)]},
        ],
        "blame": [
            {"party": "Russia", "members": [_pred("a", 60, 66, framing="asserted"),
                                            _pred("b", 70, 76, framing="attributed")]},
            {"party": "ISIS", "members": [_pred("c", 80, 84, framing="asserted")]},
        ],
        "claims": [],
    }


def _gold(tmp_path: Path, record: dict = GOLD):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return read_gold(path)[0]


def _scores(tmp_path: Path, prediction: dict) -> dict:
    return summarise({"toy/1": score_event(_gold(tmp_path), prediction)})


def test_a_perfect_prediction_scores_one_everywhere(tmp_path):
    scores = _scores(tmp_path, _perfect())
    assert scores["slots"]["precision"] == scores["slots"]["recall"] == scores["slots"]["f1"] == 1.0
    assert scores["slots"]["gold_pairs"] == 4
    assert scores["differences"]["precision"] == 1.0 and scores["differences"]["kind_agreement"] == 1.0
    assert scores["blame"]["precision"] == scores["blame"]["recall"] == 1.0
    assert scores["framing"]["accuracy"] == 1.0
    assert scores["errors"] == []


def test_one_wrong_merge_costs_precision_and_the_merged_pair(tmp_path):
    prediction = _perfect()
    # b's death toll goes into the size slot: pairs a-b, a-c, b-c right, a-b(40), c-b(40) wrong.
    prediction["slots"][0]["members"].append(_pred("b", 40, 42))
    prediction["slots"][1]["members"] = [_pred("a", 30, 32)]
    slots = _scores(tmp_path, prediction)["slots"]
    assert slots["predicted_pairs"] == 5
    assert slots["precision"] == pytest.approx(3 / 5)
    assert slots["recall"] == pytest.approx(3 / 4)
    assert slots["f1"] == pytest.approx(2 * 0.6 * 0.75 / 1.35)


def test_a_missed_slot_costs_recall_only(tmp_path):
    prediction = _perfect()
    del prediction["slots"][1]
    slots = _scores(tmp_path, prediction)["slots"]
    assert slots["precision"] == 1.0 and slots["recall"] == pytest.approx(3 / 4)


def test_a_negative_in_a_slot_is_a_wrong_pair(tmp_path):
    prediction = _perfect()
    prediction["slots"][1]["members"] = [_pred("b", 40, 42), _pred("a", 50, 52)]  # the age, not the toll
    scores = _scores(tmp_path, prediction)
    assert scores["slots"]["precision"] == pytest.approx(3 / 4)
    assert scores["slots"]["recall"] == pytest.approx(3 / 4)
    assert any(e["error"] == "negative in a slot" for e in scores["errors"])


def test_a_false_conflict_halves_the_precision_of_differences(tmp_path):
    prediction = _perfect()
    prediction["slots"][1]["verdict"] = "conflict"
    diffs = _scores(tmp_path, prediction)["differences"]
    assert diffs["reported"] == 2 and diffs["precision"] == 0.5


def test_an_update_for_a_conflict_is_real_but_of_the_wrong_kind(tmp_path):
    prediction = _perfect()
    prediction["slots"][0]["verdict"] = "update"
    diffs = _scores(tmp_path, prediction)["differences"]
    assert diffs["precision"] == 1.0 and diffs["kind_agreement"] == 0.0


def test_a_difference_with_a_stray_figure_is_real_but_not_strict(tmp_path):
    prediction = _perfect()
    prediction["slots"][0]["members"].append(_pred("a", 50, 52))
    diffs = _scores(tmp_path, prediction)["differences"]
    assert diffs["precision"] == 1.0 and diffs["strict_precision"] == 0.0


def test_a_missed_party_costs_recall_and_a_wrong_party_precision(tmp_path):
    prediction = _perfect()
    del prediction["blame"][1]
    prediction["blame"].append({"party": "Ukraine", "members": [_pred("a", 5, 12, framing="asserted")]})
    blame = _scores(tmp_path, prediction)["blame"]
    assert blame["precision"] == pytest.approx(2 / 3) and blame["recall"] == pytest.approx(2 / 3)


def test_a_wrong_framing_is_counted_over_matched_mentions(tmp_path):
    prediction = _perfect()
    prediction["blame"][0]["members"][1]["framing"] = "asserted"
    framing = _scores(tmp_path, prediction)["framing"]
    assert framing["matched"] == 3 and framing["accuracy"] == pytest.approx(2 / 3)


def test_aliases_and_light_normalisation_name_one_party(tmp_path):
    prediction = _perfect()
    prediction["blame"][0]["members"] = [_pred("a", 60, 66, framing="asserted")]
    prediction["blame"].append({"party": "The Kremlin's", "members": [_pred("b", 70, 76, framing="attributed")]})
    assert _scores(tmp_path, prediction)["blame"]["precision"] == 1.0
    assert normalise_party("  The Kremlin’s ") == "kremlin"
    assert normalise_party("Islamic-State") == "islamic state"


def test_article_ids_are_mapped_to_the_gold(tmp_path):
    prediction = json.loads(json.dumps(_perfect()).replace('"article_id": "a"', '"article_id": "h1"'))
    counts = score_event(_gold(tmp_path), prediction, {"h1": "a", "b": "b", "c": "c"})
    assert summarise({"t": counts})["slots"]["f1"] == 1.0


def test_a_comparison_of_another_schema_is_refused(tmp_path):
    with pytest.raises(ComparisonFormatError):
        score_event(_gold(tmp_path), {"schema": "compare/1"})


def test_a_malformed_gold_line_names_its_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    broken = copy.deepcopy(GOLD)
    del broken["slots"][0]["differs"]
    path.write_text(json.dumps(GOLD) + "\n\n" + json.dumps(broken) + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"gold.jsonl:3: .*'differs'") as caught:
        read_gold(path)
    assert caught.value.code == "CG603"
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="gold.jsonl:1"):
        read_gold(path)


def test_offsets_that_miss_their_text_are_refused(tmp_path):
    event = _gold(tmp_path)
    texts = {x: "x" * 100 for x in "abc"}
    check_offsets(event, texts)
    texts["b"] = "y" * 100
    with pytest.raises(GoldOffsetError, match="article b"):
        check_offsets(event, texts)


# -- the gold file and the command, against the shared data ----------------------------
def test_the_gold_file_offsets_match_the_readers_texts():
    from claimgraph.eval.alignment import gold_texts

    data = shared_path()
    events = read_gold(GOLD_FILE)
    docs = gold_texts(events, data)
    for event in events:
        check_offsets(event, {a: docs[a].text for a in event.article_ids})
    assert {e.dataset for e in events} == {"newswcl50", "ecbplus"}
    assert {e.part for e in events} == {"select", "aside"}
    assert len({e.event for e in events}) == len(events)


def test_the_command_scores_one_small_event(tmp_path):
    from claimgraph import corpus

    if not hasattr(corpus, "compare_articles"):
        pytest.skip("claimgraph.corpus.compare_articles (compare/2) is not in this claimgraph yet")
    data = shared_path()
    events = [json.loads(line) for line in GOLD_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    small = min((e for e in events if e["dataset"] == "ecbplus"), key=lambda e: len(e["articles"]))
    small = {**small, "part": "aside"}
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(small) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "alignment", "--gold", str(path), "--data", str(data),
                                      "--part", "aside", "--profile", "fast", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["events"] == 1 and set(scores) >= {"slots", "differences", "blame", "framing", "errors"}


def test_the_library_maps_analyses_back_to_the_gold_articles(tmp_path):
    """The real readers and pipeline on one small event, with an oracle comparison built from the gold."""
    from claimgraph.eval.alignment import evaluate_alignment

    data = shared_path()
    record = next(json.loads(line) for line in GOLD_FILE.read_text(encoding="utf-8").splitlines()
                  if '"ecbplus/16ecb"' in line)
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    gold_ids = [a["id"] for a in record["articles"]]

    def oracle(analyses, event_id):
        ids = dict(zip(gold_ids, (a.article.id for a in analyses)))
        assert event_id == "ecbplus/16ecb" and len(ids) == 3

        def member(m, **extra):
            return {"article_id": ids[m["article"]], "start": m["start"], "end": m["end"], "text": m["text"], **extra}

        slots = [{"id": str(i), "label": s["label"], "verdict": "conflict" if s["differs"] else "agree",
                  "members": [member(m) for m in s["members"]]} for i, s in enumerate(record["slots"])]
        blame = [{"party": b["party"], "members": [member(b, framing=b["framing"])]} for b in record["blame"]]
        return {"schema": "compare/2", "articles": [], "slots": slots, "blame": blame, "claims": []}

    result = evaluate_alignment(path, data, part="all", profile="fast", compare=oracle)
    assert result["slots"]["f1"] == 1.0 and result["blame"]["recall"] == 1.0 and result["framing"]["accuracy"] == 1.0
    assert result["errors"] == []
