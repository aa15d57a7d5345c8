"""Units and roles of quantities, read from the dependency parse around the number.

The unit is what is counted or measured (``people``, ``USD``, ``minutes``, ``state``); the
role is what the number is *about* in an event (``fatalities``, ``injured``, ...). Both
come from the number's head noun and the words that govern that noun: "killed 137
people" gives people/fatalities, "with over 6000 people attending" people/attendees.
The vocabularies are documented in docs/grounding-quantities-times.md.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = [
    "ROLES",
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS",
    "TIME_UNITS",
    "MEASURE_UNITS",
    "PERSON_NOUNS",
    "counted_noun",
    "unit_of",
    "role_of",
]

#: Closed vocabulary of quantity roles.
ROLES = (
    "fatalities", "injured", "attendees", "arrested", "displaced", "missiles", "money",
    "duration", "population", "age", "other",
)

CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR",
                    "£": "GBP", "gbp": "GBP", "₽": "RUB", "¥": "JPY"}
CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "ruble": "RUB", "rouble": "RUB",
                  "hryvnia": "UAH", "yuan": "CNY", "yen": "JPY", "rupee": "INR", "shekel": "ILS"}

#: Time units, normalised to their plural.
TIME_UNITS = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
    "month": "months", "year": "years", "decade": "decades", "century": "centuries",
}
#: Units of measure, normalised to one written-out plural.
MEASURE_UNITS = {
    "foot": "feet", "feet": "feet", "ft": "feet", "mile": "miles", "mi": "miles",
    "kilometer": "kilometers", "kilometre": "kilometers", "km": "kilometers",
    "meter": "meters", "metre": "meters", "m": "meters", "inch": "inches",
    "kilogram": "kilograms", "kg": "kilograms", "ton": "tons", "tonne": "tons",
    "acre": "acres", "hectare": "hectares", "gallon": "gallons", "liter": "liters",
    "litre": "liters", "barrel": "barrels", "pound": "pounds", "lb": "pounds",
}

#: Nouns that count people; any of them gives the unit ``people``.
PERSON_NOUNS = frozenset("""
people person man woman child kid baby adult teen teenager boy girl civilian soldier troop
officer policeman voter resident inhabitant citizen refugee migrant immigrant worker
employee staffer staff student member individual judge justice official lawmaker senator
delegate protester demonstrator supporter fan spectator victim hostage prisoner inmate
alien guy sailor marine doctor nurse patient american catholic muslim christian jew
developer agent attacker gunman terrorist militant fighter suspect detainee other others
journalist reporter passenger pilgrim family voter viewer participant attendee casualty
evacuee survivor veteran life diplomat follower ambassador
lawyer volunteer recruit convert protester worshipper shopper customer farmer miner teacher parent mother father son daughter
""".split())

WEAPON_NOUNS = frozenset("missile rocket drone shell warhead projectile bomb".split())

#: Lemma (of the noun, its modifiers or a governing word) -> role.
ROLE_LEXICON: dict[str, str] = {}
for _role, _words in {
    "fatalities": "kill die dead death fatality murder slay execute life killing drown body",
    "injured": "injure wound hurt injury injured wounded hospitalize suffer maim",
    "attendees": "attend attendee gather rally protest protester demonstrate demonstrator "
                 "march marcher watch view viewer spectator crowd audience participant participate",
    "arrested": "arrest detain detainee jail imprison apprehend capture custody",
    "displaced": "displace displaced evacuate evacuee flee refugee displacement",
    "population": "population inhabitant resident populate home",
}.items():
    for _word in _words.split():
        ROLE_LEXICON[_word] = _role

_NOUN_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"}


def counted_noun(number: Token) -> Token | None:
    """The noun a number counts: 'six' -> 'minutes', 'thousands (of people)' -> 'people'."""
    tok = number
    while tok.dep_ in {"nummod", "quantmod", "compound"} and tok.head.pos_ == "NUM" and tok.head != tok:
        tok = tok.head
    for _ in range(2):  # "tens of thousands of voters"
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None or tok.pos_ not in {"NUM", "NOUN"} or tok.i >= pobj.i:
            break
        if tok.lower_.rstrip("s") not in {"ten", "dozen", "score", "hundred", "thousand",
                                           "million", "billion", "trillion"}:
            break
        tok = pobj
    if tok is not number and tok.pos_ in {"NOUN", "PROPN", "PRON"}:
        return tok
    if tok.dep_ in _NOUN_DEPS and tok.head.pos_ in {"NOUN", "PROPN", "PRON"} and tok.head.i > tok.i:
        return tok.head
    if tok.dep_ in {"conj", "appos"} and tok.head.pos_ == "NOUN":  # "six minutes instead of the usual 20"
        return tok.head
    following = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    if (following is not None and following.tag_ == "NNS" and number.pos_ == "NUM"
            and number.dep_ in {"pobj", "dobj", "nsubj", "attr", "npadvmod"}):
        return following  # "up to 5,553 people were killed" parsed with the number apart from its noun
    return None


def unit_of(noun: Token | None) -> str | None:
    """The unit named by a counted noun (None when there is no noun)."""
    if noun is None:
        return None
    lemma = noun.lemma_.lower()
    lower = noun.lower_
    if lemma in TIME_UNITS:
        return TIME_UNITS[lemma]
    if lower in MEASURE_UNITS or lemma in MEASURE_UNITS:
        return MEASURE_UNITS.get(lower) or MEASURE_UNITS[lemma]
    if lemma in CURRENCY_WORDS:
        return CURRENCY_WORDS[lemma]
    if lemma in PERSON_NOUNS or lower in PERSON_NOUNS or noun.ent_type_ == "NORP":
        return "people"
    if noun.pos_ == "PRON":
        return None
    compounds = []
    for left in reversed(list(noun.lefts)):
        if left.dep_ == "compound" and left.pos_ == "NOUN" and left.i == noun.i - len(compounds) - 1:
            compounds.insert(0, left.lower_)
        else:
            break
    return " ".join([*compounds, lemma])


def _context(start: Token) -> list[Token]:
    """The noun, its verbal and compound modifiers, then up to three governing words."""
    out = [start]
    out += [c for c in start.children if c.dep_ in {"acl", "relcl", "amod", "compound"}]
    out += _verb_after(start)
    tok = start
    for _ in range(3):
        if tok.head == tok:
            break
        tok = tok.head
        out.append(tok)
        out += [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "compound"}]
        if tok.pos_ in {"VERB", "AUX"}:
            break  # the clause's verb decides; beyond it lies another clause
    return out


def _verb_after(noun: Token) -> list[Token]:
    """The verb right after a noun through its auxiliaries ("people *were killed*"), for parses that
    hang the noun elsewhere ("said up to 2,641 people were killed": *people* under "to")."""
    doc, i = noun.doc, noun.i + 1
    while i < len(doc) and doc[i].dep_ in {"aux", "auxpass", "neg"}:
        i += 1
    if i > noun.i + 1 and i < len(doc) and doc[i].pos_ == "VERB":
        return [doc[i]]
    return []


def role_of(unit: str | None, noun: Token | None, number: Token) -> str:
    """The role of a quantity from the vocabulary :data:`ROLES`."""
    if unit in CURRENCY_SYMBOLS.values():
        return "money"
    if unit in TIME_UNITS.values():
        return "duration"
    if noun is not None and noun.lemma_.lower() in WEAPON_NOUNS:
        return "missiles"
    if unit and unit.split()[0] in WEAPON_NOUNS:
        return "missiles"
    for tok in _context(noun if noun is not None else number):
        role = ROLE_LEXICON.get(tok.lemma_.lower()) or ROLE_LEXICON.get(tok.lower_)
        if role:
            return role
    return "other"
