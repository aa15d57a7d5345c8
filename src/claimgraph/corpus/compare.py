"""Where outlets disagree: the comparison of a set of articles (document ``compare/2``).

Three sections, each comparing like with like:

- **slots**: figures that count the same thing (same role, same counted referent,
  compatible units), one verdict per slot: ``agree`` (equal within the stated vagueness),
  ``update`` (values that move with report time, as a rising toll does), ``conflict``
  (incompatible at the same time), ``single`` (one article). Figures about one individual,
  incidental counts and figures of other events make no slot.
- **blame**: who each article says carried out, ordered, claimed or helped the central act,
  by whom (the author or the attributed source) and with what framing; parties are
  canonical entities (:mod:`claimgraph.corpus.parties`).
- **claims**: the same proposition carried by several outlets, with each outlet's framing
  of it, ``absent`` where an article does not carry it (:mod:`claimgraph.corpus.matching`).

Everything runs on stored analyses (no parse): slot keys come from the quantities
component's ``referent_key``/``scope``. Each step is one pass over the figures, statements
or claims, grouped by hash keys; nothing compares every pair of articles.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Analysis, Attribution, Quantity
from .features import parse_day
from ..components.quantities._referent import CONTAINERS as _CONTAINERS
from .parties import Party, _full_name, find_parties, party_of

__all__ = [
    "SCHEMA",
    "SLOT_VERDICTS",
    "BLAME_VERDICTS",
    "FRAMINGS",
    "EventInfo",
    "ArticleRef",
    "SlotMember",
    "Slot",
    "BlameMember",
    "BlameRow",
    "ClaimMember",
    "ClaimRow",
    "Comparison",
    "compare_articles",
    "slot_verdict",
]

SCHEMA = "compare/2"
SLOT_VERDICTS = ("agree", "update", "conflict", "single")
BLAME_VERDICTS = ("agree", "conflict", "single", "denied")
FRAMINGS = ("asserted", "attributed", "distancing", "endorsing", "hedged", "denied", "absent")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventInfo:
    id: str | None
    title: str | None
    type: str | None
    place: str | None
    date: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleRef:
    id: str
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SlotMember:
    article_id: str
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    reported_at: str | None  # the article's publication date
    source: str | None  # who the article attributes the figure to, if anyone


@dataclass(frozen=True, slots=True, kw_only=True)
class Slot:
    id: str
    label: str
    role: str
    referent: str
    unit: str | None
    verdict: str  # one of SLOT_VERDICTS
    verdict_reason: str
    members: tuple[SlotMember, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class BlameMember:
    article_id: str
    start: int
    end: int
    text: str
    by: str  # "author", or the canonical name of the attributed source
    framing: str  # one of FRAMINGS except "absent"


@dataclass(frozen=True, slots=True, kw_only=True)
class BlameRow:
    party: str
    kind: str
    verdict: str  # one of BLAME_VERDICTS
    members: tuple[BlameMember, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimMember:
    article_id: str
    start: int
    end: int
    text: str
    framing: str  # one of FRAMINGS except "denied"
    source: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimRow:
    id: str
    text: str
    members: tuple[ClaimMember, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    event: EventInfo
    articles: tuple[ArticleRef, ...]
    slots: tuple[Slot, ...]
    blame: tuple[BlameRow, ...]
    claims: tuple[ClaimRow, ...]

    @property
    def conflicts(self) -> int:
        """Slots and blame rows whose verdict is ``conflict``."""
        return sum(s.verdict == "conflict" for s in self.slots) + sum(b.verdict == "conflict" for b in self.blame)


def compare_articles(
    analyses: Sequence[Analysis], *, event_id: str | None = None,
    embed: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> Comparison:
    """The comparison of any set of articles (one analysis per article id; the last wins)."""
    by_id = {a.article.id: a for a in analyses}
    ordered = sorted(by_id.values(), key=lambda a: (parse_day(a.article.published) or 10**9, a.article.id))
    from .matching import match_claims

    return Comparison(
        event=_event_info(ordered, event_id),
        articles=tuple(ArticleRef(id=a.article.id, outlet=a.article.outlet, published=a.article.published,
                                  url=a.article.url, title=a.article.title) for a in ordered),
        slots=build_slots(ordered),
        blame=build_blame(ordered),
        claims=match_claims(ordered, embed=embed),
    )


def _event_info(analyses: Sequence[Analysis], event_id: str | None) -> EventInfo:
    types = Counter(e.type for a in analyses for e in a.events)
    places = Counter(p.name for a in analyses for p in ([e.place for e in a.events if e.place] or a.places))
    dated = [a for a in analyses if parse_day(a.article.published) is not None]
    first = dated[0] if dated else (analyses[0] if analyses else None)
    day = parse_day(first.article.published) if first is not None else None
    return EventInfo(
        id=event_id,
        title=first.article.title if first is not None else None,
        type=types.most_common(1)[0][0] if types else None,
        place=places.most_common(1)[0][0] if places else None,
        date=dt.date.fromordinal(day).isoformat() if day is not None else None,
    )


# -- slots ------------------------------------------------------------------------------

#: Role names that different extractors use for the same thing.
ROLE_ALIASES = {
    "killed": "fatalities", "dead": "fatalities", "deaths": "fatalities", "death toll": "fatalities",
    "victims": "fatalities", "wounded": "injured", "injuries": "injured", "hurt": "injured",
}
#: Roles that name what they count: their slot does not depend on the counted noun.
_COUNTING_ROLES = frozenset({"fatalities", "injured", "arrested", "displaced", "missiles"})
#: Roles whose count only grows as a story develops (a later smaller figure is a conflict).
_CUMULATIVE_ROLES = frozenset({"fatalities", "injured", "arrested", "displaced", "missiles"})
#: Keys of money figures that all mean the price of one deal.
_PRICE_KEYS = frozenset("pay buy acquire acquisition deal price purchase sell sale worth value cost offer bid "
                        "usd eur gbp".split())
_GENERIC_HEADS = frozenset("people member participant other group individual".split())
_SENTENCE_KEYS = frozenset("sentence jail imprison prison term serve".split())
_MAGNITUDE_KEYS = frozenset({"magnitude"})
_TIME_UNITS = frozenset("seconds minutes hours days weeks months years decades centuries".split())
_CURRENCIES = frozenset("USD EUR GBP RUB JPY UAH CNY INR ILS".split())
_VAGUE_PLURAL = re.compile(r"\b(?:dozens|scores|hundreds|thousands|millions|billions|tens)\b", re.I)
#: Order of headline facts: toll, size, price, magnitude, sentence.
_HEADLINE = ("fatalities", "size", "price", "magnitude", "sentence", "injured")
_APPROX = 0.1  # "about 400" allows 10 % either way
#: Lengths, in kilometres: a distance in miles and one in kilometres are one slot.
_LENGTHS = {"kilometers": 1.0, "miles": 1.609344, "meters": 0.001, "feet": 0.0003048}
_LENGTH_ROUNDING = 0.05  # "35 miles" and "58 km" are one distance rounded in two units
#: "southwest of Bandar Abbas", "from Tehran": the place a distance is measured from.
_FROM_PLACE = re.compile(r"\b(?:of|from)\s+(?:the\s+(?:\w+\s+(?:city\s+)?of\s+)?)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)")
#: Words that a parse takes for the counted noun of a toll ("80 hurt"): still people.
_ROLE_WORDS = frozenset("hurt injured wounded dead killed arrested missing displaced".split())


@dataclass(frozen=True, slots=True, kw_only=True)
class _Figure:
    article: Analysis
    quantity: Quantity
    role: str
    key: str
    family: str
    head: str | None
    source: str | None


def _unit_family(unit: str | None) -> str:
    """Units that can be one slot: every currency is ``money`` (values compared within a
    currency only, see :func:`slot_verdict`), every length ``length`` (compared in kilometres)."""
    if unit is None or unit == "people":
        return "count"
    if unit in _CURRENCIES:
        return "money"
    if unit in _TIME_UNITS:
        return "time"
    if unit in _LENGTHS:
        return "length"
    return unit


def _scope(q: Quantity) -> str:
    if q.scope:
        return q.scope
    return "individual" if q.role == "age" else "event"  # analyses made before scopes existed


def _figures(analysis: Analysis, sentencing: bool) -> list[_Figure]:
    quantities = list(analysis.quantities)
    seen = {(q.start, q.end) for q in quantities}
    quantities += [q for e in analysis.events for q in e.quantities if (q.start, q.end) not in seen]
    out = []
    for q in quantities:
        role = ROLE_ALIASES.get((q.role or "other").lower(), (q.role or "other").lower())
        if role == "age" or (q.value is None and q.low is None and q.high is None):
            continue
        scope = _scope(q)
        key = (q.referent_key or "").lower()
        if role == "duration" and key in _SENTENCE_KEYS:
            key = "sentence"
        if scope == "individual" and not (sentencing and key == "sentence"):
            continue
        if scope in {"incidental", "other_event"}:
            continue
        family = _unit_family(q.unit)
        if role in _COUNTING_ROLES - {"missiles"} and family not in {"count", "money", "time"}:
            if (q.unit or "").lower() in _ROLE_WORDS:
                family = "count"  # "80 hurt": the parse took the verb for the counted noun
            else:
                role = "other"  # "80 hurt and 7 villages damaged": villages are no toll
        if family == "length":
            place = _FROM_PLACE.search(q.referent.text if q.referent else "")
            if place is None:
                continue  # a distance from nowhere named compares with nothing
            key = f"distance from {place.group(1)}"
        elif role in _COUNTING_ROLES:
            key = role
        elif role == "money" and (key in _PRICE_KEYS or not key):
            key = "price"
        elif not key:
            key = (q.unit or "").lower()
        if not key:
            continue  # a bare number that counts nothing named
        out.append(_Figure(article=analysis, quantity=q, role=role, key=key, family=family,
                           head=q.referent_head, source=_figure_source(analysis, q)))
    return out


def _figure_source(analysis: Analysis, q: Quantity) -> str | None:
    for attribution in analysis.attributions:
        c = attribution.content
        if c.start <= q.start and q.end <= c.end:
            return _source_name(attribution, analysis.article.text)
    return None


def _source_name(attribution: Attribution, context: str | None = None) -> str | None:
    """The canonical name of an attribution's source; a lone surname only when ``context``
    (the article) names the person in full."""
    source = attribution.source
    if source is None:
        return None
    for name in (source.resolved, source.text):
        party = party_of(name)
        if party is None:
            continue
        if party.kind != "person" or " " in party.name or (context and _full_name(party.name, context)):
            return party.name
    return None


def build_slots(analyses: Sequence[Analysis]) -> tuple[Slot, ...]:
    """Group the event's figures into slots and give each one verdict (see the module docstring)."""
    sentencing = any("sentenc" in e.type or "trial" in e.type or "convict" in e.type
                     for a in analyses for e in a.events)
    figures = [f for a in analyses for f in _figures(a, sentencing)]
    # A body counted as a whole ("a caravan of 1,200 migrants") absorbs the bare counts of
    # its members ("about 200 migrants") in the same event.
    # Generic heads ("people", "members") are too common to be moved on that evidence.
    containers = {f.key for f in figures if f.key in _CONTAINERS}
    container_of: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for f in figures:
        if f.head and f.key in containers and _canonical(f.head) not in _GENERIC_HEADS:
            container_of[("other", _canonical(f.head))][f.key] += 1
    groups: dict[tuple[str, str, str], list[_Figure]] = defaultdict(list)
    for f in figures:
        key, role = f.key, f.role
        if key in containers and role in {"other", "attendees"}:
            role = "other"  # the size of a named body, however the sentence counts it
        counted = container_of.get((role, key)) if role in {"other", "attendees"} else None
        if counted:
            key, role = counted.most_common(1)[0][0], "other"
        if role == "other" and key in _GENERIC_HEADS:
            continue  # "1,000 people", "more than a dozen people": who they are is not said
        groups[(role, key, f.family)].append(f)
    n_articles = len(analyses)
    slots = []
    for (role, key, family), members in groups.items():
        articles = {f.article.article.id for f in members}
        kind = _headline_kind(role, key, family, members, container_of)
        if n_articles > 1 and len(articles) < 2 and kind is None:
            continue  # one outlet's incidental detail is no comparison
        slots.append((kind, role, key, family, members))
    slots.sort(key=lambda s: (s[0] is None, -len({f.article.article.id for f in s[4]}),
                              _HEADLINE.index(s[0]) if s[0] else 0, s[1], s[2]))
    return tuple(_slot(kind, role, key, family, members) for kind, role, key, family, members in slots)


def _canonical(head: str) -> str:
    from ..components.quantities._referent import canonical_head

    return canonical_head(head) or head


def _headline_kind(role: str, key: str, family: str, members: list[_Figure],
                   container_of: dict[tuple[str, str], Counter[str]]) -> str | None:
    if role == "fatalities":
        return "fatalities"
    if role == "injured":
        return "injured"
    if role == "money" and key == "price":
        return "price"
    if key in _MAGNITUDE_KEYS:
        return "magnitude"
    if role == "duration" and key == "sentence":
        return "sentence"
    if family == "count" and key in _CONTAINERS:
        return "size"
    return None


def _slot(kind: str | None, role: str, key: str, family: str, members: list[_Figure]) -> Slot:
    members = sorted(members, key=lambda f: (parse_day(f.article.article.published) or 10**9,
                                             f.article.article.id, f.quantity.start))
    units = Counter(f.quantity.unit for f in members if f.quantity.unit)
    referents = Counter(f.quantity.referent.text for f in members if f.quantity.referent)
    verdict, reason = slot_verdict([(f.article.article, f.quantity) for f in members], cumulative=role in _CUMULATIVE_ROLES)
    return Slot(
        id=f"{role}:{key}:{family}".replace(" ", "_"),
        label=_label(kind, role, key),
        role=role,
        referent=referents.most_common(1)[0][0] if referents else key,
        unit=units.most_common(1)[0][0] if units else None,
        verdict=verdict,
        verdict_reason=reason,
        members=tuple(SlotMember(
            article_id=f.article.article.id, start=f.quantity.start, end=f.quantity.end, text=f.quantity.text,
            value=f.quantity.value, low=f.quantity.low, high=f.quantity.high,
            reported_at=f.article.article.published, source=f.source,
        ) for f in members),
    )


_ROLE_LABELS = {"fatalities": "people killed", "injured": "people injured", "arrested": "people arrested",
                "displaced": "people displaced", "missiles": "missiles fired", "attendees": "people attending",
                "population": "population"}


def _label(kind: str | None, role: str, key: str) -> str:
    if role in _ROLE_LABELS:
        return _ROLE_LABELS[role]
    if kind == "size":
        return f"size of the {key}"
    if kind == "price":
        return "price"
    if kind == "sentence":
        return "sentence"
    if role == "money":
        return f"amount ({key})"
    if key in {"percent", "percentage point"}:
        return "percentage"
    if role == "duration":
        return f"duration ({key})"
    return f"number of {_plural(key)}"


def _plural(noun: str) -> str:
    if noun.endswith("s") or noun in {"people", "staff", "police"}:
        return noun
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("ch", "sh", "x")):
        return noun + "es"
    return noun + "s"


def _bounds(q: Quantity) -> tuple[float, float]:
    """The interval a figure allows: its stated bounds, 10 % around "about", a decade for "hundreds"."""
    value = q.value
    low = q.low if q.low is not None else value
    high = q.high if q.high is not None else value
    if q.low is not None and q.high is None and value is not None and q.value == q.low and _is_lower_bound(q):
        high = math.inf
    if q.high is not None and q.low is None and value is not None and q.value == q.high and _is_upper_bound(q):
        low = 0.0
    low = -math.inf if low is None else low
    high = math.inf if high is None else high
    if _VAGUE_PLURAL.search(q.text) and q.low is None and q.high is None and value is not None:
        return value, value * 10 - 1
    if q.approximate:
        low, high = low * (1 - _APPROX), high * (1 + _APPROX)
    if q.unit in _LENGTHS:
        scale = _LENGTHS[q.unit]
        low, high = low * scale * (1 - _LENGTH_ROUNDING), high * scale * (1 + _LENGTH_ROUNDING)
    return low, high


def _is_lower_bound(q: Quantity) -> bool:
    return q.high is None


def _is_upper_bound(q: Quantity) -> bool:
    return q.low is None


def _fmt(q: Quantity) -> str:
    return " ".join(q.text.split())


def _who(a) -> str:
    return a.outlet or a.id


def slot_verdict(figures: Sequence[tuple], *, cumulative: bool = False) -> tuple[str, str]:
    """``(verdict, reason)`` of one slot from its ``(article, quantity)`` figures.

    Each article is represented by its first figure in the slot (news puts the current
    figure first). Linear in the number of figures apart from sorting the report days.
    """
    lead: dict[str, tuple] = {}
    for article, q in figures:
        if article.id not in lead or q.start < lead[article.id][1].start:
            lead[article.id] = (article, q)
    leads = list(lead.values())
    if len(leads) == 1:
        article, q = leads[0]
        return "single", f"Only {_who(article)} reports it ({_fmt(q)})."
    currencies = {q.unit for _a, q in leads if q.unit in _CURRENCIES}
    if len(currencies) > 1:  # money in several currencies: values compare within a currency only
        by_currency: dict[str, list] = defaultdict(list)
        for article, q in figures:
            if q.unit in _CURRENCIES:
                by_currency[q.unit].append((article, q))
        verdicts = [slot_verdict(group, cumulative=cumulative) for _u, group in sorted(by_currency.items())]
        compared = [v for v in verdicts if v[0] != "single"]
        for wanted in ("conflict", "update", "agree"):
            found = [v for v in compared if v[0] == wanted]
            if found:
                return found[0][0], found[0][1] + (" Figures in other currencies are not compared by value."
                                                   if wanted != "agree" or len(compared) < len(verdicts) else "")
        return "agree", (f"Each currency is reported by one article only ({', '.join(sorted(currencies))}): "
                         "figures in different currencies are not compared by value.")
    intervals = [(_bounds(q), article, q) for article, q in leads]
    low = max(i[0][0] for i in intervals)
    high = min(i[0][1] for i in intervals)
    if low <= high:
        values = ", ".join(f"{_who(a)} {_fmt(q)}" for _, a, q in intervals[:6])
        return "agree", f"All {len(leads)} articles agree within their stated vagueness: {values}."
    by_day: dict[int | None, list] = defaultdict(list)
    for item in intervals:
        by_day[parse_day(item[1].published)].append(item)
    days = sorted(d for d in by_day if d is not None)
    for day in days:  # incompatible figures on the same day
        same = by_day[day]
        lo, hi = max(i[0][0] for i in same), min(i[0][1] for i in same)
        if lo > hi:
            a = max(same, key=lambda i: i[0][0])
            b = min(same, key=lambda i: i[0][1])
            return "conflict", (f"On {_label_day(day)} {_who(a[1])} says {_fmt(a[2])} while "
                                f"{_who(b[1])} says {_fmt(b[2])}.")
    if len(days) >= 2:
        spans = [(max(i[0][0] for i in by_day[d]), min(i[0][1] for i in by_day[d])) for d in days]
        rising = all(spans[k + 1][1] >= spans[k][0] for k in range(len(spans) - 1))
        falling = all(spans[k + 1][0] <= spans[k][1] for k in range(len(spans) - 1))
        undated_ok = all(any(i[0][0] <= s[1] and s[0] <= i[0][1] for s in spans) for i in by_day.get(None, ()))
        moves = rising if cumulative else (rising or falling)
        if moves and undated_ok:
            first, last = by_day[days[0]][0], by_day[days[-1]][0]
            return "update", (f"The figure changes with report time: {_who(first[1])} {_fmt(first[2])} on "
                              f"{_label_day(days[0])}, {_who(last[1])} {_fmt(last[2])} on {_label_day(days[-1])}.")
        if cumulative and not rising:
            earlier = max(by_day[days[0]], key=lambda i: i[0][0])
            later = min(by_day[days[-1]], key=lambda i: i[0][1])
            return "conflict", (f"A later report gives a smaller figure: {_who(later[1])} {_fmt(later[2])} on "
                                f"{_label_day(days[-1])} after {_who(earlier[1])} {_fmt(earlier[2])} on "
                                f"{_label_day(days[0])}.")
    a = max(intervals, key=lambda i: i[0][0])
    b = min(intervals, key=lambda i: i[0][1])
    when = "undated reports" if None in by_day else "reports that cannot be ordered"
    return "conflict", f"{_who(a[1])} says {_fmt(a[2])} and {_who(b[1])} says {_fmt(b[2])} ({when})."


def _label_day(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


from ._blame import build_blame  # noqa: E402  (the blame section lives in its own module)
