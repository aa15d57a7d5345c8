"""Blame and credit: who each article says carried out, ordered, claimed or helped the
central act, by whom and with what framing (the ``blame`` section of ``compare/2``).

The central act is what the reports have in common, so its agent is found by agreement:

1. **Candidates**, per article (:func:`_candidates`), from four patterns:
   - the *subject* of the lead (the headline and the first body sentences): the party that
     opens a clause and is followed by its verb ("The Democratic National Committee filed a
     lawsuit", "Israel's prime minister says his government obtained", "President Trump
     delayed"); a party followed by a verb of saying is the source, not the agent, unless it
     announces its own decision ("the White House announced it would delay");
   - the *suspect* of an arrest or a charge ("Gary Gomes, 35, was arrested", "police arrested
     Sharron Smith"), framed ``attributed`` (an arrest is an accusation), or ``denied`` when the
     article reports the denial ("pleaded not guilty");
   - the *organiser* ("organized by X", "X, the group that organized the caravan");
   - statements of *responsibility* ("IS claimed responsibility", "Ukraine denied any role",
     "blamed Ukraine for the attack").
2. **Agreement**: in an event of several articles a party is kept only when at least two
   articles name it so, and at least a third as many as the most named party; one article's
   aside never becomes the event's party.
3. **One member per article and party**: its first candidate in the body (the headline only
   when the body has none), with the framing of that mention: inside an attribution's content
   it is the cue's (``attributed``, ``distancing``, ``endorsing``, ``hedged``) and ``by`` is the
   source; otherwise the author's own voice, ``asserted``, or ``hedged`` when a hedge
   ("reportedly", "allegedly") qualifies the party's verb.

Parties are canonical (:func:`claimgraph.corpus.parties.party_of`): a pronoun, a possessive
fragment or a headline is never a party or a source. Everything runs on the stored analysis
(sentences, attributions); nothing is parsed again.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Analysis, Attribution
from .compare import BlameMember, BlameRow, _source_name
from .parties import GOVERNMENT_ROLES, Party, find_parties, party_of

#: Words that make a statement one about responsibility for an act (an attack, a plot).
_RESPONSIBILITY = re.compile(
    r"\b(?:blam\w*|responsib\w*|(?:is|was|were|are|be|been|being)\s+(?:\w+\s+)?behind|behind the (?:attack|"
    r"bombing|shooting|assault|massacre|plot|strike|killing|hack\w*|attempt)|carried out|carry out|"
    r"perpetrat\w*|orchestrat\w*|mastermind\w*|ordered the|credit for|culprit\w*|"
    r"accus\w* \w+ of (?:carrying|being behind|orchestrat\w*|the attack|the bombing|the shooting|ordering)|"
    r"claimed (?:the attack|credit|responsibility))\b",
    re.I,
)
_DENIAL = re.compile(r"\b(?:den(?:y|ied|ies|ying)|reject\w*|dismiss\w*|refut\w*)\b.{0,80}\b(?:role|involve\w*|"
                     r"responsib\w*|behind|link\w*|part in|nothing to do|accusation\w*|claims?|allegation\w*)\b"
                     r"|\bno role\b|\bnot involved\b|\bnothing to do with\b|\bno involvement\b"
                     r"|\bplead(?:ed|s)? not guilty\b|\bpled not guilty\b|\bmaintain\w* (?:his|her|their) innocence\b",
                     re.I)
#: Responsibility named for an act, not for "it" or "everything": such a party needs no agreement.
_ACT = (r"(?:attack|bombing|blast|explosion|shooting|massacre|assault|killings?|murders?|assassination|plot|strike|"
        r"raid|hack\w*|kidnapping|abduction|heist|robbery|fire|arson|coup|invasion|downing|poisoning)")
_STRONG = re.compile(rf"\b(?:behind|responsib\w* for|carried out|carry out|perpetrat\w*|orchestrat\w*|"
                     rf"mastermind\w*|ordered|role in|involve\w* in|blam\w* (?:\w+ )?for)\s+(?:the|this|that|a|an|"
                     rf"its|last\s+\w+'s)\s+(?:\w+\s+){{0,3}}?{_ACT}\b|\bclaimed (?:credit|responsibility)\b|"
                     rf"\bden(?:y|ied|ies|ying)\b.{{0,40}}\b(?:any |a )?(?:role|involvement|responsibility)\b", re.I)
_OWN_CLAIM = re.compile(r"^(?:that\s+)?(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?(?:carried out|was behind|were behind|"
                        r"is behind|are behind|perpetrated|staged|launched|committed|conducted|ordered)\b", re.I)
_ACCUSES = re.compile(r"^\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?:blamed|blames|accused|accuses)\b", re.I)
_SELF_CLAIM = re.compile(r"\bclaimed (?:credit|responsibility)\b", re.I)
_DISTANCING = re.compile(r"\bwithout (?:offering |providing |citing |giving )?(?:any )?evidence\b|\bso[- ]called\b|"
                         r"\bunfounded\b|\bbaseless\b|\bunsubstantiated\b|\bunproven\b", re.I)
#: A metonym after these words is a place ("near Moscow", "fled to Ukraine"), not a party.
_LOCATIVE = re.compile(r"\b(?:in|near|at|outside|from|to|toward|towards|into|across|around|of)\s+(?:the\s+)?$", re.I)
_CLAIM_CUE = re.compile(r"\bclaim\w*\b", re.I)
_HEDGE = re.compile(r"\b(?:may|might|could|possibly|perhaps|allegedly|reportedly|apparently|likely|"
                    r"suspected(?: of)?|believed to|said to|appears? to|seems? to)\b", re.I)
_FRAMING_OF_CUE = {"neutral": "attributed", "distancing": "distancing", "endorsing": "endorsing",
                   "hedged": "hedged"}

#: Arrests and charges: their subject (or object) is the suspect.
_ARREST = re.compile(r"\b(?:(?:was|were|been|being|is|are|got)\s+(?:\w+\s+)?(?:arrested|detained|charged|indicted|"
                     r"booked|apprehended|taken into custody|arraigned)|(?:faces?|facing|will face|expected to face)\s+"
                     r"(?:\w+\s+){0,3}(?:charges?|counts?)|(?:accused|charged|suspected|convicted)\s+(?:of|in|with)|"
                     r"plead(?:ed|s)?\s+(?:not\s+)?guilty|pled\s+(?:not\s+)?guilty|in custody|(?:expected|due|set|scheduled)"
                     r"\s+to\s+be\s+arraigned)\b", re.I)
_ARREST_WORD = re.compile(r"\b(?:arrest\w*|detain\w*|charged|charges|indict\w*|suspects?|plead\w*|pled|custody|"
                          r"arraign\w*|convicted)\b", re.I)  # "charging that …" accuses others: not an arrest
#: What may stand between a suspect's name and the arrest: an age, a home town, another suspect.
_BETWEEN_SUSPECT = re.compile(r"^(?:,\s*\d+,?|,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*,?|,?\s*of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)*,?|"
                              r"(?:is|was|are|were|has been|have been|had been|now|also|then|later)\b|,?\s*(?:and|&)\s+[A-Z][\w.'-]*"
                              r"(?:\s+[A-Z][\w.'-]*)*(?:,\s*\d+,?)?|,?\s*(?:now|also|then)|\s)*$")
#: Investigators are the source of an accusation, never the party of the act they investigate.
_AUTHORITY = re.compile(r"\b(?:police|sheriff\w*|fbi|atf|prosecutor\w*|attorney\w*|d\.a\.|court|investigators?|"
                        r"detectives?|coroner|fire|rescue|geological survey|usgs|carabinieri|troopers?|department of "
                        r"corrections)\b", re.I)
_ROLE_NOUN = frozenset("""spokesman spokeswoman spokesperson official officials officer officers member members
agent agents chief leader leaders source sources statement store branch office supermarket station team staff
forces troops army lawyers lawyer supporters fans players director manager general
""".split())
_IRREGULAR_PAST = frozenset("""met made said sent took began gave won led ran sued told found held left brought struck hit put
set cut shot fought threw spoke wrote chose sold bought paid built drew went came saw knew thought kept lost stole
fled hid bore broke swore rode slew stood sat sank spent lent bid""".split())
_ADVERBS = frozenset("not also again now then just already repeatedly secretly reportedly allegedly apparently "
                     "officially formally finally quickly strongly previously never still".split())
_BE = frozenset("is are was were be been being".split())
_AUX = frozenset("has have had will would did does do can could shall should must".split())
_ARREST_OBJECT = re.compile(r"\b(?:arrested|detained|charged|indicted|apprehended)(?:\s+and\s+(?:charged|booked))?\s+"
                            r"(?:\d+-year-old\s+|the suspect,?\s+)?$", re.I)
_SUSPECT_BEFORE = re.compile(r"\b(?:the|a)\s+(?:\w+\s+)?(?:suspect|man|woman|gunman|accused|defendant)s?,\s+$"
                             r"|\bsuspects?,?\s+$", re.I)
#: Organisers: "organized by X", "X, the group that organized …", "organizers of X".
_ORGANISER_BEFORE = re.compile(r"\b(?:organi[sz]ed|led|planned|carried out|claimed|ordered)\s+by\s+(?:the\s+)?$"
                               r"|\borgani[sz](?:ing|ation|er)s?(?:\s+group)?(?:\s+(?:of|for))?,?\s+(?:the\s+)?$", re.I)
_ORGANISER_AFTER = re.compile(r"^,\s*(?:a|an|the)\s+[^,.;]{0,60}?\b(?:that|which|who)\s+(?:has\s+|had\s+)?"
                              r"(?:organi[sz]ed|led|planned|carried out|claimed|ordered)\b", re.I)

_SPEECH = re.compile(r"^(?:said|says|say|told|tells|announced|announces|confirmed|confirms|reported|reports|"
                     r"claimed|claims|stated|states|added|wrote|writes|tweeted|insisted|noted|argued|"
                     r"alleged|alleges|accused|accuses|denied|denies|according)\b", re.I)
_DATELINE = re.compile(r"^\s*(?:[A-Z][\w.'’]*(?:[ ,]+[A-Z0-9][\w.'’]*)*\s*(?:\([A-Za-z ]+\))?\s*[-—–―]+\s*|"
                       r"[A-Z][A-Za-z.]+(?:\s+\d+)?\s*\([A-Za-z ]+\)\s*[-—–―]*\s*)")
_PREFIX_WORD = re.compile(r"^(?:the|a|an|former|then|then-|newly|top|\d+-year-old|[A-Z][\w.'’-]*|[-—–]|,)$")
_POSSESSIVE_ROLE = re.compile(rf"^['’]s\s+(?:(?:new|top|former|chief|senior|deputy)\s+)?(?:{GOVERNMENT_ROLES}|police)\b",
                              re.I)
_APPOSITIVE = re.compile(r"^,\s*[^,.;:\"“”]{1,90},\s*")
_ADVERBIAL = re.compile(r"^(?:(?:on|late|early|last|this|in|at)\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                        r"Saturday|Sunday|morning|afternoon|evening|night|week|today|yesterday|tonight)\b,?\s*)+"
                        r"|^(?:also|again|not|repeatedly|secretly|"
                        r"reportedly|allegedly|apparently|now|then|officially|formally|finally|quickly|"
                        r"strongly|previously|may|might|could|possibly|just|already)\b,?\s*", re.I)
_ROLE_PREFIX = re.compile(r"^(?:the\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?:(?:general|team|club|deputy|assistant|"
                          r"chief)\s+)?(?:manager|spokes\w+|owner|president|coach|official|chairman|secretary|director|"
                          r"chief executive|GM|CEO)\s+$")
_TRAILING_SOURCE = re.compile(r",\s+((?:[\w.'’-]+\s+){0,4}?(?:report|reports|media|officials|sources|police|"
                              r"[A-Z][\w.'’-]*))\s+(?:says|say|said|reports|reported|claims|claimed)\.?\s*$")
_OPENING_PHRASE = re.compile(r"^(?:According to|After|Before|Less than|More than|Hours|Days|In|On|With|As|While|"
                             r"Following|Amid|Despite|Calling)\b[^,;]{0,120}?(?:\([^)]*\)[^,;]{0,40}?)?,\s*")
_NOT_VERB = frozenset("of in at for and or to with from on as who whom which that whose than by into over "
                      "under about after before during between against".split())
_PRONOUN_DECISION = re.compile(r"^(?:on\s+\w+\s+|late\s+\w+\s+|\w+day\s+)?(?:that\s+)?(?:it|they|we)\s+(?:would|will|"
                               r"had|has|have|is|was|were|are|plans?|planned|intends?)\b", re.I)
_OWN_ACT = re.compile(r"^(?:to\s+[\w.' ]{1,40}?\s+)?(?:that\s+)?(?:(?:his|her|its|their|our)\s+(?:government|country|"
                      r"agents?|forces|intelligence|military|services|spies)\b|(?:he|she|it|they|we)\s+(?:has|had|have)\s+"
                      r"(?:\w+\s+)?(?:made|carried|ordered|organi[sz]ed|obtained|seized|launched|filed|signed|offered|"
                      r"sent|taken|planned|conducted|claimed)\b)", re.I)
#: Passive verbs of acts whose agent is the party ("files seized by Israel", "an attack carried out by IS").
_PASSIVE_AGENT = re.compile(r"\b(?:seized|organi[sz]ed|led|carried out|ordered|planned|launched|filed|conducted|"
                            r"claimed|orchestrated|committed|perpetrated|killed|shot|stabbed|attacked|bombed|hacked|"
                            r"stolen|taken|obtained|captured|kidnapped|abducted|masterminded|funded|financed|"
                            r"sponsored|backed|armed|signed|imposed|offered|made)\s+by\s+(?:the\s+)?$")
_REFLEXIVE = re.compile(r"^\w+\s+(?:himself|herself|themselves|itself)\b", re.I)
_LEAD_SENTENCES = 5  # body sentences after the headline that count as the lead


@dataclass(frozen=True, slots=True)
class _Candidate:
    party: Party
    member: BlameMember
    headline: bool
    strong: bool = False  # named for the act itself (an arrest, "behind the attack"): kept without agreement


def build_blame(analyses: Sequence[Analysis]) -> tuple[BlameRow, ...]:
    """Party × article rows of who is said to be responsible for the central act, by whom and how."""
    found = {a.article.id: [c for c in _candidates(a) if not _AUTHORITY.search(c.party.name)] for a in analyses}
    names = _unify_surnames([c.party for cs in found.values() for c in cs])
    counts: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    for candidates in found.values():
        for name in {names.get(c.party.name, c.party.name) for c in candidates}:
            counts[name] += 1
    for candidates in found.values():
        for c in candidates:
            kinds.setdefault(names.get(c.party.name, c.party.name), c.party.kind)
    if len(analyses) > 1 and counts:
        floor = max(2, counts.most_common(1)[0][1] / 2)
        central = {p for p, n in counts.items() if n >= floor}
    else:
        central = set(counts)
    rows: dict[str, list[BlameMember]] = defaultdict(list)
    together: dict[tuple[str, str], set[str]] = defaultdict(set)  # (article, by) -> parties named responsible
    for article_id, candidates in found.items():
        # one accusation and one denial at most per party: the body's first, else the headline's
        chosen: dict[tuple[str, bool], _Candidate] = {}
        for c in sorted(candidates, key=lambda c: (c.headline, c.member.start)):
            name = names.get(c.party.name, c.party.name)
            key = (name, c.member.framing == "denied")
            if (name in central or c.strong) and key not in chosen:
                chosen[key] = c
        for (name, _), c in chosen.items():
            rows[name].append(c.member)
            if c.member.framing != "denied":
                together[(article_id, c.member.by)].add(name)
    return _rows(rows, kinds, together, counts)


def _rows(rows: dict[str, list[BlameMember]], kinds: dict[str, str], together: dict[tuple[str, str], set[str]],
          counts: Counter[str]) -> tuple[BlameRow, ...]:
    """One row per party with its verdict. A conflict: different parties named responsible for
    the act by different articles or sources, with no one source naming both (co-agents that
    one voice names together agree; an article that reports both IS's claim and Russia's
    blame of Ukraine reports a dispute)."""
    named = {p for parties in together.values() for p in parties}
    rivals = {p for p in named
              if any(q != p and not any({p, q} <= s for s in together.values()) for q in named)}
    out = []
    for party, members in rows.items():
        articles = {m.article_id for m in members}
        if all(m.framing == "denied" for m in members):
            verdict = "denied"
        elif party in rivals:
            verdict = "conflict"
        elif len(articles) == 1:
            verdict = "single"
        else:
            verdict = "agree"
        out.append(BlameRow(party=party, kind=kinds[party], verdict=verdict, members=tuple(members)))
    out.sort(key=lambda r: (-len({m.article_id for m in r.members}), -counts[r.party], r.party))
    return tuple(out)


def _unify_surnames(parties: Iterable[Party]) -> dict[str, str]:
    """One party under several names is one: a surname ("Mueller") maps to the full name that
    ends with it ("Robert Mueller"; the most named one when there are several), and spelling
    variants that differ only in a plural s ("Pueblos Sin Fronteras", "Pueblo Sin Fronteras")
    map to the most named spelling."""
    named = Counter(p.name for p in parties)
    kinds = {}
    for party in parties if isinstance(parties, list) else ():
        kinds[party.name] = party.kind
    full: dict[str, Counter[str]] = defaultdict(Counter)
    variants: dict[str, Counter[str]] = defaultdict(Counter)
    for name, n in named.items():
        if " " in name:
            full[name.split()[-1]][name] += n
        variants[" ".join(w.lower().removesuffix("s") for w in name.split())][name] += n
    out = {}
    for spellings in variants.values():
        top = spellings.most_common(1)[0][0]
        out.update({name: top for name in spellings if name != top})
    for name in named:
        if " " not in name and name in full and name not in out:
            out[name] = out.get(full[name].most_common(1)[0][0], full[name].most_common(1)[0][0])
    return out


def _candidates(analysis: Analysis) -> Iterable[_Candidate]:
    text = analysis.article.text
    title_end = _title_end(analysis)
    attributions = analysis.attributions
    body = 0
    headline_text = text[:title_end].strip()
    full_title = headline_text.endswith(".") and len(headline_text.split()) >= 6  # a wire lead, not a headline
    for sentence in analysis.sentences:
        headline = sentence.end <= title_end
        lead = headline or body < _LEAD_SENTENCES
        if not headline:
            body += 1
        offset = 0
        for line in sentence.text.split("\n"):
            start = sentence.start + offset
            offset += len(line) + 1
            if not line.strip():
                continue
            in_headline = start < title_end and not full_title
            for s, e, party, framing, by, strong in _clause_candidates(line, start, text, attributions, lead,
                                                                       analysis.article.outlet):
                member = BlameMember(article_id=analysis.article.id, start=start, end=start + len(line),
                                     text=line, by=by, framing=framing)
                yield _Candidate(party=party, member=member, headline=in_headline, strong=strong)
    yield from _responsibility(analysis, title_end)


def _clause_candidates(line: str, start: int, text: str, attributions: Sequence[Attribution], lead: bool,
                       outlet: str | None = None):
    """(start, end, party, framing, by) of the agents one line of a sentence names."""
    parties = find_parties(line, text)
    if not parties:
        return
    sources = [(a.source.start, a.source.end) for a in attributions if a.source is not None]

    def is_source(s: int, e: int) -> bool:
        return any(a <= start + s and start + e <= b for a, b in sources)

    trailing = _TRAILING_SOURCE.search(line)  # "…, report says" (headlines that attribute)

    def voice(s: int, e: int, default: str) -> tuple[str, str]:
        attribution = _containing(attributions, start + s, start + e)
        if attribution is None and trailing is not None and e <= trailing.start():
            source = party_of(trailing.group(1))
            return "attributed", source.name if source is not None else "unnamed source"
        if attribution is None or _own_outlet(attribution, outlet):
            return default, "author"
        return (_FRAMING_OF_CUE.get(attribution.cue.cue_class, "attributed"),
                _source_name(attribution, text) or "unnamed source")

    denied = bool(_DENIAL.search(line))
    arrested = bool(_ARREST_WORD.search(line) or _ARREST.search(line))
    if arrested and lead:  # the suspect of an arrest or a charge
        arrest = _ARREST.search(line)
        for s, e, party in parties:
            if party.kind != "person" or is_source(s, e) or _speaks(line[e:]):
                continue
            before = line[:s]
            if (arrest is not None and e <= arrest.start() and _BETWEEN_SUSPECT.match(line[e:arrest.start()])) \
                    or _ARREST_OBJECT.search(before) or _SUSPECT_BEFORE.search(before):
                _, by = voice(s, e, "attributed")  # an arrest or a charge is an accusation, whoever reports it
                yield s, e, party, "denied" if denied else "attributed", by, True
    for s, e, party in parties:  # the organiser
        if _ORGANISER_BEFORE.search(line[:s]) or _ORGANISER_AFTER.search(line[e:]):
            framing, by = voice(s, e, "asserted")
            yield s, e, party, framing, by, False
    if not lead or arrested:
        return  # in a sentence about an arrest, the suspect is the party (above), not the police
    for s, e, party in parties:  # the agent of a passive: "files seized by Israel"
        if _PASSIVE_AGENT.search(line[:s]) and not _AUTHORITY.search(party.name):
            framing, by = voice(s, e, "asserted")
            yield s, e, party, framing, by, False
    subject = _subject(line, parties)
    if subject is None or _AUTHORITY.search(subject[2].name):
        return
    s, e, party, hedged, speaks, rest = subject
    if speaks:
        if _PRONOUN_DECISION.match(rest):
            framing, by = "asserted", "author"  # "the White House announced it would delay …"
        elif _OWN_ACT.match(rest):  # "Israel's prime minister says his government obtained", "he has made an offer"
            attribution = _containing(attributions, start + e, start + len(line))
            framing = "attributed" if attribution is None else _FRAMING_OF_CUE.get(attribution.cue.cue_class,
                                                                                 "attributed")
            by = (_source_name(attribution, text) if attribution else None) or party.name
        else:
            return  # a source, not the agent: the content names the agent
    else:
        framing, by = voice(s, e, "hedged" if hedged else "asserted")
    yield s, e, party, "denied" if denied else framing, by, False


def _subject(line: str, parties: list[tuple[int, int, Party]]):
    """The party that opens ``line`` (after a dateline) followed by its verb, or None:
    ``(start, end, party, hedged, speaks, rest after the verb)``."""
    dateline = _DATELINE.match(line)
    begin = dateline.end() if dateline and dateline.end() < len(line) else 0
    opening = _OPENING_PHRASE.match(line[begin:])
    if opening:  # "According to the Los Angeles Times, the Angels have made …"
        begin += opening.end()
    for s, e, party in parties:
        if s < begin:
            continue
        prefix = line[begin:s]
        role = _ROLE_PREFIX.match(prefix)
        if role and party.kind == "person":  # "Angels general manager Tony Reagins": he acts for the Angels
            organisation = party_of(role.group(1))
            if organisation is not None:
                party = organisation
        elif not all(_PREFIX_WORD.match(w) for w in prefix.split()):
            return None
        rest = line[e:]
        role = _POSSESSIVE_ROLE.match(rest)
        if role:
            rest = rest[role.end():]
        elif rest.startswith(("'s", "’s")):
            return None  # "Trump's campaign": a possessive, not the subject
        rest = _APPOSITIVE.sub("", rest, count=1).lstrip()
        hedged = False
        while True:
            adverbial = _ADVERBIAL.match(rest)
            if not adverbial or not adverbial.group(0):
                break
            hedged = hedged or bool(_HEDGE.search(adverbial.group(0)))
            rest = rest[adverbial.end():]
        verb = _verb(rest)
        if verb is None:
            return None
        hedged = hedged or bool(_HEDGE.search(rest[:verb.start()]))
        speaks = bool(_SPEECH.match(rest[verb.start():]))
        after = rest[verb.end():].lstrip(" ,")
        if _REFLEXIVE.match(rest[verb.start():]):
            return None  # "hanged himself": an act on oneself names no responsible party
        return s, e, party, hedged, speaks, after
    return None


def _verb(rest: str) -> re.Match | None:
    """The main verb of the clause ``rest`` opens (after the subject), past auxiliaries and
    adverbs, or None when ``rest`` opens with no verb, or with a passive ("was found dead",
    "has been arrested": the subject is no agent)."""
    words = list(re.finditer(r"[A-Za-z][\w-]*", rest[:80]))
    if not words or rest[:words[0].start()].strip():
        return None
    auxiliary = be = False
    for word in words[:5]:
        low = word.group(0).lower()
        if not word.group(0)[0].islower():
            return None
        if low in _ADVERBS:
            continue
        if low in _AUX and not (auxiliary or be):
            auxiliary = True
            continue
        if low in _BE:
            be = True
            continue
        if be:  # progressive ("is suing") is active; a participle ("was found") is passive
            return word if low.endswith("ing") else None
        if auxiliary:
            return word if low not in _NOT_VERB and low not in _ROLE_NOUN else None
        if low in _NOT_VERB or low in _ROLE_NOUN:
            return None
        if low.endswith(("ed", "es")) or low in _IRREGULAR_PAST or (low.endswith("s") and not low.endswith("ss")):
            return word
        return None
    return None


def _own_outlet(attribution: Attribution, outlet: str | None) -> bool:
    """Whether the source is the article's own outlet ("Fox News has confirmed" in Fox News):
    the author's voice."""
    if not outlet or attribution.source is None:
        return False
    key = re.sub(r"[^a-z]+", " ", outlet.lower()).strip().removeprefix("the ")
    source = re.sub(r"[^a-z]+", " ", attribution.source.text.lower()).strip().removeprefix("the ")
    return bool(key and source) and (key == source or source.startswith(key + " ")
                                     or len(source.split()) > 1 and key.startswith(source + " "))


def _speaks(rest: str) -> bool:
    rest = _APPOSITIVE.sub("", rest, count=1).lstrip()
    return bool(_SPEECH.match(rest))


def _containing(attributions: Sequence[Attribution], start: int, end: int) -> Attribution | None:
    for attribution in attributions:
        c = attribution.content
        if c.start <= start and end <= c.end:
            return attribution
    return None


def _responsibility(analysis: Analysis, title_end: int) -> Iterable[_Candidate]:
    """Statements of responsibility for an act: attributed ones, and the author's own."""
    text = analysis.article.text
    covered: list[tuple[int, int]] = []
    seen: set[tuple[str, int]] = set()
    for attribution in analysis.attributions:
        content, cue = attribution.content, attribution.cue
        statement = f"{cue.text} {content.text}"
        if not _RESPONSIBILITY.search(statement) and not _DENIAL.search(statement):
            continue
        if content.end <= title_end:
            continue  # a headline is never a statement of a source
        by = _source_name(attribution, text)
        source_party = None
        if attribution.source is not None:
            source_party = party_of(attribution.source.resolved) or party_of(attribution.source.text)
            if source_party is None:  # "An affiliate of the Islamic State group"
                inside = _agents(attribution.source.text, text)
                source_party = inside[0][2] if inside else None
        if by is None:
            by = "unnamed source"
        denied = bool(_DENIAL.search(statement))
        framing = "denied" if denied else _FRAMING_OF_CUE.get(cue.cue_class, "attributed")
        named = [p for _, _, p in _agents(content.text, text)]
        own = _OWN_CLAIM.match(content.text)  # "IS said it carried out the attack"
        if not named and source_party is not None and (denied or own or _CLAIM_CUE.search(cue.text)):
            named = [source_party]  # "IS claimed responsibility", "Ukraine denied any role"
        if denied and source_party is not None and source_party not in named:
            named = [source_party]
        start, end = min(cue.start, content.start), max(cue.end, content.end)
        if attribution.source is not None and attribution.source.start >= title_end:
            start = min(start, attribution.source.start)
        covered.append((start, end))
        sentence = next((x.text for x in analysis.sentences if x.start <= content.start < x.end), statement)
        if not denied and _DISTANCING.search(sentence):
            framing = "distancing"  # "Russia has blamed Ukraine without evidence": the author marks doubt
        for party in dict.fromkeys(named):
            if (party.name, start) in seen or party.name == by and not (denied or own or _CLAIM_CUE.search(cue.text)):
                continue
            seen.add((party.name, start))
            # a party's own claim of its act is reported, not doubted, whatever the cue's class
            own_framing = "attributed" if party == source_party and not denied else framing
            yield _Candidate(party=party, headline=False, strong=bool(_STRONG.search(statement)), member=BlameMember(
                article_id=analysis.article.id, start=start, end=end, text=text[start:end], by=by,
                framing=own_framing))
    # The author's own, unattributed statements of responsibility.
    for sentence in analysis.sentences:
        if sentence.end <= title_end or any(s < sentence.end and sentence.start < e for s, e in covered):
            continue
        if not (_RESPONSIBILITY.search(sentence.text) or _DENIAL.search(sentence.text)) \
                or _SAYS.search(_SELF_CLAIM.sub("", sentence.text)):
            continue  # "X claimed responsibility" is the author's report of a claim, not a quote
        denied = bool(_DENIAL.search(sentence.text))
        framing = "denied" if denied else ("distancing" if _DISTANCING.search(sentence.text) else
                                           "hedged" if _HEDGE.search(sentence.text) else
                                           "attributed" if _SELF_CLAIM.search(sentence.text) else "asserted")
        by = "author"
        accusers = [(s, e, p) for s, e, p in _agents(sentence.text, text) if _ACCUSES.match(sentence.text[e:])]
        if accusers and not denied:  # "Russia has blamed Ukraine": Russia accuses, Ukraine is accused
            by = accusers[0][2].name
            framing = "distancing" if framing == "distancing" else "attributed"
        for _, _, party in _first_parties(sentence.text, text, skip=accusers[0][1] if accusers else 0):
            yield _Candidate(party=party, headline=False, strong=bool(_STRONG.search(sentence.text)),
                             member=BlameMember(article_id=analysis.article.id, start=sentence.start, end=sentence.end, text=sentence.text,
                by=by, framing=framing))


_SAYS = re.compile(r"\b(?:said|says|say|told|according to|claimed|claims|alleged|alleges|accused|accuses|"
                   r"stated|reported|announced)\b", re.I)


def _agents(text: str, context: str) -> list[tuple[int, int, Party]]:
    """The parties ``text`` names, less states named as places ("near Moscow", "to Ukraine")."""
    return [(s, e, p) for s, e, p in find_parties(text, context)
            if not (p.kind == "state" and _LOCATIVE.search(text[max(0, s - 12):s]))]


def _first_parties(text: str, context: str, skip: int = 0) -> list[tuple[int, int, Party]]:
    """The parties of an author's sentence of responsibility: those named before "behind",
    "responsible", … or right after it (at most two), from ``skip`` on (after an accuser)."""
    found = {}
    for start, end, party in _agents(text, context):
        if start < skip:
            continue
        if start == 0 and party.kind == "person" and " " not in party.name:
            continue  # a sentence-initial capital is no evidence of a name
        found.setdefault(party.name, (start, end, party))
    return list(found.values())[:2]


def _title_end(analysis: Analysis) -> int:
    """Where the headline ends when the text starts with it (blame in a headline is not a statement)."""
    title = analysis.article.title
    text = analysis.article.text
    if title and text.startswith(title):
        return len(title)
    first = text.find("\n")
    if 0 < first < 200 and not text[:first].rstrip().endswith((".", '"', "”")):
        return first
    return 0
