"""What the clustering compares: a bag of typed features per article.

Every feature is a string with a prefix that says what it is, so that one TF-IDF space
holds them all and each kind can be weighed on its own:

``w:`` content lemma, ``e:`` named entity (and the last word of a person's name, which is
how later mentions refer to them), ``p:`` place, ``n:`` number, ``y:`` year, ``m:`` month,
``t:`` event type, ``a:`` actor or target of an event, ``d:`` weekday named in the text.

Two extractors share one output: :func:`spacy_features` reads a parsed spaCy ``Doc``
(entities, lemmas), and :func:`plain_features` reads the text with regular expressions
only, for corpora too large to parse again. :func:`analysis_features` adds what the
pipeline already found (places, events, times, quantities) when an ``Analysis`` carries it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from ..model import Analysis

__all__ = [
    "DocFeatures",
    "extract_features",
    "spacy_features",
    "plain_features",
    "analysis_features",
    "parse_day",
]

#: spaCy entity labels kept as ``e:`` features; the rest (ordinals, percentages, money…)
#: are too generic to tell events apart, except numbers and dates, handled on their own.
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")\b")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:[A-Z]\.\s*)?[A-Z][a-z]+)*")


@dataclass(frozen=True, slots=True, kw_only=True)
class DocFeatures:
    """One article as the clustering sees it."""

    doc_id: str
    day: int | None  # proleptic ordinal of the publication date, when known
    features: tuple[str, ...]  # with repetition: a term's count is its frequency
    fingerprint: str = ""  # text used for near-duplicate detection (the article text)
    text: str = ""  # text that is embedded (title and article text); the fingerprint when empty


def parse_day(value: str | None) -> int | None:
    """The day ordinal of an ISO 8601 date or date-time, or None when absent or unreadable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def spacy_features(doc: Doc) -> list[str]:
    """Lemmas of content words, named entities, numbers, years and months of a parsed ``Doc``."""
    out = [f"w:{t.lemma_.lower()}" for t in doc
           if t.pos_ in _CONTENT_POS and not t.is_stop and t.is_alpha and len(t) > 1]
    for ent in doc.ents:
        out.extend(_entity_features(ent.label_, ent.text))
    out.extend(_date_features(doc.text))
    return out


def _entity_features(label: str, text: str) -> list[str]:
    name = _normalise(text)
    if not name:
        return []
    if label in _ENTITY_LABELS:
        out = [f"e:{name}"]
        if label in _PLACE_LABELS:
            out.append(f"p:{name}")
        if label == "PERSON" and " " in name:
            out.append(f"e:{name.rsplit(' ', 1)[1]}")
        return out
    if label in ("CARDINAL", "QUANTITY", "MONEY"):
        return [f"n:{n.replace(',', '')}" for n in _NUMBER.findall(text)]
    return []


def plain_features(text: str) -> list[str]:
    """The same kinds of features as :func:`spacy_features`, from regular expressions only.

    Capitalised word runs stand in for named entities and lower-cased words for lemmas;
    it is cruder and about a hundred times faster than parsing.
    """
    out = [f"w:{w.lower()}" for w in _WORD.findall(text) if w.lower() not in STOP_WORDS]
    for name in _NAME.findall(text):
        if name.lower() not in STOP_WORDS and name not in _MONTH_NAMES:
            out.append(f"e:{_normalise(name)}")
    out.extend(f"n:{n.replace(',', '')}" for n in _NUMBER.findall(text) if not _YEAR.fullmatch(n))
    out.extend(_date_features(text))
    return out


_MONTH_NAMES = frozenset(m.capitalize() for m in _MONTHS)


def _date_features(text: str) -> list[str]:
    # Weekdays matter when no year is given: reports of one event name the day it
    # happened ("the fire on Friday night"), those of another of its kind another day.
    years = [f"y:{y}" for y in _YEAR.findall(text)]
    months = [f"m:{m.lower()}" for m in _MONTH.findall(text)]
    weekdays = [f"d:{d.lower()}" for d in _WEEKDAY.findall(text)]
    return years + months + weekdays


def analysis_features(analysis: Analysis) -> list[str]:
    """Features from what the pipeline found: places, events, actors, times and figures."""
    out: list[str] = []
    for place in analysis.places:
        out.append(f"p:{_normalise(place.name)}")
        if place.country:
            out.append(f"p:{place.country.lower()}")
    for event in analysis.events:
        out.append(f"t:{event.type}")
        out.extend(f"a:{_normalise(span.text)}" for span in (*event.actors, *event.targets))
    for time in analysis.times:
        if time.value and _YEAR.match(time.value):
            out.append(f"y:{time.value[:4]}")
            month = time.value[5:7]
            if month.isdigit() and 1 <= int(month) <= 12:
                out.append(f"m:{_MONTHS[int(month) - 1]}")
    for quantity in analysis.quantities:
        if quantity.value is not None:
            out.append(f"n:{quantity.value:g}")
    return [f for f in out if not f.endswith(":")]


def extract_features(
    analyses: Iterable[Analysis], *, nlp: Language | None = None, batch_size: int = 32
) -> Iterator[DocFeatures]:
    """Features of each analysis, in order: parsed with ``nlp`` when given, else :func:`plain_features`."""
    if nlp is None:
        for analysis in analyses:
            yield _features(analysis, plain_features(analysis.article.text))
        return
    pending = list(analyses)
    disabled = [name for name in ("parser",) if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        docs = nlp.pipe((a.article.text for a in pending), batch_size=batch_size)
        for analysis, doc in zip(pending, docs):
            yield _features(analysis, spacy_features(doc))


def _features(analysis: Analysis, text_features: list[str]) -> DocFeatures:
    title = analysis.article.title or ""
    extra = plain_features(title) if title and title not in analysis.article.text else []
    return DocFeatures(
        doc_id=analysis.article.id,
        day=parse_day(analysis.article.published),
        features=tuple(text_features + extra + analysis_features(analysis)),
        fingerprint=analysis.article.text,
        text=f"{title}\n{analysis.article.text}" if extra else analysis.article.text,
    )


def _normalise(text: str) -> str:
    words = re.findall(r"[\w']+", text.lower())
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words).removesuffix("'s").strip()
