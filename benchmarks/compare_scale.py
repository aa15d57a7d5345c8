"""Time of ``compare_articles`` for synthetic events of 100, 1,000 and 10,000 articles.

The events are built from real analyses: the five NewsWCL50 reports of one event (the
migrant caravan by default), analysed once with the ``fast`` profile and cached in
``--cache``. Each synthetic article is a copy of one of them under its own id and outlet,
dated within five days, with every figure's value (and bounds) scaled by a random factor
in [0.7, 1.4], so slots hold varied figures and dates. The whole comparison is timed:
slots, blame and claims across outlets (static sentence embeddings when present).

    nice -n 10 env PYTHONPATH=src /work/venv/bin/python benchmarks/compare_scale.py \\
        --sizes 100 1000 10000 --data ../shared/data

prints a Markdown table: wall and CPU seconds per size and the ratio to the size ten
times smaller (10 means linear, 100 quadratic).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import tempfile
import time
from pathlib import Path


def seed_analyses(data: Path, event: str, cache: Path) -> list:
    from claimgraph import analyze
    from claimgraph.eval.newswcl50 import read_corpus
    from claimgraph.model import Analysis, Article, from_dict, to_dict

    path = cache / f"newswcl50-{event}.json"
    if path.exists():
        return [from_dict(Analysis, d) for d in json.loads(path.read_text(encoding="utf-8"))]
    news = [a for a in read_corpus(data / "newswcl50") if a.event == event]
    analyses = [analyze(Article(id=f"nw-{a.doc_id}", text=a.text, outlet=a.outlet_name, published=a.published),
                        profile="fast") for a in news]
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([to_dict(a) for a in analyses]), encoding="utf-8")
    return analyses


def synthetic_event(seeds: list, size: int, rng: random.Random) -> list:
    out = []
    for n in range(size):
        base = seeds[n % len(seeds)]
        factor = rng.uniform(0.7, 1.4)

        def scale(x):
            return None if x is None else round(x * factor)

        quantities = tuple(dataclasses.replace(q, value=scale(q.value), low=scale(q.low), high=scale(q.high))
                           for q in base.quantities)
        article = dataclasses.replace(base.article, id=f"{base.article.id}#{n}", outlet=f"Outlet {n}",
                                      published=f"2018-04-{25 + rng.randrange(5):02d}")
        out.append(dataclasses.replace(base, article=article, quantities=quantities))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--event", default="6")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "claimgraph-bench")
    args = parser.parse_args()
    from claimgraph.corpus import compare_articles

    seeds = seed_analyses(args.data, args.event, args.cache)
    compare_articles(seeds)  # warm-up: loads the embedding model and the gazetteer
    rows, previous = [], None
    for size in args.sizes:
        analyses = synthetic_event(seeds, size, random.Random(size))
        wall, cpu = time.perf_counter(), time.process_time()
        comparison = compare_articles(analyses, event_id="bench")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        ratio = f"{cpu / previous:.1f}" if previous else ""
        rows.append(f"| {size:,} | {wall:.2f} | {cpu:.2f} | {ratio} | {len(comparison.slots)} | "
                    f"{len(comparison.blame)} | {len(comparison.claims)} |")
        previous = cpu
    print("| articles | wall s | CPU s | CPU ratio to 10x fewer | slots | blame rows | claim rows |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
