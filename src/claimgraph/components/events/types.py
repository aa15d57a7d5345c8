"""The event taxonomy: claimgraph's event types, mapped to ACLED and PLOVER.

Each :class:`EventType` names the ACLED event type and sub-event type it corresponds to
(ACLED Codebook, 2023) and the PLOVER event category where one fits naturally (PLOVER
2021: AGREE, ACCUSE, THREATEN, PROTEST, COERCE, ASSAULT, ...). Types ACLED does not code
as events of their own (accusations, claims of responsibility, warnings) have no ACLED
mapping; the export leaves those columns empty for them. The trigger lexicon that assigns
these types lives in :data:`VERB_TRIGGERS` and :data:`NOUN_TRIGGERS`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EventType",
    "EVENT_TYPES",
    "VERB_TRIGGERS",
    "NOUN_TRIGGERS",
    "WEAPON_TYPES",
    "CONSEQUENCE_VERBS",
    "ROLES_BY_FAMILY",
    "HARM_FAMILIES",
    "DISASTER_OBJECTS",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventType:
    name: str
    family: str  # "violence", "arrest", "protest", "statement", "agreement", "election"
    acled_event_type: str | None
    acled_sub_event_type: str | None
    plover: str | None
    description: str


_VAC = "Violence against civilians"
_ERV = "Explosions/Remote violence"
_SD = "Strategic developments"

EVENT_TYPES: dict[str, EventType] = {t.name: t for t in (
    EventType(name="attack", family="violence", acled_event_type=_VAC, acled_sub_event_type="Attack",
              plover="ASSAULT", description="A violent attack, shooting, killing or massacre."),
    EventType(name="abduction", family="violence", acled_event_type=_VAC,
              acled_sub_event_type="Abduction/forced disappearance", plover="COERCE",
              description="A kidnapping or abduction."),
    EventType(name="armed_clash", family="violence", acled_event_type="Battles",
              acled_sub_event_type="Armed clash", plover="ASSAULT",
              description="Armed groups fighting each other: clashes, battles, fighting."),
    EventType(name="missile_strike", family="violence", acled_event_type=_ERV,
              acled_sub_event_type="Shelling/artillery/missile attack", plover="ASSAULT",
              description="A missile or rocket attack (including a weapon that destroys a target)."),
    EventType(name="shelling", family="violence", acled_event_type=_ERV,
              acled_sub_event_type="Shelling/artillery/missile attack", plover="ASSAULT",
              description="Shelling, artillery fire or bombardment."),
    EventType(name="air_drone_strike", family="violence", acled_event_type=_ERV,
              acled_sub_event_type="Air/drone strike", plover="ASSAULT",
              description="An air strike or drone strike."),
    EventType(name="bombing", family="violence", acled_event_type=_ERV,
              acled_sub_event_type="Remote explosive/landmine/IED", plover="ASSAULT",
              description="A bombing or explosion."),
    EventType(name="suicide_bombing", family="violence", acled_event_type=_ERV,
              acled_sub_event_type="Suicide bomb", plover="ASSAULT",
              description="A suicide bombing."),
    EventType(name="destruction", family="violence", acled_event_type=_SD,
              acled_sub_event_type="Looting/property destruction", plover=None,
              description="Property destroyed or damaged, with no weapon or attack named."),
    EventType(name="arrest", family="arrest", acled_event_type=_SD, acled_sub_event_type="Arrests",
              plover="COERCE", description="An arrest, detention or capture."),
    EventType(name="protest", family="protest", acled_event_type="Protests",
              acled_sub_event_type="Peaceful protest", plover="PROTEST",
              description="A protest, demonstration, rally or march."),
    EventType(name="riot", family="protest", acled_event_type="Riots",
              acled_sub_event_type="Violent demonstration", plover="PROTEST", description="A riot."),
    EventType(name="accusation", family="statement", acled_event_type=None, acled_sub_event_type=None,
              plover="ACCUSE", description="An accusation, blame or condemnation."),
    EventType(name="claim_of_responsibility", family="statement", acled_event_type=None,
              acled_sub_event_type=None, plover=None,
              description="A group claiming responsibility or credit for an act."),
    EventType(name="warning_threat", family="statement", acled_event_type=None,
              acled_sub_event_type=None, plover="THREATEN", description="A warning or threat."),
    EventType(name="agreement", family="agreement", acled_event_type=_SD,
              acled_sub_event_type="Agreement", plover="AGREE",
              description="An agreement, deal, treaty or ceasefire, or parties agreeing."),
    EventType(name="election", family="election", acled_event_type=_SD, acled_sub_event_type="Other",
              plover=None, description="An election, re-election or vote."),
    EventType(name="disaster", family="disaster", acled_event_type=None, acled_sub_event_type=None,
              plover=None, description="A fire, earthquake, flood, storm, crash or other accident: "
              "harm with no attacker. Neither ACLED nor PLOVER codes these; news reports them with tolls."),
)}

#: Verb lemmas that trigger an event, by type.
VERB_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(("attack", "assault", "kill", "murder", "assassinate", "shoot", "stab",
                     "massacre", "slaughter", "ambush", "behead", "storm", "injure", "wound",
                     "strike", "hit", "hurt"), "attack"),
    **dict.fromkeys(("kidnap", "abduct"), "abduction"),
    **dict.fromkeys(("clash", "fight", "battle"), "armed_clash"),
    **dict.fromkeys(("bomb", "explode", "detonate"), "bombing"),
    **dict.fromkeys(("shell", "bombard"), "shelling"),
    **dict.fromkeys(("destroy", "damage"), "destruction"),
    **dict.fromkeys(("arrest", "detain", "capture", "apprehend", "jail", "imprison"), "arrest"),
    **dict.fromkeys(("protest", "demonstrate"), "protest"),
    "riot": "riot",
    **dict.fromkeys(("accuse", "blame", "condemn", "denounce", "allege"), "accusation"),
    **dict.fromkeys(("warn", "threaten"), "warning_threat"),
    **dict.fromkeys(("agree", "sign"), "agreement"),
    **dict.fromkeys(("elect", "reelect", "re-elect", "vote"), "election"),
    "claim": "claim_of_responsibility",
}

#: Noun lemmas that trigger an event, by type.
NOUN_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(("attack", "assault", "massacre", "killing", "murder", "assassination",
                     "shooting", "stabbing", "ambush", "strike", "raid"), "attack"),
    **dict.fromkeys(("kidnapping", "abduction"), "abduction"),
    **dict.fromkeys(("airstrike", "air-strike"), "air_drone_strike"),
    **dict.fromkeys(("clash", "battle", "fighting", "firefight", "skirmish", "offensive"), "armed_clash"),
    **dict.fromkeys(("bombing", "explosion", "blast"), "bombing"),
    **dict.fromkeys(("shelling", "bombardment"), "shelling"),
    **dict.fromkeys(("arrest", "detention", "capture"), "arrest"),
    **dict.fromkeys(("protest", "demonstration", "rally"), "protest"),
    "riot": "riot",
    **dict.fromkeys(("accusation", "allegation"), "accusation"),
    **dict.fromkeys(("threat", "warning", "ultimatum"), "warning_threat"),
    **dict.fromkeys(("agreement", "deal", "treaty", "accord", "ceasefire", "truce"), "agreement"),
    **dict.fromkeys(("election", "reelection", "re-election", "referendum"), "election"),
    **dict.fromkeys(("fire", "blaze", "wildfire", "earthquake", "quake", "flood", "flooding", "landslide",
                     "avalanche", "tsunami", "hurricane", "cyclone", "typhoon", "tornado", "crash",
                     "collision", "derailment", "accident"), "disaster"),
}

#: Nouns of disasters that "fight" takes without being a clash ("firefighters fought the flames").
DISASTER_OBJECTS = frozenset({*(k for k, v in NOUN_TRIGGERS.items() if v == "disaster"), "flame", "fires"})

#: Weapon nouns: as the subject of "destroy"/"hit"/"strike" or the modifier of "attack"/
#: "strike" they make the event remote violence of this type.
WEAPON_TYPES: dict[str, str] = {
    **dict.fromkeys(("missile", "rocket", "artillery", "shell", "mortar", "howitzer"), "missile_strike"),
    **dict.fromkeys(("drone", "air", "aircraft", "jet", "warplane", "plane", "helicopter", "uav"),
                    "air_drone_strike"),
    **dict.fromkeys(("bomb", "car", "ied", "explosive", "grenade", "landmine", "mine"), "bombing"),
    "suicide": "suicide_bombing",
}

#: Verbs that report a consequence of a violent event ("the attack killed 137"): folded into
#: the violent event they belong to rather than counted as events of their own.
CONSEQUENCE_VERBS = frozenset({"kill", "injure", "wound", "destroy", "damage", "hit", "hurt"})

#: Quantity roles an event of each family takes, from its own or the next sentence.
ROLES_BY_FAMILY: dict[str, frozenset[str]] = {
    "violence": frozenset({"fatalities", "injured", "attendees", "missiles", "casualties",
                           "hostages", "displaced", "arrested", "wounded", "killed"}),
    "arrest": frozenset({"arrested", "detained", "captured"}),
    "protest": frozenset({"attendees", "participants", "protesters"}),
    "statement": frozenset(),
    "agreement": frozenset(),
    "election": frozenset({"votes", "turnout"}),
    "disaster": frozenset({"fatalities", "injured", "attendees", "casualties", "displaced", "killed", "wounded"}),
}

#: Families of events that cause harm and so take tolls, consequences ("killed 4") and
#: anaphora ("the blaze"): violence, and disasters.
HARM_FAMILIES = frozenset({"violence", "disaster"})
