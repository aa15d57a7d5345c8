"""Score the comparison that `main` had before compare/2 (``compare_event``) against the alignment gold set.

It adapts the old ``EventComparison`` (one aspect per figure role, pairwise differences, blame
by attribution content) to the compare/2 fields the scorer reads: each figure aspect becomes a
slot whose verdict is the aspect's status (agreement -> agree), each blamed party a blame entry
(framing ``asserted`` when the author says it, else ``attributed``). A reference point for the
rebuilt comparison; once ``compare_articles`` exists, use ``claimgraph evaluate alignment``.

    PYTHONPATH=src python benchmarks/alignment_baseline.py --part aside [--cache /tmp/gold-cache]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from claimgraph.corpus import compare_event
from claimgraph.eval.alignment import evaluate_alignment

ROOT = Path(__file__).resolve().parents[1]
_VERDICT = {"agreement": "agree", "update": "update", "conflict": "conflict"}


def old_compare(analyses, event_id: str) -> dict:
    comparison = compare_event(event_id, analyses)
    slots = []
    for aspect in comparison.figures:
        members = [{"article_id": r.article_id, "start": r.span.start, "end": r.span.end, "text": r.span.text}
                   for r in aspect.reports]
        articles = {m["article_id"] for m in members}
        verdict = _VERDICT.get(aspect.status, aspect.status) if len(articles) > 1 else "single"
        slots.append({"id": aspect.name, "label": aspect.name, "verdict": verdict, "members": members})
    parties: dict[str, list] = {}
    for r in comparison.blame.reports if comparison.blame else ():
        parties.setdefault(r.party, []).append({
            "article_id": r.article_id, "start": r.span.start, "end": r.span.end, "text": r.span.text,
            "by": r.said_by, "framing": "asserted" if r.said_by == "author" else "attributed"})
    blame = [{"party": p, "members": m} for p, m in parties.items()]
    return {"schema": "compare/2", "articles": [{"id": a.id} for a in comparison.articles], "slots": slots,
            "blame": blame, "claims": []}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "benchmarks" / "gold" / "alignment" / "alignment.jsonl")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--part", default="aside", choices=("select", "aside", "all"))
    parser.add_argument("--profile", default="fast", choices=("fast", "full"))
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--errors", action="store_true", help="Also print the errors.")
    args = parser.parse_args()
    result = evaluate_alignment(args.gold, args.data, part=args.part, profile=args.profile, cache=args.cache,
                                compare=old_compare)
    keys = ("slots", "differences", "blame", "framing", "events") + (("errors",) if args.errors else ())
    print(json.dumps({k: result[k] for k in keys}, indent=1))


if __name__ == "__main__":
    main()
