"""Claims: factual statements tied to an attribution or to the author, with hedges and certainty.

Every sentence that states something becomes a claim: the content of each reported
statement in it (tied to that attribution's id) when that content is a clause, or, when
nobody is credited with a statement, the sentence itself (tied to ``"author"``). Questions, commands, exhortations ("we must ...")
and fragments without a finite verb are not claims. Attributions of knowing, wanting or
planning ("the CIA surely knew about ...") are not reports of a statement, so their
sentence stays the writer's own claim.

``Claim.certainty`` is how firmly the text puts the claim forward, in [0, 1]: 1 presents it
as settled fact, 0.5 as an open possibility, near 0 as doubtful. It starts from 0.8 for a
bare assertion by the writer, or from the writer's stance towards the source for a
reported one (the cue class: endorsing 0.85, neutral 0.6, hedged 0.4, distancing 0.3);
each booster ("surely", "clear evidence") takes it half way to 1, each hedge ("probably",
"would", "reportedly") lowers it by 30%, a conditional by 40%. ``Claim.hedges`` lists the
words that moved it. ``Claim.checkworthiness`` is the score of the claim's sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span as DocSpan, Token

from ...model import Attribution, Claim, Hedge, Sentence
from .. import _lexicons as lex
from ..attribution._features import doc_text
from .._base import Component, ComponentSpec, get_section
from ..checkworthiness.lexical import sentence_bounds

__all__ = ["Claims", "SPEC", "find_hedges", "certainty", "AUTHOR_BASE"]

AUTHOR_BASE = 0.8
_MULTIWORD = sorted((w for w in lex.HEDGES | lex.BOOSTERS if " " in w), key=len, reverse=True)
_TRAILING = " \t\n.;:,!"


def find_hedges(doc: Doc, start: int, end: int) -> tuple[Hedge, ...]:
    """Hedges, boosters and conditional markers inside characters ``start:end``."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return ()
    found: dict[tuple[int, int], Hedge] = {}
    lowered = doc_text(doc)[start:end].lower()
    for phrase in _MULTIWORD:
        at = lowered.find(phrase)
        while at != -1:
            if _word_bounded(lowered, at, len(phrase)):
                kind = "booster" if phrase in lex.BOOSTERS else "hedge"
                s = start + at
                found[(s, s + len(phrase))] = Hedge(start=s, end=s + len(phrase), text=doc_text(doc)[s:s + len(phrase)], kind=kind)
            at = lowered.find(phrase, at + 1)
    for token in span:
        kind = _token_kind(token)
        if kind and not any(s <= token.idx < e for s, e in found):
            found[(token.idx, token.idx + len(token))] = Hedge(
                start=token.idx, end=token.idx + len(token), text=token.text, kind=kind)
    return tuple(sorted(found.values(), key=lambda h: h.start))


def _word_bounded(text: str, at: int, length: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + length] if at + length < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _token_kind(token: Token) -> str | None:
    word, lemma = token.lower_, token.lemma_.lower()
    if word in lex.MODAL_HEDGES:
        return "hedge" if token.tag_ == "MD" else None
    if word == "must":
        return "booster" if _epistemic_must(token) else None
    if word in {"about", "around"}:
        return "hedge" if token.i + 1 < len(token.doc) and token.nbor(1).like_num else None
    if _is_conditional(token):
        return "hedge"
    if word in lex.BOOSTERS or (lemma in lex.BOOSTERS and token.pos_ == "VERB"):
        return "booster"
    if word in lex.HEDGES or (lemma in lex.HEDGES and token.pos_ == "VERB"):
        return "hedge"
    return None


def _epistemic_must(token: Token) -> bool:
    """'must have known' asserts; 'must prepare' commands."""
    return token.i + 1 < len(token.doc) and token.nbor(1).lower_ in {"have", "be"}


def _is_conditional(token: Token) -> bool:
    if token.lower_ in lex.CONDITIONAL_MARKERS and token.dep_ == "mark":
        return True
    # Inverted conditionals: "Had the terrorists reached Ukraine, ..."
    return (token.lower_ in {"had", "were", "should"} and token.is_sent_start
            and token.head.dep_ == "advcl")


def certainty(base: float, hedges: Iterable[Hedge]) -> float:
    """How firmly a claim is put forward (see the module doc for the scale)."""
    value = base
    for hedge in hedges:
        if hedge.kind == "booster":
            value += (1.0 - value) * 0.5
        elif hedge.text.lower() in lex.CONDITIONAL_MARKERS or hedge.text.lower() in {"had", "were"}:
            value *= 0.6
        else:
            value *= 0.7
    return round(min(1.0, max(0.0, value)), 3)


def _is_statement(sent: DocSpan) -> bool:
    """A sentence that asserts something: a finite verb with a subject; no question,
    command or exhortation."""
    text = sent.text.strip()
    if len([t for t in sent if t.is_alpha]) < 4 or text.endswith("?"):
        return False
    subjects = {"nsubj", "nsubjpass", "expl", "csubj"}
    if not any(t.pos_ in {"VERB", "AUX"} and any(c.dep_ in subjects for c in t.children) for t in sent):
        return False  # "Read part 1 here.": no verb with a subject
    root = sent.root
    modals = [c for c in root.children if c.tag_ == "MD"]
    return not any(m.lower_ in {"must", "should"} and not _epistemic_must(m) for m in modals)


class Claims(Component):
    section = "claims"

    def process(self, doc: Doc) -> Iterable[Claim]:
        sentences = get_section(doc, "sentences") or tuple(
            Sentence(start=s, end=e, text=doc_text(doc)[s:e]) for s, e in sentence_bounds(doc))
        attributions = get_section(doc, "attributions")
        claims = list(self._claims(doc, sentences, attributions))
        return tuple(_numbered(claims))

    def _claims(self, doc: Doc, sentences, attributions) -> Iterator[Claim]:  # type: ignore[no-untyped-def]
        reported = [a for a in attributions if not _mental_state(doc, a)]
        covered = [(a.content.start, a.content.end) for a in reported]
        for sentence in sentences:
            score = sentence.checkworthiness
            inside = [a for a in reported if sentence.start <= a.content.start < sentence.end]
            made = [c for c in (_reported_claim(doc, a, score) for a in inside) if c is not None]
            yield from made
            if made or any(s <= sentence.start and sentence.end <= e for s, e in covered):
                continue
            for piece in _paragraph_pieces(sentence):
                claim = _author_claim(doc, piece, score)
                if claim is not None:
                    yield claim


def _paragraph_pieces(sentence: Sentence) -> Iterator[Sentence]:
    """A sentence cut at blank lines: a headline and the text under it are not one claim."""
    offset = 0
    for part in sentence.text.split("\n\n"):
        stripped = part.strip()
        if stripped:
            start = sentence.start + offset + (len(part) - len(part.lstrip()))
            yield Sentence(start=start, end=start + len(stripped), text=stripped,
                           checkworthiness=sentence.checkworthiness)
        offset += len(part) + 2


def _mental_state(doc: Doc, att: Attribution) -> bool:
    span = doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand")
    return span is not None and any(t.lemma_.lower() in lex.MENTAL_STATE_CUES for t in span)


def _reported_claim(doc: Doc, att: Attribution, score: float | None) -> Claim | None:
    start, end = att.content.start, att.content.end
    start += _frame_prefix(doc, start, end)
    end = start + len(doc_text(doc)[start:end].rstrip(_TRAILING)) if end > start else start
    span = doc.char_span(start, end, alignment_mode="expand")
    if end - start < 8 or span is None or not any(
            t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"amod", "compound"} for t in span):
        return None  # an object such as "sloppy mistakes" states nothing by itself
    frame_start = min(att.cue.start, att.source.start if att.source else att.cue.start)
    if frame_start < start:
        hedges = find_hedges(doc, frame_start, end)  # the frame's "clear evidence" counts
    else:
        hedges = find_hedges(doc, start, end) + find_hedges(doc, att.cue.start, att.cue.end)
    return Claim(id="", start=start, end=end, text=doc_text(doc)[start:end], attribution=att.id,
                 checkworthiness=score, certainty=certainty(att.certainty, hedges), hedges=hedges)


def _frame_prefix(doc: Doc, start: int, end: int) -> int:
    """Characters to skip at the start of reported content so the claim is the clause
    itself: "that ...", and a verbless lead-in such as a recipient or "clear evidence"
    before "that" ("warned Russia that ...", "show clear evidence that ...")."""
    text = doc_text(doc)[start:end]
    lowered = text.lower()
    at = lowered.find("that ")
    if at == 0:
        return 5
    if 0 < at <= 40 and lowered[at - 1] == " ":
        lead = doc.char_span(start, start + at, alignment_mode="expand")
        if lead is not None and not any(t.pos_ in {"VERB", "AUX"} for t in lead):
            return at + 5
    return len(text) - len(text.lstrip())


def _author_claim(doc: Doc, sentence: Sentence, score: float | None) -> Claim | None:
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="contract")
    if span is None or len(span) == 0 or not _is_statement(span):
        return None
    end = sentence.start + len(sentence.text.rstrip(_TRAILING))
    hedges = find_hedges(doc, sentence.start, end)
    return Claim(id="", start=sentence.start, end=end, text=doc_text(doc)[sentence.start:end],
                 attribution="author", checkworthiness=score,
                 certainty=certainty(AUTHOR_BASE, hedges), hedges=hedges)


def _numbered(claims: list[Claim]) -> Iterator[Claim]:
    from dataclasses import replace

    for number, claim in enumerate(sorted(claims, key=lambda c: (c.start, c.end)), start=1):
        yield replace(claim, id=f"c{number}")


def make_claims(nlp: Language, name: str) -> Claims:
    return Claims(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_claims_v1",
    make=make_claims,
    requires=("doc._.cg_sentences", "doc._.cg_attributions"),
    assigns=("doc._.cg_claims",),
)
