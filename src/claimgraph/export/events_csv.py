"""Events as ACLED-like CSV: one row per event, columns named after ACLED's where they mean
the same thing.

* ``event_date`` / ``time_precision``: the event's own time when it is at least as precise
  as a month (ACLED codes 1 = day, 2 = week, 3 = month; a week is dated by its Monday, a
  month by its first day). Without one, the article's publication date is used with code 3,
  ACLED's code for "the date is uncertain", and ``date_source`` says "published".
* ``event_type`` / ``sub_event_type``: the ACLED mapping of claimgraph's type
  (:data:`claimgraph.components.events.types.EVENT_TYPES`); empty for types ACLED does not
  code (accusations, warnings, claims of responsibility). ``claimgraph_type`` and
  ``plover`` are always given.
* ``actor1`` / ``assoc_actor_1``: the first actor and the others; ``actor2`` /
  ``assoc_actor_2``: the first target and the others (ACLED's second actor is the side
  acted upon).
* ``geo_precision``: 1 for a city, 2 for a region, 3 for a country or wider.
* ``fatalities``, ``injured``, ``attendees``: the largest figure of that role linked to the
  event (reports often repeat a toll), empty when none.
* ``article_id``, ``source``, ``source_url``, ``trigger_start``, ``trigger_end``,
  ``trigger_text``: where the event was read.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TextIO

from ..components.events.types import EVENT_TYPES
from ..model import Analysis, Event, Quantity

__all__ = ["EVENTS_CSV_FIELDS", "event_rows", "write_events_csv"]

EVENTS_CSV_FIELDS = (
    "event_id", "event_date", "year", "time_precision", "date_source",
    "event_type", "sub_event_type", "claimgraph_type", "plover",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
    "location", "country", "country_code", "latitude", "longitude", "geo_precision",
    "fatalities", "injured", "attendees",
    "article_id", "source", "source_url", "trigger_start", "trigger_end", "trigger_text",
)

_GEO_PRECISION = {"city": 1, "region": 2, "country": 3, "continent": 3, "other": 3}


def write_events_csv(analyses: Iterable[Analysis], out: TextIO) -> int:
    """Write one ACLED-like row per event of ``analyses`` to ``out``; return the row count."""
    writer = csv.DictWriter(out, fieldnames=EVENTS_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for analysis in analyses:
        for row in event_rows(analysis):
            writer.writerow(row)
            count += 1
    return count


def event_rows(analysis: Analysis) -> Iterator[dict[str, object]]:
    """The CSV rows (dicts keyed by :data:`EVENTS_CSV_FIELDS`) of one analysis."""
    for event in analysis.events:
        yield {
            **_date_columns(event, analysis.article.published),
            **_type_columns(event),
            **_actor_columns(event),
            **_place_columns(event),
            "fatalities": _toll(event.quantities, "fatalities"),
            "injured": _toll(event.quantities, "injured"),
            "attendees": _toll(event.quantities, "attendees"),
            "event_id": f"{analysis.article.id}:{event.id}",
            "article_id": analysis.article.id,
            "source": analysis.article.outlet or "",
            "source_url": analysis.article.url or "",
            "trigger_start": event.trigger.start,
            "trigger_end": event.trigger.end,
            "trigger_text": event.trigger.text,
        }


def _date_columns(event: Event, published: str | None) -> dict[str, object]:
    own = _event_date(event)
    if own is not None:
        date, precision, origin = own[0], own[1], "event"
    else:
        date, precision, origin = _parse_day(published), 3, "published"
    if date is None:
        return {"event_date": "", "year": "", "time_precision": "", "date_source": ""}
    return {"event_date": date.isoformat(), "year": date.year, "time_precision": precision,
            "date_source": origin}


def _event_date(event: Event) -> tuple[dt.date, int] | None:
    time = event.time
    if time is None or not time.value:
        return None
    value = time.value
    try:
        if time.precision == "day":
            return dt.date.fromisoformat(value[:10]), 1
        if time.precision == "week" and "-W" in value:
            year, week = value[:4], value.split("-W")[1][:2]
            return dt.date.fromisocalendar(int(year), int(week), 1), 2
        if time.precision == "month":
            return dt.date.fromisoformat(value[:7] + "-01"), 3
    except ValueError:
        return None
    return None


def _parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _type_columns(event: Event) -> dict[str, object]:
    known = EVENT_TYPES.get(event.type)
    return {
        "event_type": (known.acled_event_type if known else None) or "",
        "sub_event_type": (known.acled_sub_event_type if known else None) or "",
        "claimgraph_type": event.type,
        "plover": (known.plover if known else None) or "",
    }


def _actor_columns(event: Event) -> dict[str, object]:
    actors = [a.text for a in event.actors]
    targets = [t.text for t in event.targets]
    return {
        "actor1": actors[0] if actors else "", "assoc_actor_1": "; ".join(actors[1:]),
        "actor2": targets[0] if targets else "", "assoc_actor_2": "; ".join(targets[1:]),
    }


def _place_columns(event: Event) -> dict[str, object]:
    place = event.place
    if place is None:
        return dict.fromkeys(("location", "country", "country_code", "latitude", "longitude", "geo_precision"), "")
    return {
        "location": place.name,
        "country": _country_name(place.country),
        "country_code": place.country or "",
        "latitude": "" if place.lat is None else place.lat,
        "longitude": "" if place.lon is None else place.lon,
        "geo_precision": _GEO_PRECISION.get(place.precision, 3),
    }


def _country_name(code: str | None) -> str:
    if not code:
        return ""
    from ..components.places._gazetteer import gazetteer  # loaded once per process, on first use

    return gazetteer().country_names.get(code, code)


def _toll(quantities: tuple[Quantity, ...], role: str) -> object:
    values = [q.value if q.value is not None else q.low for q in quantities if q.role == role]
    values = [v for v in values if v is not None]
    if not values:
        return ""
    best = max(values)
    return int(best) if float(best).is_integer() else best
