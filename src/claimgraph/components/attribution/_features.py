"""Features and span assembly shared by the attribution model's training and its runtime.

The attribution model works in two learned steps over spaCy's parse, after citron:

1. **cue heads**: every candidate token (verbs, nouns, adjectives, "according", colons)
   gets a score from a linear model over lexical, syntactic and quotation features;
   tokens above the threshold head a cue.
2. **roles**: each dependent of a cue head (and, for cues that modify a clause, the clause
   they modify and its subject) is a *candidate*; a second linear model gives it a role
   (cue, source, content or none). Spans are then assembled from the candidates' subtrees.

Both models are plain ``{feature: weight}`` tables, so scoring is a few dictionary
look-ups per token: the component stays cheap next to the parser.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .. import _lexicons as lex
from .._base import doc_text

__all__ = [
    "doc_text",
    "ROLE_LABELS",
    "Candidate",
    "LinearModel",
    "quote_regions",
    "QuoteIndex",
    "is_cue_candidate",
    "cue_features",
    "candidates",
    "candidate_features",
]

ROLE_LABELS = ("none", "cue", "source", "content")

_OPEN = "“«„"
_CLOSE = "”»"
_QUOTE_CHARS = re.compile(r"''|[\"“”«»„]")
_CANDIDATE_POS = {"VERB", "NOUN", "ADJ", "AUX"}


# -- quotation marks -----------------------------------------------------------------------
def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character regions of double-quoted passages, quote marks included.

    Curly and straight marks are paired leniently: an opening curly mark or a straight mark
    outside a quote opens one; a closing curly mark or straight mark inside closes it. A
    quote still open at a paragraph break closes there (news style reopens each quoted
    paragraph), and one still open at the end of the text closes there. Single quotes are
    ignored: they are mostly apostrophes or nested quotes; two of them (``''``, as some
    newspapers write quotes) count as one straight double mark.
    """
    regions: list[tuple[int, int]] = []
    start: int | None = None
    for match in re.finditer(r"''|[\"“”«»„]|\n\s*\n|\n", text):
        char, pos = match.group(), match.start()
        if char.startswith("\n"):
            if start is not None and (char.count("\n") > 1 or _next_opens(text, match.end())):
                regions.append((start, pos))
                start = None
            continue
        if start is None:
            if char not in _CLOSE:
                start = pos
        elif char not in _OPEN:
            regions.append((start, match.end()))
            start = None
    if start is not None:
        regions.append((start, len(text)))
    return regions


def _next_opens(text: str, pos: int) -> bool:
    """True when the paragraph after ``pos`` starts with a quote mark."""
    rest = text[pos:pos + 3].lstrip()
    return bool(rest) and (rest[0] in "\"“«„" or rest.startswith("''"))


class QuoteIndex:
    """Which characters of a text are inside a quotation, answered in O(log n)."""

    def __init__(self, text: str) -> None:
        self.regions = quote_regions(text)
        self._starts = [s for s, _ in self.regions]
        self._marks: tuple[Doc, frozenset[int]] | None = None

    def mark_tokens(self, doc: Doc) -> frozenset[int]:
        """Indices of the tokens of ``doc`` (this text's doc) that are quote marks, found once."""
        if self._marks is None or self._marks[0] is not doc:
            self._marks = (doc, frozenset(t.i for t in doc if _QUOTE_CHARS.match(t.text)))
        return self._marks[1]

    def region_of(self, pos: int) -> tuple[int, int] | None:
        from bisect import bisect_right

        index = bisect_right(self._starts, pos) - 1
        if index >= 0 and self.regions[index][0] <= pos < self.regions[index][1]:
            return self.regions[index]
        return None


# -- the linear models ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LinearModel:
    """A logistic-regression model exported as weight tables (one per class)."""

    classes: tuple[str, ...]
    weights: tuple[dict[str, float], ...]
    bias: tuple[float, ...]

    def scores(self, features: Iterable[str]) -> list[float]:
        feats = list(features)
        return [b + sum(w.get(f, 0.0) for f in feats) for w, b in zip(self.weights, self.bias)]

    def probability(self, features: Iterable[str]) -> float:
        """P(positive) of a binary model."""
        (score,) = self.scores(features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def best(self, features: Iterable[str]) -> str:
        scores = self.scores(features)
        return self.classes[max(range(len(scores)), key=scores.__getitem__)]


#: The documented cue vocabularies, as features: they let the model generalise to cue
#: verbs that PolNeAR train has few examples of.
_CUE_LEXICONS = (
    ("neutral", lex.NEUTRAL_CUES), ("distancing", lex.DISTANCING_CUES),
    ("endorsing", lex.ENDORSING_CUES), ("hedged", lex.HEDGED_CUES), ("mental", lex.MENTAL_STATE_CUES),
)


# -- cue heads -----------------------------------------------------------------------------
def is_cue_candidate(token: Token) -> bool:
    """Tokens the cue model looks at (the rest can never head a cue)."""
    if token.pos_ in _CANDIDATE_POS:
        return True
    return token.lower_ in {"according", ":", "—", "in", "about", "for"}


def _near_quote(token: Token, quotes: QuoteIndex, side: int, reach: int = 3) -> bool:
    """True when one of the ``reach`` tokens on ``side`` of ``token`` is a quote mark."""
    marks = quotes.mark_tokens(token.doc)
    lo, hi = (token.i + 1, token.i + 1 + reach) if side > 0 else (token.i - reach, token.i)
    return any(i in marks for i in range(max(0, lo), hi))


def cue_features(token: Token, quotes: QuoteIndex) -> list[str]:
    """Features of one candidate cue head."""
    lemma, pos, dep = token.lemma_.lower(), token.pos_, token.dep_
    head = token.head
    child_deps = sorted({c.dep_ for c in token.children})
    feats = [
        f"l={lemma}", f"lp={lemma}|{pos}", f"t={token.tag_}", f"d={dep}", f"ld={lemma}|{dep}",
        f"hl={head.lemma_.lower()}", f"hd={head.dep_}", f"hp={head.pos_}",
        f"prev={token.nbor(-1).lower_ if token.i > 0 else '<s>'}",
        f"next={token.nbor(1).lower_ if token.i + 1 < len(token.doc) else '</s>'}",
        f"inq={quotes.region_of(token.idx) is not None}",
        f"qL={_near_quote(token, quotes, -1)}", f"qR={_near_quote(token, quotes, 1)}",
    ]
    for name, words in _CUE_LEXICONS:
        if lemma in words:
            feats.append(f"lex={name}")
            feats.append(f"lexd={name}|{dep}")
    for child_dep in child_deps:
        feats.append(f"cd={child_dep}")
        feats.append(f"lcd={lemma}|{child_dep}")
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass", "poss", "agent"}:
            feats.append(f"subj={child.dep_}|{child.ent_type_ or child.pos_}")
        if child.dep_ == "prep":
            feats.append(f"prep={lemma}|{child.lower_}")
        if child.dep_ == "dobj":
            feats.append(f"obj={lemma}|{child.lemma_.lower()}")
        if child.dep_ == "mark":
            feats.append(f"mark={child.lower_}")
        if child.dep_ == "ccomp":
            marks = [g.lower_ for g in child.children if g.dep_ == "mark"]
            feats.append(f"ccomp_mark={marks[0] if marks else '-'}")
    return feats


# -- role candidates -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Candidate:
    """A group of tokens that may fill one role of the attribution headed by ``cue``."""

    kind: str  # "child", "prep", "pobj", "xto", "xverb", "xchild", "head", "head_subj" or "quote"
    anchor: Token  # the token the candidate hangs from
    tokens: tuple[int, ...]  # token indices it covers


def _subtree_ids(token: Token, exclude: set[int] = frozenset()) -> tuple[int, ...]:
    return tuple(t.i for t in token.subtree if t.i not in exclude)


def candidates(cue: Token, quotes: QuoteIndex) -> Iterator[Candidate]:
    """Children of the cue head, the clause it modifies, that clause's subject, and a
    quotation next to the cue that the parse did not attach to it."""
    for child in cue.children:
        if child.dep_ in {"prep", "agent"}:
            # The preposition may belong to the cue ("according to", "calls for") while
            # its object is the source or the content: they are separate candidates.
            yield Candidate("prep", child, (child.i,))
            for grandchild in child.children:
                if grandchild.dep_ in {"pobj", "pcomp"}:
                    yield Candidate("pobj", grandchild, _subtree_ids(grandchild))
            continue
        if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}:
            # PolNeAR's cue often runs on into the verb it governs ("tried to skirt",
            # "continued to affirm"): that verb and its own dependents are separate candidates.
            to = [g.i for g in child.children if g.dep_ == "aux" and g.i < child.i]
            for i in to:  # "sought to [vote for X]": the cue may keep "to" without the verb
                yield Candidate("xto", child.doc[i], (i,))
            yield Candidate("xverb", child, (child.i,))
            for grandchild in child.children:
                if grandchild.i not in to:
                    yield Candidate("xchild", grandchild, _subtree_ids(grandchild))
            continue
        yield Candidate("child", child, _subtree_ids(child))
    head = cue.head
    if head.i != cue.i:
        own = set(_subtree_ids(cue))
        yield Candidate("head", head, tuple(t.i for t in head.subtree if t.i not in own and t.i != head.i) + (head.i,))
        for sibling in head.children:
            if sibling.dep_ in {"nsubj", "nsubjpass"} and sibling.i not in own:
                yield Candidate("head_subj", sibling, _subtree_ids(sibling))
    sent = cue.sent
    for region in _sentence_quotes(sent, quotes):
        ids = tuple(t.i for t in sent if region[0] <= t.idx < region[1])
        if ids and cue.i not in ids:
            yield Candidate("quote", sent.doc[ids[0]], ids)


def _sentence_quotes(sent: Sequence[Token], quotes: QuoteIndex) -> list[tuple[int, int]]:
    start, end = sent[0].idx, sent[-1].idx + len(sent[-1])
    return [r for r in quotes.regions if r[0] < end and r[1] > start]


def candidate_features(cue: Token, cand: Candidate, quotes: QuoteIndex) -> list[str]:
    """Features of one role candidate of the cue headed by ``cue``."""
    anchor, doc = cand.anchor, cue.doc
    lemma = cue.lemma_.lower()
    side = "L" if anchor.i < cue.i else "R"
    first, last = doc[min(cand.tokens)], doc[max(cand.tokens)]
    adjacent = min(cand.tokens) == cue.i + 1 or max(cand.tokens) == cue.i - 1
    size = len(cand.tokens)
    bucket = "1" if size == 1 else "2-3" if size <= 3 else "4-9" if size < 10 else "10+"
    if cand.kind == "child":
        rel = anchor.dep_
    elif cand.kind == "prep":
        rel = f"prep:{anchor.lower_}"
    elif cand.kind == "pobj":
        rel = f"pobj:{anchor.head.lower_}"
    elif cand.kind == "xchild":
        rel = f"x:{anchor.dep_}"
    else:
        rel = cand.kind
    feats = [
        f"k={cand.kind}", f"rel={rel}", f"rs={rel}|{side}", f"lr={lemma}|{rel}", f"cp={cue.pos_}",
        f"ap={anchor.pos_}", f"at={anchor.tag_}", f"al={anchor.lower_ if size < 3 else '-'}",
        f"ae={anchor.ent_type_ or '-'}", f"adj={adjacent}|{side}", f"sz={bucket}", f"rsz={rel}|{bucket}",
        f"ff={first.lower_ if not first.is_alpha else first.pos_}",
        f"cd={cue.dep_}", f"rcd={rel}|{cue.dep_}",
        f"q={quotes.region_of(anchor.idx) is not None}|{side}",
    ]
    if cand.kind == "quote":
        feats.append(f"qadj={abs(first.i - cue.i) < 4 or abs(last.i - cue.i) < 4}")
    return feats
