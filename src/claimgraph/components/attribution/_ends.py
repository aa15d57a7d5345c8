"""Where a content span ends: a learned cut of trailing modifiers.

The role model labels whole subtrees, so a content span is the union of the cue's
dependents it calls content. PolNeAR's annotators stop the content before a trailing
modifier that is not part of what was said: "denied the accusations *through a
spokeswoman*", "blasted the instructor *during a rally, calling her ...*", "said he
supports the bill*, which includes ...*". Every top-level piece that closes a content
segment (a later dependent of the cue, or a dependent of the segment's root) is a *cut
point*; a binary logistic-regression model (``ends.json``) scores whether the content
stops before it, and the segment is cut at the first point scored above the threshold.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ._features import LinearModel, QuoteIndex

__all__ = ["cut_points", "cut_features", "cut_segment"]

_FUNCTION_POS = {"ADP", "SCONJ", "CCONJ", "PART", "ADV", "PRON", "DET", "AUX", "PUNCT"}


def _size(n: int) -> str:
    return "1" if n == 1 else "2-3" if n <= 3 else "4-9" if n < 10 else "10+"


def cut_points(doc: Doc, seg: list[int]) -> Iterator[tuple[int, Token, str]]:
    """``(first token, head, level)`` of each piece that could be cut off the end of a
    content segment: a subtree of a root of the segment (or a later root) that runs to the
    segment's end and starts after its first token."""
    members = set(seg)
    roots = [i for i in seg if doc[i].head.i not in members or doc[i].head.i == i]
    heads: list[tuple[Token, str]] = [(doc[r], "root") for r in roots[1:]]
    for r in roots:
        heads.extend((c, "child") for c in doc[r].children if c.i in members and c.i > r)
    last = seg[-1]
    seen: set[int] = set()
    for head, level in heads:
        piece = [t.i for t in head.subtree if t.i in members]
        if not piece or piece[-1] != last:
            continue
        start = min(piece)
        if start <= seg[0] or start in seen:
            continue
        seen.add(start)
        yield start, head, level


def cut_features(doc: Doc, cue: Token, seg: list[int], start: int, head: Token, level: str,
                 quotes: QuoteIndex) -> list[str]:
    """Features of cutting ``seg`` before token ``start`` (the piece headed by ``head``)."""
    first, before = doc[start], doc[start - 1]
    word = head.lower_ if head.pos_ in _FUNCTION_POS else head.lemma_.lower()
    comma = before.text in {",", "—", "--", "-", ";", ":"} or first.text in {",", "—", "--", "-", ";", ":"}
    after_seg = seg[-1] + 1 < len(doc) and doc[seg[-1] + 1].text or "</s>"
    kept = start - seg[0]
    return [
        f"lv={level}", f"d={head.dep_}", f"ld={level}|{head.dep_}", f"p={head.pos_}", f"w={word}",
        f"dw={head.dep_}|{word}", f"f={first.lower_ if not first.is_alpha or first.pos_ in _FUNCTION_POS else first.pos_}",
        f"c={comma}", f"dc={head.dep_}|{comma}", f"cl={cue.lemma_.lower()}|{head.dep_}",
        f"hp={head.head.pos_}", f"hd={head.head.dep_}", f"ps={_size(seg[-1] - start + 1)}",
        f"ks={_size(kept)}", f"q={quotes.region_of(first.idx) is not None}",
        f"qk={quotes.region_of(doc[seg[0]].idx) is not None}", f"side={'R' if seg[0] > cue.i else 'L'}",
        f"end={after_seg if not after_seg.isalpha() else 'w'}",
    ]


def cut_segment(doc: Doc, cue: Token, seg: list[int], model: LinearModel, threshold: float,
                quotes: QuoteIndex) -> list[int]:
    """``seg`` without the trailing piece the model cuts first (in text order), if any."""
    for start, head, level in sorted(cut_points(doc, seg), key=lambda item: item[0]):
        if model.probability(cut_features(doc, cue, seg, start, head, level, quotes)) > threshold:
            return [i for i in seg if i < start]
    return seg
