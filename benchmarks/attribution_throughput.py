"""Throughput of the attribution and claims components next to bare spaCy.

Usage: PYTHONPATH=src python benchmarks/attribution_throughput.py ../shared/data/polnear/dev/text

Times the bare English model over the texts (parse), then claimgraph's
attribution and claims components over the parsed docs, in the same process, and
reports words per second and the ratio ``parse / (parse + components)``: the speed of
the pipeline with these components on, as a share of bare spaCy's. Timing the two parts
separately keeps the ratio steady when other jobs share the machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from claimgraph.pipeline import build_pipeline, load_language

COMPONENTS = ("claimgraph_attribution_v1", "claimgraph_claims_v1")


def main(folder: str) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    bare = load_language()
    start = time.perf_counter()
    docs = list(bare.pipe(texts, batch_size=16))
    parse = time.perf_counter() - start
    full = build_pipeline(COMPONENTS)
    pipes = [full.get_pipe(name) for name in COMPONENTS]
    start = time.perf_counter()
    for doc in docs:
        for pipe in pipes:
            pipe(doc)
    ours = time.perf_counter() - start
    sys.stdout.write(f"texts {len(texts)}, words {words}\n")
    sys.stdout.write(f"bare spaCy: {words / parse:.0f} words/s ({parse:.1f} s)\n")
    sys.stdout.write(f"components alone: {words / ours:.0f} words/s ({ours:.1f} s)\n")
    sys.stdout.write(f"ratio with components on: {parse / (parse + ours):.2f}\n")


if __name__ == "__main__":
    main(sys.argv[1])
