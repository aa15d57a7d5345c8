"""Time the quantities and times components (after spaCy) on PolNeAR dev articles.

    PYTHONPATH=src python benchmarks/grounding_speed.py [--data ../shared/data] [--articles 40]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from claimgraph.components import register_all
from claimgraph.components.quantities.component import find_quantities
from claimgraph.components.times.component import find_times
from claimgraph.pipeline import load_language

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args()
    register_all()
    nlp = load_language()
    files = sorted((args.data / "polnear" / "dev" / "text").glob("*.txt"))[: args.articles]
    texts = [f.read_text(encoding="utf-8") for f in files]
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    report = {"articles": len(texts), "characters": sum(map(len, texts)),
              "spacy_seconds": round(time.perf_counter() - started, 2)}
    for doc in docs:
        doc._.cg_meta = {"published": "2016-09-20"}
    for name, find in (("quantities", find_quantities), ("times", find_times)):
        started = time.perf_counter()
        found = sum(len(list(find(doc))) for doc in docs)
        report[f"{name}_seconds"] = round(time.perf_counter() - started, 2)
        report[f"{name}_found"] = found
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
