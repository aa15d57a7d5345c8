"""compare/2 on hand-built analyses: slots, verdicts, blame, claims, the JSON schema and the views."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from claimgraph.corpus import compare_articles, comparison_to_dict, party_of, render_html, render_text
from claimgraph.corpus.compare import slot_verdict
from claimgraph.model import Analysis, Article, Attribution, Claim, Cue, Quantity, Sentence, Source, Span
from tests.corpus._build import article

CONCERT = "Gunmen attacked the concert hall near Moscow. {n} people were killed, officials said."


def _toll(doc_id, outlet, day, n):
    return article(doc_id, CONCERT.format(n=n), outlet=outlet, published=day, figures=((n, "fatalities"),))


def _schema():
    return json.loads(resources.files("claimgraph.schema").joinpath("compare-v2.schema.json").read_text("utf-8"))


def _valid(comparison, analyses):
    doc = comparison_to_dict(comparison)
    jsonschema.Draft202012Validator(_schema()).validate(doc)
    texts = {a.article.id: a.article.text for a in analyses}
    for section in ("slots", "blame", "claims"):
        for row in doc[section]:
            for m in row["members"]:
                assert texts[m["article_id"]][m["start"]:m["end"]] == m["text"]
    return doc


def _q(text, needle, *, role="other", key=None, head=None, scope="event", low=None, high=None, approx=False,
       unit="people", value=None):
    start = text.index(needle)
    number = value if value is not None else float(needle.split()[-1].replace(",", ""))
    return Quantity(start=start, end=start + len(needle), text=needle, value=number, low=low, high=high, unit=unit,
                    role=role, approximate=approx, referent_key=key, referent_head=head, scope=scope)


def _analysis(doc_id, text, quantities=(), outlet=None, published=None, **kw):
    return Analysis(article=Article(id=doc_id, text=text, outlet=outlet or doc_id.upper(), published=published),
                    quantities=tuple(quantities), **kw)


# -- verdicts -------------------------------------------------------------------------------------


def test_a_rising_toll_is_one_update_not_a_conflict_per_pair():
    analyses = [_toll("a", "A", "2024-03-22", "40"), _toll("b", "B", "2024-03-23", "60"),
                _toll("c", "C", "2024-03-24", "137")]
    comparison = compare_articles(analyses)
    (slot,) = comparison.slots
    assert (slot.role, slot.verdict, slot.label) == ("fatalities", "update", "people killed")
    assert [m.value for m in slot.members] == [40, 60, 137]
    assert "A 40" in slot.verdict_reason and "C 137" in slot.verdict_reason
    assert comparison.conflicts == 0
    _valid(comparison, analyses)


def test_different_tolls_on_the_same_day_conflict_once():
    analyses = [_toll("b", "B", "2024-03-23", "60"), _toll("c", "C", "2024-03-23", "137")]
    (slot,) = compare_articles(analyses).slots
    assert slot.verdict == "conflict" and "60" in slot.verdict_reason and "137" in slot.verdict_reason


def test_a_later_smaller_toll_conflicts_and_one_article_is_single():
    (slot,) = compare_articles([_toll("a", "A", "2024-03-23", "60"), _toll("b", "B", "2024-03-25", "40")]).slots
    assert slot.verdict == "conflict"
    (single,) = compare_articles([_toll("a", "A", "2024-03-23", "60")]).slots
    assert single.verdict == "single"


@pytest.mark.parametrize(("first", "second", "bounds"), [
    ("at least 60", "62", {"low": 60.0}),
    ("more than 6,000", "6,200", {"low": 6000.0}),
    ("about 400", "420", {}),
])
def test_figures_agree_within_their_stated_vagueness(first, second, bounds):
    text_a, text_b = f"Police said {first} people were killed.", f"Police said {second} people were killed."
    value = float(first.split()[-1].replace(",", ""))
    qa = _q(text_a, first, role="fatalities", value=value, approx=first.startswith("about"), **bounds)
    qb = _q(text_b, second, role="fatalities")
    a, b = Article(id="a", text=text_a, published="2024-03-23"), Article(id="b", text=text_b, published="2024-03-23")
    assert slot_verdict([(a, qa), (b, qb)], cumulative=True)[0] == "agree"
    far = _q(text_b, second, role="fatalities", value=value * 3)
    assert slot_verdict([(a, qa), (b, far)], cumulative=True)[0] in {"conflict", "agree"} if bounds else "conflict"


def test_undated_incompatible_figures_conflict():
    (slot,) = compare_articles([_toll("a", "A", None, "40"), _toll("b", "B", "2024-03-25", "137")]).slots
    assert slot.verdict == "conflict" and "undated" in slot.verdict_reason


# -- slot formation ---------------------------------------------------------------------------------


def test_slots_compare_like_with_like_and_drop_individuals():
    a_text = "A caravan of about 1,200 migrants reached the border. Kenia Avila, 35, waited with her three children."
    b_text = "About 400 people in the caravan arrived. Mario Quintanillo, 30, was among them."
    c_text = "About 200 migrants prepared to walk to the border."
    analyses = [
        _analysis("a", a_text, [_q(a_text, "about 1,200", key="caravan", head="migrant", approx=True),
                                _q(a_text, "35", role="age", unit="years", scope="individual"),
                                _q(a_text, "three", value=3, key="child", head="child", scope="individual")],
                  published="2018-04-29"),
        _analysis("b", b_text, [_q(b_text, "About 400", key="caravan", head="people", approx=True),
                                _q(b_text, "30", role="age", unit="years")], published="2018-04-28"),
        _analysis("c", c_text, [_q(c_text, "About 200", key="migrant", head="migrant", approx=True)],
                  published="2018-04-29"),
    ]
    comparison = compare_articles(analyses)
    (size,) = comparison.slots  # no age, no one person's children
    assert size.label == "size of the caravan"
    assert {m.article_id: m.text for m in size.members} == {"a": "about 1,200", "b": "About 400", "c": "About 200"}
    assert size.verdict == "conflict"  # 1,200 and 200 on the same day
    _valid(comparison, analyses)


def test_headline_facts_rank_first_and_one_outlet_details_are_dropped():
    a_text = "The quake killed 10 people. It destroyed 40 homes. Crews used 3 cranes."
    b_text = "Ten people died after the quake destroyed 45 homes."
    analyses = [
        _analysis("a", a_text, [_q(a_text, "40", key="home", head="home", unit="home"),
                                _q(a_text, "10", role="fatalities"),
                                _q(a_text, "3", key="crane", head="crane", unit="crane")]),
        _analysis("b", b_text, [_q(b_text, "45", key="home", head="home", unit="home"),
                                _q(b_text, "Ten", role="fatalities", value=10.0)]),
    ]
    slots = compare_articles(analyses).slots
    assert [s.role for s in slots] == ["fatalities", "other"]
    assert slots[0].verdict == "agree" and slots[1].verdict == "conflict"


def test_other_events_and_incidental_figures_make_no_slot():
    text = "The 2005 quake killed 612 people. It was one of many curves."
    analyses = [_analysis(x, text, [_q(text, "612", role="fatalities", scope="other_event")]) for x in "ab"]
    assert compare_articles(analyses).slots == ()


# -- blame ------------------------------------------------------------------------------------------


def _attr(text, source, cue, content, cue_class="neutral", kind="government"):
    s, c, t = text.index(source), text.index(cue), text.index(content)
    return Attribution(id=f"a{s}", source=Source(start=s, end=s + len(source), text=source, kind=kind),
                       cue=Cue(start=c, end=c + len(cue), text=cue, cue_class=cue_class),
                       content=Span(start=t, end=t + len(content), text=content), certainty=0.6)


def _sentences(text):
    out, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        out.append(Sentence(start=start, end=min(end, len(text)), text=text[start:min(end, len(text))]))
        start = end + 1
    return tuple(out)


def test_blame_rows_name_canonical_parties_with_who_says_it_and_how():
    t1 = "The Islamic State claimed responsibility for the attack."
    t2 = "The Kremlin claims Kyiv was behind the attack. Ukraine denied any role in the attack."
    t3 = "ISIS carried out the attack on the concert hall."
    analyses = [
        _analysis("a", t1, attributions=(_attr(t1, "The Islamic State", "claimed", "responsibility for the attack",
                                                kind="organization"),), sentences=_sentences(t1)),
        _analysis("b", t2, attributions=(
            _attr(t2, "The Kremlin", "claims", "Kyiv was behind the attack", cue_class="distancing"),
            _attr(t2, "Ukraine", "denied", "any role in the attack")), sentences=_sentences(t2)),
        _analysis("c", t3, sentences=_sentences(t3)),
    ]
    comparison = compare_articles(analyses)
    rows = {r.party: r for r in comparison.blame}
    assert set(rows) == {"Islamic State", "Ukraine"}
    assert rows["Islamic State"].kind == "armed group"
    framings = {(m.article_id, m.by, m.framing) for r in rows.values() for m in r.members}
    assert ("a", "Islamic State", "attributed") in framings
    assert ("b", "Russia", "distancing") in framings
    assert ("b", "Ukraine", "denied") in framings
    assert ("c", "author", "asserted") in framings
    assert rows["Islamic State"].verdict == "conflict" and rows["Ukraine"].verdict == "conflict"
    _valid(comparison, analyses)


@pytest.mark.parametrize(("name", "party", "kind"), [
    ("the Kremlin", "Russia", "state"), ("Moscow", "Russia", "state"), ("Russian officials", "Russia", "state"),
    ("Kyiv", "Ukraine", "state"), ("ISIS", "Islamic State", "armed group"), ("IS-K", "Islamic State", "armed group"),
    ("the Islamic State", "Islamic State", "armed group"), ("the White House", "United States", "state"),
    ("Russian President Vladimir Putin", "Vladimir Putin", "person"), ("the DNC", "Democratic Party", "organization"),
])
def test_party_aliases_map_to_one_canonical_party(name, party, kind):
    found = party_of(name)
    assert found is not None and (found.name, found.kind) == (party, kind)


@pytest.mark.parametrize("fragment", ["democrats of", "mr", "most of", "it", "Russia of", "putin of", "concert hall",
                                      "Ukraine Rejects Russian Speculation About Attack On Moscow Concert Hall.",
                                      "Spanish", "they"])
def test_fragments_pronouns_and_headlines_are_no_party(fragment):
    assert party_of(fragment) is None


# -- claims -----------------------------------------------------------------------------------------


def test_the_same_claim_across_outlets_with_each_framing_and_absent():
    texts = {
        "a": "Officials said the gunmen fled toward the Ukrainian border after the attack.",
        "b": "Russia claims the gunmen fled toward the Ukrainian border after the attack.",
        "c": "The concert hall will reopen next year, the mayor said.",
    }
    analyses = []
    for doc_id, text in texts.items():
        cue_class = "distancing" if doc_id == "b" else "neutral"
        source, cue = ("Officials", "said") if doc_id == "a" else (("Russia", "claims") if doc_id == "b" else
                                                                   ("the mayor", "said"))
        content = text[text.index(cue) + len(cue) + 1:].rstrip(".") if doc_id != "c" else text[:text.index(",")]
        att = _attr(text, source, cue, content, cue_class=cue_class)
        claim = Claim(id="c1", start=att.content.start, end=att.content.end, text=att.content.text,
                      attribution=att.id)
        analyses.append(_analysis(doc_id, text, attributions=(att,), claims=(claim,)))
    comparison = compare_articles(analyses)
    (row,) = comparison.claims
    framing = {m.article_id: m.framing for m in row.members}
    assert framing == {"a": "attributed", "b": "distancing", "c": "absent"}
    absent = next(m for m in row.members if m.article_id == "c")
    assert (absent.start, absent.end, absent.text) == (0, 0, "")
    _valid(comparison, analyses)


# -- the document and its views -------------------------------------------------------------------------


def test_document_views_escape_article_text():
    evil = "Gunmen attacked the hall, and 60 people were killed."
    analyses = [article("a", evil, outlet="<b>Outlet</b>", published="2024-03-23", title="<script>alert(1)</script>",
                        figures=(("60", "fatalities"),)), _toll("b", "Outlet B", "2024-03-23", "137")]
    comparison = compare_articles(analyses, event_id="ev-1")
    doc = _valid(comparison, analyses)
    assert doc["schema"] == "compare/2" and doc["event"]["id"] == "ev-1"
    assert [a["id"] for a in doc["articles"]] == ["a", "b"]
    page = render_html(comparison)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>Outlet</b>" not in page and "&lt;b&gt;Outlet&lt;/b&gt;" in page and ">60</mark>" in page
    text = render_text(comparison)
    assert "people killed [conflict]" in text and "137" in text


def test_an_empty_comparison_is_a_valid_document():
    comparison = compare_articles([article("a", "Nothing to count here.")])
    doc = _valid(comparison, [])
    assert doc["slots"] == [] and doc["blame"] == [] and doc["claims"] == []
    assert render_html(comparison).startswith("<!DOCTYPE html>") and "Figures" in render_text(comparison)


# -- vagueness, currencies, distances (issue 11) ------------------------------------------------------


def test_as_many_as_four_and_three_or_four_agree():
    ta, tb = "As many as four robbers fled.", "Three or four robbers fled."
    qa = _q(ta, "As many as four", value=4, high=4, key="robber")
    qb = _q(tb, "Three or four", value=3, low=3, high=4, key="robber")
    a, b = Article(id="a", text=ta), Article(id="b", text=tb)
    assert slot_verdict([(a, qa), (b, qb)])[0] == "agree"


def test_money_in_several_currencies_is_one_slot_compared_within_a_currency():
    ta, tb, tc = "Thieves stole jewels worth 85 million euros.", "The jewels were worth $100 million.", \
        "The jewels were worth $40 million."
    analyses = [
        _analysis("a", ta, [_q(ta, "85 million euros", role="money", unit="EUR", key="worth", value=85e6)]),
        _analysis("b", tb, [_q(tb, "$100 million", role="money", unit="USD", key="worth", value=100e6)]),
        _analysis("c", tc, [_q(tc, "$40 million", role="money", unit="USD", key="worth", value=40e6)]),
    ]
    (slot,) = compare_articles(analyses).slots
    assert {m.article_id for m in slot.members} == {"a", "b", "c"}
    assert slot.verdict == "conflict" and "$100 million" in slot.verdict_reason and "euros" not in slot.verdict_reason
    two = compare_articles(analyses[:2]).slots
    assert [s.verdict for s in two] == ["agree"]  # euros against dollars: not compared by value


def test_distances_are_keyed_by_place_and_compared_across_units():
    ta, tb, tc = ("The quake struck 35 miles southwest of Bandar Abbas.", "It hit 58 kilometers southwest of Bandar Abbas.",
                  "The island is 940 miles south of Tehran.")
    def dist(text, needle, unit, value):
        q = _q(text, needle, unit=unit, key=unit, value=value)
        ref = text[text.index(needle) + len(needle) + 1:].rstrip(".")
        start = text.index(ref)
        return Quantity(**{**{f: getattr(q, f) for f in q.__slots__ if f != "referent"},
                           "referent": Span(start=start, end=start + len(ref), text=ref)})
    analyses = [_analysis("a", ta, [dist(ta, "35", "miles", 35)]), _analysis("b", tb, [dist(tb, "58", "kilometers", 58)]),
                _analysis("c", tc, [dist(tc, "940", "miles", 940)])]
    slots = compare_articles(analyses).slots
    (slot,) = [s for s in slots if {m.article_id for m in s.members} >= {"a", "b"}]
    assert slot.verdict == "agree" and "c" not in {m.article_id for m in slot.members}


def test_ages_never_form_a_slot():
    ta, tb = "Tennant and Hakim, both 51, died.", "Hakim, 51, died at the scene."
    analyses = [_analysis("a", ta, [_q(ta, "51", role="age", unit="years", scope="individual")]),
                _analysis("b", tb, [_q(tb, "51", role="age", unit="years", scope="individual")])]
    assert compare_articles(analyses).slots == ()
