"""Parties: the canonical entity behind a name, with its kind.

"the Kremlin", "Moscow", "Russian officials" and "Russia" are one party (Russia, a state);
"ISIS", "IS-K" and "the Islamic State" are one (Islamic State, an armed group). The table
is general: the packaged gazetteer's countries and demonyms, a curated list of capitals
and seats of government used as metonyms, and common organisation acronyms. A pronoun, a
possessive fragment ("democrats of", "mr"), a quantifier ("most of") or a headline is
never a party: :func:`party_of` returns None for them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["Party", "PARTY_KINDS", "party_of", "find_parties"]

PARTY_KINDS = ("state", "organization", "armed group", "person", "other")


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    name: str  # canonical display name
    kind: str  # one of PARTY_KINDS


#: Seats of government and capitals that stand for their state in news prose.
_METONYMS = {
    "u.s.": "United States", "us": "United States", "usa": "United States", "u.s.a.": "United States",
    "america": "United States", "u.k.": "United Kingdom", "uk": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "kremlin": "Russia", "moscow": "Russia", "white house": "United States", "washington": "United States",
    "pentagon": "United States", "state department": "United States", "kyiv": "Ukraine", "kiev": "Ukraine",
    "beijing": "China", "london": "United Kingdom", "downing street": "United Kingdom", "whitehall": "United Kingdom",
    "paris": "France", "elysee": "France", "élysée": "France", "berlin": "Germany", "tehran": "Iran",
    "jerusalem": "Israel", "pyongyang": "North Korea", "seoul": "South Korea", "tokyo": "Japan", "ankara": "Turkey",
    "damascus": "Syria", "kabul": "Afghanistan", "baghdad": "Iraq", "cairo": "Egypt", "riyadh": "Saudi Arabia",
    "minsk": "Belarus", "warsaw": "Poland", "rome": "Italy", "madrid": "Spain", "ottawa": "Canada",
    "new delhi": "India", "islamabad": "Pakistan", "dushanbe": "Tajikistan", "tbilisi": "Georgia",
    "havana": "Cuba", "caracas": "Venezuela", "mexico city": "Mexico", "brasilia": "Brazil", "canberra": "Australia",
}
#: Organisations and groups under their common names and acronyms ("|" separates aliases).
_ORGANISATION_LIST = (
    ("Islamic State", "armed group", "isis|isil|is-k|isis-k|iskp|daesh|islamic state|islamic state khorasan|"
                                     "islamic state of iraq and syria|islamic state of iraq and the levant"),
    ("al-Qaeda", "armed group", "al-qaeda|al qaeda|al-qaida|al qaida|aqap"),
    ("Taliban", "armed group", "taliban"),
    ("Hamas", "armed group", "hamas"),
    ("Hezbollah", "armed group", "hezbollah|hizbollah"),
    ("Boko Haram", "armed group", "boko haram"),
    ("al-Shabaab", "armed group", "al-shabaab|al shabaab"),
    ("Wagner Group", "armed group", "wagner|wagner group"),
    ("IRGC", "armed group", "irgc|islamic revolutionary guard corps|revolutionary guards"),
    ("NATO", "organization", "nato|north atlantic treaty organization"),
    ("United Nations", "organization", "un|u.n.|united nations"),
    ("European Union", "organization", "eu|e.u.|european union"),
    ("FBI", "organization", "fbi|f.b.i.|federal bureau of investigation"),
    ("CIA", "organization", "cia|c.i.a.|central intelligence agency"),
    ("FSB", "organization", "fsb|federal security service"),
    ("SBU", "organization", "sbu|security service of ukraine"),
    ("GRU", "organization", "gru"),
    ("Mossad", "organization", "mossad"),
    ("WikiLeaks", "organization", "wikileaks"),
    ("Democratic Party", "organization", "democratic party|democratic national committee|dnc|d.n.c.|d.n.c|democrats"),
    ("Republican Party", "organization", "republican party|republican national committee|rnc|r.n.c.|r.n.c|gop|"
                                          "republicans"),
)
_ORGANISATIONS: dict[str, tuple[str, str]] = {
    alias: (name, kind)
    for name, kind, aliases in _ORGANISATION_LIST
    for alias in (name.lower(), *aliases.split("|"))
}

#: Words that are never a party or a source on their own.
_NOT_NAMES = frozenset("""
it he she they we i you this that these those who which someone anyone everyone one ones mr mrs ms dr sir
most some many all few several none both each either neither other others another the a an his her their its our
my your of and or but in on at to for by with from as officials official authorities government spokesman
spokeswoman spokesperson sources source report reports media people police witnesses experts analysts critics
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december president minister leader chairman director secretary
""".split())
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten dozens hundreds thousands several "
                           "many some".split())
_TITLES = re.compile(r"^(?:(?:the|a|an)\s+)?(?:(?:deputy|acting|chief|president|prime minister|minister|foreign minister|chancellor|"
                     r"mr\.?|mrs\.?|ms\.?|dr\.?|sen\.?|senator|rep\.?|gov\.?|governor|gen\.?|general|"
                     r"secretary|spokesman|spokeswoman|leader|chairman|director|ambassador|attorney general|"
                     r"special counsel|former|owner|coach|manager|general manager|gm|chief|lt\.?|capt\.?|sgt\.?|"
                     r"det\.?|officer|trooper)\s+)+", re.I)
_TITLE_INSIDE = re.compile(r"^[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}\s+(?:Police Chief|Chief|Owner|General Manager|GM|President|Prime Minister|Foreign Minister|Minister|Chancellor|"
                           r"Chairman|Chairwoman|Chair|Director|Secretary|Senator|Commissioner|Mayor|Governor|General|Leader|Defense Minister|Interior Minister|Ambassador|Spokesman|Spokeswoman)\s+"
                           r"([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})$")
_GOVERNMENT_WORDS = re.compile(r"\s+(?:government|officials?|authorities|leadership|administration|forces|"
                               r"military|army|troops|intelligence|security services|ministry|media|state media)$",
                               re.I)
_ROLE_INSIDE = re.compile(r"^[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s+(?:(?:general|team|club|deputy|assistant)\s+)?"
                          r"(?:manager|spokes\w+|chief|director|owner|president|coach|official|chairman|secretary)\s+"
                          r"([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){1,2})$")
#: Roles that speak or act for a state ("Israel's prime minister", "Moscow's officials"), as a
#: regex alternation; ``corpus._blame`` reads the same roles after a possessive.
GOVERNMENT_ROLES = (r"prime minister|president|government|foreign (?:minister|ministry)|defen[cs]e (?:minister|ministry)|"
                    r"leader|spokes\w+|officials?|ambassador|military|army|intelligence(?: agency| services)?|"
                    r"administration|cabinet")
_GOVERNMENT_ROLE = re.compile(rf"(?:(?:new|top|former|chief|senior|deputy)\s+)?(?:{GOVERNMENT_ROLES})\b", re.I)
#: Last words of place names: a place is where, not who.
_PLACE_WORDS = re.compile(r"^(?:the\s+)?(?:Middle|Near|Far)\s+East$|\s(?:Street|Road|Avenue|Boulevard|Square|Gulf|Sea|"
                          r"Ocean|Island|Islands|Peninsula|Valley|River|Mountains?|Ridge|Highway|Park|Stadium|Airport|"
                          r"Hall|Olympics|Games)$")
#: Last words of names of things and happenings, not of agents.
_THING_WORDS = re.compile(r"\s(?:Hunt|Hoax|Scandal|Investigation|Probe|Deal|Agreement|Accord|Summit|Election|War|"
                          r"Crisis|Affair|Interference|Meddling|Collusion|Memos?|Dossier|Report|Attack|Shooting|"
                          r"Bombing|Speculation|Lawsuit|Trial|Case|Program|Programme)$")
#: Verbs of headlines in title case ("Ukraine Rejects …", "Trump Says …").
_HEADLINE_VERBS = re.compile(r"\b(?:Says|Said|Rejects|Denies|Denied|Claims|Blames|Warns|Vows|Slams|Accuses|Calls|"
                             r"Confirms|Reports|Urges|Demands|Launches|Kills|Hits|Strikes|Seeks|Sues|Files|Delays|"
                             r"Meets|Met|Signs|Threatens|Orders|Arrests|Charges)\b")
_NAME = re.compile(r"(?:[A-Z][\w.'’-]*|al-[A-Z][\w'-]*)(?:\s+(?:[A-Z][\w.'’-]*|al-[A-Z][\w'-]*|of the|of|al))*")


_ORGANISATION_WORDS = frozenset("campaign party committee ministry agency council court company corporation "
                                "bank university institute foundation union association commission post times news journal "
                                "tribune herald press network television radio agency forces army military guard "
                                "gang group brigade battalion militia front movement".split())


@functools.cache
def _gazetteer():
    try:
        from ..components.places._gazetteer import gazetteer
        return gazetteer()
    except Exception:  # noqa: BLE001 - the index is optional data; parties then come from the curated lists
        return None


def _country(key: str, demonyms: bool = True) -> str | None:
    """The country a normalised name, demonym or adjective names, from the packaged gazetteer."""
    gaz = _gazetteer()
    if gaz is None:
        return None
    for match in gaz.lookup(key):
        if match.primary and match.candidate.precision == "country":
            return match.candidate.name
    if demonyms and " " not in key:
        code = gaz.demonyms.get(key) or gaz.demonyms.get(key.removesuffix("s"))
        if code is None and len(key) >= 5 and key[0].isalpha():
            code = gaz.demonym_country(key) if key.endswith(("ian", "ians", "ese", "ish", "i", "an", "ans")) else None
        if code:
            return gaz.country_names.get(code)
    return None


_COUNTRY_DISPLAY = {"Russian Federation": "Russia", "United States of America": "United States",
                    "Korea, Democratic People's Republic of": "North Korea", "Korea, Republic of": "South Korea",
                    "Iran, Islamic Republic of": "Iran", "Syrian Arab Republic": "Syria"}


@functools.lru_cache(maxsize=65536)
def party_of(name: str | None) -> Party | None:
    """The canonical party a name refers to, or None when it is no party (pronoun, fragment, headline)."""
    if not name:
        return None
    raw = " ".join(name.replace("\u2019", "'").split())
    raw = re.split(r",|\s[-\u2013\u2014]\s|\s\(|(?<=[A-Za-z]{3})[.!?]\s|[:;]\s", raw)[0].strip()  # "Heather Cronk, co-director": the name
    raw = re.sub(r"\s+(?:himself|herself|itself|themselves)$", "", raw).rstrip(";:!?\"'”’ ")
    raw = re.sub(r"^(?:(?:And|But|Or|So|Then|While|When|If|As|Also|Now)\s+)+|^[\w-]+-year-old\s+", "", raw)  # "And Trump"
    raw = re.sub(r"(?<=[A-Za-z]{3})\.$", "", raw)  # "Roger Stone." but not "U.S."
    if not raw:
        return None
    if raw.isupper() and len(raw.split()) > 1:
        return None  # "NO COLLUSION": a slogan in capitals, not a name
    first = raw.split()[0].lower()
    if first in _NUMBER_WORDS or first[:1].isdigit():
        return None  # "Four people"
    if len(raw) > 60 or len(raw.split()) > 6 or raw.endswith((".", "!", "?", ":")) and len(raw.split()) > 3:
        return None  # a headline or a clause, not a name
    if raw.upper() in {"IS", "IS-K", "ISIS-K"}:
        return Party(name="Islamic State", kind="armed group")
    possessive = re.match(r"^(.+?)'s\s+(.+)$", raw)
    if possessive:  # "Comey's closely guarded memos" is no name; "Israel's prime minister" is Israel
        head = party_of(possessive.group(1))
        if head is not None and head.kind != "person" and _GOVERNMENT_ROLE.match(possessive.group(2)):
            return head
        if not possessive.group(2)[:1].isupper():
            return None
    text = re.sub(r"'s?$", "", raw)
    text = _TITLES.sub("", text)
    of_place = re.match(r"^(.+?\s.+?)\s+of\s+(?:the\s+)?([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)$", text)
    if of_place and _gazetteer() is not None and any(m.primary for m in _gazetteer().lookup(of_place.group(2))):
        text = of_place.group(1)  # "Emmanuel Macron of France", "Los Angeles Angels of Anaheim"
    if _PLACE_WORDS.search(text) or _THING_WORDS.search(text):
        return None  # "Middle East", "High Street": a place is where, not who; "Russian Witch Hunt" is a thing
    if " " in text and _HEADLINE_VERBS.search(text):
        return None  # "Ukraine Rejects Russian Speculation": a headline in title case
    role = _ROLE_INSIDE.match(text)  # "Angels general manager Tony Reagins" -> Tony Reagins
    if role:
        text = role.group(1)
    titled = _TITLE_INSIDE.match(text)  # "Russian President Vladimir Putin" -> Vladimir Putin
    if titled:
        text = titled.group(1)
    key = text.lower().strip(" ,;:-\"'")
    key = re.sub(r"^(?:the|a|an)\s+", "", key)
    key = re.sub(r"\s+(?:of|and|or|the)$", "", key)  # "democrats of", "russia of": fragments
    if text.lower().rstrip().endswith((" of", " and")):
        return None
    group = re.sub(r"\s+(?:group|militants|terrorists|fighters|network|organization)$", "", key)
    for candidate in (key, group):
        if candidate in _ORGANISATIONS:
            canonical, kind = _ORGANISATIONS[candidate]
            return Party(name=canonical, kind=kind)
    state = _GOVERNMENT_WORDS.sub("", key)
    for candidate in (key, state):
        if candidate in _METONYMS:
            return Party(name=_METONYMS[candidate], kind="state")
        # a demonym is a party only with a word of government ("Russian officials"), or as a
        # plural ("Russians"); "translated from Spanish" names no party
        country = _country(candidate, demonyms=candidate != key or key.endswith("s"))
        if country:
            return Party(name=_COUNTRY_DISPLAY.get(country, country), kind="state")
    words = key.split()
    if len(words) == 1 and _country(key):
        return None  # a demonym or language on its own ("Spanish") names no party
    if not words or all(w in _NOT_NAMES for w in words) or len(key) < 3:
        return None
    if not any(w[:1].isupper() for w in re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I).split()):
        return None  # not a name ("the party", "the lawsuit")
    if _gazetteer() is not None and any(m.candidate.precision in {"city", "region", "continent"} and m.primary
                                        for m in _gazetteer().lookup(display_key(text))):
        return None  # a place ("New York") is where, not who
    if words[0] in _NOT_NAMES and len(words) == 1:
        return None
    display = re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,;:-\"'"), flags=re.I)
    if words[-1] in _ORGANISATION_WORDS:
        kind = "organization"
    elif 1 <= len(words) <= 4 and all(w[:1].isupper() for w in display.split()):
        kind = "person"
    else:
        kind = "other"
    return Party(name=display, kind=kind)


def display_key(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)


def find_parties(text: str, context: str | None = None) -> list[tuple[int, int, Party]]:
    """Every party named in ``text``: ``(start, end, party)``, in text order, from capitalised names
    and the alias table. A single capitalised word that is no known party counts only when it
    does not start a sentence and ``context`` (the article) also names it in full ("Trump" after
    "Donald Trump"): a sentence-initial capital is no evidence of a name."""
    out = []
    for m in _NAME.finditer(text):
        if re.search(r"['’]s\s", m.group(0)):  # "Mueller's Russia investigation": two names
            for part in re.split(r"['’]s\s+", m.group(0)):
                offset = m.start() + m.group(0).index(part)
                party = party_of(part) if " " in part or _known(part) or _full_name(part, context or "") else None
                if party is not None:
                    out.append((offset, offset + len(part), party))
            continue
        if " " not in m.group(0).strip() and not _known(m.group(0)):
            before = text[:m.start()].rstrip()
            if not before or before[-1] in ".!?\"“”'‘:;" or context is None or not _full_name(m.group(0), context):
                continue
        phrase = re.sub(r"\s+(?:of the|of|al)$", "", m.group(0))
        phrase = re.sub(r"'s?$|’s?$", "", phrase)
        party = party_of(phrase)
        if party is None and " " in phrase:  # "Russian President Vladimir Putin" -> try its parts
            for part in re.finditer(r"[A-Z][\w.'-]*", phrase):
                sub = party_of(part.group(0))
                if sub is not None and sub.kind != "person":
                    out.append((m.start() + part.start(), m.start() + part.end(), sub))
            continue
        if party is not None:
            out.append((m.start(), m.start() + len(phrase), party))
    return out


def _known(word: str) -> bool:
    party = party_of(word)
    return party is not None and party.kind != "person"


def _full_name(word: str, context: str) -> bool:
    word = re.sub(r"'s?$|’s?$", "", word)
    return re.search(rf"\b(?!(?:The|A|An|This|That|In|On|At|By|For|But|And)\s)[A-Z][\w.'-]+\s+{re.escape(word)}\b",
                     context) is not None
