"""Quantities: numbers with value, range, unit and role.

A pattern finds number expressions in the text (digits, number words, scale words,
currency signs, bounding modifiers such as "at least" and ranges such as "between 40
and 60"); the spaCy parse then decides what each one counts and what role it plays,
and throws out the numbers that are not quantities (years, dates, clock times, ordinals,
names like "Pier 14" or "F-16", the pronoun "one"). Conventions are documented in
docs/grounding-quantities-times.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...model import Quantity, Span
from .._base import Component, ComponentSpec, doc_text
from .._numbers import MODIFIER_PATTERN, VAGUE, bounds_of, parse_number, vague_value
from ._referent import referent_of
from ._roles import (
    CURRENCY_SYMBOLS,
    MEASURE_UNITS,
    PERSON_NOUNS,
    TIME_UNITS,
    counted_noun,
    role_of,
    unit_of,
)

__all__ = ["Quantities", "SPEC", "find_quantities"]

_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen)"
)
_WORDNUM = rf"(?:a[\s-]+dozen|a[\s-]+(?:hundred|thousand|million|billion)|{_WORD}(?:(?:[\s-]+and[\s-]+|[\s-]+){_WORD})*(?:[\s-]+and[\s-]+an?[\s-]+(?:half|quarter)(?:[\s-]+(?:thousand|million|billion))?)?)"
_DIGITNUM = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?:hundred|thousand|million|billion|trillion)|(?:k|m|mn|bn|tn))?"
)
_NUM = rf"(?<![\w])(?:{_DIGITNUM}|{_WORDNUM})(?![\w])"
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
_CUR = r"(?:US\$|\$|€|£|₽|USD\s?|EUR\s?|GBP\s?)"
_PCT = r"(?:\s?%|\s(?:percentage\s+points?|per\s?cent|percent))"
_TIME_WORDS = "|".join(
    [f"{u}s?" for u in TIME_UNITS if u != "century"] + ["centuries", "century"]
)
_MEASURE_WORDS = "|".join(sorted(MEASURE_UNITS, key=len, reverse=True))

_RANGE = rf"(?:\s*(?P<sep>-|–|to|and|or)\s*(?P<cur2>{_CUR})?(?P<num2>{_NUM}))?"
_NO_RANGE = "(?P<sep>(?!))?(?P<cur2>(?!))?(?P<num2>(?!))?"  # same groups, never matching


def _quantity_pattern(second: str) -> re.Pattern[str]:
    return re.compile(
        rf"""
        (?P<mod>(?<![\w])(?:{MODIFIER_PATTERN})\s+)?
        (?P<between>\b(?:between|from)\s+)?
        (?:
            (?P<vague>\b(?:{_VAGUE})\b)
          | (?P<cur>{_CUR})?(?P<num>{_NUM})
            {second}
            (?P<pct>{_PCT})?
            (?P<hyunit>-(?!to-)[A-Za-z]+(?:-old)?|\s-\s(?:years?|months?|weeks?|days?)\s-\sold\b)?
            (?P<unitword>\s(?:{_TIME_WORDS}|{_MEASURE_WORDS}|dollars|euros)\b)?
        )
        """,
        re.IGNORECASE | re.VERBOSE,
    )


QUANTITY_PATTERN = _quantity_pattern(_RANGE)
#: The same without the range part, for a pair of figures that is not a range.
SINGLE_PATTERN = _quantity_pattern(_NO_RANGE)
_SUFFIX = re.compile(r"\s+or\s+(more|less|fewer|so)\b", re.I)
#: After a duration, these words make it a point in time ("five days ago"), not a quantity.
_OFFSET_AFTER = re.compile(r"^\s*(?:ago|later|earlier|after|before|prior|hence|from now)\b", re.I)
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Match:
    start: int
    end: int
    text: str  # the whole document text (Doc.text rebuilds the string on every access)
    groups: dict[str, str | None]
    spans: dict[str, tuple[int, int]]


def find_quantities(doc: Doc) -> Iterator[Quantity]:
    """Every quantity in ``doc``, in text order."""
    text = doc_text(doc)
    pos = 0
    while (m := QUANTITY_PATTERN.search(text, pos)) is not None:
        pos = max(m.end(), pos + 1)
        if not (m.group("vague") or m.group("num")):
            continue
        if m.group("num2") and not _is_range(m.groupdict(), parse_number(m.group("num")),
                                             parse_number(m.group("num2"))):
            # "2030 to 32 percent", "49 to 47": two figures, so match the first alone
            # and scan again from its end
            m = SINGLE_PATTERN.match(text, m.start()) or m
            pos = max(m.end(), m.start() + 1)
        match = _Match(
            start=m.start(), end=m.end(), text=text, groups=m.groupdict(),
            spans={k: m.span(k) for k in m.groupdict() if m.group(k) is not None},
        )
        quantity = _quantity(doc, match)
        if quantity is not None:
            yield quantity


def _quantity(doc: Doc, m: _Match) -> Quantity | None:
    g = m.groups
    core_start, core_end = m.spans["vague"] if g["vague"] else m.spans["num"]
    if _glued(m.text, core_start, core_end):
        return None
    start = m.start if (g["mod"] or g["between"] or g["cur"]) else core_start
    if g["vague"]:
        value, approx = vague_value(g["vague"]), True
        if g["vague"].lower() in {"tens", "scores"} and not m.text[core_end:core_end + 8].lstrip().startswith("of"):
            return None  # "tens"/"scores" alone are rarely numbers ("test scores")
    else:
        value, approx = parse_number(g["num"]), False
    if value is None or not math.isfinite(value) or value > 1e15:
        return None
    tokens = doc.char_span(core_start, core_end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    number = tokens[-1]
    if g["num"] and not _is_quantity(doc, m, number, value):
        return None
    low = high = None
    bounds = bounds_of(g["mod"] or "")
    approx = approx or bounds.approximate
    second = parse_number(g["num2"]) if g["num2"] else None
    if second is not None and g["sep"] and _is_range(g, value, second):
        low, high = value, second
    if bounds.low:
        low = value
    if bounds.high:
        high = value
    end = m.end
    suffix = _SUFFIX.match(m.text, end, min(len(m.text), end + 24))
    if suffix is not None:  # "$100,000 or more", "$200 or less", "50 or so"
        end = suffix.end()
        word = suffix.group(1).lower()
        low = value if word == "more" else low
        high = value if word in {"less", "fewer"} else high
        approx = approx or word == "so"
    unit, role = _unit_and_role(doc, m, number)
    text = m.text
    while end > start and text[end - 1].isspace():
        end -= 1
    span, head, key, scope = referent_of(number, counted_noun(number), role, unit)
    if unit == "magnitude":
        key = "magnitude"
    referent = Span(start=span[0], end=span[1], text=text[span[0]:span[1]]) if span else None
    return Quantity(start=start, end=end, text=text[start:end], value=value, low=low,
                    high=high, unit=unit, role=role, approximate=approx, referent=referent,
                    referent_head=head, referent_key=key, scope=scope)


def _glued(text: str, start: int, end: int) -> bool:
    """True for digits that are part of something else: '9/11', '10:13', 'F-16', '1,2,3'."""
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    if before[-1:] in {"/", ":", ".", ",", "#"} or re.match(r"[/:,]\d", after):
        return True
    if before == "/ " and after == " /":
        return True  # a part of a web address spelt out token by token ("nov / 28 / world")
    if re.match(r"[A-Za-z]-$", before) or re.match(r"^\d", after):
        return True
    if re.match(r"-to-\d", text[end:end + 5]) or text[max(0, start - 4):start].lower() == "-to-":
        return True  # ratios: "a 2-to-1 vote"
    return False


def _is_range(g: dict, first: float | None, second: float | None) -> bool:
    sep = (g["sep"] or "").lower()
    if first is None or second is None or second <= first:
        return False
    if sep == "and":
        return bool(g["between"])
    if sep == "to" and g["pct"] is None and g["hyunit"] is None:
        return True
    return sep in {"-", "–", "or"}


def _is_quantity(doc: Doc, m: _Match, number: Token, value: float) -> bool:
    """Filter out years, dates, times of day, names with numbers and the pronoun 'one'."""
    g = m.groups
    has_unit = any(g[k] for k in ("cur", "pct", "hyunit", "unitword", "mod"))
    if g["unitword"] and g["unitword"].strip().lower().rstrip("s") in TIME_UNITS:
        if _OFFSET_AFTER.match(m.text[m.end:m.end + 16]):
            return False  # "two weeks ago" is a time, handled by the times component
        return True
    if not has_unit and _in_date(doc, m):
        return False
    if _YEAR.match(g["num"]) and not has_unit and (not _counts_plural_noun(number) or _after_determiner(number)):
        return False  # "in 1967", "the 1967 killings"
    if not has_unit and _ADDRESS_AFTER.match(m.text[m.end:m.end + 40]):
        return False  # "24 Independent Street"
    if not has_unit and _after_name(doc, number):
        return False
    if g["num"].lower() == "one" and not has_unit:
        # "one" is mostly a pronoun or an article ("one of", "one reason"); keep it only
        # for a person in an event ("one person was killed")
        noun = counted_noun(number)
        return (noun is not None and unit_of(noun) == "people"
                and role_of("people", noun, number) != "other")
    return True


_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?|january|february|march|april|"
    r"june|july|august|september|october|november|december"
)
_DATE_BEFORE = re.compile(rf"(?:\b(?:{_MONTH})|\bof\s+(?:{_MONTH}))\s*$", re.I)
_DATE_AFTER = re.compile(
    rf"^(?:(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTH})\b|\s*(?:a\.\s?m\.|p\.\s?m\.|am\b|pm\b|o['’]clock"
    r"|(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET)\b|local time\b|hours\s+\((?:GMT|UTC)))",
    re.I,
)


def _in_date(doc: Doc, m: _Match) -> bool:
    """'March 22', '22 March', 'the 3rd of June', '3 p.m.': a number that is part of a date."""
    start, end = m.spans["num"]
    before = m.text[max(0, start - 16):start]
    return bool(_DATE_BEFORE.search(before) or _DATE_AFTER.match(m.text[end:end + 20]))


#: After a number, the rest of a street address: "24 Independent Street", "10 Downing St."
_ADDRESS_AFTER = re.compile(r"^\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Boulevard|Blvd\.?|"
                            r"Lane|Drive|Place|Court|Way|Square)\b")


def _after_determiner(number: Token) -> bool:
    """'the 1967 killings', 'its 2005 report': a year as a modifier, not a count."""
    return number.i > 0 and number.nbor(-1).lower_ in {"the", "a", "an", "its", "his", "her", "their", "our", "'s", "’s"}


def _counts_plural_noun(number: Token) -> bool:
    """'2000 people' counts; '1995 state income tax filings' is a year before a compound."""
    noun = counted_noun(number)
    if noun is None or noun.tag_ not in {"NNS", "NNPS"} or noun.i <= number.i:
        return False
    return all(t.pos_ == "ADJ" for t in number.doc[number.i + 1:noun.i])


_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)


def _after_name(doc: Doc, number: Token) -> bool:
    """'Pier 14', 'Fortune 500', 'Air Force One': a number right after a capitalised name."""
    first = number.doc[number.i]
    while first.i > 0 and first.nbor(-1).pos_ == "NUM" and not first.nbor(-1).whitespace_ == "":
        first = first.nbor(-1)
    if first.i == 0:
        return False
    prev = first.nbor(-1)
    return (prev.text[:1].isupper() and prev.is_alpha and not prev.is_sent_start
            and prev.lower_ not in _CALENDAR_WORDS and prev.lower_ not in {"a", "an", "the", "some", "about"})


def _unit_and_role(doc: Doc, m: _Match, number: Token) -> tuple[str | None, str]:
    g = m.groups
    noun = counted_noun(number)
    unit = None
    if not any(g[k] for k in ("cur", "pct", "hyunit", "unitword")) and _AGE_PAIR.match(m.text, m.end):
        return "years", "age"  # "two women -- 68 and 48-years-old"
    if g["cur"]:
        unit = CURRENCY_SYMBOLS.get(g["cur"].strip().lower(), "USD")
    elif g["pct"]:
        unit = "percentage point" if "point" in g["pct"].lower() else "percent"
    elif g["hyunit"]:
        return _hyphen_unit(g["hyunit"])
    elif g["unitword"]:
        word = g["unitword"].strip().lower()
        if word in {"dollars", "euros"}:
            unit = "USD" if word == "dollars" else "EUR"
        elif word.rstrip("s") == "year" and re.match(r"\s*old\b", m.text[m.end:m.end + 6]):
            return "years", "age"  # "29 years old"
        elif word.rstrip("s") in TIME_UNITS or word in TIME_UNITS:
            unit = TIME_UNITS.get(word.rstrip("s"), TIME_UNITS.get(word))
        else:
            unit = MEASURE_UNITS.get(word) or MEASURE_UNITS.get(word.rstrip("s"))
    elif g["num"] and _is_magnitude(m, parse_number(g["num"]) or 0.0):
        return "magnitude", "other"
    else:
        unit = unit_of(noun)
    if unit is None and _is_age(doc, m, number):
        return "years", "age"
    role = role_of(unit, noun, number)
    if unit is None and role in {"fatalities", "injured", "attendees", "arrested", "displaced",
                                 "population"}:
        unit = "people"  # "At least 60 more were injured"
    return unit, role


_MAGNITUDE_BEFORE = re.compile(r"(?:magnitude|richter|measur\w*|register\w*)\s*(?:-\s*|of\s+|at\s+)?"
                               r"(?:(?:at least|about|around|nearly|almost|some|roughly|over)\s+)?$", re.I)
_MAGNITUDE_AFTER = re.compile(r"^\s*(?:-\s*)?(?:magnitude\b|on the richter|richter)", re.I)
_QUAKE_AFTER = re.compile(r"^\s*(?:-\s*)?(?:earthquake|quake|temblor|tremor)s?\b", re.I)


def _is_magnitude(m: _Match, value: float) -> bool:
    """'a 5.9-magnitude quake', 'magnitude of 6.1', 'registering 6.1 on the Richter scale',
    'a 5.6 quake': the strength of a quake, not a count."""
    if value >= 10 or m.groups["cur"] or m.groups["pct"]:
        return False
    before = m.text[max(0, m.start - 40):m.start]
    after = m.text[m.end:m.end + 24]
    if _MAGNITUDE_BEFORE.search(before) or _MAGNITUDE_AFTER.match(after):
        return True
    return "." in (m.groups["num"] or "") and bool(_QUAKE_AFTER.match(after))  # "a 5.6 quake", not "two quakes"


def _hyphen_unit(hyunit: str) -> tuple[str | None, str]:
    """'-minute' -> minutes/duration, '-year-old' -> years/age, '-page' -> page/other."""
    word = re.sub(r"\s+", "", hyunit.lower()).lstrip("-")  # "2 - year - old" in tokenised text
    if word.endswith("-old"):
        return "years", "age"
    base = word.rstrip("s") if word.rstrip("s") in TIME_UNITS else word
    if base in TIME_UNITS:
        return TIME_UNITS[base], "duration"
    if word in MEASURE_UNITS:
        return MEASURE_UNITS[word], "other"
    return ("people" if word in PERSON_NOUNS else word), "other"


def _is_age(doc: Doc, m: _Match, number: Token) -> bool:
    """'Steinle, 32, was shot': a bare number between commas right after a name."""
    g = m.groups
    if g["mod"] or g["cur"] or not (g["num"] or "").isdigit() or not 0 < int(g["num"]) < 120:
        return False
    before = m.text[max(0, m.start - 2):m.start]
    after = m.text[m.end:m.end + 2].lstrip(" ")
    if _AGE_BEFORE.search(m.text[max(0, m.start - 8):m.start]) and after[:1] in {",", ")", ".", ";", "\u2014", "-"}:
        return True  # "Tennant and Hakim, both 51, died", "aged 35,"
    if before != ", " or after[:1] not in {",", "\u2015", "\u2014", "\u2013", "-", ")", ".", ";"}:
        return False
    if after[:1] == "." and re.match(r"\.\d", m.text[m.end:m.end + 2]):
        return False
    prev = doc.char_span(m.start - 2, m.start - 1, alignment_mode="expand")
    return prev is not None and prev.start > 0 and doc[prev.start - 1].pos_ == "PROPN"


_AGE_PAIR = re.compile(r"\s*(?:and|or|,|&)\s*\d{1,3}(?:-|\s)years?(?:-|\s)old\b", re.I)
_AGE_BEFORE = re.compile(r"\b(?:both|aged|ages)\s+$", re.I)


class Quantities(Component):
    """Finds numbers and gives each its value, bounds, unit and role."""

    section = "quantities"

    def process(self, doc: Doc) -> Iterable[Quantity]:
        return find_quantities(doc)


def make_quantities(nlp: Language, name: str) -> Quantities:
    return Quantities(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_quantities_v1",
    make=make_quantities,
    requires=("token.dep", "token.ent_type"),
    assigns=("doc._.cg_quantities",),
)
