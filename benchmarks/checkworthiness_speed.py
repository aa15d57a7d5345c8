"""Throughput of the check-worthiness component against bare spaCy, in one process.

    PYTHONPATH=src python benchmarks/checkworthiness_speed.py [--texts 100] [--rounds 3]
    PYTHONPATH=src python benchmarks/checkworthiness_speed.py --component claimgraph_checkworthiness_encoder_v1

Reads the first N PolNeAR train texts (sorted by name), runs bare en_core_web_sm
(``claimgraph.pipeline.load_language()``) and ``build_pipeline((COMPONENT,))`` (the lexical
component by default, ``--component`` for the encoder one) over them, alternating, and reports the best CPU time of each and their ratio; it also
times the component alone on parsed docs, which gives the ratio with less noise (bare
time over bare time plus the component's). CPU time, alternation and the best of several
rounds damp the noise of a machine shared with other jobs.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from claimgraph.pipeline import build_pipeline, load_language

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("CLAIMGRAPH_SHARED_DATA", ROOT.parent / "shared" / "data"))
POLNEAR = SHARED_DATA / "polnear" / "train" / "text"


def _seconds(nlp, texts: list[str], batch_size: int) -> float:
    """CPU seconds of this process (wall time swings with other jobs on a shared machine)."""
    began = time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.process_time() - began


def _component_seconds(nlp, name: str, texts: list[str], batch_size: int) -> float:
    """CPU seconds of the check-worthiness component alone, on docs spaCy has parsed."""
    docs = list(load_language().pipe(texts, batch_size=batch_size))
    component = nlp.get_pipe(name)
    began = time.process_time()
    for _ in component.pipe(docs, batch_size=batch_size):
        pass
    return time.process_time() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--component", default="claimgraph_checkworthiness_v1")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.polnear.glob("*.txt"))[: args.texts]]
    if not texts:
        raise SystemExit(f"no PolNeAR texts in {args.polnear}: pass --polnear or set CLAIMGRAPH_SHARED_DATA")
    bare = load_language()
    with_component = build_pipeline((args.component,))
    _seconds(bare, texts[:5], args.batch_size)  # warm up both
    _seconds(with_component, texts[:5], args.batch_size)
    bare_times, component_times = [], []
    for _ in range(args.rounds):
        bare_times.append(_seconds(bare, texts, args.batch_size))
        component_times.append(_seconds(with_component, texts, args.batch_size))
    alone = min(_component_seconds(with_component, args.component, texts, args.batch_size) for _ in range(args.rounds))
    sentences = sum(len(doc._.cg_sentences) for doc in with_component.pipe(texts, batch_size=args.batch_size))
    words = sum(len(t.split()) for t in texts)
    result = {
        "component": args.component, "texts": len(texts), "words": words, "sentences": sentences, "rounds": args.rounds,
        "bare_seconds": round(min(bare_times), 3), "component_seconds": round(min(component_times), 3),
        "bare_words_per_second": round(words / min(bare_times)),
        "component_words_per_second": round(words / min(component_times)),
        "ratio": round(min(bare_times) / min(component_times), 3),
        "component_alone_seconds": round(alone, 3),
        "ratio_from_component_alone": round(min(bare_times) / (min(bare_times) + alone), 3),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
