"""Write alignment.jsonl from the hand annotations in annotations.py.

Each annotated span is written there as a quote of the reader's text with the span marked
``[[...]]`` (enough context around it to occur once); this script only turns those quotes
into character offsets, refusing quotes that do not occur exactly once. Every decision
(which figure, which slot, which party and framing) is in annotations.py, made by reading.

    PYTHONPATH=src python benchmarks/gold/alignment/build.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from annotations import EVENTS  # noqa: E402

from claimgraph.eval.ecbplus import read_corpus as read_ecb  # noqa: E402
from claimgraph.eval.newswcl50 import read_corpus as read_wcl  # noqa: E402


def locate(text: str, quote: str, where: str) -> tuple[int, int, str]:
    head, rest = quote.split("[[", 1)
    span, tail = rest.split("]]", 1)
    needle = head + span + tail
    found = []
    start = text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    if len(found) != 1:
        raise SystemExit(f"{where}: quote {quote!r} occurs {len(found)} times")
    begin = found[0] + len(head)
    return begin, begin + len(span), span


def expand(event: dict) -> dict:
    """NewsWCL50 events name their articles by outlet code (L, LL, M, R, RR); all five by default."""
    if event["dataset"] != "newswcl50":
        return event
    n = event["event"].split("/")[1]
    full = lambda code: f"{n}/-/{n}_{code}"  # noqa: E731
    out = dict(event, articles=[full(c) for c in event.get("articles", ("LL", "L", "M", "R", "RR"))])
    out["slots"] = [dict(s, members=[(full(a), q, v) for a, q, v in s["members"]]) for s in event.get("slots", [])]
    out["negatives"] = [(full(a), q, w) for a, q, w in event.get("negatives", [])]
    out["blame"] = [(full(b[0]), *b[1:]) for b in event.get("blame", [])]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=HERE.parents[2].parent / "shared" / "data")
    args = parser.parse_args()
    wcl = {d.doc_id: d for d in read_wcl(args.data / "newswcl50")}
    topics = {a.split("_", 1)[0] for e in EVENTS if e["dataset"] == "ecbplus" for a in e["articles"]}
    ecb = {d.name: d for d in read_ecb(args.data / "ecbplus" / "ECB+", topics=topics)}
    lines = []
    for event in map(expand, EVENTS):
        docs = wcl if event["dataset"] == "newswcl50" else ecb
        articles = []
        for article in event["articles"]:
            doc = docs[article]
            if event["dataset"] == "newswcl50":
                articles.append({"id": article, "outlet": doc.outlet_name, "published": doc.published})
            else:
                articles.append({"id": article, "outlet": None, "published": None})

        def span(article: str, quote: str, where: str) -> dict:
            start, end, text = locate(docs[article].text, quote, f"{event['event']} {article} {where}")
            return {"article": article, "start": start, "end": end, "text": text}

        slots = []
        for slot in event.get("slots", []):
            members = [{**span(a, q, slot["label"]), "value": v} for a, q, v in slot["members"]]
            slots.append({**{k: slot.get(k) for k in ("label", "role", "referent", "unit", "differs", "kind")},
                          "members": members})
        negatives = [{**span(a, q, "negative"), "why": why} for a, q, why in event.get("negatives", [])]
        blame = []
        for entry in event.get("blame", []):
            a, q, party, kind, by, framing = entry[:6]
            record = {**span(a, q, "blame"), "party": party, "kind": kind, "by": by, "framing": framing}
            if len(entry) > 6:
                record["aliases"] = list(entry[6])
            blame.append(record)
        lines.append(json.dumps({"event": event["event"], "dataset": event["dataset"], "part": event["part"],
                                 "articles": articles, "slots": slots, "negatives": negatives, "blame": blame},
                                ensure_ascii=False))
    (HERE / "alignment.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} events to {HERE / 'alignment.jsonl'}")


if __name__ == "__main__":
    main()
