"""The documented vocabularies of attribution and claims: cue classes, source kinds,
hedges and boosters. Lemmas are lower case; multi-word entries are matched on lemmas.

Cue classes (``model.CUE_CLASSES``) say how the *writer* presents what is reported:

- **distancing**: the verb puts the content in doubt or marks it as self-serving
  (claim, allege, brag, insist, purport, "narrative peddled by").
- **endorsing**: the verb presents the content as established fact (show, reveal,
  confirm, prove, find, acknowledge, admit, know, "clear evidence").
- **hedged**: the verb or its modifiers present the content as tentative (suggest, believe,
  think, speculate, may say, reportedly).
- **neutral**: plain reporting (say, tell, add, state, report, write, "according to") and
  anything not listed.
"""

from __future__ import annotations

__all__ = [
    "NEUTRAL_CUES",
    "DISTANCING_CUES",
    "ENDORSING_CUES",
    "HEDGED_CUES",
    "MENTAL_STATE_CUES",
    "CUE_CERTAINTY",
    "HEDGES",
    "BOOSTERS",
    "MODAL_HEDGES",
    "CONDITIONAL_MARKERS",
    "GOVERNMENT_WORDS",
    "MEDIA_WORDS",
    "ANONYMOUS_HEADS",
    "ORGANIZATION_WORDS",
    "PERSON_WORDS",
    "PERSON_TITLES",
    "PRONOUNS",
    "AUTHOR_PRONOUNS",
]

#: Plain reporting verbs and nouns (the neutral class; listed so the cue model can use them).
NEUTRAL_CUES = frozenset({
    "say", "tell", "add", "state", "report", "announce", "warn", "write", "explain",
    "describe", "ask", "reply", "respond", "comment", "remark", "declare", "mention",
    "tweet", "post", "testify", "recount", "recall", "inform", "call", "urge", "argue",
    "according", "statement", "interview", "speech", "quote", "cite", "predict", "promise",
    "vow", "pledge", "threaten", "demand", "criticize", "praise", "endorse", "support",
    "oppose", "reject", "agree", "disagree", "question", "answer", "continue",
})
DISTANCING_CUES = frozenset({
    "claim", "allege", "allegation", "brag", "boast", "insist", "purport", "contend",
    "maintain", "peddle", "narrative", "spin", "assert", "profess", "pretend", "trumpet",
    "tout", "parrot", "propaganda", "so-called", "accuse", "accusation", "charge",
    "speculate", "rumor", "rumour", "deny",
})
ENDORSING_CUES = frozenset({
    "show", "reveal", "confirm", "prove", "demonstrate", "establish", "find", "acknowledge",
    "admit", "concede", "know", "discover", "learn", "evidence", "verify", "document",
    "disclose", "expose", "uncover", "recognize", "recognise", "point", "note", "realize",
    "realise", "indicate",
})
HEDGED_CUES = frozenset({
    "suggest", "believe", "think", "speculate", "guess", "estimate", "hint", "imply",
    "suspect", "feel", "seem", "appear", "wonder", "assume", "predict", "expect", "hope",
    "fear", "worry", "reportedly", "allegedly", "doubt",
})
#: Cues of knowing, wanting and planning: the content is not a statement someone made, so
#: the claims component keeps such sentences as the writer's own claims.
MENTAL_STATE_CUES = frozenset({
    "know", "want", "plan", "intend", "hope", "seek", "try", "decide", "wish", "aim",
    "like", "love", "hate", "need", "refuse", "agree", "help", "prefer", "dream", "realize",
})
#: Certainty with which the writer presents reported content, by cue class.
CUE_CERTAINTY = {"endorsing": 0.85, "neutral": 0.6, "hedged": 0.4, "distancing": 0.3}

#: Words and phrases that lower the certainty of a claim.
HEDGES = frozenset({
    "probably", "possibly", "perhaps", "maybe", "likely", "unlikely", "apparently",
    "reportedly", "allegedly", "seemingly", "presumably", "supposedly", "arguably",
    "purportedly", "roughly", "approximately", "about", "around", "almost", "nearly",
    "partly", "somewhat", "suggest", "seem", "appear", "believe", "think", "suspect",
    "may", "might", "could", "would", "should", "possible", "potential", "potentially",
    "reported", "alleged", "rumored", "rumoured", "estimated", "sort of", "kind of",
    "it seems", "in part",
})
MODAL_HEDGES = frozenset({"may", "might", "could", "would", "should"})
#: Words and phrases that raise it.
BOOSTERS = frozenset({
    "surely", "clearly", "certainly", "definitely", "undoubtedly", "obviously", "indeed",
    "in fact", "of course", "clear evidence", "without doubt", "no doubt", "undeniably",
    "unquestionably", "evidently", "plainly", "always", "never", "must", "prove", "proof",
    "conclusively", "absolutely", "beyond doubt", "actually", "truly", "really",
    "everyone knows", "confirmed",
})
#: Subordinators that make a clause conditional.
CONDITIONAL_MARKERS = frozenset({"if", "unless", "provided", "whether", "assuming", "suppose"})

GOVERNMENT_WORDS = frozenset({
    "government", "administration", "ministry", "minister", "department", "official",
    "officials", "president", "prime", "senator", "sen.", "rep.", "governor", "gov.",
    "congress", "senate", "parliament", "kremlin", "white", "pentagon", "cia", "fbi", "nsa",
    "police", "military", "army", "agency", "embassy", "spokesman", "spokeswoman",
    "spokesperson", "secretary", "state", "court", "judge", "prosecutor", "mayor",
    "authorities", "authority", "cabinet", "commission", "fsb",
    "gur", "nato", "un", "legislature", "lawmaker", "lawmakers", "ambassador",
})
MEDIA_WORDS = frozenset({
    "newspaper", "paper", "magazine", "times", "post", "journal", "news", "cnn", "bbc",
    "fox", "msnbc", "reuters", "ap", "afp", "tass", "ria", "network", "channel", "report",
    "reporter", "reporters", "editorial", "broadcaster", "outlet", "media", "press",
    "tribune", "guardian", "telegraph", "breitbart", "politico", "blog", "website", "poll",
    "survey", "study", "tweet", "statement",
})
#: Head nouns of unnamed sources ("officials said", "a source close to ...").
ANONYMOUS_HEADS = frozenset({
    "source", "sources", "official", "officials", "person", "people", "aide", "aides",
    "insider", "insiders", "observer", "observers", "expert", "experts", "analyst",
    "analysts", "critic", "critics", "someone", "somebody", "some", "others", "many",
    "witness", "witnesses", "diplomat", "diplomats", "resident", "residents",
})
ORGANIZATION_WORDS = frozenset({
    "company", "group", "council", "party", "campaign", "committee", "institute",
    "foundation", "association", "union", "organization", "organisation", "firm", "bank",
    "corporation", "center", "centre", "coalition", "movement", "network", "club",
    "university", "team", "board", "alliance", "isis", "al-qaida", "taliban", "leadership",
})
PERSON_WORDS = frozenset({
    "man", "woman", "he", "she", "him", "her", "mr.", "mrs.", "ms.", "dr.", "father",
    "mother", "spokesman", "spokeswoman", "candidate", "voter", "voters", "leader",
    "professor", "director", "chief", "ceo", "founder", "member", "members", "supporter",
    "supporters", "terrorist", "terrorists", "attacker", "suspect", "suspects", "who",
})
#: Titles before a personal name.
PERSON_TITLES = frozenset({
    "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "president", "senator", "governor",
    "secretary", "minister", "judge", "mayor", "professor", "spokesman", "spokeswoman",
    "spokesperson", "chairman", "chairwoman", "ceo", "director", "general", "gen.", "rev.",
})
PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "who", "whom", "whose", "which", "that"})
AUTHOR_PRONOUNS = frozenset({"i", "we", "me", "us", "my", "our"})
