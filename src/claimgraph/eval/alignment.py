"""Cross-outlet alignment scored against a hand-annotated gold set (``claimgraph evaluate alignment``).

The gold set (``benchmarks/gold/alignment/``, format and rules in its README) holds one JSON
line per event: the event's articles, its fact slots (figure mentions, by character offsets
into the reader's text, that count the same referent), figures that belong to no slot
(``negatives``) and, per article, the parties it blames for the event's central act with
their framing. A prediction is a ``compare/2`` document (``claimgraph.corpus.comparison_to_dict``).

Measures, all micro-averaged over the events scored:

- **slot alignment**: pairwise precision, recall and F1 over pairs of figure mentions in
  *different* articles that share a slot. A predicted member is matched to the gold mention
  (slot member or negative) of the same article that it overlaps most; a predicted pair is
  correct when both ends match members of the same gold slot. A gold pair is found when some
  predicted slot holds members matching both ends.
- **reported differences**: of the predicted slots whose verdict is ``update`` or
  ``conflict``, the share whose members match, in at least two articles, one gold slot that
  really differs (``differs: true``); the gold slot of a predicted slot is the one most of its
  matched members belong to. ``strict`` also requires every member to match that gold slot.
- **blame parties**: precision and recall of the (article, party) pairs, parties compared
  after :func:`normalise_party`; a gold party may list ``aliases`` that count as the same.
- **framing**: accuracy over predicted blame members whose (article, party) is in the gold,
  each compared with the gold mention it overlaps (or, failing that, the nearest gold
  mention of that party in that article).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DatasetError

__all__ = [
    "FRAMINGS",
    "GoldEvent",
    "AlignmentCounts",
    "read_gold",
    "normalise_party",
    "score_event",
    "summarise",
    "evaluate_alignment",
    "GoldFormatError",
    "GoldOffsetError",
    "GoldArticleError",
    "ComparisonFormatError",
]

FRAMINGS = ("asserted", "attributed", "distancing", "endorsing", "hedged", "denied")
PARTS = ("select", "aside")
DATASETS = ("newswcl50", "ecbplus")
DIFFERENCE_VERDICTS = frozenset({"update", "conflict"})


class GoldFormatError(DatasetError):
    """A gold line that is not valid JSON or lacks a required field; the message names the line."""

    code = "CG603"


class GoldOffsetError(DatasetError):
    """A gold span whose offsets do not hold its text in the reader's text of the article."""

    code = "CG604"


class GoldArticleError(DatasetError):
    """A gold article id that the data folder does not have."""

    code = "CG605"


class ComparisonFormatError(DatasetError):
    """A comparison that is not a ``compare/2`` document, or a claimgraph without ``compare_articles``."""

    code = "CG606"


# -- gold ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    event: str
    dataset: str
    part: str
    articles: tuple[dict[str, Any], ...]
    slots: tuple[dict[str, Any], ...]
    negatives: tuple[dict[str, Any], ...]
    blame: tuple[dict[str, Any], ...]
    line: int = 0

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(a["id"] for a in self.articles)

    def spans(self) -> Iterable[dict[str, Any]]:
        """Every annotated span (slot members, negatives, blame mentions)."""
        for slot in self.slots:
            yield from slot["members"]
        yield from self.negatives
        yield from self.blame


def read_gold(path: Path) -> list[GoldEvent]:
    """The events of a gold JSONL file; a malformed line raises :class:`GoldFormatError` naming it."""
    if not path.is_file():
        raise DatasetError(f"{path} is not a file: give the gold JSONL file (benchmarks/gold/alignment/alignment.jsonl)")
    events = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{number}: not a JSON object ({exc.msg}): fix or remove the line") from None
        events.append(_gold_event(record, f"{path}:{number}", number))
    if not events:
        raise GoldFormatError(f"{path} holds no gold events")
    return events


def _gold_event(record: Any, where: str, number: int) -> GoldEvent:
    def need(obj: Any, key: str, kind: type | tuple[type, ...], what: str) -> Any:
        if not isinstance(obj, dict) or key not in obj or not isinstance(obj[key], kind):
            raise GoldFormatError(f"{where}: {what} needs a {key!r} field"
                                  f" of type {getattr(kind, '__name__', kind)}")
        return obj[key]

    need(record, "event", str, "the event")
    dataset = need(record, "dataset", str, "the event")
    part = need(record, "part", str, "the event")
    if dataset not in DATASETS or part not in PARTS:
        raise GoldFormatError(f"{where}: dataset must be one of {DATASETS} and part one of {PARTS}")
    articles = need(record, "articles", list, "the event")
    ids = set()
    for article in articles:
        ids.add(need(article, "id", str, "an article"))
    if len(articles) < 2:
        raise GoldFormatError(f"{where}: an event needs at least two articles")

    def span(obj: Any, what: str) -> None:
        article = need(obj, "article", str, what)
        if article not in ids:
            raise GoldFormatError(f"{where}: {what} names article {article!r}, which the event does not list")
        start, end = need(obj, "start", int, what), need(obj, "end", int, what)
        need(obj, "text", str, what)
        if not 0 <= start < end:
            raise GoldFormatError(f"{where}: {what} has offsets {start}..{end}: start must be below end")

    slots = record.get("slots", [])
    negatives = record.get("negatives", [])
    blame = record.get("blame", [])
    if not all(isinstance(x, list) for x in (slots, negatives, blame)):
        raise GoldFormatError(f"{where}: slots, negatives and blame must be lists")
    for slot in slots:
        need(slot, "label", str, "a slot")
        need(slot, "differs", bool, "a slot")
        if slot.get("kind") not in (None, "update", "conflict"):
            raise GoldFormatError(f"{where}: slot {slot['label']!r}: kind must be update, conflict or null")
        for member in need(slot, "members", list, "a slot"):
            span(member, f"a member of slot {slot['label']!r}")
    for negative in negatives:
        span(negative, "a negative")
    for entry in blame:
        span(entry, "a blame mention")
        need(entry, "party", str, "a blame mention")
        if need(entry, "framing", str, "a blame mention") not in FRAMINGS:
            raise GoldFormatError(f"{where}: blame framing {entry['framing']!r} is not one of {FRAMINGS}")
    return GoldEvent(
        event=record["event"], dataset=dataset, part=part, articles=tuple(articles), slots=tuple(slots),
        negatives=tuple(negatives), blame=tuple(blame), line=number,
    )


def check_offsets(event: GoldEvent, texts: Mapping[str, str]) -> None:
    """Raise :class:`GoldOffsetError` when a gold span's text is not at its offsets."""
    for span in event.spans():
        text = texts.get(span["article"])
        if text is None:
            raise GoldArticleError(f"gold line {event.line} ({event.event}): no text for article {span['article']!r}")
        if text[span["start"]:span["end"]] != span["text"]:
            raise GoldOffsetError(
                f"gold line {event.line} ({event.event}), article {span['article']}: offsets "
                f"{span['start']}..{span['end']} hold {text[span['start']:span['end']]!r}, not {span['text']!r}"
            )


# -- scoring ---------------------------------------------------------------------------
@dataclass(slots=True)
class AlignmentCounts:
    """Counts from which every measure is computed; they add up over events."""

    pred_pairs: int = 0
    correct_pairs: int = 0
    gold_pairs: int = 0
    found_pairs: int = 0
    differences: int = 0
    real_differences: int = 0
    strict_differences: int = 0
    kind_matches: int = 0
    pred_parties: int = 0
    gold_parties: int = 0
    matched_parties: int = 0
    framed: int = 0
    framing_correct: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: AlignmentCounts) -> None:
        for name in self.__slots__:
            if name != "errors":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def scores(self) -> dict[str, Any]:
        p = _ratio(self.correct_pairs, self.pred_pairs)
        r = _ratio(self.found_pairs, self.gold_pairs)
        bp = _ratio(self.matched_parties, self.pred_parties)
        br = _ratio(self.matched_parties, self.gold_parties)
        return {
            "slots": {"precision": p, "recall": r, "f1": _f1(p, r), "predicted_pairs": self.pred_pairs,
                      "gold_pairs": self.gold_pairs},
            "differences": {"precision": _ratio(self.real_differences, self.differences),
                            "strict_precision": _ratio(self.strict_differences, self.differences),
                            "kind_agreement": _ratio(self.kind_matches, self.real_differences),
                            "reported": self.differences},
            "blame": {"precision": bp, "recall": br, "f1": _f1(bp, br), "predicted": self.pred_parties,
                      "gold": self.gold_parties},
            "framing": {"accuracy": _ratio(self.framing_correct, self.framed), "matched": self.framed},
        }


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


_THE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


def normalise_party(name: str) -> str:
    """Lower-case, strip accents, a leading article and a trailing possessive, punctuation to spaces."""
    text = _POSSESSIVE.sub("", unicodedata.normalize("NFKD", name).strip())
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return _THE.sub("", text)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_event(gold: GoldEvent, comparison: Mapping[str, Any], article_map: Mapping[str, str] | None = None) -> AlignmentCounts:
    """Score one ``compare/2`` document against one gold event.

    ``article_map`` maps the comparison's article ids to the gold's (identity when None);
    members of articles it does not map are ignored.
    """
    if comparison.get("schema") != "compare/2":
        raise ComparisonFormatError(f"the comparison of {gold.event} is {comparison.get('schema')!r}, not compare/2")
    to_gold = (lambda a: a) if article_map is None else article_map.get
    counts = AlignmentCounts()
    _score_slots(gold, comparison.get("slots") or [], to_gold, counts)
    _score_blame(gold, comparison.get("blame") or [], to_gold, counts)
    return counts


def _gold_mentions(gold: GoldEvent) -> dict[str, list[tuple[tuple[int, int], int | None, int]]]:
    """Per article: (span, slot index or None for a negative, mention number)."""
    mentions: dict[str, list] = {}
    number = 0
    for index, slot in enumerate(gold.slots):
        for m in slot["members"]:
            mentions.setdefault(m["article"], []).append(((m["start"], m["end"]), index, number))
            number += 1
    for n in gold.negatives:
        mentions.setdefault(n["article"], []).append(((n["start"], n["end"]), None, number))
        number += 1
    return mentions


def _score_slots(gold: GoldEvent, slots: Sequence[Mapping[str, Any]], to_gold, counts: AlignmentCounts) -> None:
    mentions = _gold_mentions(gold)
    member_article: dict[int, str] = {}
    member_slot: dict[int, int] = {}
    member_text = {n: m["text"] for n, m in enumerate(m for s in gold.slots for m in s["members"])}
    for article, items in mentions.items():
        for _span, slot, number in items:
            member_article[number] = article
            if slot is not None:
                member_slot[number] = slot
    covered: dict[int, set[int]] = {}  # gold mention -> predicted slots that match it
    for p_index, slot in enumerate(slots):
        matched: list[tuple[str, int | None, int | None]] = []  # (article, gold mention, gold slot)
        for member in slot.get("members") or []:
            article = to_gold(str(member.get("article_id")))
            if article is None:
                continue
            span = (int(member.get("start", 0)), int(member.get("end", 0)))
            best = max(mentions.get(article, []), key=lambda m: _overlap(span, m[0]), default=None)
            if best is None or _overlap(span, best[0]) == 0:
                matched.append((article, None, None))
                counts.errors.append({"event": gold.event, "error": "figure in no gold slot", "article": article,
                                      "text": member.get("text"), "slot": slot.get("label")})
                continue
            matched.append((article, best[2], best[1]))
            covered.setdefault(best[2], set()).add(p_index)
            if best[1] is None:
                counts.errors.append({"event": gold.event, "error": "negative in a slot", "article": article,
                                      "text": member.get("text"), "slot": slot.get("label")})
        for i in range(len(matched)):
            for j in range(i + 1, len(matched)):
                (a1, _m1, s1), (a2, _m2, s2) = matched[i], matched[j]
                if a1 == a2:
                    continue
                counts.pred_pairs += 1
                if s1 is not None and s1 == s2:
                    counts.correct_pairs += 1
        if slot.get("verdict") in DIFFERENCE_VERDICTS:
            _score_difference(gold, slot, matched, counts)
    for index, gslot in enumerate(gold.slots):
        numbered = [n for n, s in member_slot.items() if s == index]
        for i in range(len(numbered)):
            for j in range(i + 1, len(numbered)):
                a, b = numbered[i], numbered[j]
                if member_article[a] == member_article[b]:
                    continue
                counts.gold_pairs += 1
                if covered.get(a, set()) & covered.get(b, set()):
                    counts.found_pairs += 1
                else:
                    counts.errors.append({"event": gold.event, "error": "missed pair", "slot": gslot["label"],
                                          "articles": [member_article[a], member_article[b]],
                                          "texts": [member_text[a], member_text[b]]})


def _score_difference(gold: GoldEvent, slot: Mapping[str, Any], matched, counts: AlignmentCounts) -> None:
    counts.differences += 1
    votes = Counter(s for _a, _m, s in matched if s is not None)
    real = False
    if votes:
        top, _n = max(votes.items(), key=lambda kv: (kv[1], -kv[0]))
        articles = {a for a, _m, s in matched if s == top}
        gslot = gold.slots[top]
        real = bool(gslot["differs"]) and len(articles) >= 2
        if real:
            counts.real_differences += 1
            counts.strict_differences += all(s == top for _a, _m, s in matched)
            counts.kind_matches += gslot.get("kind") == slot.get("verdict")
    if not real:
        counts.errors.append({"event": gold.event, "error": f"false {slot.get('verdict')}", "slot": slot.get("label"),
                              "values": [m.get("text") for m in slot.get("members") or []]})


def _score_blame(gold: GoldEvent, blame: Sequence[Mapping[str, Any]], to_gold, counts: AlignmentCounts) -> None:
    names: dict[str, str] = {}  # any accepted name -> canonical gold party
    gold_mentions: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for entry in gold.blame:
        party = normalise_party(entry["party"])
        names[party] = party
        for alias in entry.get("aliases", ()):
            names.setdefault(normalise_party(alias), party)
        gold_mentions.setdefault((entry["article"], party), []).append(entry)
    predicted: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for entry in blame:
        key = normalise_party(str(entry.get("party", "")))
        party = names.get(key, key)
        for member in entry.get("members") or []:
            article = to_gold(str(member.get("article_id")))
            if article is not None:
                predicted.setdefault((article, party), []).append(member)
    counts.pred_parties += len(predicted)
    counts.gold_parties += len(gold_mentions)
    for pair in predicted.keys() - gold_mentions.keys():
        counts.errors.append({"event": gold.event, "error": "false party", "article": pair[0], "party": pair[1]})
    for pair in gold_mentions.keys() - predicted.keys():
        counts.errors.append({"event": gold.event, "error": "missed party", "article": pair[0], "party": pair[1]})
    for pair in predicted.keys() & gold_mentions.keys():
        counts.matched_parties += 1
        candidates = gold_mentions[pair]
        for member in predicted[pair]:
            span = (int(member.get("start", 0)), int(member.get("end", 0)))
            best = max(candidates, key=lambda g: (_overlap(span, (g["start"], g["end"])),
                                                  -abs(g["start"] - span[0])))
            counts.framed += 1
            if member.get("framing") == best["framing"]:
                counts.framing_correct += 1
            else:
                counts.errors.append({"event": gold.event, "error": "wrong framing", "article": pair[0],
                                      "party": pair[1], "predicted": member.get("framing"),
                                      "gold": best["framing"]})


def summarise(per_event: Mapping[str, AlignmentCounts]) -> dict[str, Any]:
    """Micro-averaged scores over events, plus each event's own scores and the errors."""
    total = AlignmentCounts()
    for counts in per_event.values():
        total.add(counts)
    result = total.scores()
    result["events"] = len(per_event)
    result["per_event"] = {event: counts.scores() for event, counts in per_event.items()}
    result["errors"] = total.errors
    return result


# -- reading the articles and running the comparison ----------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class _Doc:
    id: str
    text: str
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


def gold_texts(events: Sequence[GoldEvent], data: Path) -> dict[str, _Doc]:
    """The reader's document of every article the gold events name, by gold article id."""
    docs: dict[str, _Doc] = {}
    if any(e.dataset == "newswcl50" for e in events):
        from .newswcl50 import read_corpus as read_wcl

        for d in read_wcl(data / "newswcl50"):
            docs[d.doc_id] = _Doc(id=d.doc_id, text=d.text, outlet=d.outlet_name, published=d.published, url=d.url)
    topics = {a["id"].split("_", 1)[0] for e in events if e.dataset == "ecbplus" for a in e.articles}
    if topics:
        from .ecbplus import read_corpus as read_ecb

        for d in read_ecb(data / "ecbplus" / "ECB+", topics=topics):
            docs[d.name] = _Doc(id=d.name, text=d.text)
    for event in events:
        for article in event.article_ids:
            if article not in docs:
                raise GoldArticleError(f"gold line {event.line} ({event.event}) names article {article!r}, "
                                       f"which {data} does not have: give the shared data folder with --data")
    return docs


def evaluate_alignment(
    gold_path: Path, data: Path, *, part: str = "all", profile: str = "fast", cache: Path | None = None,
    compare: Callable[[Sequence[Any], str], Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Analyse each gold event's articles, compare them and score the comparison against the gold.

    ``part`` is ``select``, ``aside`` or ``all``. ``cache`` (optional) is a folder where the
    analyses are kept as JSON between runs, keyed by profile and article. ``compare`` maps
    (analyses, event id) to a ``compare/2`` document; by default
    ``comparison_to_dict(compare_articles(analyses, event_id=...))``.
    """
    if compare is None:
        compare = _compare_articles()
    events = [e for e in read_gold(gold_path) if part == "all" or e.part == part]
    if not events:
        raise DatasetError(f"{gold_path} holds no events of part {part!r}")
    docs = gold_texts(events, data)
    for event in events:
        check_offsets(event, {a: docs[a].text for a in event.article_ids})
    analyses = _analyse([docs[a] for e in events for a in e.article_ids], profile, cache)
    per_event: dict[str, AlignmentCounts] = {}
    for event in events:
        chosen = [analyses[a] for a in event.article_ids]
        article_map = {analysis.article.id: gold_id for gold_id, analysis in zip(event.article_ids, chosen)}
        comparison = compare(chosen, event.event)
        per_event[event.event] = score_event(event, comparison, article_map)
    result = summarise(per_event)
    result.update(part=part, profile=profile, gold=str(gold_path))
    return result


def _compare_articles() -> Callable[[Sequence[Any], str], Mapping[str, Any]]:
    from .. import corpus

    compare_articles = getattr(corpus, "compare_articles", None)
    if compare_articles is None:
        raise ComparisonFormatError("this claimgraph has no claimgraph.corpus.compare_articles (the compare/2 "
                                    "comparison): update claimgraph")
    return lambda analyses, event_id: corpus.comparison_to_dict(compare_articles(analyses, event_id=event_id))


def _analyse(docs: Sequence[_Doc], profile: str, cache: Path | None) -> dict[str, Any]:
    from ..ingest import make_article
    from ..pipeline import pipe
    from ..serialize import from_json, to_json

    unique = {d.id: d for d in docs}
    result: dict[str, Any] = {}
    todo = []
    for doc in unique.values():
        title = doc.text.split("\n", 1)[0].strip() or None
        article = make_article(doc.text, title=title, outlet=doc.outlet, published=doc.published, url=doc.url)
        path = cache / profile / f"{article.id}.json" if cache is not None else None
        if path is not None and path.is_file():
            result[doc.id] = from_json(path.read_text(encoding="utf-8"))
        else:
            todo.append((doc.id, article, path))
    for (doc_id, _article, path), analysis in zip(todo, pipe([a for _i, a, _p in todo], profile=profile)):
        result[doc_id] = analysis
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(to_json(analysis, indent=None), encoding="utf-8")
    return result
