"""The attribution tagger: piece-to-token mapping, and how its probabilities enter the search.

The blend tests use hand-set probabilities, so they test the search, not the shipped weights."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.components.attribution._spans import Tags
from claimgraph.components.attribution.component import load_models, records_from_doc
from claimgraph.components.attribution.tagger import ROLES, Blend, token_probabilities
from claimgraph.pipeline import load_language

SOURCE, CUE, CONTENT = (ROLES.index(r) for r in ("source", "cue", "content"))


@pytest.fixture(scope="module")
def parse():
    nlp = load_language()
    return lambda text: nlp(text)


@pytest.fixture(scope="module")
def models():
    cue, roles, threshold, ends = load_models()
    return lambda doc, tags=None: records_from_doc(doc, cue, roles, threshold, ends, tags)


def test_token_probabilities_average_the_pieces_of_each_token(parse) -> None:
    doc = parse("Officials said unbelievable")
    # pieces: "officials" | "said" | "un" "##believ" "##able"
    offsets = np.asarray([(0, 9), (10, 14), (15, 17), (17, 23), (23, 27)])
    probs = np.asarray([[0.9, 0, 0], [0, 0.8, 0], [0, 0, 0.2], [0, 0, 0.4], [0, 0, 0.9]], dtype=np.float32)
    out = token_probabilities(doc, offsets, probs)
    assert out.shape == (3, 3)
    assert out[0, SOURCE] == pytest.approx(0.9) and out[1, CUE] == pytest.approx(0.8)
    assert out[2, CONTENT] == pytest.approx(0.5)


def test_token_probabilities_of_an_empty_text(parse) -> None:
    doc = parse("")
    assert token_probabilities(doc, np.zeros((0, 2), dtype=np.int64), np.zeros((0, 3))).shape == (0, 3)


def test_a_zero_blend_changes_nothing(parse, models) -> None:
    doc = parse("The minister said in a statement that the bridge would reopen in May.")
    probs = np.random.default_rng(0).random((len(doc), 3)).astype(np.float32)
    _, _, threshold, _ = load_models()
    assert models(doc, Tags(probs, Blend(threshold=threshold))) == models(doc)


def test_a_cue_runs_on_over_neighbours_the_tagger_puts_in_it(parse, models) -> None:
    doc = parse("The minister said in a statement on Monday that the bridge would reopen in May.")
    probs = np.zeros((len(doc), 3), dtype=np.float32)
    for token in doc:
        if token.text in {"said", "in", "a", "statement"}:
            probs[token.i, CUE] = 0.9
    _, _, threshold, _ = load_models()
    plain = [a for a in models(doc) if "said" in a.cue.text]
    assert plain and plain[0].cue.text == "said"
    extended = models(doc, Tags(probs, Blend(threshold=threshold, extend=0.5)))
    att = next(a for a in extended if "said" in a.cue.text)
    assert att.cue.text == "said in a statement"
    assert att.content.text == "that the bridge would reopen in May"


def test_the_tagger_can_raise_a_cue_the_model_missed(parse, models) -> None:
    doc = parse("Clinton is convinced the plan will fail.")
    probs = np.zeros((len(doc), 3), dtype=np.float32)
    probs[[t.i for t in doc if t.text == "convinced"], CUE] = 0.99
    probs[[t.i for t in doc if t.text == "Clinton"], SOURCE] = 0.99
    probs[[t.i for t in doc if t.i > 2 and not t.is_punct], CONTENT] = 0.99
    tagged = models(doc, Tags(probs, Blend(cue=1.0, threshold=0.5, roles=1.0)))
    att = next(a for a in tagged if "convinced" in a.cue.text)
    assert att.source is not None and att.source.text == "Clinton"
    assert att.content.text == "the plan will fail"
    low = np.zeros_like(probs)
    assert not [a for a in models(doc, Tags(low, Blend(cue=1.0, threshold=0.5))) if "convinced" in a.cue.text]


def test_trim_drops_edge_words_the_tagger_puts_outside_the_role(parse, models) -> None:
    doc = parse("Officials said the plan failed badly, according to the report.")
    _, _, threshold, _ = load_models()
    plain = next(a for a in models(doc) if a.cue.text == "said")
    probs = np.zeros((len(doc), 3), dtype=np.float32)
    for token in doc:
        probs[token.i, CONTENT] = 0.9 if 2 <= token.i <= 4 else 0.05  # the plan failed
        probs[token.i, SOURCE] = 0.9 if token.text == "Officials" else 0.0
    trimmed = next(a for a in models(doc, Tags(probs, Blend(threshold=threshold, trim=0.2))) if a.cue.text == "said")
    assert plain.content.text.startswith("the plan failed")
    assert trimmed.content.text == "the plan failed"
    assert trimmed.source is not None and trimmed.source.text == "Officials"


def test_a_cue_the_parse_leaves_without_content_takes_the_tagged_run(parse, models) -> None:
    doc = parse("The minister said in a statement that the bridge would reopen in May.")
    assert not [a for a in models(doc) if "said" in a.cue.text]  # the clause hangs on "statement"
    probs = np.zeros((len(doc), 3), dtype=np.float32)
    start = next(t.i for t in doc if t.text == "that")
    probs[start:len(doc) - 1, CONTENT] = 0.9
    _, _, threshold, _ = load_models()
    found = models(doc, Tags(probs, Blend(threshold=threshold, fallback=0.8)))
    att = next(a for a in found if "said" in a.cue.text)
    assert att.content.text == "that the bridge would reopen in May"
    assert not [a for a in models(doc, Tags(probs, Blend(threshold=threshold, fallback=0.95)))
                if "said" in a.cue.text]


def test_a_cue_after_its_quotation_takes_the_tagged_quotation_of_the_sentence_before(parse, models) -> None:
    text = "“We will win this state.” Weaver said."
    doc = parse(text)
    probs = np.zeros((len(doc), 3), dtype=np.float32)
    said = next(t for t in doc if t.text == "said")
    if said.sent.start == 0:
        pytest.skip("the parser kept the quotation in the cue's sentence")
    probs[:said.sent.start, CONTENT] = 0.9
    _, _, threshold, _ = load_models()
    found = models(doc, Tags(probs, Blend(threshold=threshold, fallback=0.8)))
    att = next(a for a in found if a.cue.text == "said")
    assert att.content.text == "“We will win this state.”"
    assert att.source is not None and att.source.text == "Weaver"


def test_a_missing_tagger_folder_is_a_clear_error(tmp_path) -> None:
    from claimgraph.components.attribution.tagger import load_tagger
    from claimgraph.errors import ModelMissingError

    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelMissingError, match=r"lacks encoder.int8.onnx, tokenizer.json: .*"
                                                r"claimgraph train attribution --model encoder"):
        load_tagger(tmp_path)
