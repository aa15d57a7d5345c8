"""The attribution component: hand-built sentences, bad input, and the seed article."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pathlib import Path

from claimgraph.components.attribution._features import quote_regions
from claimgraph.model import CUE_CLASSES, SOURCE_KINDS
from claimgraph.pipeline import analyze, build_pipeline

#: Each test runs with both attribution components: the lexical one (``fast`` profile)
#: and the one with the attribution tagger blended in (``full`` profile).
ATTRIBUTION_COMPONENTS = ("claimgraph_attribution_v1", "claimgraph_attribution_encoder_v1")


@pytest.fixture(scope="module", params=ATTRIBUTION_COMPONENTS)
def small_nlp(request):
    return build_pipeline(("claimgraph_checkworthiness_v1", request.param, "claimgraph_claims_v1"))


def _attributions(nlp, text: str):
    return analyze(text, nlp=nlp).attributions


def _assert_well_formed(text: str, attributions) -> None:
    for att in attributions:
        spans = [att.cue, att.content] + ([att.source] if att.source else [])
        for span in spans:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start:span.end] == span.text
        assert att.cue.cue_class in CUE_CLASSES
        assert att.source is None or att.source.kind in SOURCE_KINDS
        assert 0.0 <= att.certainty <= 1.0


def _find(attributions, cue_word: str):
    found = [a for a in attributions if cue_word in a.cue.text]
    assert found, [(a.cue.text, a.content.text) for a in attributions]
    return found[0]


def test_indirect_speech_with_that(small_nlp) -> None:
    att = _find(_attributions(small_nlp, "The minister said that the bridge would reopen in May."), "said")
    assert att.source.text == "The minister"
    assert att.content.text == "that the bridge would reopen in May"
    assert att.cue.cue_class == "neutral"


def test_direct_quote_after_the_cue(small_nlp) -> None:
    text = "Spokeswoman Haley Morris says the candidate has “always run a lean campaign.”"
    att = _find(_attributions(small_nlp, text), "says")
    assert att.source.text == "Spokeswoman Haley Morris"
    assert att.content.text.endswith("campaign.”")
    assert att.source.kind == "person"


def test_quote_before_the_cue(small_nlp) -> None:
    text = "“We will not back down,” said Mayor Anne Hidalgo."
    att = _find(_attributions(small_nlp, text), "said")
    assert "Hidalgo" in att.source.text
    assert att.content.text.startswith("“We will not back down")


def test_according_to(small_nlp) -> None:
    text = "According to the World Health Organization, the outbreak has slowed."
    att = _find(_attributions(small_nlp, text), "According")
    assert att.source.text == "the World Health Organization"
    assert "outbreak has slowed" in att.content.text


def test_distancing_and_endorsing_cues(small_nlp) -> None:
    text = "The company claims that its product is safe. But the study revealed that it was not."
    atts = _attributions(small_nlp, text)
    assert _find(atts, "claims").cue.cue_class == "distancing"
    assert _find(atts, "revealed").cue.cue_class == "endorsing"


def test_agentless_passive_has_no_source(small_nlp) -> None:
    atts = _attributions(small_nlp, "It was claimed that the vote had been rigged.")
    att = _find(atts, "claimed")
    assert att.source is None
    assert [a.content.text for a in atts] == ["that the vote had been rigged"]
    assert att.cue.cue_class == "distancing"


def test_speech_continued_in_the_next_sentence(small_nlp) -> None:
    atts = _attributions(small_nlp, '"We are ready," he added. "The army is in place."')
    assert [a.content.text for a in atts if "added" in a.cue.text] == [
        '"We are ready,"', '"The army is in place."']


def test_speech_continued_after_the_rest_of_the_cue_sentence(small_nlp) -> None:
    text = "“I’m a free American,” he told Fox 35 in Orlando. “I can do what I like with my possessions.”"
    atts = [a for a in _attributions(small_nlp, text) if "told" in a.cue.text]
    assert [a.content.text for a in atts] == [
        "“I’m a free American,”", "“I can do what I like with my possessions.”"]


def test_a_quotation_of_several_sentences_is_one_content(small_nlp) -> None:
    text = '"Wow, what a great idea. Nobody has ever suggested that to me," the senator said.'
    att = _find(_attributions(small_nlp, text), "said")
    assert att.content.text == '"Wow, what a great idea. Nobody has ever suggested that to me,"'


def test_no_span_crosses_a_line_break(small_nlp) -> None:
    text = ("He said the party was committed to an open process\n\n"
            "“Both of our campaigns will be represented,” she said in a statement")
    atts = _attributions(small_nlp, text)
    assert atts
    for att in atts:
        for span in (att.cue, att.content, att.source):
            assert span is None or "\n" not in span.text, span


def test_trailing_cut_points_lie_inside_the_segment(small_nlp) -> None:
    from claimgraph.components.attribution._ends import cut_points

    doc = small_nlp("She denied the accusations through a spokeswoman, calling them absurd.")
    said = next(t for t in doc if t.lemma_ == "deny")
    seg = [t.i for t in doc if t.i > said.i and not t.is_punct]
    points = list(cut_points(doc, seg))
    assert points
    for start, head, level in points:
        assert seg[0] < start <= seg[-1] and head.i in seg and level in {"root", "child"}


def test_unnamed_source_is_anonymous(small_nlp) -> None:
    att = _find(_attributions(small_nlp, "Officials said that the talks had failed."), "said")
    assert att.source.kind == "anonymous"
    att = _find(_attributions(small_nlp, "A source close to the president said the deal was dead."), "said")
    assert att.source.kind == "anonymous"


def test_pronoun_source_is_resolved_to_an_earlier_speaker(small_nlp) -> None:
    text = ("Senator Elizabeth Warren said that the bill was unfair. "
            "She added that she would vote against it.")
    att = _find(_attributions(small_nlp, text), "added")
    assert att.source.text == "She"
    assert att.source.resolved is not None and "Warren" in att.source.resolved


def test_nominal_cue_with_possessor(small_nlp) -> None:
    text = "This made Russia's claim of Ukrainian involvement clearer to all."
    att = _find(_attributions(small_nlp, text), "claim")
    assert att.source.text == "Russia"
    assert att.cue.cue_class == "distancing"


def test_a_lone_relative_pronoun_is_no_content(small_nlp) -> None:
    text = "The men hired drivers who they said would take them to the border."
    found = _attributions(small_nlp, text)
    _assert_well_formed(text, found)
    contents = [att.content.text for att in found if att.content]
    assert "who" not in contents
    assert "would take them to the border" in contents


def test_quote_regions_pair_curly_straight_and_paragraphs() -> None:
    text = "“One,” he said. \"Two\" and ''three'' here.\n\n“Four runs on\n\n“and on.”"
    regions = quote_regions(text)
    assert text[regions[0][0]:regions[0][1]] == "“One,”"
    assert text[regions[1][0]:regions[1][1]] == '"Two"'
    assert text[regions[2][0]:regions[2][1]] == "''three''"
    assert all(0 <= s < e <= len(text) for s, e in regions)
    assert any(text[s:e] == "“Four runs on" for s, e in regions)


BAD_INPUTS = {
    "unbalanced": "He said “this never ends. And she said that it did.",
    "mixed": "She said “it is done\" and he said \"no it is not”.",
    "over paragraphs": "“First paragraph of the quote.\n\n“Second paragraph,” the mayor said.\n\nThen nothing.",
    "nested": "He said “she told me ‘I will go’ and then left” yesterday.",
    "long sentence": "The official said that " + " and ".join(["the plan failed"] * 170) + ".",
    "no punctuation": " ".join(["officials said the mayor claimed the town was safe"] * 30),
    "only quotes": "“”“”\"\"''",
    "empty-ish": " \n ",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_never_crashes_or_escapes_the_text(small_nlp, name: str) -> None:
    text = BAD_INPUTS[name]
    analysis = analyze(text, nlp=small_nlp)
    assert not [e for e in analysis.errors if e.stage != "pipeline"], analysis.errors
    _assert_well_formed(text, analysis.attributions)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["He", "said", "that", "“", "”", '"', "'", ",", ".", "\n\n", "the",
                                 "minister", "claimed", "according", "to", "officials", ":", "—"]),
                max_size=40))
def test_random_text_spans_stay_inside(small_nlp, words: list[str]) -> None:
    text = " ".join(words)
    analysis = analyze(text, nlp=small_nlp)
    assert not analysis.errors
    _assert_well_formed(text, analysis.attributions)


def test_seed_article_attributions(small_nlp, seed_text: str) -> None:
    atts = analyze(seed_text, nlp=small_nlp).attributions
    _assert_well_formed(seed_text, atts)
    expected = {  # source word, cue word -> acceptable classes
        ("government", "claims"): {"distancing"},
        ("Russia", "show"): {"endorsing"},
        ("officials", "warned"): {"neutral", "endorsing"},
        ("Atlantic Council", "brags"): {"distancing"},
        ("Tajiks", "told"): {"neutral"},
        ("leadership", "revealed"): {"endorsing"},
    }
    for (source_word, cue_word), classes in expected.items():
        hits = [a for a in atts if cue_word in a.cue.text and a.source is not None
                and source_word in (a.source.text + " " + (a.source.resolved or ""))]
        assert hits, (source_word, cue_word, [(a.source and a.source.text, a.cue.text) for a in atts])
        assert hits[0].cue.cue_class in classes, (cue_word, hits[0].cue.cue_class)


@pytest.mark.parametrize("text", [
    'The union\'s secretary general, Joseph Borg, put the number of dead at six. "This tragedy was entirely '
    'avoidable," he told reporters in Valletta, adding that the government had "surely known about the risks '
    'for years."',
    '"We were never warned," the mayor told journalists on Friday, adding that the company had ignored '
    'three letters from residents.',
])
def test_one_content_has_one_cue_told_adding(small_nlp, text: str) -> None:
    attributions = _attributions(small_nlp, text)
    _assert_well_formed(text, attributions)
    spans = [(a.content.start, a.content.end) for a in attributions]
    for i, (s1, e1) in enumerate(spans):
        for s2, e2 in spans[i + 1:]:
            assert not (s1 < e2 and s2 < e1), [(a.cue.text, a.content.text) for a in attributions]
    told, adding = _find(attributions, "told"), _find(attributions, "adding")
    assert told.content.text.startswith('"') and told.content.text.endswith(',"')
    assert adding.content.text.startswith("that the")
    assert adding.source is None or told.source.text == adding.source.text


HEADLINE_TEXT = (Path(__file__).resolve().parents[3] / "examples" / "port-fire.txt").read_text(encoding="utf-8")


def test_no_attribution_in_or_across_a_headline(small_nlp) -> None:
    attributions = analyze(HEADLINE_TEXT, nlp=small_nlp).attributions
    headline_end = HEADLINE_TEXT.index("\n")
    _assert_well_formed(HEADLINE_TEXT, attributions)
    assert attributions, "the body's attributions are kept"
    for att in attributions:
        for span in (att.cue, att.content, att.source):
            assert span is None or span.start > headline_end, (att.cue.text, att.content.text)


def test_a_headline_colon_after_a_name_is_a_cue(small_nlp) -> None:
    text = "Putin: West is to blame for the attack\n\nPresident Vladimir Putin said on Monday that the attack was planned abroad."
    colon = [a for a in analyze(text, nlp=small_nlp).attributions if a.cue.text == ":"]
    assert len(colon) == 1
    assert (colon[0].source.text, colon[0].content.text) == ("Putin", "West is to blame for the attack")
    assert colon[0].source.kind == "person"


def test_a_conjoined_cue_shares_the_source_of_its_first_verb(small_nlp) -> None:
    text = "The operator, Harbour Bulk Ltd, denied the allegation and said the cause was still unknown."
    said = _find(_attributions(small_nlp, text), "said")
    assert said.source is not None and said.source.text.startswith("The operator")
