"""Score quantities and times against the project's gold sets; prints one JSON object.

    PYTHONPATH=src python benchmarks/grounding_accuracy.py [--data ../shared/data] [--set gold|heldout]

``gold`` is the main gold set (146 quantity and 145 time items); ``heldout`` the smaller set
annotated later, on other articles, after the rules were fixed (45 and 48 items).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from claimgraph.eval.grounding import evaluate_grounding

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--set", choices=("gold", "heldout"), default="gold")
    args = parser.parse_args()
    started = time.perf_counter()
    report = evaluate_grounding(
        args.data,
        ROOT / f"tests/data/quantities_{args.set}.jsonl",
        ROOT / f"tests/data/times_{args.set}.jsonl",
    )
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
