"""Find time expressions in text and normalise them, TIMEX3-style, to ISO 8601.

Values: a day ``2024-03-22``, an ISO week ``2024-W11``, a month ``2024-03``, a year
``2024``, a decade ``202`` (TIMEX3's decade form), each with a precision from
``TIME_PRECISIONS``. When the article has no publication date and the text gives no
year, the year is written ``XXXX`` (``XXXX-03-22``) rather than guessed; expressions
that only make sense against a date ("last Friday", "two weeks ago") then get value
None and precision ``unknown``.

Choices, documented in docs/grounding-quantities-times.md: a date without a year falls
on or before publication unless the clause looks ahead or the date is at most 31 days
after it (``_month_day``); a bare weekday points back to the most recent such day
unless the clause is in the future tense; "N units ago" keeps the unit's precision
(weeks give ISO weeks); "about", "early", "more than" make the precision
``approximate`` and keep the value at the unit's granularity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .._numbers import parse_number

__all__ = ["TimexMatch", "find_timexes", "parse_published"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
SEASONS = ("spring", "summer", "fall", "autumn", "winter")

_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMW = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
         r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+few|several|"
         r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|"
         r"five|six|seven|eight|nine))")
_APPROX = (r"(?:about|around|nearly|almost|roughly|some|more\s+than|less\s+than|over|"
           r"under|at\s+least|just\s+over|just\s+under|approximately|circa)")
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEARREL = r"(?:\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year)"

#: (kind, pattern); the longest match wins where patterns overlap.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(p)) for kind, p in (
        ("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
        ("mdy", rf"\b(?P<mon>{_MON})\s+{_DAY}(?!\d)(?:(?:,?\s+(?P<y>\d{{4}}))(?!\d)|{_YEARREL})?"),
        ("dmy", rf"\b{_DAY}\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<y>\d{{4}}))?(?!\d)"),
        ("my", rf"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+)?\b(?P<mon>{_MON})(?:,?\s+(?:of\s+)?(?P<y>\d{{4}})(?!\d)|{_YEARREL})?"),
        ("numeric", r"(?<![\d/.])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/(?P<y>\d{4}|\d{2}))?(?![\d/])"),
        ("decade", r"(?:\b(?i:the)\s+)?(?:\b(?P<mod>(?i:early|mid|late))[\s-]+)?(?:\b(?P<dec>1[5-9]\d0|20\d0)s\b|'(?P<short>\d0)s\b)"),
        ("year", r"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+|(?<![\w$€£.,/-]))(?P<y>1[5-9]\d\d|20\d\d)(?![\w%/]|[.,]\d|-\d)"),
        ("weekday", rf"(?:\b(?P<rel>(?i:last|next|this|this\s+coming|this\s+past|coming))\s+)?\b(?P<wd>{_WD}){_PART}(?!s)"),
        ("dayword", r"(?i:\b(?P<w>today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening)|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b)"),
        ("relunit", r"(?i:\b(?:(?P<side>earlier|later)\s+)?(?P<rel>this|last|next|coming)\s+(?P<unit>week|weekend|month|year)\b)"),
        ("ago", rf"(?i:(?:\b(?P<mod>{_APPROX})\s+)?\b(?P<n>{_NUMW})\s+(?P<unit>day|week|month|year|decade)s?\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b)"),
        ("anchor", r"(?i:\bthe\s+(?P<which>next|following|previous|preceding)\s+(?P<unit>day|week|month|year)\b|\bthe\s+(?P<unit2>day|week|month|year)\s+(?P<which2>before|after)\b(?!\s+(?:yesterday|tomorrow)))"),
        ("offset", rf"(?i:\b(?P<n>{_NUMW})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>after|before)\s+)"),
        ("season", r"(?i:\b(?P<rel>this|last|next|early|late)\s+(?P<season>spring|summer|fall|autumn|winter)\b|\b(?P<season2>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y>\d{4})\b)"),
    )
)

#: A month name on its own is a date only after one of these ("in May", not "may").
_MONTH_CONTEXT = re.compile(
    r"(?i:\b(?:in|since|until|till|by|from|through|during|of|last|next|this|early|mid|late|"
    r"before|after|between|and|to|on|that|each|every|through|throughout|than|a|an)[\s-]*)$"
)
_APPROX_BEFORE = re.compile(rf"(?i:\b{_APPROX}\s+)$")


@dataclass(frozen=True, slots=True, kw_only=True)
class TimexMatch:
    start: int
    end: int
    value: str | None
    precision: str
    day: date | None = None  # the calendar day the value points at, for anchoring


def parse_published(published: str | None) -> date | None:
    """The publication date of ``published`` (ISO date or date-time); None if absent/bad."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


# -- formatting ------------------------------------------------------------------------
def _iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _fmt(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "week":
        return _iso_week(d)
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


# -- resolution helpers -----------------------------------------------------------------
def _month_num(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_day(pub: date, month: int, day: int, future: bool) -> date | None:
    """The year-less date nearest before publication; after it when the clause looks ahead
    or when it falls within the next 31 days ("Coming September 30th")."""
    candidates = [_safe_date(pub.year + k, month, day) for k in (-1, 0, 1)]
    candidates = [c for c in candidates if c is not None]
    past = [c for c in candidates if c <= pub]
    ahead = [c for c in candidates if c > pub]
    if ahead and (future or (ahead[0] - pub).days <= 31 or not past):
        return ahead[0]
    return past[-1] if past else None


def _year_of(y: str) -> int:
    year = int(y)
    return year + (1900 if year >= 50 else 2000) if len(y) == 2 else year


Resolver = Callable[[re.Match[str], date | None, bool, date | None], TimexMatch | None]


def _r_iso(m, pub, future, ref):
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _point(m, d, "day") if d else None


def _r_mdy(m, pub, future, ref):
    month, day = _month_num(m["mon"]), int(m["d"])
    if not 1 <= day <= 31:
        return None
    if m["y"]:
        d = _safe_date(int(m["y"]), month, day)
        return _point(m, d, "day") if d else None
    if m.groupdict().get("yrel") and pub is not None:
        shift = {"last": -1, "this": 0, "next": 1}[m["yrel"]]
        d = _safe_date(pub.year + shift, month, day)
        return _point(m, d, "day") if d else None
    if _safe_date(2000, month, day) is None:  # "32 March", "February 30": not a date
        return None
    if pub is None:
        return _match(m, f"XXXX-{month:02d}-{day:02d}", "day")
    return _point(m, _month_day(pub, month, day, future), "day")


def _r_my(m, pub, future, ref):
    month = _month_num(m["mon"])
    precision = "approximate" if m["mod"] else "month"
    if m["y"]:
        return _match(m, f"{int(m['y']):04d}-{month:02d}", precision, date(int(m["y"]), month, 1))
    if m["yrel"] and pub is not None:
        y = pub.year + {"last": -1, "this": 0, "next": 1}[m["yrel"]]
        return _match(m, f"{y:04d}-{month:02d}", precision, date(y, month, 1))
    if pub is None:
        return _match(m, f"XXXX-{month:02d}", precision)
    if future:
        y = pub.year if month >= pub.month else pub.year + 1
    else:
        y = pub.year if month <= pub.month else pub.year - 1
    return _match(m, f"{y:04d}-{month:02d}", precision, date(y, month, 1))


def _r_numeric(m, pub, future, ref):
    month, day = int(m["m"]), int(m["d"])
    if not m["y"] and (month, day) == (9, 11):
        return _match(m, "2001-09-11", "day", date(2001, 9, 11))  # the attacks, by name
    if _safe_date(2000, month, day) is None:
        return None  # "24/7", "13/25"
    if m["y"]:
        d = _safe_date(_year_of(m["y"]), month, day)
        return _point(m, d, "day") if d else None
    if pub is None:
        return _match(m, f"XXXX-{month:02d}-{day:02d}", "day")
    return _point(m, _month_day(pub, month, day, future), "day")


def _r_decade(m, pub, future, ref):
    if m["dec"]:
        value = m["dec"][:3]
    elif pub is not None:
        value = ("19" if int(m["short"]) > (pub.year % 100) else "20") + m["short"][0]
    else:
        value = "19" + m["short"][0]  # "the '90s" with no date: last century is the reading
    return _match(m, value, "approximate" if m["mod"] else "decade")


def _r_year(m, pub, future, ref):
    precision = "approximate" if m["mod"] else "year"
    return _match(m, m["y"], precision, date(int(m["y"]), 1, 1))


def _r_weekday(m, pub, future, ref):
    if pub is None:
        return _match(m, None, "unknown")
    wd = WEEKDAYS[m["wd"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if rel in {"last", "this past"}:
        d = pub - timedelta(days=back or 7)
    elif rel in {"next", "coming", "this coming"}:
        d = pub + timedelta(days=ahead or 7)
    elif rel == "this":
        d = pub - timedelta(days=pub.weekday()) + timedelta(days=wd)
    else:
        d = pub + timedelta(days=ahead) if future else pub - timedelta(days=back)
    return _point(m, d, "day")


_DAYWORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
             "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
             "the day before yesterday": -2, "the day after tomorrow": 2}


def _r_dayword(m, pub, future, ref):
    if pub is None:
        return _match(m, None, "unknown")
    shift = _DAYWORDS[re.sub(r"\s+", " ", m["w"].lower())]
    return _point(m, pub + timedelta(days=shift), "day")


def _r_relunit(m, pub, future, ref):
    if pub is None:
        return _match(m, None, "unknown")
    unit = m["unit"].lower()
    shift = {"this": 0, "last": -1, "next": 1, "coming": 1}[m["rel"].lower()]
    if unit in {"week", "weekend"}:
        d = pub + timedelta(weeks=shift)
        return _point(m, d, "week")
    if unit == "month":
        return _point(m, pub + relativedelta(months=shift), "month")
    return _point(m, pub + relativedelta(years=shift), "year")


_UNIT_PRECISION = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "year"}


def _count(text: str) -> float | None:
    text = re.sub(r"\s+", " ", text.lower())
    if text in {"a", "an"}:
        return 1.0
    if text in {"a few", "several"}:
        return None
    return parse_number(text)


def _shift(d: date, n: float, unit: str) -> date:
    n_int = int(n)
    if unit == "day":
        return d + timedelta(days=n_int)
    if unit == "week":
        return d + timedelta(weeks=n_int)
    if unit == "month":
        return d + relativedelta(months=n_int)
    if unit == "decade":
        return d + relativedelta(years=10 * n_int)
    return d + relativedelta(years=n_int)


def _r_ago(m, pub, future, ref):
    unit, direction = m["unit"].lower(), re.sub(r"\s+", " ", m["dir"].lower())
    n = _count(m["n"])
    anchor = pub if direction in {"ago", "from now", "hence"} else ref
    if anchor is None or n is None or n != int(n):
        return _match(m, None, "unknown")
    sign = -1 if direction in {"ago", "earlier"} else 1
    d = _shift(anchor, sign * n, unit)
    precision = _UNIT_PRECISION[unit]
    value = _fmt(d, precision)
    return _match(m, value, "approximate" if m["mod"] else precision, d)


def _r_anchor(m, pub, future, ref):
    unit = (m["unit"] or m["unit2"]).lower()
    which = (m["which"] or m["which2"]).lower()
    if ref is None:
        return _match(m, None, "unknown")
    sign = -1 if which in {"previous", "preceding", "before"} else 1
    d = _shift(ref, sign, unit)
    return _point(m, d, _UNIT_PRECISION[unit])


def _r_season(m, pub, future, ref):
    if m["y"]:
        return _match(m, m["y"], "approximate")
    if pub is None:
        return _match(m, None, "unknown")
    rel = m["rel"].lower()
    y = pub.year + {"last": -1, "next": 1}.get(rel, 0)
    return _match(m, f"{y:04d}", "approximate")


RESOLVERS: dict[str, Resolver] = {
    "iso": _r_iso, "mdy": _r_mdy, "dmy": _r_mdy, "my": _r_my, "numeric": _r_numeric,
    "decade": _r_decade, "year": _r_year, "weekday": _r_weekday, "dayword": _r_dayword,
    "relunit": _r_relunit, "ago": _r_ago, "anchor": _r_anchor, "season": _r_season,
}


def _match(m: re.Match[str], value: str | None, precision: str, day: date | None = None) -> TimexMatch:
    return TimexMatch(start=m.start(), end=m.end(), value=value, precision=precision, day=day)


def _point(m: re.Match[str], d: date | None, precision: str) -> TimexMatch | None:
    if d is None:
        return None
    return _match(m, _fmt(d, precision), precision, d)


# -- finding ----------------------------------------------------------------------------
def _candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    found = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    for cand in found:
        if kept and cand[0] < kept[-1][1]:
            continue  # overlaps a longer or earlier expression
        kept.append(cand)
    return kept


_NAME_AFTER = re.compile(r"\s[A-Z][a-z]")
_NAME_BEFORE = re.compile(r"(?i:\b(?:to|and|with|by|from)\s+)$")


def _month_alone_ok(text: str, m: re.Match[str]) -> bool:
    if m["y"] or m.groupdict().get("yrel") or m["mod"]:
        return True
    before = text[max(0, m.start() - 25):m.start()]
    if _NAME_AFTER.match(text, m.end()) and _NAME_BEFORE.search(before):
        return False  # "spoke to April Ryan", "with June Carter": a first name
    return bool(_MONTH_CONTEXT.search(before))


def find_timexes(
    text: str,
    published: date | None,
    *,
    is_year: Callable[[int, int], bool] = lambda s, e: True,
    looks_ahead: Callable[[int, int], bool] = lambda s, e: False,
) -> Iterator[TimexMatch]:
    """Every time expression of ``text``, normalised against ``published``.

    ``is_year(start, end)`` vetoes four-digit numbers that count things ("over 2000
    people"); ``looks_ahead(start, end)`` says whether the clause is in the future tense.
    Both come from the spaCy parse in the component; the defaults keep this usable on
    bare strings.
    """
    ref: date | None = published
    pending_offset: re.Match[str] | None = None
    for start, end, kind, m in _candidates(text):
        if kind == "offset":
            pending_offset = m
            continue
        if kind == "my" and not _month_alone_ok(text, m):
            continue
        if kind == "year" and not is_year(m.start("y"), m.end("y")):
            continue
        found = RESOLVERS[kind](m, published, looks_ahead(start, end), ref)
        if found is None:
            continue
        if pending_offset is not None and pending_offset.end() == start:
            found = _apply_offset(pending_offset, found)
        pending_offset = None
        found = _with_approx_prefix(text, found)
        if found.day is not None and found.precision == "day":
            ref = found.day
        yield found


def _apply_offset(offset: re.Match[str], target: TimexMatch) -> TimexMatch:
    """'five days after March 22' -> the dated target moved by the offset."""
    n = _count(offset["n"])
    if target.day is None or n is None or target.precision not in {"day", "week", "month"}:
        return TimexMatch(start=offset.start(), end=target.end, value=None, precision="unknown")
    sign = -1 if offset["dir"].lower() == "before" else 1
    unit = offset["unit"].lower()
    d = _shift(target.day, sign * n, unit)
    precision = _UNIT_PRECISION[unit] if unit != "day" else target.precision
    return TimexMatch(start=offset.start(), end=target.end, value=_fmt(d, precision),
                      precision=precision, day=d)


def _with_approx_prefix(text: str, t: TimexMatch) -> TimexMatch:
    """'about two weeks ago', 'around March 22': the value stands, the precision loosens."""
    prefix = _APPROX_BEFORE.search(text[max(0, t.start - 20):t.start])
    if prefix is None or t.value is None:
        return t
    return TimexMatch(start=t.start - len(prefix.group()), end=t.end, value=t.value,
                      precision="approximate", day=t.day)
