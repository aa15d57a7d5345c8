"""The records of output schema v1: frozen dataclasses, serialised to one JSON document.

Every record that points at text carries ``start`` and ``end`` (character offsets into
``Article.text``, end exclusive) and ``text``, and ``article.text[start:end] == text``
holds for all of them. Sequences are tuples so that a record is immutable all the way
down; they serialise to JSON lists. ``to_dict`` / ``from_dict`` are exact inverses.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

__all__ = [
    "SCHEMA_VERSION",
    "SOURCE_KINDS",
    "CUE_CLASSES",
    "TECHNIQUES",
    "TIME_PRECISIONS",
    "PLACE_PRECISIONS",
    "QUANTITY_SCOPES",
    "DATE_PRECISIONS",
    "LANGUAGE_SOURCES",
    "date_precision",
    "Article",
    "Span",
    "Sentence",
    "Source",
    "Cue",
    "Attribution",
    "Hedge",
    "Claim",
    "Quantity",
    "TimeExpression",
    "Place",
    "Event",
    "Technique",
    "ErrorRecord",
    "Analysis",
    "to_dict",
    "from_dict",
]

SCHEMA_VERSION = "1"

#: Closed vocabularies of schema v1 (documented in docs/schema.md and the JSON Schema).
SOURCE_KINDS = ("person", "organization", "government", "media", "anonymous", "author", "other")
CUE_CLASSES = ("neutral", "distancing", "endorsing", "hedged")
TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)
TIME_PRECISIONS = ("day", "week", "month", "year", "decade", "approximate", "unknown")
PLACE_PRECISIONS = ("city", "region", "country", "continent", "other")
QUANTITY_SCOPES = ("event", "individual", "incidental", "other_event")
#: How much of ``Article.published`` is known: "2024" (year), "2024-05" (month), "2024-05-03" (day).
DATE_PRECISIONS = ("day", "month", "year")
#: Where ``Article.language`` came from: the page's own declaration, the text, or both agreeing.
LANGUAGE_SOURCES = ("declared", "detected", "both")


def date_precision(published: str | None) -> str | None:
    """The precision of an ISO 8601 date: "year" for YYYY, "month" for YYYY-MM, else "day"."""
    if not published:
        return None
    if len(published) == 4:
        return "year"
    if len(published) == 7:
        return "month"
    return "day"


def _json_name(name: str) -> dict[str, str]:
    """Field metadata: the key this field has in JSON when it differs from the attribute."""
    return {"json": name}


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article: its text and what is known about it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or date-time
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = "en"  # ISO 639-1 code; None when it could not be told
    language_confidence: float | None = None  # in [0, 1]; None when the language was not detected
    language_source: str | None = None  # one of LANGUAGE_SOURCES; None when given by the caller
    published_precision: str | None = None  # one of DATE_PRECISIONS; derived from ``published``
    warnings: tuple[ErrorRecord, ...] = ()  # metadata the readers could not use (the article is kept)

    def __post_init__(self) -> None:
        # Always derived, so that dataclasses.replace(article, published=...) cannot leave it stale.
        object.__setattr__(self, "published_precision", date_precision(self.published))


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    start: int
    end: int
    text: str
    checkworthiness: float | None = None  # in [0, 1]; None when no model ran


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    start: int
    end: int
    text: str
    kind: str  # one of SOURCE_KINDS
    resolved: str | None = None  # named antecedent of a pronoun source, if found


@dataclass(frozen=True, slots=True, kw_only=True)
class Cue:
    start: int
    end: int
    text: str
    cue_class: str = field(metadata=_json_name("class"))  # one of CUE_CLASSES


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    id: str
    source: Source | None  # None for agentless passives ("it was claimed that")
    cue: Cue
    content: Span
    certainty: float  # in [0, 1]


@dataclass(frozen=True, slots=True, kw_only=True)
class Hedge:
    start: int
    end: int
    text: str
    kind: str  # "hedge" lowers certainty, "booster" raises it


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    id: str
    start: int
    end: int
    text: str
    attribution: str  # an Attribution.id, or "author"
    checkworthiness: float | None = None
    certainty: float = 0.5
    hedges: tuple[Hedge, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    role: str | None = None
    approximate: bool = False
    #: What the figure counts or describes ("people were killed in the attack"), when found.
    referent: Span | None = None
    #: Lemma of the counted noun ("migrant"), and the key figures are compared by: the body
    #: counted as a whole if one is named ("caravan"), else the noun's canonical name ("people").
    referent_head: str | None = None
    referent_key: str | None = None
    #: What the figure is about, one of QUANTITY_SCOPES; None when the analysis predates it.
    scope: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None  # ISO 8601 (date, week "2024-W12", month "2024-03", year "2024")
    precision: str  # one of TIME_PRECISIONS


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    start: int
    end: int
    text: str
    name: str
    country: str | None  # ISO 3166 alpha-2
    lat: float | None
    lon: float | None
    precision: str  # one of PLACE_PRECISIONS


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    id: str
    type: str
    trigger: Span
    actors: tuple[Span, ...] = ()
    targets: tuple[Span, ...] = ()
    place: Place | None = None
    time: TimeExpression | None = None
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Technique:
    start: int
    end: int
    text: str
    technique: str  # one of TECHNIQUES
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorRecord:
    stage: str
    code: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """Everything claimgraph found in one article: the schema v1 document."""

    article: Article
    schema_version: str = SCHEMA_VERSION
    sentences: tuple[Sentence, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    claims: tuple[Claim, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    techniques: tuple[Technique, ...] = ()
    errors: tuple[ErrorRecord, ...] = ()


# -- serialisation ---------------------------------------------------------------------

#: Key order of the top-level JSON document, as documented in ARCHITECTURE.md.
ANALYSIS_KEYS = (
    "schema_version",
    "article",
    "sentences",
    "attributions",
    "claims",
    "quantities",
    "times",
    "places",
    "events",
    "techniques",
    "errors",
)


def to_dict(record: Any) -> Any:
    """A JSON-ready dict (lists, str, numbers, None) of a record, recursively."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        out = {}
        for f in dataclasses.fields(record):
            out[f.metadata.get("json", f.name)] = to_dict(getattr(record, f.name))
        if isinstance(record, Analysis):
            out = {key: out[key] for key in ANALYSIS_KEYS}
        return out
    if isinstance(record, (tuple, list)):
        return [to_dict(item) for item in record]
    return record


T = TypeVar("T")


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a record of type ``cls`` from ``to_dict`` output."""
    return _convert(cls, data)


# get_type_hints re-evaluates every annotation on each call; caching it makes from_dict ~5x faster.
_type_hints = functools.cache(get_type_hints)


def _convert(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in get_args(tp) if arg is not type(None)]
        return _convert(inner[0], data)
    if origin is tuple:
        (item_type, _ellipsis) = get_args(tp)
        return tuple(_convert(item_type, item) for item in data)
    if origin is Literal:
        return data
    if dataclasses.is_dataclass(tp):
        hints = _type_hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            key = f.metadata.get("json", f.name)
            if key in data:
                kwargs[f.name] = _convert(hints[f.name], data[key])
        return tp(**kwargs)
    if tp is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    return data
