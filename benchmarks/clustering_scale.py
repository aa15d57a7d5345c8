"""Time and memory of event clustering for growing corpora (1k, 10k, 100k documents).

The corpus is built from real articles (ECB+, NewsWCL50, PolNeAR train, PTC train) plus
perturbed copies of them: half are syndicated copies (one sentence dropped, a tagline
added: near-duplicates), half are rewrites (40 % of sentences dropped, the rest shuffled,
numbers nudged: same event, not near-duplicates). Each copy is dated within three days of
its original. Features are the plain (regex) features, as ``claimgraph events`` uses.

Each size runs in its own process so that peak memory (ru_maxrss) is that size's alone::

    nice -n 10 env PYTHONPATH=src /work/venv/bin/python benchmarks/clustering_scale.py \
        --sizes 1000 10000 100000 --data ../shared/data

prints a Markdown table (and one JSON line per size with ``--json``). CPU times are
reported beside wall times because the machine may be shared: CPU time shows the growth.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"\b\d+\b")


def real_articles(data: Path) -> list[tuple[str, str]]:
    """(text, gold event) of every real article used as a seed."""
    from claimgraph.eval.ecbplus import read_corpus as read_ecbplus
    from claimgraph.eval.newswcl50 import read_corpus as read_newswcl50

    out = [(d.text, f"ecb:{d.gold_event}") for d in read_ecbplus(data / "ecbplus" / "ECB+")]
    out += [(a.text, f"wcl:{a.event}") for a in read_newswcl50(data / "newswcl50")]
    for folder in (data / "polnear" / "train" / "text", data / "ptc" / "train-articles"):
        out += [(p.read_text(encoding="utf-8"), f"own:{p.name}") for p in sorted(folder.glob("*.txt"))]
    return out


def perturbed(text: str, rng: random.Random) -> str:
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    if rng.random() < 0.5:  # syndicated copy
        if len(sentences) > 3:
            sentences.pop(rng.randrange(len(sentences)))
        return " ".join(sentences) + f" (Reporting by staff {rng.randrange(1000)})"
    kept = [s for s in sentences if rng.random() < 0.6] or sentences[:1]
    rng.shuffle(kept)
    return _NUMBER.sub(lambda m: str(int(m.group()) + rng.choice((0, 0, 1))), " ".join(kept))


def build_corpus(data: Path, size: int, seed: int = 13):
    from claimgraph.model import Analysis, Article

    rng = random.Random(seed)
    seeds = real_articles(data)
    base_day = 737_000
    event_days = {event: base_day + rng.randrange(3650) for event in sorted({e for _t, e in seeds})}
    days = [event_days[e] + rng.randrange(3) for _t, e in seeds]
    analyses, gold = [], {}
    for i in range(size):
        k = i % len(seeds) if i < len(seeds) else rng.randrange(len(seeds))
        text = seeds[k][0] if i < len(seeds) else perturbed(seeds[k][0], rng)
        day = days[k] + (0 if i < len(seeds) else rng.randrange(4))
        published = _iso(day)
        analyses.append(Analysis(article=Article(id=f"d{i}", text=text, published=published)))
        gold[f"d{i}"] = seeds[k][1]
    return analyses, gold


def _iso(day: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(day).isoformat()


def run_one(data: Path, size: int) -> dict:
    from claimgraph.corpus.clustering import cluster_features
    from claimgraph.corpus.features import extract_features
    from claimgraph.eval.clustering import score_clustering

    analyses, gold = build_corpus(data, size)
    start, cpu_start = time.perf_counter(), time.process_time()
    features = list(extract_features(analyses))
    featured, cpu_featured = time.perf_counter(), time.process_time()
    clusters = cluster_features(features)
    done, cpu_done = time.perf_counter(), time.process_time()
    predicted = {m: c.id for c in clusters for m in c.members}
    scores = score_clustering(predicted, gold)
    return {
        "documents": size,
        "features_s": round(featured - start, 1),
        "clustering_s": round(done - featured, 1),
        "features_cpu_s": round(cpu_featured - cpu_start, 1),
        "clustering_cpu_s": round(cpu_done - cpu_featured, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "clusters": len(clusters),
        "duplicate_groups": sum(len(c.duplicates) for c in clusters),
        "bcubed_f1": round(scores.bcubed_f1, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.one:
        sys.stdout.write(json.dumps(run_one(args.data, args.sizes[0])) + "\n")
        return
    rows = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", "--sizes", str(size), "--data", str(args.data)],
                             check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out))
        if args.json:
            sys.stdout.write(out)
            sys.stdout.flush()
    sys.stdout.write("| documents | features CPU (s) | clustering CPU (s) | clustering wall (s) | peak RSS (MB) "
                     "| clusters | duplicate groups | B-cubed F1 |\n")
    sys.stdout.write("|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    for r in rows:
        sys.stdout.write(f"| {r['documents']:,} | {r['features_cpu_s']} | {r['clustering_cpu_s']} | "
                         f"{r['clustering_s']} | {r['peak_rss_mb']} | "
                         f"{r['clusters']:,} | {r['duplicate_groups']:,} | {r['bcubed_f1']} |\n")


if __name__ == "__main__":
    main()
