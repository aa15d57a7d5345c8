"""Trigger detection and argument extraction for the events component.

Triggers are found by a spaCy ``Matcher`` over lemmas and parts of speech (the lexicon is
in :mod:`.event_types`) and then checked and typed against the dependency parse: "claim"
only with "responsibility"/"credit", "sign" only with an agreement noun, a weapon as the
subject or modifier makes remote violence ("missiles destroyed", "drone strike"), and
participles used as adjectives ("the captured men") or nouns that merely modify another
("warning period") are not events. Arguments come from the parse too: actors are the
subject, the by-agent, the possessor or a named modifier; targets the object, the passive
subject or an "on"/"against" object.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from .types import (
    CONSEQUENCE_VERBS,
    DISASTER_OBJECTS,
    EVENT_TYPES,
    NOUN_TRIGGERS,
    VERB_TRIGGERS,
    WEAPON_TYPES,
)

__all__ = ["Draft", "build_matcher", "find_drafts", "phrase", "is_consequence", "is_anaphoric", "subject_token", "is_passive"]

_RESPONSIBILITY = frozenset({"responsibility", "credit"})
_AGREEMENT_NOUNS = frozenset(k for k, v in NOUN_TRIGGERS.items() if v == "agreement")
#: Heads under which a trigger is only planned, prevented or hypothetical ("planning an
#: attack", "threatened to strike"): counted as triggers, not as events that happened.
_IRREALIS_HEADS = frozenset({"plan", "prepare", "threaten", "prevent", "avoid", "foil", "thwart",
                             "plot", "intend", "want", "seek", "try", "attempt", "urge", "call",
                             "willing", "ready", "able", "need", "must", "vow", "promise"})
_IRREALIS_AUX = frozenset({"would", "could", "might", "may", "should", "will"})
_LAUNCH_VERBS = frozenset({"fire", "launch"})
_ACTOR_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_TARGET_PREPS = frozenset({"on", "against", "at"})
_OF_TYPES = frozenset({"arrest", "abduction", "attack"})
_EVENT_HEADS = frozenset({"spree", "rampage", "incident", "campaign", "wave"})
_PREFIXES = frozenset({"re", "counter", "pre", "post"})


@dataclass(slots=True)
class Draft:
    """A trigger on its way to becoming an :class:`~claimgraph.model.Event`."""

    token: Token
    type: str
    unit: int
    actors: list[tuple[int, int]] = field(default_factory=list)
    targets: list[tuple[int, int]] = field(default_factory=list)
    realis: bool = True
    folded_into: Draft | None = None

    @property
    def start(self) -> int:
        prefix = hyphen_prefix(self.token)
        return (prefix or self.token).idx

    @property
    def end(self) -> int:
        token = self.token
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if following is not None and token.lemma_.lower() == "open" and following.lower_ == "fire":
            token = following  # the trigger is "opened fire"
        return token.idx + len(token.text)

    @property
    def nominal(self) -> bool:
        return self.token.pos_ != "VERB"

    @property
    def family(self) -> str:
        return EVENT_TYPES[self.type].family


def hyphen_prefix(token: Token) -> Token | None:
    """The "re" of "re-election" when the tokenizer split it off ("re", "-", "election")."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in _PREFIXES \
            and doc[token.i - 2].idx + len(doc[token.i - 2].text) == doc[token.i - 1].idx:
        return doc[token.i - 2]
    return None


def _cased(words: Iterable[str]) -> list[str]:
    # Headlines are title-cased and the lemmatizer keeps the capital ("Hit", "Shooting").
    return sorted({form for w in words for form in (w, w.capitalize())})


def build_matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    verbs = _cased([*VERB_TRIGGERS, *_LAUNCH_VERBS, "open"])
    matcher.add("EVENT_VERB", [[{"LEMMA": {"IN": verbs}, "POS": "VERB"}]])
    nouns = _cased(NOUN_TRIGGERS)
    matcher.add("EVENT_NOUN", [[{"LEMMA": {"IN": nouns}, "POS": {"IN": ["NOUN", "PROPN"]}, "ENT_TYPE": ""}]])
    return matcher


def find_drafts(doc: Doc, matcher: Matcher, unit_of: list[int]) -> list[Draft]:
    """Every trigger the lexicon and parse accept, in text order (irrealis ones flagged)."""
    drafts = []
    for _match_id, start, _end in matcher(doc):
        token = doc[start]
        event_type = _type_of(token)
        if event_type is None:
            continue
        unit = unit_of[token.i]
        draft = Draft(token=token, type=event_type, unit=unit, realis=_realis(token))
        draft.actors = list(_actors(token, unit_of))
        draft.targets = list(_targets(token, event_type, unit_of))
        drafts.append(draft)
    return sorted(drafts, key=lambda d: d.start)


# -- typing --------------------------------------------------------------------------------


def _type_of(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        return _verb_type(token, lemma)
    head = token.head.lemma_.lower()
    if token.dep_ == "compound" and head not in NOUN_TRIGGERS and head not in _EVENT_HEADS:
        return None  # "warning period", "attack helicopter"; but "shooting spree"
    if lemma == "strike" and token.head.lower_ == "on" and token.dep_ == "pobj":
        return "protest"  # workers "on strike"
    if lemma == "fire" and (head == "open" or token.head.lower_ == "under"):
        return None  # "opened fire" is the attack's trigger; "came under fire" is criticism
    weapon = _weapon_modifier(token)
    base = NOUN_TRIGGERS.get(lemma)
    if weapon and base in ("attack", "bombing"):
        return weapon
    return base


def _verb_type(token: Token, lemma: str) -> str | None:
    if token.dep_ == "amod":
        return None  # participle used as an adjective: "the captured Tajiks"
    objects = [c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "obj")]
    if lemma == "claim":
        return "claim_of_responsibility" if _RESPONSIBILITY & set(objects) else None
    if lemma == "sign":
        return "agreement" if _AGREEMENT_NOUNS & set(objects) else None
    if lemma == "open":
        return "attack" if "fire" in objects else None  # "opened fire"
    if lemma == "fight" and DISASTER_OBJECTS & set(objects):
        return None  # "firefighters fought the flames": no clash
    if lemma in _LAUNCH_VERBS:
        weapons = [WEAPON_TYPES[o] for o in objects if o in WEAPON_TYPES]
        return weapons[0] if weapons else None
    subject = _subject(token)
    if subject is not None and lemma in CONSEQUENCE_VERBS | {"attack", "strike"}:
        weapon = WEAPON_TYPES.get(subject.lemma_.lower())
        if weapon is not None and weapon != "suicide_bombing":
            return weapon
    return VERB_TRIGGERS.get(lemma)


def _weapon_modifier(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            weapon = WEAPON_TYPES.get(child.lemma_.lower())
            if weapon is not None:
                return weapon
    return None


def _realis(token: Token) -> bool:
    """False for triggers that are planned, prevented or hypothetical."""
    if any(c.dep_ == "aux" and c.lower_ in _IRREALIS_AUX for c in token.children):
        return False
    while token.dep_ == "conj" and token.head is not token:
        token = token.head  # "need to join and fight": the first conjunct carries the mood
    head = token.head
    if token.dep_ in ("dobj", "xcomp", "pobj") and head.lemma_.lower() in _IRREALIS_HEADS:
        return False
    return not (token.dep_ == "pobj" and head.head.lemma_.lower() in _IRREALIS_HEADS)


def is_consequence(draft: Draft) -> bool:
    """A verb like "killed" or "destroyed" that reports what another event did."""
    return not draft.nominal and draft.token.lemma_.lower() in CONSEQUENCE_VERBS


def is_anaphoric(draft: Draft) -> bool:
    """A bare definite event noun ("the attack", "this massacre") pointing back."""
    token = draft.token
    if not draft.nominal or token.tag_ in ("NNS", "NNPS"):
        return False
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in children):
        return False
    return not any(c.dep_ in ("compound", "amod", "nmod", "poss", "prep") for c in children)


# -- arguments -----------------------------------------------------------------------------


def _subject(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.tag_ == "WDT" or child.lower_ in ("who", "which", "that"):
                return token.head if token.dep_ == "relcl" else None
            return child
    if token.dep_ in ("conj", "xcomp") and token.head.pos_ == "VERB":
        return _subject(token.head)
    return None


def subject_token(draft: Draft, unit_of: list[int]) -> Token | None:
    subject = _subject(draft.token)
    return subject if subject is not None and unit_of[subject.i] == draft.unit else None


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def _actors(token: Token, unit_of: list[int]) -> Iterator[tuple[int, int]]:
    unit = unit_of[token.i]
    heads: list[Token] = []
    if token.pos_ == "VERB":
        subject = _subject(token)
        if subject is not None and not is_passive(token):
            if subject.lemma_.lower() in WEAPON_TYPES:
                heads.extend(_named_modifiers(subject))  # "Russian missiles" → Russian
            elif subject.lemma_.lower() not in NOUN_TRIGGERS:
                heads.append(subject)
    else:
        owners = (token, hyphen_prefix(token) or token)  # "Putin's re-election": poss of "re"
        heads.extend(c for owner in set(owners) for c in owner.children if c.dep_ == "poss")
        heads.extend(_named_modifiers(token))
    heads.extend(_agents(token))
    for head in heads:
        for member in _with_conjuncts(head):
            if unit_of[member.i] == unit and member.lower_ not in ("who", "which", "that"):
                yield phrase(member)


def _targets(token: Token, event_type: str, unit_of: list[int]) -> Iterator[tuple[int, int]]:
    unit = unit_of[token.i]
    heads: list[Token] = []
    for child in token.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass") and child.lemma_.lower() not in _RESPONSIBILITY:
            heads.append(child)
        elif child.dep_ == "prep" and (
            child.lower_ in _TARGET_PREPS or (child.lower_ == "of" and token.pos_ != "VERB" and event_type in _OF_TYPES)
        ):
            heads.extend(c for c in child.children if c.dep_ == "pobj")
    for head in heads:
        for member in _with_conjuncts(head):
            # "On March 25" is a time, not a target.
            if unit_of[member.i] == unit and member.pos_ != "PRON" and member.ent_type_ not in ("DATE", "TIME"):
                yield phrase(member)


def _agents(token: Token) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by" and token.pos_ != "VERB"):
            yield from (c for c in child.children if c.dep_ == "pobj")


def _named_modifiers(token: Token) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.ent_type_ in _ACTOR_ENTS:
            yield child


def _with_conjuncts(token: Token) -> Iterator[Token]:
    yield token
    yield from (c for c in token.conjuncts if c.i > token.i)


def phrase(token: Token) -> tuple[int, int]:
    """Character span of the phrase a token heads: its named entity, or its left
    modifiers and itself (no determiner, no relative clause or prepositional tail)."""
    doc = token.doc
    if token.ent_iob_ in ("B", "I"):
        first, last = token.i, token.i
        while doc[first].ent_iob_ == "I" and first > 0:
            first -= 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        tokens = [t for t in doc[first:last + 1] if t.tag_ != "POS" and t.text not in ("'s", "\u2019s")]
        if tokens:
            return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    left = token.left_edge
    while left.i < token.i and (left.pos_ in ("DET", "PUNCT", "CCONJ") or left.tag_ == "POS"):
        left = doc[left.i + 1]
    return left.idx, token.idx + len(token.text)
