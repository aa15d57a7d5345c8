"""From scored cue heads and role candidates to source, cue and content character spans.

Span conventions follow the PolNeAR annotation guidelines: the cue keeps its verb group
together and is one contiguous span; content includes a leading "that" or "to" and
everything inside quotation marks (a comma or full stop before a closing mark included)
but not the full stop that ends the sentence; edges never carry stray punctuation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ._ends import cut_segment
from ._features import (
    LinearModel,
    QuoteIndex,
    candidate_features,
    candidates,
    cue_features,
    doc_text,
    is_cue_candidate,
)

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Blend", "RawAttribution", "find_attributions", "continuation_quotes", "one_cue_per_content", "Tags"]

_EDGE_PUNCT = set(",.;:!?-–—()[]")
_QUOTE_TOKENS = {'"', "“", "”", "''", "«", "»", "„"}
_CLOSING_PUNCT = set(",.!?")
_OBJECT_DEPS = {"dobj", "ccomp", "xcomp", "attr", "oprd"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Blend:
    """How the tagger's probabilities enter the attribution search (0 everywhere: not at all).

    - ``cue``: weight of the tagger's cue logit in the cue-head logit (the rest is the
      logistic-regression model's), with ``threshold`` the cue probability a head needs;
    - ``roles``: weight of the tagger's logit (mean probability over the candidate's tokens)
      added to the role model's score for source, cue and content;
    - ``extend``: a token next to a cue joins it when its cue probability is at least this
      (1.0: never);
    - ``trim``: words at the edges of a source or content whose probability of that role is
      under this are dropped (0.0: never);
    - ``fallback``: a cue the parse gives no content takes the run of its sentence the tagger
      puts in a content, when the run's mean probability is at least this (1.0: never).
    """

    cue: float = 0.0
    threshold: float = 0.3
    roles: float = 0.0
    extend: float = 1.0
    trim: float = 0.0
    fallback: float = 1.0


@dataclass(slots=True)
class RawAttribution:
    """Character spans of one attribution before it becomes schema records."""

    cue: tuple[int, int]
    cue_token: int
    source: tuple[int, int] | None
    source_token: int | None
    contents: list[tuple[int, int]] = field(default_factory=list)
    score: float = 0.0
    segments: list[list[int]] = field(default_factory=list)  # content tokens before any cut


@dataclass(frozen=True, slots=True)
class Tags:
    """The attribution tagger's per-token probabilities (``[len(doc), 3]``: source, cue,
    content) and how they are blended in (see :mod:`.tagger`)."""

    probs: np.ndarray
    blend: Blend

    def role_logit(self, role: int, tokens: tuple[int, ...] | list[int]) -> float:
        return _logit(float(self.probs[list(tokens), role].mean())) if len(tokens) else 0.0


_SOURCE, _CUE, _CONTENT = 0, 1, 2


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1.0 - 1e-4)
    return math.log(p / (1.0 - p))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def find_attributions(
    doc: Doc, cue_model: LinearModel, role_model: LinearModel, threshold: float,
    ends: tuple[LinearModel, float] | None = None, tags: Tags | None = None,
) -> list[RawAttribution]:
    """Every attribution the models find in ``doc``, in text order; ``ends`` is the
    content-end model and its threshold (see ``_attribution_ends``), None for no cut;
    ``tags`` the tagger's probabilities, None to go without (their blend's threshold
    then replaces ``threshold``)."""
    quotes = QuoteIndex(doc_text(doc))
    found: list[RawAttribution] = []
    taken: set[int] = set()
    heads = [(t, cue_model.probability(cue_features(t, quotes))) for t in doc if is_cue_candidate(t)]
    if tags is not None:
        threshold, w = tags.blend.threshold, tags.blend.cue
        if w > 0:
            heads = [(t, _sigmoid((1.0 - w) * _logit(p) + w * tags.role_logit(_CUE, (t.i,)))) for t, p in heads]
    heads = [(t, _with_nominal_rule(t, prob, threshold), prob) for t, prob in heads]
    for token, prob, learned in sorted(heads, key=lambda item: -item[1]):
        if prob < threshold or token.i in taken:
            continue
        nominal = _nominal(token) if token.pos_ == "NOUN" and token.lemma_.lower() in SPEECH_NOUNS else None
        # A speech noun that only the rule lets through must have the rule's shape, with
        # its content; otherwise it is just a noun ("the decision", "his account").
        raw = nominal or (_assemble(token, quotes, role_model, ends, tags) if learned >= threshold else None)
        if raw is None:
            continue
        raw.score = prob
        taken.update(range(*_token_range(doc, raw.cue)))
        found.append(raw)
    found.sort(key=lambda r: r.cue)
    return one_cue_per_content(doc, found)


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _inside(span: tuple[int, int], container: tuple[int, int]) -> bool:
    return container[0] <= span[0] and span[1] <= container[1]


def _chained(doc: Doc, a: int, b: int, sentence: dict[int, int]) -> bool:
    """True when one of two cue heads governs the other ("told ..., adding": adding hangs on told);
    ``sentence`` maps each cue head to the start of its sentence."""
    return sentence[a] == sentence[b] and (doc[a].is_ancestor(doc[b]) or doc[b].is_ancestor(doc[a]))


def one_cue_per_content(doc: Doc, raws: list[RawAttribution]) -> list[RawAttribution]:
    """Each stretch of content given to one cue only, for two cues of one sentence where one
    governs the other ("'A,' he told reporters, adding that B"): where their contents overlap,
    the content stays with the nearer cue (A is told's, B is adding's) and leaves the other,
    unless it is the other's only content (PolNeAR dev: taking that away too cost recall).
    Nested speech ("X said that Y claimed Z") keeps both: the inner attribution is part of
    the outer content."""
    # Token.sent walks the parse: look each cue's sentence up once, not once per pair.
    sentence = {raw.cue_token: doc[raw.cue_token].sent.start for raw in raws}
    for i, first in enumerate(raws):
        for second in raws[i + 1:]:
            if not _chained(doc, first.cue_token, second.cue_token, sentence):
                continue
            if any(_inside(second.cue, c) for c in first.contents) or any(
                    _inside(first.cue, c) for c in second.contents):
                continue  # nested speech
            for a in list(first.contents):
                for b in list(second.contents):
                    if not (a[0] < b[1] and b[0] < a[1]) or a not in first.contents:
                        continue
                    if (_gap(first.cue, a), -first.score) <= (_gap(second.cue, b), -second.score):
                        if len(second.contents) > 1:
                            second.contents.remove(b)
                    elif len(first.contents) > 1:
                        first.contents.remove(a)
    return raws


#: Nouns of saying and claiming: with a possessor or an agent ("Russia's claim of ...",
#: "the narrative peddled by X") they head a cue even where the model is unsure, because
#: PolNeAR has few of them for the model to learn from.
SPEECH_NOUNS = frozenset({
    "claim", "allegation", "narrative", "assertion", "accusation", "statement", "warning",
    "announcement", "admission", "denial", "insistence", "argument", "charge", "story",
    "version", "account", "assessment", "prediction", "promise", "report", "view",
})


def _with_nominal_rule(token: Token, prob: float, threshold: float) -> float:
    """The cue probability, raised over the threshold for a speech noun with a source."""
    if token.pos_ == "NOUN" and token.lemma_.lower() in SPEECH_NOUNS and _nominal_source(token):
        prob = max(prob, threshold + 0.01)
    return prob


def _nominal_source(noun: Token) -> Token | None:
    """The possessor of a speech noun, or the agent of the participle that follows it."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "acl":
            for agent in (c for c in child.children if c.dep_ == "agent"):
                objs = [g for g in agent.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return None


def _nominal(noun: Token) -> RawAttribution | None:
    """A cue headed by a speech noun: source from the possessor or agent, content from an
    'of'/'about' object, a 'that' clause or the noun's compound modifiers."""
    doc = noun.doc
    source = _nominal_source(noun)
    if source is None:
        return None
    cue_lo, cue_hi = noun.i, noun.i + 1
    content: list[int] = []
    for child in noun.children:
        if child.dep_ == "acl" and source.head.head.i == child.i:
            cue_hi = max(cue_hi, source.head.i + 1)  # "narrative peddled by"
        elif child.dep_ == "prep" and child.lower_ in {"of", "about", "on", "that"}:
            cue_hi = max(cue_hi, child.i + 1)
            content = [t.i for g in child.children for t in g.subtree]
        elif child.dep_ in {"acl", "ccomp", "appos"} and not content:
            content = [t.i for t in child.subtree]
        elif child.dep_ == "compound" and not content:
            content = [t.i for t in child.subtree]
    if not content:
        return None
    source_ids = tuple(t.i for t in source.subtree) if source.dep_ != "poss" else tuple(
        t.i for t in source.subtree if t.dep_ != "case")
    source_span = _trim(doc, min(source_ids), max(source_ids) + 1)
    cue_span = _trim(doc, cue_lo, cue_hi)
    content_span = _trim(doc, min(content), max(content) + 1)
    if cue_span is None or content_span is None:
        return None
    return RawAttribution(cue=cue_span, cue_token=noun.i, source=source_span, source_token=source.i,
                          contents=[content_span])


def _token_range(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    return (chars.start, chars.end) if chars is not None else (0, 0)


def _assemble(cue: Token, quotes: QuoteIndex, role_model: LinearModel,
              ends: tuple[LinearModel, float] | None = None, tags: Tags | None = None) -> RawAttribution | None:
    roles: dict[str, list[tuple[float, tuple[int, ...]]]] = {"cue": [], "source": [], "content": []}
    fallback: tuple[float, tuple[int, ...]] | None = None
    content_index = role_model.classes.index("content")
    mixed = [] if tags is None or tags.blend.roles <= 0 else [
        (role_model.classes.index(name), channel) for name, channel in
        (("source", _SOURCE), ("cue", _CUE), ("content", _CONTENT))]
    preps: list[Token] = []  # prepositions given to the cue
    filled: set[int] = set()  # prepositions whose object is the source or the content
    for cand in candidates(cue, quotes):
        scores = role_model.scores(candidate_features(cue, cand, quotes))
        own = list(scores)  # the role model's own scores, for the trusted cue's fallback object
        for index, channel in mixed:
            scores[index] += tags.blend.roles * tags.role_logit(channel, cand.tokens)  # type: ignore[union-attr]
        best = max(range(len(scores)), key=scores.__getitem__)
        label = role_model.classes[best]
        if cand.kind == "prep" and label == "cue":
            preps.append(cand.anchor)
            continue
        if cand.kind == "pobj" and label in {"source", "content"}:
            filled.add(cand.anchor.head.i)
        if label in roles:
            roles[label].append((scores[best], cand.tokens))
        elif cand.kind in {"child", "pobj", "xchild", "quote"} and (cand.kind == "quote" or cand.anchor.dep_ in _OBJECT_DEPS):
            # The fallback is the role model's judgement ("its likeliest object"): the
            # tagger reorders roles, but does not take a trusted cue's only object away.
            margin = own[content_index] - max(own)
            if margin > -3.0 and (fallback is None or margin > fallback[0]):
                fallback = (margin, cand.tokens)
    # A preposition belongs to the cue only when its object is what is attributed or who
    # attributes it ("according to X", "talks of Y"); "quipped in an interview" keeps "in" out.
    roles["cue"].extend((0.0, (p.i,)) for p in preps if p.i in filled or p.i < cue.i)
    doc = cue.doc
    cue_ids = _contiguous({cue.i} | {i for _, ids in roles["cue"] for i in ids}, cue.i)
    if tags is not None and tags.blend.extend < 1.0:
        claimed = {i for label in ("source", "content") for _, ids in roles[label] for i in ids}
        cue_ids = _extended(doc, cue_ids, tags, claimed)
    cue_span = _trim(doc, min(cue_ids), max(cue_ids) + 1, keep_colon=True)
    if cue_span is None:
        return None
    source_span, source_token = None, None
    if roles["source"]:
        _, ids = max(roles["source"], key=lambda item: item[0])
        ids = _without_clauses(doc, tuple(i for i in ids if i not in cue_ids))
        ids = tuple(_nearest_paragraph(doc, list(ids), cue.i))
        if ids and tags is not None and tags.blend.trim > 0:
            ids = tuple(_trimmed(doc, list(ids), tags, _SOURCE))
        if ids:
            source_span = _source_span(doc, ids)
            source_token = _root_of(doc, ids)
    blocked = set(cue_ids)
    if source_span is not None:
        chars = doc.char_span(source_span[0], source_span[1], alignment_mode="expand")
        if chars is not None:
            blocked.update(range(chars.start, chars.end))
    if not roles["content"] and fallback is not None:
        roles["content"].append(fallback)  # a cue the model trusts keeps its likeliest object
    content_ids = sorted({i for _, ids in roles["content"] for i in ids} - blocked)
    segments = [_nearest_paragraph(doc, seg, cue.i) for seg in _segments(content_ids, blocked)]
    segments = [seg for seg in segments if seg and not _empty_subject(doc, seg)]
    uncut = segments
    if ends is not None:
        segments = [cut_segment(doc, cue, seg, ends[0], ends[1], quotes) for seg in segments]
    if tags is not None and tags.blend.trim > 0:
        segments = [_trimmed(doc, seg, tags, _CONTENT) for seg in segments]
    contents = [s for s in (_content_span(doc, seg, quotes, cue.idx) for seg in segments) if s]
    if not contents and tags is not None and tags.blend.fallback < 1.0:
        run = _tagged_content(doc, cue, tags, blocked)
        span = _content_span(doc, run, quotes, cue.idx) if run else None
        contents = [span] if span else []
    if not contents:
        return None
    return RawAttribution(cue=cue_span, cue_token=cue.i, source=source_span, source_token=source_token,
                          contents=contents, segments=uncut)


def _extended(doc: Doc, cue_ids: list[int], tags: Tags, claimed: set[int]) -> list[int]:
    """The cue's run of tokens widened, on either side and within its sentence, over
    neighbours the tagger puts in a cue ("said *in a statement*") that no other role took."""
    lo, hi = min(cue_ids), max(cue_ids)
    sent = doc[cue_ids[0]].sent
    ok = lambda i: (sent.start <= i < sent.end and i not in claimed and not doc[i].is_space  # noqa: E731
                    and "\n" not in doc[i].text and tags.probs[i, _CUE] >= tags.blend.extend)
    while ok(hi + 1):
        hi += 1
    while ok(lo - 1):
        lo -= 1
    return list(range(lo, hi + 1))


def _tagged_content(doc: Doc, cue: Token, tags: Tags, blocked: set[int]) -> list[int]:
    """Where the parse gives a cue no content ("said in a statement that ..." with the
    clause hung on "statement"; "Weaver said." after the quotation it closes): the run of
    tokens the tagger puts in a content, nearest the cue, if its mean probability reaches
    the blend's ``fallback``. Runs are looked for in the cue's sentence, then in the
    sentences on either side of it within the paragraph."""
    sent = cue.sent
    runs = _content_runs(doc, range(sent.start, sent.end), tags, blocked)
    if not runs:
        before = doc[sent.start - 1].sent if sent.start > 0 else None
        after = doc[sent.end].sent if sent.end < len(doc) else None
        for other in (before, after):
            if other is not None and "\n" not in doc_text(doc)[min(other.start_char, sent.start_char):
                                                               max(other.end_char, sent.end_char)]:
                runs += _content_runs(doc, range(other.start, other.end), tags, blocked)
    if not runs:
        return []
    run = min(runs, key=lambda r: min(abs(i - cue.i) for i in r))
    return run if float(tags.probs[run, _CONTENT].mean()) >= tags.blend.fallback else []


def _content_runs(doc: Doc, ids: range, tags: Tags, blocked: set[int]) -> list[list[int]]:
    """Runs of consecutive tokens among ``ids`` with content probability 0.5 or more."""
    runs: list[list[int]] = [[]]
    for i in ids:
        if i in blocked or tags.probs[i, _CONTENT] < 0.5 or "\n" in doc[i].text:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(i)
    return [r for r in runs if r and any(not doc[i].is_punct for i in r)]


def _trimmed(doc: Doc, ids: list[int], tags: Tags, role: int) -> list[int]:
    """``ids`` without the words at either edge that the tagger puts outside ``role``
    (punctuation is left to the span trimming); never empty."""
    words = [i for i in ids if not doc[i].is_punct and not doc[i].is_space]
    if not words:
        return ids
    inside = [i for i in words if tags.probs[i, role] >= tags.blend.trim]
    if not inside:
        return ids
    lo, hi = inside[0], inside[-1]
    return [i for i in ids if lo <= i <= hi]


def _without_clauses(doc: Doc, ids: tuple[int, ...]) -> tuple[int, ...]:
    """A source without its relative and participial clauses ("Graham, who says ...,"):
    PolNeAR leaves them out unless they identify the source, which is the rarer case."""
    members = set(ids)
    root = _root_of(doc, ids)
    drop: set[int] = set()
    for child in doc[root].children:
        if child.i not in members or child.i < root:
            continue
        parenthetical = child.dep_ in {"prep", "advmod", "advcl"} and doc[child.left_edge.i - 1].text == ","
        if child.dep_ in {"relcl", "acl"} or parenthetical:
            drop.update(t.i for t in child.subtree)
    if not drop:
        return ids
    kept = [i for i in ids if i < min(drop)]  # what follows a dropped clause is its tail
    return tuple(kept) if kept else ids


def _source_span(doc: Doc, ids: tuple[int, ...]) -> tuple[int, int] | None:
    """Trimmed source span; an appositive's closing comma or bracket stays in."""
    lo, hi = min(ids), max(ids) + 1
    span = _trim(doc, lo, hi)
    if span is None:
        return None
    inner = doc_text(doc)[span[0]:span[1]]
    after = doc_text(doc)[span[1]:span[1] + 1]
    if inner.count("(") > inner.count(")") and ")" in doc_text(doc)[span[1]:span[1] + 3]:
        span = (span[0], doc_text(doc).index(")", span[1]) + 1)
    elif "," in inner and after == "," and not inner.endswith(","):
        span = (span[0], span[1] + 1)
    return span


def _nearest_paragraph(doc: Doc, ids: list[int], anchor: int) -> list[int]:
    """The part of ``ids`` on the cue's side of any line break inside them.

    PolNeAR spans never cross a line break, but spaCy's sentences sometimes run across a
    paragraph ("... appointments.\n\n''Not only ..."), and a subtree with them."""
    if not ids:
        return ids
    pieces: list[list[int]] = [[]]
    for i in ids:
        if "\n" in doc[i].text or (pieces[-1] and "\n" in doc_text(doc)[doc[pieces[-1][-1]].idx:doc[i].idx]):
            pieces.append([])
        if "\n" not in doc[i].text:
            pieces[-1].append(i)
    pieces = [piece for piece in pieces if piece]
    if len(pieces) <= 1:
        return pieces[0] if pieces else []
    return min(pieces, key=lambda piece: min(abs(i - anchor) for i in piece))


def _empty_subject(doc: Doc, seg: list[int]) -> bool:
    """The empty "it"/"there" of "it was claimed that ...": neither source nor content."""
    words = [doc[i] for i in seg if not doc[i].is_punct]
    return len(words) == 1 and words[0].lower_ in {"it", "there"} and words[0].dep_ in {
        "nsubjpass", "expl", "nsubj"}


def _root_of(doc: Doc, ids: tuple[int, ...]) -> int:
    members = set(ids)
    for i in ids:
        if doc[i].head.i not in members or doc[i].head.i == i:
            return i
    return ids[0]


def _contiguous(ids: set[int], anchor: int) -> list[int]:
    """The run of consecutive indices in ``ids`` that contains ``anchor``."""
    lo = hi = anchor
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    return list(range(lo, hi + 1))


def _segments(ids: list[int], blocked: set[int]) -> list[list[int]]:
    """Split sorted token indices wherever a blocked token (cue or source) intervenes."""
    segments: list[list[int]] = []
    for i in ids:
        if segments and not any(b in blocked for b in range(segments[-1][-1] + 1, i)):
            segments[-1].append(i)
        else:
            segments.append([i])
    return segments


def _trim(doc: Doc, lo: int, hi: int, keep_colon: bool = False) -> tuple[int, int] | None:
    """Character span of tokens ``lo:hi`` without punctuation at its edges."""
    while lo < hi and (doc[lo].text in _EDGE_PUNCT or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or (doc[hi - 1].text in _EDGE_PUNCT
                                                 and not (keep_colon and doc[hi - 1].text == ":"))):
        hi -= 1
    if lo >= hi:
        return None
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


#: Penn tags of relative and interrogative pronouns and determiners (who, which, that, whose).
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})


def _content_span(doc: Doc, seg: list[int], quotes: QuoteIndex, cue_at: int = -1) -> tuple[int, int] | None:
    """A content span: edges trimmed, quotations kept whole with their inner punctuation."""
    lo, hi = seg[0], seg[-1] + 1
    while lo < hi and (doc[lo].text in _EDGE_PUNCT or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in _EDGE_PUNCT):
        hi -= 1
    # A lone relative pronoun ("drivers who they said would…") only points at the
    # relative clause's noun: it states nothing, and the clause is content of its own.
    if lo >= hi or (hi - lo == 1 and doc[lo].tag_ in _RELATIVE_TAGS):
        return None
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    # A quotation that the span starts in or ends in is taken whole: PolNeAR content
    # includes everything within the quotation marks, marks included.
    first = quotes.region_of(start)
    if first is not None and first[0] <= start and _only_punct(doc_text(doc)[first[0]:start]):
        start = first[0]
    last = quotes.region_of(end - 1)
    if last is not None and _only_punct(doc_text(doc)[end:last[1]]):
        end = last[1]
    # A span that begins or ends a quotation outside the cue is the quotation's part that
    # spaCy parsed as the cue's sentence: the speech is the whole quotation, sentences and all.
    region = quotes.region_of(start)
    if region is not None and region == quotes.region_of(end - 1) and not region[0] <= cue_at < region[1]:
        if start == region[0] or end == region[1]:
            start, end = region
    return (start, end) if start < end and not _only_punct(doc_text(doc)[start:end]) else None


def _only_punct(text: str) -> bool:
    return all(not ch.isalnum() for ch in text)


def continuation_quotes(doc: Doc, raw: RawAttribution, quotes: QuoteIndex) -> list[tuple[int, int]]:
    """Quotations right after an attribution's last content that carry on its speech:
    ``“A,” she said. “B.”`` (B carries on A), up to the next paragraph that is not a quote."""
    last = max(end for _, end in raw.contents)
    if quotes.region_of(last - 1) is None:
        return []
    frame_end = max(raw.cue[1], raw.source[1] if raw.source else 0)
    # The rest of the cue's sentence belongs to the frame: “A,” he told Fox 35 in Orlando. “B.”
    sent = doc[raw.cue_token].sent
    sent_end = sent[-1].idx + len(sent[-1])
    out: list[tuple[int, int]] = []
    for start, end in quotes.regions:
        if start < max(last, frame_end):
            continue
        gap_from = max(last, frame_end, sent_end) if start >= sent_end else max(last, frame_end)
        if _only_punct(doc_text(doc)[start:end]):
            continue  # a stray mark ('' at a paragraph's end) quotes nothing
        between = doc_text(doc)[gap_from:start]
        if between.strip(" \t.,;") and not _sentence_gap_only(between):
            break
        out.append((start, end))
        last = end
    return out


def _sentence_gap_only(text: str) -> bool:
    """True when ``text`` between two quotations is only white space and punctuation."""
    return all(not ch.isalnum() for ch in text)
