"""The normalised tables: one row per record of an analysis, and records rebuilt from rows.

The analysis JSON in ``analyses`` is the record of truth; these rows exist so that SQL can
filter and join across articles (who said what, which figures, where, when). Each table
keeps ``idx``, the record's position in its section, so records come back in order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from ..model import (
    Analysis,
    Attribution,
    Claim,
    Cue,
    Event,
    Hedge,
    Place,
    Quantity,
    Sentence,
    Source,
    Span,
    Technique,
    TimeExpression,
    from_dict,
    to_dict,
)

__all__ = ["SECTIONS", "compact_json", "insert_rows", "select_sql", "record_from_row", "source_key"]

Row = tuple[Any, ...]


def compact_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def source_key(text: str | None, resolved: str | None) -> str:
    """What a ``source=`` search matches against: the source text and its resolved name, casefolded."""
    return "\n".join(part.casefold() for part in (text, resolved) if part)


def _sentence_row(s: Sentence) -> Row:
    return (s.start, s.end, s.text, s.checkworthiness)


def _attribution_row(a: Attribution) -> Row:
    src = a.source
    source_cols = (src.start, src.end, src.text, src.kind, src.resolved) if src else (None,) * 5
    return (
        a.id,
        *source_cols,
        source_key(src.text, src.resolved) if src else "",
        a.cue.start,
        a.cue.end,
        a.cue.text,
        a.cue.cue_class,
        a.content.start,
        a.content.end,
        a.content.text,
        a.certainty,
    )


def _claim_row(c: Claim) -> Row:
    hedges = compact_json(to_dict(c.hedges))
    return (c.id, c.start, c.end, c.text, c.attribution, c.checkworthiness, c.certainty, hedges)


def _quantity_row(q: Quantity) -> Row:
    return (q.start, q.end, q.text, q.value, q.low, q.high, q.unit, q.role, int(q.approximate))


def _time_row(t: TimeExpression) -> Row:
    return (t.start, t.end, t.text, t.value, t.precision)


def _place_row(p: Place) -> Row:
    return (p.start, p.end, p.text, p.name, p.country, p.lat, p.lon, p.precision)


def _event_row(e: Event) -> Row:
    place, time = e.place, e.time
    return (
        e.id,
        e.type,
        e.trigger.start,
        e.trigger.end,
        e.trigger.text,
        place.name if place else None,
        place.country if place else None,
        time.value if time else None,
        time.precision if time else None,
        compact_json(to_dict(e)),
    )


def _technique_row(t: Technique) -> Row:
    return (t.start, t.end, t.text, t.technique, t.score)


def _sentence(r: Row) -> Sentence:
    return Sentence(start=r[0], end=r[1], text=r[2], checkworthiness=r[3])


def _attribution(r: Row) -> Attribution:
    source = None
    if r[1] is not None:
        source = Source(start=r[1], end=r[2], text=r[3], kind=r[4], resolved=r[5])
    return Attribution(
        id=r[0],
        source=source,
        cue=Cue(start=r[7], end=r[8], text=r[9], cue_class=r[10]),
        content=Span(start=r[11], end=r[12], text=r[13]),
        certainty=r[14],
    )


def _claim(r: Row) -> Claim:
    hedges = tuple(from_dict(Hedge, h) for h in json.loads(r[7]))
    return Claim(
        id=r[0],
        start=r[1],
        end=r[2],
        text=r[3],
        attribution=r[4],
        checkworthiness=r[5],
        certainty=r[6],
        hedges=hedges,
    )


def _quantity(r: Row) -> Quantity:
    return Quantity(
        start=r[0], end=r[1], text=r[2], value=r[3], low=r[4], high=r[5], unit=r[6], role=r[7],
        approximate=bool(r[8]),
    )


def _time(r: Row) -> TimeExpression:
    return TimeExpression(start=r[0], end=r[1], text=r[2], value=r[3], precision=r[4])


def _place(r: Row) -> Place:
    return Place(start=r[0], end=r[1], text=r[2], name=r[3], country=r[4], lat=r[5], lon=r[6], precision=r[7])


def _event(r: Row) -> Event:
    return from_dict(Event, json.loads(r[9]))


def _technique(r: Row) -> Technique:
    return Technique(start=r[0], end=r[1], text=r[2], technique=r[3], score=r[4])


_SPAN = ("char_start", "char_end", "text")

#: section name -> (table columns after article_id and idx, record -> row, row -> record)
SECTIONS: dict[str, tuple[tuple[str, ...], Callable[[Any], Row], Callable[[Row], Any]]] = {
    "sentences": ((*_SPAN, "checkworthiness"), _sentence_row, _sentence),
    "attributions": (
        (
            "attribution_id",
            "source_start",
            "source_end",
            "source_text",
            "source_kind",
            "source_resolved",
            "source_key",
            "cue_start",
            "cue_end",
            "cue_text",
            "cue_class",
            "content_start",
            "content_end",
            "content_text",
            "certainty",
        ),
        _attribution_row,
        _attribution,
    ),
    "claims": (
        ("claim_id", *_SPAN, "attribution", "checkworthiness", "certainty", "hedges"),
        _claim_row,
        _claim,
    ),
    "quantities": ((*_SPAN, "value", "low", "high", "unit", "role", "approximate"), _quantity_row, _quantity),
    "times": ((*_SPAN, "value", "precision"), _time_row, _time),
    "places": ((*_SPAN, "name", "country", "lat", "lon", "precision"), _place_row, _place),
    "events": (
        (
            "event_id",
            "type",
            "trigger_start",
            "trigger_end",
            "trigger_text",
            "place_name",
            "place_country",
            "time_value",
            "time_precision",
            "record",
        ),
        _event_row,
        _event,
    ),
    "techniques": ((*_SPAN, "technique", "score"), _technique_row, _technique),
}


def insert_rows(conn: sqlite3.Connection, analysis: Analysis) -> None:
    """Write the normalised rows of ``analysis`` (the caller holds the transaction)."""
    article_id = analysis.article.id
    for section, (columns, to_row, _) in SECTIONS.items():
        records: Iterable[Any] = getattr(analysis, section)
        rows = [(article_id, idx, *to_row(record)) for idx, record in enumerate(records)]
        if rows:
            names = ", ".join(("article_id", "idx", *columns))
            marks = ", ".join("?" * (len(columns) + 2))
            conn.executemany(f"INSERT INTO {section} ({names}) VALUES ({marks})", rows)


def select_sql(section: str, extra: tuple[str, ...] = ()) -> str:
    """``SELECT`` of the columns :func:`record_from_row` needs (then ``extra``) from ``section AS r``."""
    columns = ", ".join((*(f"r.{name}" for name in SECTIONS[section][0]), *extra))
    return f"SELECT {columns} FROM {section} AS r"


def record_from_row(section: str, row: Row) -> Any:
    """The model record of one row selected with :func:`select_sql`."""
    return SECTIONS[section][2](row)
