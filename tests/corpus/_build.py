"""Hand-built Analysis records for the corpus tests."""

from __future__ import annotations

import re

from claimgraph.model import Analysis, Article, Attribution, Cue, Event, Place, Quantity, Source, Span, TimeExpression


def figure(text: str, number: str, role: str, *, approximate: bool = False) -> Quantity:
    start = text.index(number)
    value = float(number.replace(",", ""))
    return Quantity(start=start, end=start + len(number), text=number, value=value, role=role,
                    approximate=approximate)


def blame(text: str, source: str, cue: str, content: str) -> Attribution:
    s, c, t = text.index(source), text.index(cue), text.index(content)
    return Attribution(
        id=f"a{s}", source=Source(start=s, end=s + len(source), text=source, kind="government"),
        cue=Cue(start=c, end=c + len(cue), text=cue, cue_class="neutral"),
        content=Span(start=t, end=t + len(content), text=content), certainty=0.8,
    )


def place(text: str, name: str, country: str) -> Place:
    start = text.index(name)
    return Place(start=start, end=start + len(name), text=name, name=name, country=country, lat=None, lon=None,
                 precision="city")


def article(
    doc_id: str, text: str, *, outlet: str | None = None, published: str | None = None, title: str | None = None,
    figures: tuple[tuple[str, str], ...] = (), blames: tuple[tuple[str, str, str], ...] = (),
    places: tuple[tuple[str, str], ...] = (), event_type: str | None = None,
    when: tuple[str, str] | None = None,
) -> Analysis:
    quantities = tuple(figure(text, n, role) for n, role in figures)
    where = tuple(place(text, n, c) for n, c in places)
    events = ()
    if event_type:
        trigger = re.search(r"\w+", text)
        events = (Event(id="e1", type=event_type, trigger=Span(start=trigger.start(), end=trigger.end(),
                                                                 text=trigger.group()),
                        place=where[0] if where else None, time=_time(text, when)),)
    return Analysis(
        article=Article(id=doc_id, text=text, outlet=outlet, published=published, title=title),
        quantities=quantities, places=where, events=events,
        attributions=tuple(blame(text, *b) for b in blames),
    )


def _time(text: str, when: tuple[str, str] | None) -> TimeExpression | None:
    if when is None:
        return None
    start = text.index(when[0])
    return TimeExpression(start=start, end=start + len(when[0]), text=when[0], value=when[1], precision="day")
