"""What each outlet says about one event, side by side, and where the accounts differ.

For every role of a figure (fatalities, injured, missiles…) each article's figure is kept
with its date and span; who is blamed or credited comes from attributions whose cue or
content speaks of responsibility. Every pair of reports from different articles is then
classed as

- ``agreement``: the figures are compatible (ranges overlap; "about" allows 10 %), or the
  same party is named;
- ``update``: they differ, but were published on different days and the later report
  gives the larger figure (a toll that grows), or names a party after another did;
- ``conflict``: they differ on the same day (or either is undated, so no order is known),
  or a later report gives a smaller figure.

Every figure is listed, but only each article's first figure of a role (its lead) is
compared: later mentions of that role often concern another event (an earlier quake).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from ..model import Analysis, Quantity, Span
from .features import parse_day

__all__ = [
    "ArticleInfo",
    "FigureReport",
    "BlameReport",
    "PlaceReport",
    "DateReport",
    "Difference",
    "Aspect",
    "EventComparison",
    "compare_event",
    "classify_figures",
    "ROLE_ALIASES",
]

KINDS = ("agreement", "update", "conflict")

#: Role names that different extractors use for the same thing, and the name shown.
ROLE_ALIASES = {
    "killed": "fatalities", "dead": "fatalities", "deaths": "fatalities", "death toll": "fatalities",
    "fatalities": "fatalities", "victims": "fatalities",
    "wounded": "injured", "injuries": "injured", "hurt": "injured", "injured": "injured",
}

#: Words that make an attribution a statement about responsibility for the event.
_BLAME = re.compile(
    r"\b(blam\w*|responsib\w*|behind|accus\w*|carried out|perpetrat\w*|orchestrat\w*|mastermind\w*|"
    r"credit\w*|trace|culprit\w*|involve\w*|organi[sz]ed)\b",
    re.IGNORECASE,
)
_CLAIMED_BY_SOURCE = re.compile(r"\bclaim\w*\b", re.IGNORECASE)
_NAME = re.compile(r"\b(?:[A-Z][\w'-]*|IS|ISIS|ISIL)(?:\s+(?:[A-Z][\w'-]*|of|al))*\b")
_NOT_PARTIES = frozenset({"The", "A", "An", "It", "He", "She", "They", "We", "I", "This", "That", "In", "On", "But",
                          "And", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})
#: A party named in several ways; kept small and generic (acronyms of one group).
_PARTY_ALIASES = {"isis": "islamic state", "isil": "islamic state", "is": "islamic state", "daesh": "islamic state",
                  "ukrainian": "ukraine", "russian": "russia", "american": "united states", "us": "united states"}


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleInfo:
    id: str
    outlet: str | None
    title: str | None
    published: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureReport:
    article_id: str
    outlet: str | None
    published: str | None
    role: str
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    span: Span  # the figure in the article text
    sentence: Span  # the sentence around it


@dataclass(frozen=True, slots=True, kw_only=True)
class BlameReport:
    article_id: str
    outlet: str | None
    published: str | None
    party: str  # normalised name of who is blamed or credited
    said_by: str  # the source of the attribution, or "author"
    span: Span  # the attribution's content
    sentence: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceReport:
    article_id: str
    outlet: str | None
    published: str | None
    name: str
    country: str | None
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class DateReport:
    """When an article says the event happened (the time of its events)."""

    article_id: str
    outlet: str | None
    published: str | None
    value: str | None  # ISO 8601
    precision: str
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Difference:
    """One pair of reports and how they relate."""

    kind: str  # one of KINDS
    first: FigureReport | BlameReport
    second: FigureReport | BlameReport
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Aspect:
    """One thing outlets report (a figure's role, or "blame"), with every report and pair."""

    name: str
    status: str  # the strongest kind among its differences: conflict > update > agreement
    reports: tuple[FigureReport | BlameReport, ...]
    differences: tuple[Difference, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventComparison:
    event_id: str
    articles: tuple[ArticleInfo, ...]
    figures: tuple[Aspect, ...]  # one per role
    blame: Aspect | None
    places: tuple[PlaceReport, ...]
    dates: tuple[DateReport, ...]
    event_types: tuple[str, ...]  # most frequent first
    timeline: tuple[FigureReport, ...]  # all figures in order of publication (undated last)

    @property
    def conflicts(self) -> int:
        aspects = [*self.figures, *([self.blame] if self.blame else [])]
        return sum(1 for a in aspects for d in a.differences if d.kind == "conflict")


def compare_event(event_id: str, analyses: Iterable[Analysis]) -> EventComparison:
    """Align the figures, blame and places of the articles of one event."""
    analyses = sorted(analyses, key=lambda a: (parse_day(a.article.published) or 10**9, a.article.id))
    figures = [r for a in analyses for r in _figure_reports(a)]
    roles = sorted({r.role for r in figures})
    blames = [r for a in analyses for r in _blame_reports(a)]
    return EventComparison(
        event_id=event_id,
        articles=tuple(_info(a) for a in analyses),
        figures=tuple(_aspect(role, [r for r in figures if r.role == role]) for role in roles),
        blame=_aspect("blame", blames) if blames else None,
        places=tuple(p for a in analyses for p in _place_reports(a)),
        dates=tuple(d for a in analyses for d in _date_reports(a)),
        event_types=_event_types(analyses),
        timeline=tuple(sorted(figures, key=lambda r: (parse_day(r.published) or 10**9, r.article_id, r.span.start))),
    )


def _info(analysis: Analysis) -> ArticleInfo:
    a = analysis.article
    return ArticleInfo(id=a.id, outlet=a.outlet, title=a.title, published=a.published)


def _aspect(name: str, reports: Sequence[FigureReport | BlameReport]) -> Aspect:
    compared = _leads(reports) if reports and isinstance(reports[0], FigureReport) else reports
    differences = tuple(
        _classify(a, b) for a, b in combinations(compared, 2) if a.article_id != b.article_id
    )
    kinds = {d.kind for d in differences}
    status = next((k for k in reversed(KINDS) if k in kinds), "agreement")
    return Aspect(name=name, status=status, reports=tuple(reports), differences=differences)


def _leads(reports: Sequence[FigureReport]) -> list[FigureReport]:
    """Each article's first figure of a role: news puts the current figure in the lead, and
    later mentions of the same role are often about something else (an earlier quake's toll)."""
    first: dict[str, FigureReport] = {}
    for r in reports:
        if r.article_id not in first or r.span.start < first[r.article_id].span.start:
            first[r.article_id] = r
    return list(first.values())


def classify_figures(first: FigureReport, second: FigureReport) -> Difference:
    """How two reports of the same role relate (see the module docstring)."""
    return _classify(first, second)


def _classify(first: FigureReport | BlameReport, second: FigureReport | BlameReport) -> Difference:
    if _compatible(first, second):
        return Difference(kind="agreement", first=first, second=second, reason="the reports agree")
    day_a, day_b = parse_day(first.published), parse_day(second.published)
    if day_a is None or day_b is None:
        return Difference(kind="conflict", first=first, second=second,
                          reason="the reports differ and at least one is undated")
    if day_a == day_b:
        return Difference(kind="conflict", first=first, second=second, reason="the reports differ on the same day")
    earlier, later = (first, second) if day_a < day_b else (second, first)
    if isinstance(first, BlameReport):
        return Difference(kind="update", first=earlier, second=later,
                          reason="a later report names another party")
    if _upper(later) >= _lower(earlier):
        return Difference(kind="update", first=earlier, second=later, reason="a later report gives a larger figure")
    return Difference(kind="conflict", first=earlier, second=later, reason="a later report gives a smaller figure")


def _compatible(a: FigureReport | BlameReport, b: FigureReport | BlameReport) -> bool:
    if isinstance(a, BlameReport) or isinstance(b, BlameReport):
        return getattr(a, "party", None) == getattr(b, "party", None)
    return _lower(a) <= _upper(b) and _lower(b) <= _upper(a)


def _lower(r: FigureReport) -> float:
    base = r.low if r.low is not None else r.value
    base = base if base is not None else float("-inf")
    return base * 0.9 if r.approximate and base > 0 else base


def _upper(r: FigureReport) -> float:
    base = r.high if r.high is not None else r.value
    base = base if base is not None else float("inf")
    return base * 1.1 if r.approximate and base > 0 else base


# -- extraction from one analysis ------------------------------------------------------


def _figure_reports(analysis: Analysis) -> list[FigureReport]:
    quantities = list(analysis.quantities)
    seen = {(q.start, q.end) for q in quantities}
    quantities += [q for e in analysis.events for q in e.quantities if (q.start, q.end) not in seen]
    out = []
    for q in quantities:
        role = _role(q)
        if role is None or (q.value is None and q.low is None and q.high is None):
            continue
        out.append(FigureReport(
            article_id=analysis.article.id, outlet=analysis.article.outlet, published=analysis.article.published,
            role=role, value=q.value, low=q.low, high=q.high, approximate=q.approximate,
            span=Span(start=q.start, end=q.end, text=q.text), sentence=_sentence(analysis, q.start, q.end),
        ))
    return out


def _role(q: Quantity) -> str | None:
    if not q.role:
        return None
    role = q.role.strip().lower()
    return ROLE_ALIASES.get(role, role)


def _blame_reports(analysis: Analysis) -> list[BlameReport]:
    out = []
    for attribution in analysis.attributions:
        content, cue = attribution.content, attribution.cue
        if not (_BLAME.search(content.text) or _BLAME.search(cue.text)):
            continue
        source = attribution.source.text if attribution.source else "unnamed source"
        party = _blamed_party(analysis, content) or (
            _party_key(source) if _CLAIMED_BY_SOURCE.search(cue.text) and attribution.source else None
        )
        if not party:
            continue
        out.append(BlameReport(
            article_id=analysis.article.id, outlet=analysis.article.outlet, published=analysis.article.published,
            party=party, said_by=source, span=Span(start=content.start, end=content.end, text=content.text),
            sentence=_sentence(analysis, content.start, content.end),
        ))
    return out


def _blamed_party(analysis: Analysis, content: Span) -> str | None:
    """The actor named inside the content: an event actor if the pipeline found one, else a name."""
    for event in analysis.events:
        for actor in event.actors:
            if content.start <= actor.start and actor.end <= content.end:
                return _party_key(actor.text)
    for match in _NAME.finditer(content.text):
        words = match.group(0).split()
        while words and words[0] in _NOT_PARTIES:
            words = words[1:]
        if words:
            return _party_key(" ".join(words))
    return None


def _party_key(name: str) -> str:
    key = re.sub(r"[^\w\s-]", "", name.lower()).strip()
    key = re.sub(r"^(the|a|an)\s+", "", key)
    key = re.sub(r"\s+(group|militants|terrorists|government|officials|authorities)$", "", key)
    return _PARTY_ALIASES.get(key, key)


def _place_reports(analysis: Analysis) -> list[PlaceReport]:
    places = [e.place for e in analysis.events if e.place is not None] or list(analysis.places)
    a = analysis.article
    return [PlaceReport(article_id=a.id, outlet=a.outlet, published=a.published, name=p.name, country=p.country,
                        span=Span(start=p.start, end=p.end, text=p.text)) for p in places]


def _date_reports(analysis: Analysis) -> list[DateReport]:
    a = analysis.article
    seen, out = set(), []
    for event in analysis.events:
        t = event.time
        if t is not None and (t.start, t.end) not in seen:
            seen.add((t.start, t.end))
            out.append(DateReport(article_id=a.id, outlet=a.outlet, published=a.published, value=t.value,
                                  precision=t.precision, span=Span(start=t.start, end=t.end, text=t.text)))
    return out


def _event_types(analyses: Sequence[Analysis]) -> tuple[str, ...]:
    counts: dict[str, int] = {}
    for analysis in analyses:
        for event in analysis.events:
            counts[event.type] = counts.get(event.type, 0) + 1
    return tuple(sorted(counts, key=lambda t: (-counts[t], t)))


def _sentence(analysis: Analysis, start: int, end: int) -> Span:
    """The sentence holding [start, end): from the analysis, else the line around it."""
    for s in analysis.sentences:
        if s.start <= start and end <= s.end:
            return Span(start=s.start, end=s.end, text=s.text)
    text = analysis.article.text
    newline, stop = text.rfind("\n", 0, start), text.rfind(". ", 0, start)
    left = max(newline + 1, stop + 2 if stop != -1 else 0)
    ends = [i for i in (text.find("\n", end), text.find(". ", end) + 1) if i > 0]
    right = min(ends) if ends else len(text)
    return Span(start=left, end=right, text=text[left:right])


def day_label(value: str | None) -> str:
    """An ISO date for display, or "undated"."""
    day = parse_day(value)
    return dt.date.fromordinal(day).isoformat() if day is not None else "undated"
