"""Blame and credit: who each article says carried out, ordered, claimed or helped the
central act, by whom and with what framing (the ``blame`` section of ``compare/2``)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from ..model import Analysis
from .compare import BlameMember, BlameRow, _source_name
from .parties import Party, find_parties, party_of

#: Words that make a statement one about responsibility for the central act.
_RESPONSIBILITY = re.compile(
    r"\b(?:blam\w*|responsib\w*|(?:is|was|were|are|be|been|being)\s+(?:\w+\s+)?behind|behind the (?:attack|"
    r"bombing|shooting|assault|massacre|plot|strike|killing|hack\w*|attempt)|accus\w*|carried out|carry out|"
    r"perpetrat\w*|orchestrat\w*|mastermind\w*|ordered the|credit for|culprit\w*|involved in|involvement|"
    r"a role in|any role|complicit\w*|conspir\w*|collu\w*|organi[sz]ed (?:the|by)|plotted|"
    r"claimed (?:the attack|credit|responsibility))\b",
    re.I,
)
_DENIAL = re.compile(r"\b(?:den(?:y|ied|ies|ying)|reject\w*|dismiss\w*|refut\w*)\b.{0,80}\b(?:role|involve\w*|"
                     r"responsib\w*|behind|link\w*|part in|nothing to do|accusation\w*|claims?|allegation\w*)\b"
                     r"|\bno role\b|\bnot involved\b|\bnothing to do with\b|\bno involvement\b", re.I)
_CLAIM_CUE = re.compile(r"\bclaim\w*\b", re.I)
_HEDGED = re.compile(r"\b(?:may|might|could|possibly|perhaps|suspected|allegedly|reportedly|likely|"
                     r"appear\w*|believed)\b", re.I)
_FRAMING_OF_CUE = {"neutral": "attributed", "distancing": "distancing", "endorsing": "endorsing",
                   "hedged": "hedged"}


def build_blame(analyses: Sequence[Analysis]) -> tuple[BlameRow, ...]:
    """Party × article rows of who is said to be responsible, by whom and how."""
    rows: dict[str, list[BlameMember]] = defaultdict(list)
    kinds: dict[str, str] = {}
    together: dict[str, set[str]] = defaultdict(set)  # article -> parties it names as responsible
    top: dict[str, str] = {}  # article -> the party it names responsible most often
    order = {a.article.id: n for n, a in enumerate(analyses)}
    for analysis in analyses:
        counts: Counter[str] = Counter()
        for party, member in _blame_statements(analysis):
            rows[party.name].append(member)
            kinds[party.name] = party.kind
            if member.framing != "denied":
                together[analysis.article.id].add(party.name)
                counts[party.name] += 1
        if counts:
            top[analysis.article.id] = counts.most_common(1)[0][0]
    # One person under a full name and a surname ("Robert Mueller", "Mueller") is one party.
    full = {}
    for name, kind in kinds.items():
        if kind == "person" and " " in name:
            full.setdefault(name.split()[-1], set()).add(name)
    for name in [n for n, k in kinds.items() if k == "person" and " " not in n and len(full.get(n, ())) == 1]:
        (target,) = full[name]
        rows[target].extend(rows.pop(name))
        kinds.pop(name)
        for parties in together.values():
            if name in parties:
                parties.discard(name)
                parties.add(target)
        top = {a: (target if p == name else p) for a, p in top.items()}
    for members in rows.values():
        members.sort(key=lambda m: (order[m.article_id], m.start))
    # A conflict: articles whose main responsible party differs, and no article names both.
    leading = set(top.values())
    rivals = {p for p in leading
              if any(q != p and not any({p, q} <= s for s in together.values()) for q in leading)}
    out = []
    for party, members in rows.items():
        articles = {m.article_id for m in members}
        if all(m.framing == "denied" for m in members):
            verdict = "denied"
        elif party in rivals:
            verdict = "conflict"
        elif len(articles) == 1:
            verdict = "single"
        else:
            verdict = "agree"
        out.append(BlameRow(party=party, kind=kinds[party], verdict=verdict, members=tuple(members)))
    out.sort(key=lambda r: (-len({m.article_id for m in r.members}), r.party))
    return tuple(out)


def _blame_statements(analysis: Analysis) -> Iterable[tuple[Party, BlameMember]]:
    text = analysis.article.text
    title_end = _title_end(analysis)
    covered: list[tuple[int, int]] = []
    seen: set[tuple[str, int]] = set()
    for attribution in analysis.attributions:
        content, cue = attribution.content, attribution.cue
        statement = f"{cue.text} {content.text}"
        if not _RESPONSIBILITY.search(statement) and not _DENIAL.search(statement):
            continue
        if content.end <= title_end:
            continue  # a headline is never a statement of a source
        by = _source_name(attribution, text)
        source_party = None
        if attribution.source is not None:
            source_party = party_of(attribution.source.resolved) or party_of(attribution.source.text)
        if by is None:
            by = "unnamed source"
        denied = bool(_DENIAL.search(statement))
        framing = "denied" if denied else _FRAMING_OF_CUE.get(cue.cue_class, "attributed")
        named = [p for _, _, p in find_parties(content.text, text)]
        if not named and source_party is not None and (denied or _CLAIM_CUE.search(cue.text)):
            named = [source_party]  # "IS claimed responsibility", "Ukraine denied any role"
        if denied and source_party is not None and source_party not in named:
            named = [source_party]
        start, end = min(cue.start, content.start), max(cue.end, content.end)
        if attribution.source is not None and attribution.source.start >= title_end:
            start = min(start, attribution.source.start)
        covered.append((start, end))
        for party in dict.fromkeys(named):
            if (party.name, start) in seen or party.name == by and not (denied or _CLAIM_CUE.search(cue.text)):
                continue
            seen.add((party.name, start))
            yield party, BlameMember(article_id=analysis.article.id, start=start, end=end, text=text[start:end],
                                     by=by, framing=framing)
    # The author's own, unattributed statements of responsibility.
    for sentence in analysis.sentences:
        if sentence.end <= title_end or any(s < sentence.end and sentence.start < e for s, e in covered):
            continue
        if not _RESPONSIBILITY.search(sentence.text) or _SAYS.search(sentence.text):
            continue
        denied = bool(_DENIAL.search(sentence.text))
        framing = "denied" if denied else ("hedged" if _HEDGED.search(sentence.text) else "asserted")
        for _, _, party in _first_parties(sentence.text, text):
            yield party, BlameMember(article_id=analysis.article.id, start=sentence.start, end=sentence.end,
                                     text=sentence.text, by="author", framing=framing)


_SAYS = re.compile(r"\b(?:said|says|say|told|according to|claimed|claims|alleged|alleges|accused|accuses|"
                   r"stated|reported|announced)\b", re.I)


def _first_parties(text: str, context: str) -> list[tuple[int, int, Party]]:
    """The parties of an author's sentence of responsibility: those named before "behind",
    "responsible", … or right after it (at most two)."""
    found = {}
    for start, end, party in find_parties(text, context):
        if start == 0 and party.kind == "person" and " " not in party.name:
            continue  # a sentence-initial capital is no evidence of a name
        found.setdefault(party.name, (start, end, party))
    return list(found.values())[:2]


def _title_end(analysis: Analysis) -> int:
    """Where the headline ends when the text starts with it (blame in a headline is not a statement)."""
    title = analysis.article.title
    text = analysis.article.text
    if title and text.startswith(title):
        return len(title)
    first = text.find("\n")
    if 0 < first < 200 and not text[:first].rstrip().endswith((".", '"', "”")):
        return first
    return 0
