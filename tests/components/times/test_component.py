from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.components.times._timex import find_timexes, parse_published
from claimgraph.model import TIME_PRECISIONS, Article
from claimgraph.pipeline import _prepare_doc, build_pipeline


@pytest.fixture(scope="module")
def tnlp():
    return build_pipeline(("claimgraph_times_v1",))


def times(nlp, text, published=None):
    doc = nlp(_prepare_doc(nlp, Article(id="t", text=text, published=published)))
    assert not doc._.cg_errors, doc._.cg_errors
    found = list(doc._.cg_times)
    assert_valid(text, found)
    return found


def assert_valid(text, records):
    for t in records:
        assert 0 <= t.start <= t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.precision in TIME_PRECISIONS


def values(nlp, text, published=None):
    return [(t.text, t.value, t.precision) for t in times(nlp, text, published)]


# -- the seed article ---------------------------------------------------------------------
def test_seed_article_dates(tnlp, seed_text):
    found = {t.text: (t.value, t.precision) for t in times(tnlp, seed_text, "2024-03-27")}
    assert found["March 22"] == ("2024-03-22", "day")
    assert found["March 25"] == ("2024-03-25", "day")
    assert found["Two weeks ago"] == ("2024-W11", "week")
    assert found["October 1917"] == ("1917-10", "month")
    assert found["9/11"] == ("2001-09-11", "day")


def test_seed_article_without_date_keeps_year_unknown(tnlp, seed_text):
    found = {t.text: (t.value, t.precision) for t in times(tnlp, seed_text)}
    assert found["March 22"] == ("XXXX-03-22", "day")
    assert found["Two weeks ago"] == (None, "unknown")
    assert found["October 1917"] == ("1917-10", "month")


# -- hand-built sentences (published Wednesday 2016-09-28) --------------------------------
PUB = "2016-09-28"


@pytest.mark.parametrize(("text", "expected"), [
    ("The talks began last Friday.", ("last Friday", "2016-09-23", "day")),
    ("The talks began on Friday.", ("Friday", "2016-09-23", "day")),
    ("They will meet on Friday.", ("Friday", "2016-09-30", "day")),
    ("He spoke on Wednesday.", ("Wednesday", "2016-09-28", "day")),
    ("It rained yesterday.", ("yesterday", "2016-09-27", "day")),
    ("He came last week.", ("last week", "2016-W38", "week")),
    ("She left last month.", ("last month", "2016-08", "month")),
    ("Turnout rose this year.", ("this year", "2016", "year")),
    ("He retired two years ago.", ("two years ago", "2014", "year")),
    ("He died three months ago.", ("three months ago", "2016-06", "month")),
    ("It began more than a year ago.", ("more than a year ago", "2015", "approximate")),
    ("The poll ran in early September.", ("early September", "2016-09", "approximate")),
    ("Since January 1st, crime fell.", ("January 1st", "2016-01-01", "day")),
    ("Coming September 30th.", ("September 30th", "2016-09-30", "day")),
    ("We met on June 16th of last year.", ("June 16th of last year", "2015-06-16", "day")),
    ("The music of the 1990s.", ("the 1990s", "199", "decade")),
    ("It was signed on July 6, 2015.", ("July 6, 2015", "2015-07-06", "day")),
    ("He was born on 22 March 1990.", ("22 March 1990", "1990-03-22", "day")),
    ("A law from 1993 applies.", ("1993", "1993", "year")),
    ("The plan dates from mid-2015.", ("mid-2015", "2015", "approximate")),
    ("Raids on 2/25 were planned.", ("2/25", "2016-02-25", "day")),
    ("The report of 2016-03-04 says so.", ("2016-03-04", "2016-03-04", "day")),
    ("In July, Cruz spoke.", ("July", "2016-07", "month")),
    ("During a May interview, he spoke.", ("May", "2016-05", "month")),
    ("It lasted through April this year.", ("April this year", "2016-04", "month")),
])
def test_normalisation(tnlp, text, expected):
    assert expected in values(tnlp, text, PUB)


def test_anchored_expressions(tnlp):
    found = values(tnlp, "The attack came on March 22. The next day, police arrived. "
                         "Five days after March 22, it ended.", "2024-03-27")
    assert ("The next day", "2024-03-23", "day") in found
    assert ("Five days after March 22", "2024-03-27", "day") in found


def test_counts_are_not_years(tnlp):
    assert values(tnlp, "Over 2000 people came, 1500 troops too.", PUB) == []


@pytest.mark.parametrize("text", [
    "It happened on 32 March.", "Due February 30 or 13/25.", "Open 24/7.", "You may go.",
    "She will march.", "The fall was steep.", "He spoke to April Ryan.",
])
def test_not_dates(tnlp, text):
    assert values(tnlp, text, PUB) == []


def test_without_publication_date(tnlp):
    found = values(tnlp, "On Friday, last week and in January, since March 22, in 2003.")
    assert ("Friday", None, "unknown") in found
    assert ("last week", None, "unknown") in found
    assert ("January", "XXXX-01", "month") in found
    assert ("March 22", "XXXX-03-22", "day") in found
    assert ("2003", "2003", "year") in found


# -- bad input ----------------------------------------------------------------------------
@pytest.mark.parametrize("published", [None, "", "not a date", "2024-13-45", "2024-03-27T10:00:00Z"])
def test_bad_publication_dates(tnlp, published):
    times(tnlp, "It happened two weeks ago, on March 22.", published)


def test_parse_published():
    assert parse_published("2024-03-27T10:00:00Z") == date(2024, 3, 27)
    assert parse_published("garbage") is None and parse_published(None) is None


def test_very_long_document(tnlp):
    text = "On March 22, two weeks ago, 1,2,3 happened. " * 500
    found = times(tnlp, text, "2024-03-27")
    assert len(found) == 1000


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/-:, MarchJunFidyl.agotwkes\n")), max_size=80))
def test_spans_always_inside_text(tnlp, text):
    times(tnlp, text, "2024-03-27")


@given(st.dates(min_value=date(1600, 1, 1), max_value=date(2099, 12, 31)),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
def test_full_dates_round_trip(day, published):
    text = f"It was {day:%B} {day.day}, {day.year}."
    found = list(find_timexes(text, published))
    assert [(f.value, f.precision) for f in found] == [(day.isoformat(), "day")]


@given(st.dates(min_value=date(1990, 1, 8), max_value=date(2030, 12, 31)), st.integers(1, 20))
def test_days_ago_round_trip(published, n):
    found = list(find_timexes(f"It was {n} days ago.", published))
    assert found[0].value == (published - timedelta(days=n)).isoformat()


def test_year_less_date_never_lands_long_after_publication():
    published = date(2024, 3, 27)
    for month in range(1, 13):
        found = list(find_timexes(f"It was on {date(2024, month, 1):%B} 10.", published))
        day = date.fromisoformat(found[0].value)
        assert day - published <= timedelta(days=31) and published - day < timedelta(days=366)


def test_dataclass_records_are_frozen(tnlp):
    record = times(tnlp, "It was on March 22.", "2024-03-27")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.value = "x"  # type: ignore[misc]


def test_a_partial_publication_date_anchors_only_at_its_precision(tnlp) -> None:
    text = "Last year the plant closed. In March it reopened, and on Monday it burned. It was rebuilt on 3 June 2024."
    month = dict((t, (v, p)) for t, v, p in values(tnlp, text, "2024-05"))
    assert month["Last year"] == ("2023", "year")
    assert month["March"] == ("2024-03", "month")
    assert month["Monday"] == ("2024", "year")  # some Monday between 29 April and 27 May: no day, no month
    assert month["3 June 2024"] == ("2024-06-03", "day")
    year = dict((t, (v, p)) for t, v, p in values(tnlp, text, "2024"))
    assert year["Last year"] == ("2023", "year")
    assert year["Monday"] == ("2024", "year")
    assert year["March"][1] != "day"
