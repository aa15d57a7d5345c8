"""Blame on hand-built analyses: the agent of the central act, its framing, agreement across
articles, denials, conflicts, and the parties that are never parties."""

from __future__ import annotations

import pytest

from claimgraph.corpus import compare_articles, party_of
from claimgraph.corpus.parties import find_parties
from claimgraph.model import Analysis, Article, Attribution, Cue, Sentence, Source, Span


def _sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for part in text.split(". "):
        end = min(len(text), start + len(part) + 1)
        out.append(Sentence(start=start, end=end, text=text[start:end]))
        start = end + 1
    return tuple(out)


def _attr(text, source, cue, content, cue_class="neutral", kind="person"):
    s, c, t = text.index(source), text.index(cue), text.index(content)
    return Attribution(id=f"a{s}", source=Source(start=s, end=s + len(source), text=source, kind=kind),
                       cue=Cue(start=c, end=c + len(cue), text=cue, cue_class=cue_class),
                       content=Span(start=t, end=t + len(content), text=content), certainty=0.6)


def _doc(doc_id: str, text: str, *attributions: Attribution, title: str | None = None,
         outlet: str | None = None) -> Analysis:
    return Analysis(article=Article(id=doc_id, text=text, title=title, outlet=outlet or doc_id.upper()),
                    sentences=_sentences(text), attributions=attributions)


def _members(comparison):
    return {(m.article_id, r.party, m.by, m.framing) for r in comparison.blame for m in r.members}


# -- parties -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "party", "kind"), [
    ("Israel's prime minister", "Israel", "state"),
    ("Russian officials", "Russia", "state"),
    ("the Kremlin", "Russia", "state"),
    ("Kyiv", "Ukraine", "state"),
    ("Ukrainian", None, None),
    ("ISIS-K", "Islamic State", "armed group"),
    ("the D.N.C.", "Democratic Party", "organization"),
    ("Emmanuel Macron of France", "Emmanuel Macron", "person"),
    ("Staunton Police Chief Jim Williams", "Jim Williams", "person"),
    ("Angels general manager Tony Reagins", "Tony Reagins", "person"),
    ("Sixty-year-old Sharron Smith", "Sharron Smith", "person"),
    ("And Trump", "Trump", "person"),
    ("Israel Defense Forces", "Israel Defense Forces", "organization"),
])
def test_names_map_to_canonical_parties(name, party, kind):
    found = party_of(name)
    assert (found.name, found.kind) if found else (None, None) == (party, kind)


@pytest.mark.parametrize("fragment", [
    "Comey's closely guarded memos", "Trump's campaign", "Middle East", "Winter Olympics", "High Street",
    "Crocus City Hall", "Russian Witch Hunt", "James Comey Memos", "Ukraine Rejects Russian Speculation",
    "democrats of", "most of", "it", "the suspect", "He",
])
def test_possessives_fragments_places_and_headlines_are_no_party(fragment):
    assert party_of(fragment) is None


def test_find_parties_keeps_the_owner_of_a_possessive_apart():
    text = "Mueller's Russia investigation continued after Robert Mueller spoke."
    names = [p.name for _, _, p in find_parties(text, text)]
    assert "Russia" in names and not any("'" in n for n in names)


# -- the agent of the central act ------------------------------------------------------------------


LAWSUIT = "The Democratic National Committee filed a lawsuit on Friday against the Russian government and WikiLeaks."


def test_the_lead_subject_is_the_party_and_not_the_defendants():
    analyses = [_doc("a", LAWSUIT), _doc("b", "WASHINGTON —\n" + LAWSUIT.replace("National Committee", "Party"))]
    comparison = compare_articles(analyses)
    assert [r.party for r in comparison.blame] == ["Democratic Party"]
    assert _members(comparison) == {("a", "Democratic Party", "author", "asserted"),
                                    ("b", "Democratic Party", "author", "asserted")}
    assert comparison.blame[0].verdict == "agree"


def test_a_source_is_no_agent_unless_it_announces_its_own_decision():
    fire = "A police spokeswoman said the fire destroyed the store. A Waitrose store was destroyed by the fire."
    assert compare_articles([_doc("a", fire), _doc("b", fire)]).blame == ()
    delay = "The White House announced it would delay the tariffs on steel."
    comparison = compare_articles([_doc("a", delay), _doc("b", delay)])
    assert _members(comparison) == {("a", "United States", "author", "asserted"),
                                    ("b", "United States", "author", "asserted")}


def test_framing_follows_the_voice_of_the_mention():
    t_attr = "Mike Pompeo met with Kim Jong Un over Easter weekend, according to media reports."
    t_hedged = "Mike Pompeo reportedly met with Kim Jong Un over Easter weekend."
    t_endorsing = "Mike Pompeo met with Kim Jong Un, officials confirmed."
    t_own = "Mike Pompeo met with Kim Jong Un over Easter weekend, Fox News has confirmed."
    analyses = [
        _doc("a", t_attr, _attr(t_attr, "media reports", "according to", t_attr[:t_attr.index(",")], kind="media")),
        _doc("b", t_hedged),
        _doc("c", t_endorsing, _attr(t_endorsing, "officials", "confirmed", "Mike Pompeo met with Kim Jong Un",
                                     cue_class="endorsing", kind="government")),
        _doc("d", t_own, _attr(t_own, "Fox News", "has confirmed", t_own[:t_own.index(",")], cue_class="endorsing",
                               kind="media"), outlet="Fox News"),
    ]
    framings = {(a, f) for a, p, _, f in _members(compare_articles(analyses)) if p == "Mike Pompeo"}
    assert framings == {("a", "attributed"), ("b", "hedged"), ("c", "endorsing"), ("d", "asserted")}


def test_the_suspect_of_an_arrest_is_attributed_and_a_plea_is_a_denial():
    analyses = [
        _doc("a", "Gary Gomes, 35, was arrested yesterday on two counts of murder."),
        _doc("b", "Police arrested Gary Gomes at a house on Philip Street. The bodies were found on Tuesday."),
        _doc("c", "Gary Gomes, 35, of New Bedford pleaded not guilty to two counts of murder."),
        _doc("d", "Police identified the victims as Katherine Gomes, mother of the suspect, and Robyn Mendes."),
    ]
    comparison = compare_articles(analyses)
    assert [r.party for r in comparison.blame] == ["Gary Gomes"]
    assert {(a, f) for a, _, _, f in _members(comparison)} == {("a", "attributed"), ("b", "attributed"),
                                                              ("c", "denied")}


def test_natural_events_and_acts_on_oneself_have_no_party():
    quake = "A magnitude 6.0 earthquake struck southern Iran on Sunday. The U.S. Geological Survey said it was shallow."
    suicide = "Gaetano Lo Presti hanged himself in his cell on Tuesday. Gaetano Lo Presti was found dead in prison."
    assert compare_articles([_doc("a", quake), _doc("b", quake)]).blame == ()
    assert compare_articles([_doc("a", suicide), _doc("b", suicide)]).blame == ()


def test_one_articles_aside_is_not_the_events_party():
    lead = "President Donald Trump warned Iran on Tuesday about its nuclear program."
    aside = lead + ' "Iran is behind everything," Trump said.'
    analyses = [_doc("a", lead), _doc("b", lead), _doc("c", aside, _attr(aside, "Trump", "said", "Iran is behind "
                                                                                                "everything"))]
    assert [r.party for r in compare_articles(analyses).blame] == ["Donald Trump"]


def test_the_organiser_is_a_party():
    texts = ["The caravan was organized by Pueblo Sin Fronteras, a transnational group.",
             "Alex Mensing, a coordinator for Pueblo Sin Fronteras, the group that organized the caravan, spoke."]
    comparison = compare_articles([_doc(x, t) for x, t in zip("ab", texts)])
    assert [(r.party, len(r.members)) for r in comparison.blame] == [("Pueblo Sin Fronteras", 2)]


# -- denials and conflicts ---------------------------------------------------------------------------


def test_different_parties_named_for_the_same_act_conflict_and_a_denial_is_recorded():
    t1 = "The Islamic State claimed responsibility for the attack on the concert hall."
    t2 = "Russian officials say Kyiv was behind the attack. Ukraine denied any role in the attack."
    analyses = [
        _doc("a", t1, _attr(t1, "The Islamic State", "claimed", "responsibility for the attack on the concert hall",
                            kind="organization")),
        _doc("b", t2, _attr(t2, "Russian officials", "say", "Kyiv was behind the attack", kind="government"),
             _attr(t2, "Ukraine", "denied", "any role in the attack", kind="government")),
    ]
    comparison = compare_articles(analyses)
    rows = {r.party: r for r in comparison.blame}
    assert set(rows) == {"Islamic State", "Ukraine"}
    assert rows["Islamic State"].verdict == rows["Ukraine"].verdict == "conflict"
    assert ("b", "Ukraine", "Russia", "attributed") in _members(comparison)
    assert ("b", "Ukraine", "Ukraine", "denied") in _members(comparison)


def test_co_agents_named_together_agree():
    text = "Guillermo Hernandez, 20, and Carlos Velasquez, 24, were arrested Friday."
    comparison = compare_articles([_doc("a", text), _doc("b", text)])
    assert {r.party: r.verdict for r in comparison.blame} == {"Guillermo Hernandez": "agree",
                                                              "Carlos Velasquez": "agree"}


def test_a_headline_is_never_a_source_or_a_party():
    text = "Ukraine Rejects Russian Speculation About Attack On Moscow Concert Hall\nGunmen attacked the hall."
    title = text.split("\n")[0]
    headline = _attr(text, "Ukraine Rejects Russian Speculation", "Rejects", "Russian Speculation About Attack")
    comparison = compare_articles([_doc("a", text, headline, title=title), _doc("b", text, title=title)])
    for row in comparison.blame:
        assert len(row.party.split()) <= 3
        assert all(m.by == "author" or party_of(m.by) is not None for m in row.members)


# -- the same claim across outlets ------------------------------------------------------------------


def test_the_authors_own_claims_are_asserted_hedged_or_distancing_and_absent_elsewhere():
    from claimgraph.model import Claim, Hedge

    texts = {
        "a": "The gunmen fled toward the Ukrainian border after the attack on the hall.",
        "b": "The gunmen may have fled toward the Ukrainian border after the attack on the hall.",
        "c": "Without evidence, the gunmen fled toward the Ukrainian border after the attack on the hall.",
        "d": "The gunmen certainly fled toward the Ukrainian border after the attack on the hall.",
        "e": "The concert hall will reopen next year after repairs to the roof and the stage.",
    }
    analyses = []
    for doc_id, text in texts.items():
        hedges = ()
        if doc_id == "b":
            hedges = (Hedge(start=text.index("may"), end=text.index("may") + 3, text="may", kind="hedge"),)
        if doc_id == "d":
            at = text.index("certainly")
            hedges = (Hedge(start=at, end=at + 9, text="certainly", kind="booster"),)
        claim = Claim(id="c1", start=0, end=len(text), text=text, attribution="author", hedges=hedges,
                      certainty=0.3 if doc_id in "bd" else 0.8)
        analyses.append(Analysis(article=Article(id=doc_id, text=text, outlet=doc_id.upper()), claims=(claim,),
                                 sentences=_sentences(text)))
    comparison = compare_articles(analyses)
    row = next(r for r in comparison.claims if len([m for m in r.members if m.framing != "absent"]) >= 4)
    framing = {m.article_id: m.framing for m in row.members}
    assert framing == {"a": "asserted", "b": "hedged", "c": "distancing", "d": "asserted", "e": "absent"}


def test_a_groups_own_claim_is_attributed_doubt_is_distancing_and_a_place_is_no_party():
    t1 = "The Islamic State group said it carried out the attack on a concert hall near Moscow."
    t2 = "Russia has blamed Ukraine for the attack without evidence. Ukraine has denied any role."
    analyses = [
        _doc("a", t1, _attr(t1, "The Islamic State group", "said", "it carried out the attack on a concert hall "
                                                                     "near Moscow", kind="organization")),
        _doc("b", t2),
    ]
    comparison = compare_articles(analyses)
    rows = {r.party: r for r in comparison.blame}
    assert set(rows) == {"Islamic State", "Ukraine"}  # "near Moscow" is where, not who
    members = _members(comparison)
    assert ("a", "Islamic State", "Islamic State", "attributed") in members
    assert ("b", "Ukraine", "Russia", "distancing") in members  # Russia blames, the author doubts
    assert ("b", "Ukraine", "author", "denied") in members
    assert rows["Islamic State"].verdict == rows["Ukraine"].verdict == "conflict"
