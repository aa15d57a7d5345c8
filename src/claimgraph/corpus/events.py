"""The corpus view: events found in a set of analyses, and one event's comparison."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language

from ..errors import EventNotFoundError
from ..model import Analysis, Article
from .clustering import ClusterConfig, EventCluster, cluster_analyses
from .compare import Comparison, build_blame, build_slots, compare_articles
from .features import parse_day

__all__ = ["EventMember", "EventSummary", "EventNotFoundError", "list_events", "event_comparison"]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMember:
    """One article of an event, as `claimgraph events --json` lists it."""

    id: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSummary:
    id: str
    date: str  # earliest publication date of its articles, or "undated"
    place: str | None  # the place its articles name most
    type: str | None  # the event type its articles report most
    articles: int
    outlets: tuple[str, ...]
    conflicts: int  # slots and blame rows whose verdict is "conflict"
    title: str | None  # title of its earliest article
    members: tuple[EventMember, ...] = ()  # its articles, in order of publication (undated last), then id
    language: str | None = None  # the most common language of its articles


def list_events(
    analyses: Iterable[Analysis], *, config: ClusterConfig | None = None, nlp: Language | None = None
) -> list[EventSummary]:
    """Every event of the corpus with its date, place, type, outlets and number of conflicts."""
    by_id = _by_id(analyses)
    clusters = cluster_analyses(by_id.values(), nlp=nlp, config=config)
    return [_summary(c, [by_id[m] for m in c.members]) for c in clusters]


def event_comparison(
    analyses: Iterable[Analysis], event_id: str, *, config: ClusterConfig | None = None,
    nlp: Language | None = None,
) -> Comparison:
    """The ``compare/2`` comparison of the event ``event_id`` (an id from :func:`list_events`)."""
    by_id = _by_id(analyses)
    for cluster in cluster_analyses(by_id.values(), nlp=nlp, config=config):
        if cluster.id == event_id:
            return compare_articles([by_id[m] for m in cluster.members], event_id=cluster.id)
    raise EventNotFoundError(f"no event {event_id!r} in this corpus: run `claimgraph events` to list the event ids")


def _by_id(analyses: Iterable[Analysis]) -> dict[str, Analysis]:
    # One analysis per article id: the store is idempotent by id, and so is this view.
    return {a.article.id: a for a in analyses}


def _summary(cluster: EventCluster, members: list[Analysis]) -> EventSummary:
    members = sorted(members, key=lambda a: (parse_day(a.article.published) or 10**9, a.article.id))
    dated = [a for a in members if parse_day(a.article.published) is not None]
    first = dated[0] if dated else members[0]
    day = parse_day(first.article.published)
    places = Counter(p.name for a in members for p in ([e.place for e in a.events if e.place] or a.places))
    types = Counter(e.type for a in members for e in a.events)
    conflicts = sum(s.verdict == "conflict" for s in build_slots(members))
    conflicts += sum(b.verdict == "conflict" for b in build_blame(members))
    languages = Counter(a.article.language for a in members if a.article.language)
    return EventSummary(
        id=cluster.id,
        date=dt.date.fromordinal(day).isoformat() if day is not None else "undated",
        place=places.most_common(1)[0][0] if places else None,
        type=types.most_common(1)[0][0] if types else None,
        articles=len(cluster.members),
        outlets=tuple(sorted({a.article.outlet for a in members if a.article.outlet})),
        conflicts=conflicts,
        title=first.article.title,
        members=_members([a.article for a in members]),
        language=min(languages, key=lambda lang: (-languages[lang], lang)) if languages else None,
    )


def _members(articles: list[Article]) -> tuple[EventMember, ...]:
    def order(a: Article) -> tuple[bool, int, str]:
        day = parse_day(a.published)
        return (day is None, day or 0, a.id)

    return tuple(EventMember(id=a.id, url=a.url, title=a.title, outlet=a.outlet, published=a.published)
                 for a in sorted(articles, key=order))
