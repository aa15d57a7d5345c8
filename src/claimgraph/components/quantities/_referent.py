"""What a quantity counts or describes (its referent) and what it is about (its scope).

Both are read from the dependency parse at analysis time, so that comparing outlets needs
no parse: "at least 137 people were killed in the attack" has the referent "people were
killed in the attack" (head ``people``), "a caravan of about 1,200 migrants" the referent
"caravan of about 1,200 migrants" with the key ``caravan`` (the group that is counted),
and "Kenia Elizabeth Avila, 35," is about one individual.

Scopes (closed vocabulary :data:`SCOPES`):

- ``event``: a figure of the reported happening (a toll, a size, a price);
- ``individual``: about one person (an age, one person's prison term, her three children);
- ``incidental``: a number that counts nothing of the event ("one of many curves");
- ``other_event``: about another happening mentioned in passing ("the 2005 quake killed 612").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

__all__ = ["SCOPES", "CONTAINERS", "canonical_head", "referent_of"]

SCOPES = ("event", "individual", "incidental", "other_event")

#: Nouns that name a body of people or things counted as a whole ("a caravan of 1,200").
CONTAINERS = frozenset("""
caravan convoy crowd flotilla delegation contingent army column procession rally march exodus
influx wave fleet motorcade throng mob horde swarm battalion brigade regiment division unit
""".split())
#: Generic containers: used when no specific one is named.
_GENERIC_CONTAINERS = frozenset("group number total batch".split())

#: Counted nouns that are one thing under several names -> the name a slot uses.
_HEAD_SYNONYMS = {
    **dict.fromkeys("people person individual man woman adult civilian resident citizen human "
                    "inhabitant victim casualty life soul".split(), "people"),
    **dict.fromkeys("migrant immigrant asylum-seeker seeker emigrant".split(), "migrant"),
    **dict.fromkeys("soldier troop serviceman servicemember".split(), "soldier"),
    **dict.fromkeys("child kid minor".split(), "child"),
    **dict.fromkeys("fatality death dead".split(), "death"),
    **dict.fromkeys("injury wounded injured".split(), "injury"),
}

#: Verbs whose object is the size of their subject ("a caravan that numbered 1,200").
_SIZE_VERBS = frozenset("number total reach swell grow exceed top count include comprise".split())
#: Nouns a number rarely counts as a fact of the event ("one of many curves", "two ways").
_INCIDENTAL_HEADS = frozenset("""
way time point thing reason step option curve question issue example sign aspect part side
chance kind sort type word line couple instance occasion respect
""".split())
_EVENT_COUNTS = frozenset({"fatalities", "injured", "arrested", "displaced", "missiles"})
_UNIT_NOUNS = frozenset("second minute hour day week month year decade century dollar euro pound".split())
_PERSON_PRONOUNS = frozenset("he she his her him i my me".split())
_OTHER_TIME = re.compile(r"\b(?:1[89]\d\d|20\d\d)s?\b|\bago\b|\bprevious\w*\b|\bprior\b|\blast (?:year|month|time)\b"
                         r"|\bearlier (?:this|that|last) (?:year|month)\b|\bin the past\b", re.I)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_MONTHS = ("january february march april may june july august september october november december")
#: "in September", "in early February": a month without its day is another time than the reported day.
_IN_MONTH = re.compile(r"\bin (?:early |late |mid-?)?(" + "|".join(_MONTHS.split()) + r")\b(?! \d)", re.I)
_LEAD_TOKENS = 80  # the headline, dateline and first sentence: the event's own year and month
_PREPS = frozenset("in of from on at aboard inside with among".split())


def canonical_head(lemma: str | None) -> str | None:
    """One name for synonymous counted nouns ("persons", "individuals" -> "people")."""
    if not lemma:
        return None
    lemma = lemma.lower()
    return _HEAD_SYNONYMS.get(lemma, lemma)


def referent_of(number: Token, noun: Token | None, role: str, unit: str | None
                ) -> tuple[tuple[int, int] | None, str | None, str | None, str]:
    """``(referent char span, head lemma, key, scope)`` of the quantity whose last number token is ``number``."""
    if noun is None:
        noun = _partitive(number)
    size_of = _size_subject(number) if noun is None else None
    container = _container(number, noun) or size_of
    head = noun if noun is not None else size_of
    span = _span(number, head) if head is not None else None
    if span is not None and container is not None and container.i < number.i and number.i - container.i <= 4:
        span = (container.idx, span[1])  # "caravan of about 1,200 migrants"
    head_lemma = head.lemma_.lower() if head is not None and head.pos_ != "PRON" else None
    governor = _governor(number) if role in {"money", "duration"} else None
    if governor is not None:
        key = governor.lemma_.lower()  # "paid $500 million": pay; "sentenced to 10 years": sentence
    elif container is not None:
        key = container.lemma_.lower()
    elif head_lemma is not None:
        key = canonical_head(head_lemma)
    else:
        key = unit
    return span, head_lemma, key, _scope(number, noun, role, unit, head_lemma, container is not None)


def _partitive(number: Token) -> Token | None:
    """'150 of the caravan's members' -> members."""
    of = next((c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return None
    return next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}), None)


def _size_subject(number: Token) -> Token | None:
    """'a caravan that once numbered about 1,200' -> caravan."""
    tok = number
    while tok.dep_ in {"nummod", "quantmod", "compound", "advmod"} and tok.head is not tok:
        tok = tok.head
    verb = tok.head
    if tok.dep_ not in {"dobj", "attr", "npadvmod"} or verb.lemma_.lower() not in _SIZE_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    if subject.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
        return verb.head
    return subject if subject.pos_ in {"NOUN", "PROPN"} else None


def _container(number: Token, noun: Token | None) -> Token | None:
    """The body of people or things the counted noun belongs to, if the sentence names one."""
    found: list[Token] = []
    starts = [t for t in (noun, number) if t is not None]
    for tok in starts:
        found += [c for c in tok.children if c.dep_ == "poss"]
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _PREPS):
            found += [c for c in prep.children if c.dep_ == "pobj"]
        for appos in (c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
            found.append(appos)
            for prep in (c for c in appos.children if c.dep_ == "prep" and c.lower_ == "of"):
                found += [c for c in prep.children if c.dep_ == "pobj"]
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            found.append(tok.head.head)  # "a caravan of 1,200 migrants", "a group of 150"
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.dep_ == "relcl":
            found.append(tok.head.head)
    for tok in list(found):  # "a group of 150 of the caravan's members": members -> caravan
        found += [c for c in tok.children if c.dep_ == "poss"]
    specific = [t for t in found if t.lemma_.lower() in CONTAINERS]
    if specific:
        return specific[0]
    generic = [t for t in found if t.lemma_.lower() in _GENERIC_CONTAINERS]
    return generic[0] if generic else None


def _governor(number: Token) -> Token | None:
    """The verb or noun that governs a figure without a counted noun ('paid $500 million')."""
    tok = number
    for _ in range(4):
        if tok.head is tok:
            return tok if tok.pos_ in {"VERB", "NOUN"} and tok is not number else None
        tok = tok.head
        if tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and tok.lemma_.lower() not in _UNIT_NOUNS):
            return tok
    return None


def _span(number: Token, head: Token) -> tuple[int, int]:
    """The referent in the text: the head with its modifiers and, to its right, the
    prepositional or verbal phrase that says what is counted (at most eight tokens)."""
    doc = head.doc
    left = head.i
    while left > 0 and doc[left - 1].dep_ in {"compound", "amod"} and doc[left - 1].head.i >= left - 1 \
            and doc[left - 1].i != number.i and doc[left - 1].pos_ != "NUM":
        left -= 1
    right = head.i
    sentence_end = head.sent.end
    for child in head.rights:
        if child.dep_ in {"prep", "acl", "relcl"} and child.i == right + 1 or (
                child.dep_ in {"prep", "acl"} and child.i <= right + 2):
            right = max(right, max(t.i for t in child.subtree))
            break
    if right == head.i and head.dep_ in {"nsubj", "nsubjpass"} and head.head.pos_ == "VERB" \
            and head.head.i > head.i and head.head.i - head.i <= 3:
        verb = head.head  # "people were killed in the attack"
        right = verb.i
        prep = next((c for c in verb.rights if c.dep_ == "prep"), None)
        if prep is not None and prep.i == verb.i + 1:
            right = max(t.i for t in prep.subtree)
    right = min(right, head.i + 8, sentence_end - 1)
    while right > head.i and doc[right].is_punct:
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _scope(number: Token, noun: Token | None, role: str, unit: str | None, head: str | None,
           has_container: bool) -> str:
    if role == "age":
        return "individual"
    if noun is not None and any(c.dep_ == "poss" and (c.lower_ in _PERSON_PRONOUNS or c.ent_type_ == "PERSON")
                                for c in noun.children):
        return "individual"  # "her three children", "his five daughters"
    if noun is not None and noun.lemma_.lower() in {"age", "aged"}:
        return "individual"
    if (noun is not None and noun.lower_ == noun.lemma_.lower() and number.lower_ in {"one", "1", "a"}
            and role not in _EVENT_COUNTS):
        return "individual"  # "One participant said": one person, not a count of the event
    if role in {"duration", "money"} and _single_person_subject(number):
        return "individual"  # "he was sentenced to 10 years", "she paid $200"
    if _other_time(number):
        return "other_event"
    if not has_container and (head in _INCIDENTAL_HEADS or (unit is None and role == "other" and head is None)):
        return "incidental"
    return "event"


def _other_time(number: Token) -> bool:
    """The clause around the number names another time (a year, "ago", "in September") than
    the event's. The lead (the first sentence) reports the event itself, and a year or month
    that the lead gives is the event's own."""
    clause = _clause_text(number)
    core = _clause_text(number, core=True)  # a month counts only in the clause proper, not in an
    if not (_OTHER_TIME.search(clause) or _IN_MONTH.search(core)):  # aside ("a caravan that headed north in March")
        return False
    doc = number.doc
    first = next(iter(doc.sents), doc[:])
    lead_end = min(first.end, _line(doc[0])[1] + 1, _LEAD_TOKENS)
    if number.i < lead_end:
        return False  # the lead reports the event itself, with its time ("the 1967 killings of two women")
    lead = " ".join(t.text for t in doc[:lead_end])
    own_years = set(_YEAR.findall(lead))
    own_months = {m.lower() for m in re.findall("|".join(_MONTHS.split()), lead, re.I)}
    rest = _YEAR.sub(lambda y: "" if y.group(0) in own_years else y.group(0), clause)
    if _OTHER_TIME.search(rest):
        return True
    return any(m.group(1).lower() not in own_months for m in _IN_MONTH.finditer(core))


def _clause_text(number: Token, core: bool = False) -> str:
    """The words of the clause around the number, minus the number itself, within its line
    (a headline or dateline above the sentence is not part of it); ``core``: without its
    relative clauses, appositions and coordinated clauses."""
    tok = number
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX"} or tok.head is tok:
            break
        tok = tok.head
    for _ in range(4):  # "a quake measuring 6.4 ...", "... in February, killing hundreds": the clause
        if tok.dep_ not in {"acl", "advcl"} or tok.tag_ not in {"VBG", "VBN"} or tok.head.i == tok.i:
            break  # of a participle is that of the verb it hangs from
        tok = tok.head
        for _ in range(6):
            if tok.pos_ in {"VERB", "AUX"} or tok.head.i == tok.i:
                break
            tok = tok.head
    first, last = _line(number)
    skipped: set[int] = set()
    if core:
        for t in tok.subtree:
            if t.dep_ in {"relcl", "appos", "conj", "acl", "advcl"} and not (t.i <= number.i and number.i in
                                                                        {d.i for d in t.subtree}):
                skipped.update(d.i for d in t.subtree)
    words = [t.text for t in tok.subtree if t.i != number.i and first <= t.i <= last and t.i not in skipped
             and not (t.head.i == number.i and t.dep_ == "punct")]
    return " ".join(words)


def _line(token: Token) -> tuple[int, int]:
    """Indices of the first and last token of the text line that holds ``token``."""
    doc = token.doc
    first = token.i
    while first > 0 and "\n" not in doc[first - 1].whitespace_ and "\n" not in doc[first - 1].text:
        first -= 1
    last = token.i
    while last + 1 < len(doc) and "\n" not in doc[last].whitespace_ and "\n" not in doc[last + 1].text:
        last += 1
    return first, last


def _single_person_subject(number: Token) -> bool:
    tok = number
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX"} or tok.head is tok:
            break
        tok = tok.head
    subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return False
    return subject.lower_ in _PERSON_PRONOUNS or (subject.ent_type_ == "PERSON" and subject.tag_ != "NNPS")
