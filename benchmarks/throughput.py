"""Throughput of ``claimgraph.pipe`` against bare ``en_core_web_sm`` ``nlp.pipe``.

Both run in this one process on the same texts (PolNeAR train articles by default), in
alternating rounds so that machine load hits both alike; the figure that matters is the
ratio. Peak resident memory is read after each phase (it only grows).

    python benchmarks/throughput.py --limit 200 --rounds 2
    python benchmarks/throughput.py --profile fast
    python benchmarks/throughput.py --components claimgraph_quantities_v1,claimgraph_times_v1
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_texts(folder: Path, limit: int) -> list[str]:
    files = sorted(folder.glob("*.txt"))[:limit]
    if not files:
        sys.exit(f"no .txt files in {folder}: pass --texts DIR")
    return [f.read_text(encoding="utf-8") for f in files]


def time_bare(nlp, texts: list[str], batch_size: int) -> float:
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_claimgraph(nlp, texts: list[str], batch_size: int) -> float:
    import claimgraph

    start = time.perf_counter()
    for _analysis in claimgraph.pipe(texts, batch_size=batch_size, nlp=nlp):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--components", default=None, help="comma-separated factory names (default: all; \"\" for none: the pipeline's own overhead)")
    parser.add_argument("--profile", default=None, help="full or fast (instead of --components)")
    args = parser.parse_args()

    from claimgraph.pipeline import build_pipeline, load_language

    texts = load_texts(args.texts, args.limit)
    words = sum(len(t.split()) for t in texts)
    bare = load_language()
    components = tuple(c for c in args.components.split(",") if c) if args.components is not None else None
    if args.profile:
        from claimgraph.pipeline import profile_components

        components = profile_components(args.profile)
    full = build_pipeline(components)
    time_bare(bare, texts[:5], args.batch_size)  # warm-up: load weights, fill caches
    time_claimgraph(full, texts[:5], args.batch_size)
    mem_start = peak_rss_mb()
    bare_times, full_times = [], []
    for _ in range(args.rounds):
        bare_times.append(time_bare(bare, texts, args.batch_size))
        full_times.append(time_claimgraph(full, texts, args.batch_size))
    bare_s, full_s = min(bare_times), min(full_times)
    result = {
        "articles": len(texts),
        "words": words,
        "bare_spacy": {"articles_per_s": len(texts) / bare_s, "words_per_s": words / bare_s},
        "claimgraph": {"articles_per_s": len(texts) / full_s, "words_per_s": words / full_s},
        "ratio": bare_s / full_s,
        "peak_rss_mb": peak_rss_mb(),
        "peak_rss_mb_after_loading": mem_start,
        "components": list(full.pipe_names[len(bare.pipe_names):]),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
