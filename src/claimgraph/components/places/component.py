"""Places: place names found by the parser's entity recogniser, geocoded offline.

Candidates come from spaCy's GPE, LOC, FAC and NORP entities ("Tajikistan" is sometimes
tagged NORP), with possessives ("Moscow's") and a leading "the" removed. Each is looked up
in the packaged gazetteer (:mod:`._gazetteer`: GeoNames cities, countries, US states and
continents, with Latin-script spelling variants, so "Kiev" resolves to Kyiv, UA).

Ambiguous names are resolved in two passes. The first ranks each name's readings by
population alone and keeps the confident ones (a clear margin); those, plus countries the
article names outright and nationality words ("Russian", "Tajiks", which are not places
themselves), form the article's country evidence. The second pass adds a bonus to readings
in an evidence country (and a smaller one to its neighbours), so "Paris" next to "Texas"
is Paris, US, while Paris beside Berlin stays in France. Names the gazetteer does not know
(most facilities, e.g. a concert hall) yield no record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ...model import Place
from .._base import Component, ComponentSpec, doc_text
from ._gazetteer import Gazetteer, Match, gazetteer

__all__ = ["Places", "SPEC", "PLACE_LABELS"]

#: Entity labels whose text may name a place.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
#: Log-population bonus for a reading in a country the article gives evidence for (x30),
#: and for one in a neighbouring country; small enough that a big city still beats a
#: small namesake in an evidence country (Paris, FR over Paris, US in a US-heavy article).
EVIDENCE_BONUS = 1.5
NEIGHBOUR_BONUS = 0.5
#: Bonus for matching a place's own name rather than one of its alternate names.
PRIMARY_BONUS = 1.5
#: Population from which an untagged object of a verb is taken as a city ("hit Kiev").
PROMINENT_CITY = 1_000_000
#: A first-pass reading is confident when it leads the next one by this much.
CONFIDENT_MARGIN = 1.0
_POSSESSIVES = ("'s", "\u2019s", "'", "\u2019")
_LEADING = ("the ", "The ")
#: Prepositions after which an untagged proper noun is looked up as a place.
_LOCATIVE = frozenset({"in", "near", "outside", "around", "from", "to", "at", "into", "across"})


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    text: str
    readings: tuple[Match, ...]


class Places(Component):
    section = "places"

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.gazetteer: Gazetteer = gazetteer()

    def process(self, doc: Doc) -> Iterable[Place]:
        mentions, demonyms = self._mentions(doc)
        mentions = _qualified(doc_text(doc), mentions)
        evidence = self._evidence(mentions, demonyms)
        for mention in mentions:
            best = _best(mention.readings, evidence, self.gazetteer)
            c = best.candidate
            yield Place(
                start=mention.start, end=mention.end, text=mention.text, name=c.name,
                country=c.country, lat=c.lat, lon=c.lon, precision=c.precision,
            )

    def _mentions(self, doc: Doc) -> tuple[list[_Mention], list[str]]:
        """Geocodable mentions in text order, and the countries of nationality words."""
        mentions: list[_Mention] = []
        demonyms: list[str] = []
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            found = self._lookup(ent)
            if found is not None and not (ent.label_ == "NORP" and found.readings[0].candidate.precision == "city"):
                mentions.append(found)
                continue
            country = self.gazetteer.demonym_country(ent.text) if found is None else None
            if country is not None:
                demonyms.append(country)
        mentions.extend(self._missed(doc))
        mentions.sort(key=lambda m: m.start)
        return mentions, demonyms

    def _missed(self, doc: Doc) -> Iterator[_Mention]:
        """Proper nouns the entity recogniser left untagged that name a place by its own
        name: after a locative preposition ("near Kharkiv"), or as the object of a verb
        when the place is prominent (a country or a city of a million: "missiles hit Kiev")."""
        for token in doc:
            if token.ent_type_ or token.pos_ != "PROPN" or token.i == 0 or doc[token.i - 1].pos_ == "PROPN":
                continue
            locative = token.dep_ == "pobj" and doc[token.i - 1].lower_ in _LOCATIVE
            if not locative and token.dep_ != "dobj":
                continue
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
                end += 1
            span = doc[token.i:end]
            found = self.gazetteer.lookup(span.text)
            # Outside a locative phrase, only an unambiguous or own-name prominent reading.
            readings = tuple(m for m in found if locative or (_prominent(m) and (m.primary or len(found) == 1)))
            if readings and not self.gazetteer.demonym_country(span.text):
                yield _Mention(start=span.start_char, end=span.end_char, text=span.text, readings=readings)

    def _lookup(self, ent: SpacySpan) -> _Mention | None:
        """The entity (or its possessor, "Moscow" in "Moscow's Crocus City Hall") if known."""
        for start, end in _name_spans(ent):
            text = doc_text(ent.doc)[start:end]
            if not text or len(text) > 80:
                continue
            readings = self.gazetteer.lookup(text)
            # A nationality word ("Ukrainian") is evidence, not a place, even when some
            # town lists it as an alternate name.
            if readings and not (self.gazetteer.demonym_country(text) and not any(m.primary for m in readings)):
                return _Mention(start=start, end=end, text=text, readings=readings)
        return None

    def _evidence(self, mentions: list[_Mention], demonyms: list[str]) -> Counter[str]:
        evidence: Counter[str] = Counter(demonyms)
        for mention in mentions:
            ranked = sorted((_score(m, Counter(), self.gazetteer) for m in mention.readings), reverse=True)
            top = _best(mention.readings, Counter(), self.gazetteer).candidate
            confident = len(ranked) == 1 or ranked[0] - ranked[1] >= CONFIDENT_MARGIN
            if top.country and (confident or top.precision == "country"):
                evidence[top.country] += 1
        return evidence


def _prominent(match: Match) -> bool:
    c = match.candidate
    return c.precision == "country" or (c.precision == "city" and c.population >= PROMINENT_CITY)


def _qualified(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Resolve "Paris, Texas" and "Atlanta, Georgia" together: a place followed by a comma
    and a region or country keeps only the readings inside it, and so does the qualifier."""
    out = list(mentions)
    for i in range(len(out) - 1):
        place, qualifier = out[i], out[i + 1]
        if text[place.end:qualifier.start].strip() != ",":
            continue
        outer = {m.candidate.country for m in qualifier.readings if m.candidate.precision in ("region", "country")}
        shared = outer & {m.candidate.country for m in place.readings}
        if not shared:
            continue
        out[i] = _restrict(place, shared, ("city", "region"))
        out[i + 1] = _restrict(qualifier, shared, ("region", "country"))
    return out


def _restrict(mention: _Mention, countries: set, precisions: tuple[str, ...]) -> _Mention:
    kept = tuple(
        m for m in mention.readings
        if m.candidate.country in countries and m.candidate.precision in precisions
    )
    return _Mention(start=mention.start, end=mention.end, text=mention.text, readings=kept or mention.readings)


def _name_spans(ent: SpacySpan) -> Iterator[tuple[int, int]]:
    """Character spans to try for an entity: trimmed whole, then a possessor inside it."""
    start, end = ent.start_char, ent.end_char
    text = doc_text(ent.doc)
    for prefix in _LEADING:
        if text.startswith(prefix, start, end):
            start += len(prefix)
    for suffix in _POSSESSIVES:
        if text[start:end].endswith(suffix):
            end -= len(suffix)
            break
    yield start, end
    for token in ent:
        if token.text in _POSSESSIVES and token.i > ent.start and token.idx > start:
            yield start, token.idx  # "Moscow's Crocus City Hall" → "Moscow"
            break


def _score(match: Match, evidence: Counter[str], gaz: Gazetteer) -> float:
    c = match.candidate
    score = c.prior + (PRIMARY_BONUS if match.primary else 0.0)
    if c.country and evidence[c.country]:
        score += EVIDENCE_BONUS
    elif c.country and gaz.neighbours.get(c.country, frozenset()) & evidence.keys():
        score += NEIGHBOUR_BONUS
    return score


def _best(readings: tuple[Match, ...], evidence: Counter[str], gaz: Gazetteer) -> Match:
    return max(readings, key=lambda m: _score(m, evidence, gaz))


def make_places(nlp: Language, name: str) -> Places:
    return Places(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_places_v1",
    make=make_places,
    requires=("token.ent_type",),
    assigns=("doc._.cg_places",),
)
