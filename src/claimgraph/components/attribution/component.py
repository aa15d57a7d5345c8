"""Attribution: source, cue and content of reported speech, with the cue's class.

Cue heads and the role of each of their dependents come from a small trained model
(``models/attribution``, see its MODEL_CARD.md, rebuilt by ``claimgraph train
attribution``); spans follow PolNeAR's conventions. On top of the model this component
adds what the schema needs: quotations that carry on a speech across sentences, the kind
of each source (with a pronoun's antecedent in ``Source.resolved``), the class of each cue
and the certainty with which the writer presents the content.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...errors import ModelMissingError
from ...model import Attribution, Cue, Source, Span
from .. import _lexicons as lex
from ._features import LinearModel, QuoteIndex, doc_text
from ._spans import RawAttribution, Tags, continuation_quotes, find_attributions
from .._base import Component, ComponentSpec, doc_meta

__all__ = ["AttributionFinder", "SPEC", "records_from_doc", "cue_class", "source_kind", "load_models"]



def load_models() -> tuple[LinearModel, LinearModel, float, tuple[LinearModel, float] | None]:
    """The cue model, the role model, the cue threshold and the content-end model with its
    threshold (None when the shipped model has none) from the package."""
    try:
        folder = resources.files("claimgraph.components").joinpath("models", "attribution")
        tables = [json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
                  for name in ("cue.json", "roles.json", "config.json")]
        config = tables[2]
        if config.get("end_threshold") is not None:
            tables.append(json.loads(folder.joinpath("ends.json").read_text(encoding="utf-8")))
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelMissingError(
            "the attribution model files are missing from the package: rebuild them with "
            "`claimgraph train attribution --polnear ../shared/data/polnear/train`"
        ) from exc
    as_model = lambda d: LinearModel(tuple(d["classes"]), tuple(d["weights"]), tuple(d["bias"]))  # noqa: E731
    ends = (as_model(tables[3]), float(config["end_threshold"])) if len(tables) > 3 else None
    return as_model(tables[0]), as_model(tables[1]), float(config["threshold"]), ends


def records_from_doc(
    doc: Doc, cue_model: LinearModel, role_model: LinearModel, threshold: float,
    ends: tuple[LinearModel, float] | None = None, tags: Tags | None = None,
) -> tuple[Attribution, ...]:
    """The attributions of one parsed doc as schema records, in text order; ``tags``: the
    attribution tagger's probabilities for the doc, None to go without."""
    raws = find_attributions(doc, cue_model, role_model, threshold, ends, tags)
    headlines = [tuple(span) for span in doc_meta(doc).get("headlines") or ()]
    if headlines:
        raws = _outside_headlines(raws, headlines) + _headline_colons(doc, headlines)
        raws.sort(key=lambda r: r.cue)
    quotes = QuoteIndex(doc_text(doc))
    _add_continuations(doc, raws, quotes)
    _shared_subjects(doc, raws)
    records: list[Attribution] = []
    named: list[Source] = []  # earlier sources that are not pronouns, for resolving "they"
    for number, raw in enumerate(raws, start=1):
        cue = Cue(start=raw.cue[0], end=raw.cue[1], text=doc_text(doc)[raw.cue[0]:raw.cue[1]],
                  cue_class=cue_class(doc, raw))
        source = _source(doc, raw, named)
        if source is not None and source.resolved is None and source.kind != "author":
            named.append(source)
        certainty = lex.CUE_CERTAINTY[cue.cue_class]
        for part, (start, end) in enumerate(sorted(raw.contents), start=1):
            records.append(Attribution(
                id=f"a{number}" if part == 1 else f"a{number}.{part}",
                source=source, cue=cue, content=Span(start=start, end=end, text=doc_text(doc)[start:end]),
                certainty=certainty,
            ))
    return tuple(records)


def _shared_subjects(doc: Doc, raws: list[RawAttribution]) -> None:
    """A cue with no source of its own that is a conjunct or a participle of another cue
    shares that cue's source: "The operator denied the allegation and said ...", "he told
    reporters, adding that ..."."""
    by_head = {raw.cue_token: raw for raw in raws}
    for raw in raws:
        if raw.source is not None:
            continue
        token = doc[raw.cue_token]
        if token.dep_ not in {"conj", "advcl"} or (token.dep_ == "advcl" and token.tag_ != "VBG"):
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children):
            continue  # it has a subject of its own (an agentless passive, "it was said")
        head = by_head.get(token.head.i)
        if head is not None and head.source is not None:
            raw.source, raw.source_token = head.source, head.source_token


# -- headlines ------------------------------------------------------------------------------
def _overlaps(span: tuple[int, int] | None, other: tuple[int, int]) -> bool:
    return span is not None and span[0] < other[1] and other[0] < span[1]


def _outside_headlines(raws: list[RawAttribution], headlines: list[tuple[int, int]]) -> list[RawAttribution]:
    """The attributions with no part in a headline line: a headline is no sentence to parse
    for speech ("officials and union / disagree over / the toll"), nor a source; a content
    that runs into a headline is dropped, and an attribution left without content with it."""
    kept = []
    for raw in raws:
        if any(_overlaps(raw.cue, h) or _overlaps(raw.source, h) for h in headlines):
            continue
        raw.contents = [c for c in raw.contents if not any(_overlaps(c, h) for h in headlines)]
        if raw.contents:
            kept.append(raw)
    return kept


_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _headline_colons(doc: Doc, headlines: list[tuple[int, int]]) -> list[RawAttribution]:
    """The headline colon that is a cue: "Putin: West is to blame" (a name of at most four
    words, then a colon) attributes what follows to the name; "Fire at the terminal: ..." is
    just a headline."""
    text = doc_text(doc)
    found = []
    for start, end in headlines:
        colon = text.find(": ", start, end)
        if colon < 0:
            continue
        name = doc.char_span(start, colon, alignment_mode="contract")
        colon_token = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if name is None or colon_token is None or not 1 <= len(name) <= 4:
            continue
        words = [t for t in name if not t.is_punct]
        is_name = words and all(t.pos_ == "PROPN" or t.ent_type_ in _NAME_LABELS for t in words)
        if not is_name:
            continue
        content_start = colon + 1 + (len(text[colon + 1:end]) - len(text[colon + 1:end].lstrip()))
        content_end = end
        while content_end > content_start and text[content_end - 1] in ".;, ":
            content_end -= 1
        if content_end <= content_start:
            continue
        found.append(RawAttribution(
            cue=(colon, colon + 1), cue_token=colon_token.start, source=(start, colon),
            source_token=name.root.i, contents=[(content_start, content_end)], score=1.0,
        ))
    return found


def _add_continuations(doc: Doc, raws: list[RawAttribution], quotes: QuoteIndex) -> None:
    """Give a quoted speech the quotations that carry it on, unless another attribution
    already owns them."""
    owned = [span for raw in raws for span in (*raw.contents, raw.cue)]
    for raw in raws:
        for start, end in continuation_quotes(doc, raw, quotes):
            if any(s < end and start < e for s, e in owned):
                break
            raw.contents.append((start, end))
            owned.append((start, end))


# -- cue class -----------------------------------------------------------------------------
def cue_class(doc: Doc, raw: RawAttribution) -> str:
    """The class of a cue from the lemmas of its words (see ``_lexicons``)."""
    span = doc.char_span(raw.cue[0], raw.cue[1], alignment_mode="expand")
    tokens = list(span) if span is not None else [doc[raw.cue_token]]
    lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    if lemmas & lex.DISTANCING_CUES:
        return "distancing"
    if any(t.tag_ == "MD" and t.lower_ in lex.MODAL_HEDGES for t in tokens) or lemmas & lex.HEDGED_CUES:
        return "hedged"
    if lemmas & lex.ENDORSING_CUES or _object_is_evidence(doc[raw.cue_token]):
        return "endorsing"
    return "neutral"


def _object_is_evidence(cue: Token) -> bool:
    """'show clear evidence that ...', 'provided proof': the object endorses the content."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in {"evidence", "proof"} for c in cue.children)


# -- sources -------------------------------------------------------------------------------
def _source(doc: Doc, raw: RawAttribution, named: list[Source]) -> Source | None:
    if raw.source is None:
        return None
    start, end = raw.source
    span = doc.char_span(start, end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    if not _is_pronoun(tokens) or tokens[0].lower_ in lex.AUTHOR_PRONOUNS:
        return Source(start=start, end=end, text=doc_text(doc)[start:end], kind=source_kind(tokens))
    earlier = _earlier_source(tokens[0], named)
    if earlier is not None:
        return Source(start=start, end=end, text=doc_text(doc)[start:end], kind=earlier.kind,
                      resolved=earlier.text)
    resolved = _antecedent(doc, tokens, raw)
    kind = source_kind(tokens, resolved_tokens=_resolved_tokens(doc, resolved))
    return Source(start=start, end=end, text=doc_text(doc)[start:end], kind=kind,
                  resolved=resolved.text if resolved is not None else None)


def _earlier_source(pronoun: Token, named: list[Source]) -> Source | None:
    """The last named source before a personal pronoun, if close and compatible: reporters
    name a speaker and then go on with "he said", "they warned"."""
    if pronoun.lower_ in {"who", "which", "that", "whom", "whose", "it", "its"}:
        return None
    wanted = {"person"} if pronoun.lower_ in {"he", "she", "his", "her", "him"} else None
    for source in reversed(named):
        if pronoun.idx - source.end > 600:
            return None
        if wanted is None or source.kind in wanted:
            return source
    return None


def _is_pronoun(tokens: list[Token]) -> bool:
    return len(tokens) == 1 and (tokens[0].pos_ == "PRON" or tokens[0].lower_ in lex.PRONOUNS)


def _resolved_tokens(doc: Doc, resolved) -> list[Token]:  # type: ignore[no-untyped-def]
    return list(resolved) if resolved is not None else []


def source_kind(tokens: list[Token], resolved_tokens: list[Token] | None = None) -> str:
    """One of ``model.SOURCE_KINDS`` for a source's tokens (a pronoun by its antecedent)."""
    if not tokens:
        return "other"
    if len(tokens) == 1 and tokens[0].lower_ in lex.AUTHOR_PRONOUNS:
        return "author"
    if _is_pronoun(tokens):
        if resolved_tokens:
            return source_kind(resolved_tokens)
        return "person" if tokens[0].lower_ in {"he", "she", "his", "her", "who", "whom"} else "other"
    words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    ents = {t.ent_type_ for t in tokens if t.ent_type_}
    head = max(tokens, key=lambda t: t.i if t.head.i == t.i or t.head not in tokens else -1)
    named = bool(ents) or any(t.pos_ == "PROPN" for t in tokens)
    if not named and head.lower_ in lex.ANONYMOUS_HEADS:
        return "anonymous"
    if "PERSON" in ents and not words & lex.MEDIA_WORDS - {"statement", "report"}:
        return "person"
    if head.pos_ == "PROPN" and words & lex.PERSON_TITLES:
        return "person"  # "Spokeswoman Haley Morris", "Sen. Marco Rubio": a named individual
    if words & lex.MEDIA_WORDS and ("ORG" in ents or not named):
        return "media"
    if "PERSON" in ents or head.tag_ == "NNPS" or head.ent_type_ == "NORP":
        return "person"  # "Mr. Garin"; "the captured Tajiks"
    if words & lex.GOVERNMENT_WORDS or ({"GPE"} & ents and not words & lex.ORGANIZATION_WORDS):
        return "government"
    if "ORG" in ents or words & lex.ORGANIZATION_WORDS:
        return "organization"
    if "NORP" in ents or words & lex.PERSON_WORDS:
        return "person"
    return "other"


def _antecedent(doc: Doc, tokens: list[Token], raw: RawAttribution):  # type: ignore[no-untyped-def]
    """The named mention a pronoun source stands for, or None."""
    pronoun = tokens[0]
    if pronoun.lower_ in {"who", "which", "that", "whom", "whose"}:
        verb = pronoun.head
        while verb.dep_ not in {"relcl", "acl"} and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ in {"relcl", "acl"}:
            return _noun_phrase(doc, verb.head)
        return None
    wanted = {"PERSON"} if pronoun.lower_ in {"he", "she", "his", "her", "him"} else {"ORG", "GPE", "NORP", "PERSON"}
    for ent in reversed(doc.ents):
        if ent.end <= pronoun.i and ent.label_ in wanted and pronoun.i - ent.end < 120:
            return ent
    return None


def _noun_phrase(doc: Doc, noun: Token):  # type: ignore[no-untyped-def]
    """The noun phrase headed by ``noun``, without its relative clauses."""
    left = min([noun.i] + [t.i for c in noun.lefts for t in c.subtree])
    return doc[left:noun.i + 1]


class AttributionFinder(Component):
    section = "attributions"

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.cue_model, self.role_model, self.threshold, self.ends = load_models()

    def process(self, doc: Doc) -> Iterable[Attribution]:
        if not doc.has_annotation("DEP"):
            return ()
        return records_from_doc(doc, self.cue_model, self.role_model, self.threshold, self.ends)


def make_attribution(nlp: Language, name: str) -> AttributionFinder:
    return AttributionFinder(nlp, name)


SPEC = ComponentSpec(
    name="claimgraph_attribution_v1",
    make=make_attribution,
    requires=("token.dep", "token.ent_type"),
    assigns=("doc._.cg_attributions",),
)
