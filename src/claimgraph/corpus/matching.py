"""The same claim across outlets: claims that carry one proposition, and how each outlet frames it.

Claims (each analysis's ``claims``; an analysis without claims contributes its attribution
contents) are embedded, then compared only within blocks: each claim is compared with the
claims that share one of its three rarest anchor words (names, numbers, long content
words), each block capped, so the work grows linearly with the number of claims. A pair
matches when its cosine similarity, raised a little for each shared name or figure,
passes the threshold; matches are joined into groups (one member per article, its best).

The embedder is :func:`claimgraph.corpus.embeddings.embed` when that module is present,
else a hashed TF-IDF vector of words and word pairs (lexical, so paraphrase is missed).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Analysis, Attribution
from .compare import ClaimMember, ClaimRow

__all__ = ["match_claims", "lexical_embed", "default_embedder"]

Embed = Callable[[Sequence[str]], np.ndarray]

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")
_STOP = frozenset("""
a an the and or but of in on at to for by with from as is are was were be been being it its this that these
those he she they we i you his her their our my your not no so if than then there here who whom which what when
where why how all any some such said says say told according would could should will can may might must also just
about after before over under into out up down more most other others very new one two has have had do does did
""".split())
_FRAMING_OF_CUE = {"neutral": "attributed", "distancing": "distancing", "endorsing": "endorsing",
                   "hedged": "hedged"}
_MAX_PER_ARTICLE = 24  # claims taken from one article: its most check-worthy
_BLOCK_CAP = 64  # claims compared per anchor word
_ANCHORS = 3  # rarest anchor words per claim
_MAX_ROWS = 40
_DIM = 1 << 16


@dataclass(frozen=True, slots=True, kw_only=True)
class _Item:
    article: int  # index into the analyses
    start: int
    end: int
    text: str
    framing: str
    source: str | None
    anchors: frozenset[str]
    names: frozenset[str]


def default_embedder() -> tuple[Embed, float]:
    """The embedder and its match threshold: static sentence embeddings when present, else lexical."""
    try:
        from .embeddings import embed  # the events engineer's static model (model2vec)
    except ImportError:
        return lexical_embed, 0.5
    return embed, 0.75


def lexical_embed(texts: Sequence[str]) -> np.ndarray:
    """Hashed, IDF-weighted bag of words and word pairs; rows L2-normalised float32."""
    tokens = [_tokens(t) for t in texts]
    df = Counter(f for toks in tokens for f in set(toks))
    n = max(1, len(texts))
    out = np.zeros((len(texts), _DIM), dtype=np.float32) if len(texts) * _DIM <= 5e7 else None
    if out is None:  # large inputs: a sparse matrix would be better; fold the hash space instead
        out = np.zeros((len(texts), 4096), dtype=np.float32)
    dim = out.shape[1]
    for row, toks in enumerate(tokens):
        for feature, count in Counter(toks).items():
            out[row, _hash(feature) % dim] += count * math.log((1 + n) / (1 + df[feature]))
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def _tokens(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def _hash(feature: str) -> int:
    return int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little")


def _items(analyses: Sequence[Analysis]) -> list[_Item]:
    from .compare import _source_name

    out = []
    for index, analysis in enumerate(analyses):
        attributions = {a.id: a for a in analysis.attributions}
        spans = []
        # the most check-worthy claims (all in text order when the analysis has no scores)
        claims = sorted(analysis.claims, key=lambda c: -(c.checkworthiness or 0.0))[:_MAX_PER_ARTICLE]
        for claim in sorted(claims, key=lambda c: c.start):
            attribution = attributions.get(claim.attribution)
            if claim.attribution == "author" or attribution is None:
                framing, source = _author_framing(claim), None
            else:
                framing, source = _framing(attribution), _source_name(attribution, analysis.article.text)
            spans.append((claim.start, claim.end, claim.text, framing, source))
        if not spans:
            spans = [(a.content.start, a.content.end, a.content.text, _framing(a), _source_name(a, analysis.article.text))
                     for a in analysis.attributions[:_MAX_PER_ARTICLE]]
        for start, end, text, framing, source in spans:
            words = _WORD.findall(text)
            if len(words) < 4:
                continue
            names = frozenset(w.lower() for w in words[1:] if w[0].isdigit() or (w[0].isupper() and len(w) > 2))
            anchors = {w.lower() for w in words if len(w) >= 5} - _STOP
            out.append(_Item(article=index, start=start, end=end, text=text, framing=framing, source=source,
                             anchors=frozenset(anchors | names), names=names))
    return out


_DISTANCING = re.compile(r"\bwithout (?:offering |providing |citing |giving )?(?:any )?evidence\b|\bso[- ]called\b|"
                         r"\bunfounded\b|\bbaseless\b|\bunsubstantiated\b|\bunproven\b|\bdebunked\b", re.I)


def _author_framing(claim) -> str:
    """The author's own claim: ``asserted``, unless a hedge (not a booster) lowers its
    certainty (``hedged``) or the author marks doubt ("without evidence": ``distancing``)."""
    if _DISTANCING.search(claim.text):
        return "distancing"
    if claim.certainty < 0.5 and any(h.kind == "hedge" for h in claim.hedges):
        return "hedged"
    return "asserted"


def _framing(attribution: Attribution) -> str:
    return _FRAMING_OF_CUE.get(attribution.cue.cue_class, "attributed")


def match_claims(analyses: Sequence[Analysis], *, embed: Embed | None = None,
                 threshold: float | None = None) -> tuple[ClaimRow, ...]:
    """Claims carried by at least two of ``analyses``, each with every article's framing of it."""
    if len(analyses) < 2:
        return ()
    items = _items(analyses)
    if len(items) < 2:
        return ()
    if embed is None:
        embed, default_threshold = default_embedder()
    else:
        default_threshold = 0.75 if embed is not lexical_embed else 0.5
    threshold = default_threshold if threshold is None else threshold
    vectors = np.asarray(embed([i.text for i in items]), dtype=np.float32)
    postings: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        for anchor in item.anchors:
            postings[anchor].append(n)
    parent = list(range(len(items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: dict[tuple[int, int], float] = {}
    for n, item in enumerate(items):
        rare = sorted((a for a in item.anchors if len(postings[a]) > 1), key=lambda a: (len(postings[a]), a))
        candidates = {m for a in rare[:_ANCHORS] for m in postings[a][:_BLOCK_CAP]
                      if m > n and items[m].article != item.article}
        if not candidates:
            continue
        others = np.fromiter(candidates, dtype=np.int64)
        scores = vectors[others] @ vectors[n]
        for m, score in zip(others.tolist(), scores.tolist()):
            score += 0.05 * len(item.names & items[m].names)
            if score >= threshold:
                parent[find(m)] = find(n)
                best[(n, m)] = score
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(items)):
        groups[find(n)].append(n)
    strength: Counter[int] = Counter()
    for (n, m), score in best.items():
        strength[n] += score
        strength[m] += score
    rows = []
    for members in groups.values():
        by_article: dict[int, int] = {}
        for n in members:
            a = items[n].article
            if a not in by_article or strength[n] > strength[by_article[a]]:
                by_article[a] = n
        if len(by_article) < 2:
            continue
        rows.append(by_article)
    rows.sort(key=lambda r: (-len(r), min(items[n].start for n in r.values())))
    out = []
    for number, by_article in enumerate(rows[:_MAX_ROWS], start=1):
        central = max(by_article.values(), key=lambda n: strength[n])
        members = []
        for index, analysis in enumerate(analyses):
            n = by_article.get(index)
            if n is None:
                members.append(ClaimMember(article_id=analysis.article.id, start=0, end=0, text="",
                                           framing="absent", source=None))
            else:
                i = items[n]
                members.append(ClaimMember(article_id=analysis.article.id, start=i.start, end=i.end, text=i.text,
                                           framing=i.framing, source=i.source))
        out.append(ClaimRow(id=f"c{number}", text=items[central].text, members=tuple(members)))
    return tuple(out)
