"""Numbers written in digits or words: their values, and the words that bound them.

``text2num`` (a maintained library) turns number words into integers; this module adds
what it leaves out: digits with thousands separators, decimals with a scale word
("2.8 million"), fractions of words ("seven and a half", "three-and-a-half thousand"),
and the vague plurals ("dozens", "tens of thousands") that conflict data sets such as
ACLED map to a fixed figure (tens = 10, dozens = 12, hundreds = 100, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

__all__ = [
    "Bounds",
    "NUMBER_WORDS",
    "SCALES",
    "VAGUE",
    "bounds_of",
    "parse_number",
    "vague_value",
]

UNITS_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety"
).split()
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9, "trillion": 10**12}
#: Abbreviated scales written straight after digits ("$5m", "$2bn", "10k").
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 10**9, "b": 10**9, "tn": 10**12}
NUMBER_WORDS = frozenset(UNITS_WORDS) | frozenset(SCALES) | {"dozen"}

#: Vague plurals and the figure recorded for them (ACLED's convention: the smallest
#: number the phrase can mean), always flagged approximate.
VAGUE = {
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "tens of millions": 10_000_000,
    "hundreds of millions": 100_000_000,
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 10**9,
    "trillions": 10**12,
}

_FRACTIONS = {"a half": 0.5, "half": 0.5, "a quarter": 0.25, "three quarters": 0.75}
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """The value of a number written in digits, words or both; None if it is not one.

    >>> parse_number("2.8 million"), parse_number("twenty-seven"), parse_number("6,000")
    (2800000.0, 27.0, 6000.0)
    """
    words = text.lower().replace("\u2011", "-").strip()
    words = re.sub(r"\s+", " ", words)
    if not words:
        return None
    if words.startswith("a dozen") or words == "dozen":
        return 12.0
    if words.startswith("a ") and words[2:].split(" ")[0] in SCALES:
        words = "one " + words[2:]
    head, scale = _split_scale(words)
    value = _parse_digits(head) if head and head[0].isdigit() else _parse_words(head)
    if value is None:
        return None
    return value * scale


def _split_scale(words: str) -> tuple[str, float]:
    """'2.8 million' -> ('2.8', 1e6); '5bn' -> ('5', 1e9); 'seven' -> ('seven', 1)."""
    match = re.match(r"^([\d.,]+)\s*(k|m|mn|bn|b|tn)$", words)
    if match:
        return match.group(1), SHORT_SCALES[match.group(2)]
    parts = words.rsplit(" ", 1)
    if len(parts) == 2 and parts[1] in SCALES and parts[0][:1].isdigit():
        return parts[0], SCALES[parts[1]]
    if words[:1].isdigit():
        glued = re.match(r"^([\d.,]+)(hundred|thousand|million|billion|trillion)$", words)
        if glued:  # "$1billion", written without a space
            return glued.group(1), SCALES[glued.group(2)]
    return words, 1.0


def _parse_digits(text: str) -> float | None:
    match = _DIGITS.match(text)
    if not match:
        return None  # "1,2,3" is a list or a typo, not one number
    return float(match.group(1).replace(",", "") + (match.group(2) or ""))


def _parse_words(words: str) -> float | None:
    words = words.replace("-", " ")
    words = re.sub(r"\s+", " ", words).strip()
    for phrase, part in _FRACTIONS.items():
        # "seven and a half", "three and a half thousand"
        marker = f" and {phrase}"
        if marker in words:
            before, _, after = words.partition(marker)
            base = _words_to_int(before)
            scale = _words_to_int(after.strip()) if after.strip() else 1
            if base is None or scale is None:
                return None
            return (base + part) * scale
    value = _words_to_int(words)
    return None if value is None else float(value)


def _words_to_int(words: str) -> int | None:
    if not words or any(w not in NUMBER_WORDS and w != "and" for w in words.split()):
        return None
    try:
        return int(text2num(words, "en"))
    except ValueError:
        return None


def vague_value(text: str) -> float | None:
    """The conventional figure of a vague plural ('dozens' -> 12), None if not one."""
    key = re.sub(r"\s+", " ", text.lower()).strip()
    value = VAGUE.get(key)
    return None if value is None else float(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Bounds:
    """What a modifier in front of a number says about it."""

    low: bool = False  # the number is a lower bound ("at least 60")
    high: bool = False  # the number is an upper bound ("up to 50")
    approximate: bool = False  # "about", "nearly", "an estimated"


#: Modifiers before a number, longest first so that "no more than" wins over "more than".
_MODIFIERS: dict[str, Bounds] = {
    "no fewer than": Bounds(low=True),
    "no less than": Bounds(low=True),
    "no more than": Bounds(high=True),
    "not more than": Bounds(high=True),
    "in excess of": Bounds(low=True),
    "upwards of": Bounds(low=True),
    "at least": Bounds(low=True),
    "more than": Bounds(low=True),
    "greater than": Bounds(low=True),
    "just over": Bounds(low=True),
    "well over": Bounds(low=True),
    "over": Bounds(low=True),
    "above": Bounds(low=True),
    "exceeding": Bounds(low=True),
    "at most": Bounds(high=True),
    "up to": Bounds(high=True),
    "as many as": Bounds(high=True),
    "as much as": Bounds(high=True),
    "as long as": Bounds(high=True),
    "as high as": Bounds(high=True),
    "fewer than": Bounds(high=True),
    "less than": Bounds(high=True),
    "just under": Bounds(high=True, approximate=True),
    "under": Bounds(high=True),
    "below": Bounds(high=True),
    "nearly": Bounds(high=True, approximate=True),
    "almost": Bounds(high=True, approximate=True),
    "close to": Bounds(high=True, approximate=True),
    "an estimated": Bounds(approximate=True),
    "estimated": Bounds(approximate=True),
    "approximately": Bounds(approximate=True),
    "roughly": Bounds(approximate=True),
    "around": Bounds(approximate=True),
    "about": Bounds(approximate=True),
    "some": Bounds(approximate=True),
    "circa": Bounds(approximate=True),
    "perhaps": Bounds(approximate=True),
    "maybe": Bounds(approximate=True),
    "~": Bounds(approximate=True),
}
MODIFIER_PATTERN = "|".join(
    re.escape(m) for m in sorted(_MODIFIERS, key=len, reverse=True)
)


def bounds_of(modifier: str) -> Bounds:
    """The :class:`Bounds` a modifier phrase sets (no bounds for unknown phrases)."""
    return _MODIFIERS.get(re.sub(r"\s+", " ", modifier.lower()).strip(), Bounds())
