"""Speed of the technique component: articles per second, and the ratio to bare spaCy.

Usage: PYTHONPATH=src python benchmarks/techniques_speed.py [--articles DIR] [--n 40]

Times (1) the bare English spaCy model (``nlp.pipe``) and (2) the same model with the
technique component added, on the first N PTC train articles, after one warm-up article.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from claimgraph.eval import ptc
from claimgraph.pipeline import build_pipeline, load_language


def _rate(nlp, texts: list[str]) -> float:
    nlp(texts[0])  # warm-up: model loading is not what we measure
    began = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=8):
        pass
    return len(texts) / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=Path, default=Path("../shared/data/ptc/train-articles"))
    parser.add_argument("--n", type=int, default=40)
    args = parser.parse_args()
    texts = list(ptc.read_articles(args.articles).values())[: args.n]
    bare = _rate(load_language(), texts)
    with_techniques = _rate(build_pipeline(("claimgraph_techniques_v1",)), texts)
    print(json.dumps({
        "articles": len(texts),
        "mean_chars": round(sum(map(len, texts)) / len(texts)),
        "bare_spacy_articles_per_s": round(bare, 2),
        "spacy_plus_techniques_articles_per_s": round(with_techniques, 2),
        "slowdown_vs_bare_spacy": round(bare / with_techniques, 2),
    }))


if __name__ == "__main__":
    main()
