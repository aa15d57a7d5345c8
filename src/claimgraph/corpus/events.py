"""The corpus view: events found in a set of analyses, and one event's comparison."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language

from ..errors import EventNotFoundError
from ..model import Analysis, Article
from .alignment import EventComparison, compare_event, day_label
from .clustering import ClusterConfig, EventCluster, cluster_analyses
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
    conflicts: int
    title: str | None  # title of its earliest article
    members: tuple[EventMember, ...] = ()  # its articles, in order of publication (undated last), then id
    language: str | None = None  # the most common language of its articles


def list_events(
    analyses: Iterable[Analysis], *, config: ClusterConfig | None = None, nlp: Language | None = None
) -> list[EventSummary]:
    """Every event of the corpus with its date, place, type, outlets and number of conflicts."""
    by_id = _by_id(analyses)
    clusters = cluster_analyses(by_id.values(), nlp=nlp, config=config)
    return [_summary(c, compare_event(c.id, [by_id[m] for m in c.members]), [by_id[m].article for m in c.members])
            for c in clusters]


def event_comparison(
    analyses: Iterable[Analysis], event_id: str, *, config: ClusterConfig | None = None,
    nlp: Language | None = None,
) -> EventComparison:
    """The side-by-side comparison of the event ``event_id`` (an id from :func:`list_events`)."""
    by_id = _by_id(analyses)
    for cluster in cluster_analyses(by_id.values(), nlp=nlp, config=config):
        if cluster.id == event_id:
            return compare_event(cluster.id, [by_id[m] for m in cluster.members])
    raise EventNotFoundError(f"no event {event_id!r} in this corpus: run `claimgraph events` to list the event ids")


def _by_id(analyses: Iterable[Analysis]) -> dict[str, Analysis]:
    # One analysis per article id: the store is idempotent by id, and so is this view.
    return {a.article.id: a for a in analyses}


def _summary(cluster: EventCluster, comparison: EventComparison, articles: list[Article]) -> EventSummary:
    dated = [a for a in comparison.articles if parse_day(a.published) is not None]
    first = min(dated, key=lambda a: parse_day(a.published)) if dated else comparison.articles[0]
    places = Counter(p.name for p in comparison.places)
    languages = Counter(a.language for a in articles if a.language)
    return EventSummary(
        id=cluster.id,
        date=day_label(first.published),
        place=places.most_common(1)[0][0] if places else None,
        type=comparison.event_types[0] if comparison.event_types else None,
        articles=len(cluster.members),
        outlets=tuple(sorted({a.outlet for a in comparison.articles if a.outlet})),
        conflicts=comparison.conflicts,
        title=first.title,
        members=_members(articles),
        language=min(languages, key=lambda lang: (-languages[lang], lang)) if languages else None,
    )


def _members(articles: list[Article]) -> tuple[EventMember, ...]:
    def order(a: Article) -> tuple[bool, int, str]:
        day = parse_day(a.published)
        return (day is None, day or 0, a.id)

    return tuple(EventMember(id=a.id, url=a.url, title=a.title, outlet=a.outlet, published=a.published)
                 for a in sorted(articles, key=order))
