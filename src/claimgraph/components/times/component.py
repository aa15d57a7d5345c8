"""Time expressions normalised against the article's publication date.

The grammar in :mod:`._timex` finds and normalises the expressions; the spaCy parse
settles what a pattern cannot: whether a four-digit number is a year or a count
("in 2016" against "over 2000 people") and whether the clause looks ahead ("will meet
on Friday"). Dates that spaCy tags but the grammar does not know ("the 3rd of June,
2015") go to dateparser, but only when they carry their own year, so that nothing is
guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from spacy.language import Language
from spacy.tokens import Doc, Token

from ...model import TimeExpression
from .._base import Component, ComponentSpec, doc_meta, doc_text
from ._timex import TimexMatch, find_timexes, parse_published

__all__ = ["Times", "SPEC", "find_times", "published_period"]

_COUNT_MODIFIERS = {"over", "than", "least", "about", "nearly", "almost", "some", "around",
                    "approximately", "roughly", "under", "$", "€", "£", "#"}
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_PERIOD_PRECISION = {"day": "day", "week": "week", "month": "month", "year": "year"}


def _matches(doc: Doc, published: date | None) -> list[TimexMatch]:
    found = list(find_timexes(
        doc_text(doc), published,
        is_year=lambda s, e: _is_year(doc, s, e),
        looks_ahead=lambda s, e: _looks_ahead(doc, s, e),
    ))
    found += _dateparser_fallback(doc, published, found)
    found.sort(key=lambda t: t.start)
    return found


def published_period(published: str | None) -> tuple[date, date] | None:
    """The first and last day of a publication date known only to the month ("2024-05") or the
    year ("2024"); None for a full date or none."""
    if not published or len(published) not in (4, 7):
        return None
    try:
        year = int(published[:4])
        month = int(published[5:7]) if len(published) == 7 else None
        first = date(year, month or 1, 1)
        last = date(year, month or 12, 1) + relativedelta(months=1) - timedelta(days=1)
    except ValueError:
        return None
    return first, last


def _coarsened(a: str | None, b: str | None) -> tuple[str | None, str]:
    """The value two anchors agree on, at the finest precision they share (month, then year)."""
    if a is None or b is None:
        return None, "unknown"
    if "W" not in a + b and len(a) >= 7 and len(b) >= 7 and a[:7] == b[:7]:
        return a[:7], "month"
    if a[:4] == b[:4] and a[:4].isdigit():
        return a[:4], "year"
    return None, "unknown"


def _anchored_at_precision(doc: Doc, first: date, last: date) -> list[TimexMatch]:
    """Time expressions against a publication date known only to the month or year: each one is
    resolved against the period's first and last day; where the two readings differ ("on
    Monday" of some day in May), the value keeps only what they share (a month, a year) or
    none, so that nothing is anchored on a day the article never gave."""
    early, late = _matches(doc, first), _matches(doc, last)
    by_span = {(t.start, t.end): t for t in late}
    out = []
    for t in early:
        other = by_span.get((t.start, t.end))
        if other is not None and other.value == t.value:
            out.append(t)
            continue
        value, precision = _coarsened(t.value, other.value if other is not None else None)
        if precision != "unknown" and t.precision == "approximate":
            precision = "approximate"
        out.append(TimexMatch(start=t.start, end=t.end, value=value, precision=precision))
    return out


def find_times(doc: Doc) -> Iterator[TimeExpression]:
    """Every time expression of ``doc`` in text order, normalised to ISO 8601; a publication
    date known only to the month or year anchors only at that precision."""
    raw = doc_meta(doc).get("published")
    period = published_period(raw)
    found = _anchored_at_precision(doc, *period) if period else _matches(doc, parse_published(raw))
    text = doc_text(doc)
    for t in found:
        yield TimeExpression(start=t.start, end=t.end, text=text[t.start:t.end],
                             value=t.value, precision=t.precision)


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _is_year(doc: Doc, start: int, end: int) -> bool:
    """A four-digit number is a year unless it counts something ('over 2000 people')."""
    tok = _token_at(doc, start, end)
    if tok is None:
        return True
    if tok.i > 0 and tok.nbor(-1).lower_ in _COUNT_MODIFIERS:
        return False
    if tok.i > 1 and doc[tok.i - 2].lower_ == "up" and tok.nbor(-1).lower_ == "to":
        return False  # "up to 2000 troops"
    head = tok.head
    if tok.dep_ != "nummod" or head.tag_ not in {"NNS", "NNPS"} or head.i <= tok.i:
        return True
    # "2000 people" counts; "1995 state income tax filings" is a year before a compound
    return not all(t.pos_ == "ADJ" for t in doc[tok.i + 1:head.i])


def _looks_ahead(doc: Doc, start: int, end: int) -> bool:
    """True when the clause around the expression is in the future tense."""
    tok = _token_at(doc, start, end)
    if tok is None:
        return False
    if tok.i > 0 and tok.nbor(-1).lower_ in {"upcoming", "coming", "until", "till"}:
        return True
    for _ in range(4):
        if tok.pos_ in {"VERB", "AUX"}:
            return any(c.lower_ in _FUTURE_AUX for c in tok.children if c.dep_ == "aux")
        if tok.head == tok:
            break
        tok = tok.head
    return False


def _dateparser_fallback(doc: Doc, published: date | None, found: list[TimexMatch]) -> list[TimexMatch]:
    taken = [(t.start, t.end) for t in found]
    extra = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        if not any(t.shape_ == "dddd" for t in ent) or not any(t.is_alpha for t in ent):
            continue  # needs its own year, and more than digits (the grammar did those)
        parsed = _parse_with_dateparser(ent.text, published)
        if parsed is not None:
            value, precision = parsed
            extra.append(TimexMatch(start=ent.start_char, end=ent.end_char, value=value,
                                    precision=precision))
    return extra


@lru_cache(maxsize=2048)
def _parse_with_dateparser(text: str, published: date | None) -> tuple[str, str] | None:
    if len(text) > 60:
        return None
    data = _date_parser(published).get_date_data(text)
    when: datetime | None = data.date_obj
    precision = _PERIOD_PRECISION.get(data.period or "")
    if when is None or precision is None:
        return None
    if precision == "day":
        return when.date().isoformat(), "day"
    if precision == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}", "week"
    if precision == "month":
        return f"{when.year:04d}-{when.month:02d}", "month"
    return f"{when.year:04d}", "year"


@lru_cache(maxsize=64)
def _date_parser(published: date | None):  # noqa: ANN202 - dateparser has no public type
    from dateparser.date import DateDataParser  # imported late: it takes a while to load

    base = datetime.combine(published or date(2000, 1, 1), datetime.min.time())
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
    })


class Times(Component):
    """Finds time expressions and normalises them against the publication date."""

    section = "times"

    def process(self, doc: Doc) -> Iterable[TimeExpression]:
        return find_times(doc)


def make_times(nlp: Language, name: str) -> Times:
    return Times(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_times_v1",
    make=make_times,
    requires=("token.dep", "token.ent_type"),
    assigns=("doc._.cg_times",),
)
