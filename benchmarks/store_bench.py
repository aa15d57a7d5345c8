"""Speed of the SQLite store on a synthetic corpus: writes, search, streaming.

    PYTHONPATH=src python benchmarks/store_bench.py --articles 5000

Articles are generated (seeded) from a template, each with an analysis of 12 records
(sentences, an attribution, claims, a quantity, a time, a place, an event, a technique),
so the figures measure the store, not the pipeline.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from claimgraph.model import (
    Analysis, Article, Attribution, Claim, Cue, Event, Place, Quantity, Sentence, Source, Span, Technique,
    TimeExpression,
)  # fmt: skip
from claimgraph.store import open_store

WORDS = "police army minister city market school hospital bridge storm fire court vote".split()
SOURCES = ["The US government", "Police", "A spokesperson", "Witnesses", "The ministry"]


def make(i: int, rng: random.Random) -> Analysis:
    source, word = rng.choice(SOURCES), rng.choice(WORDS)
    n = rng.randint(2, 500)
    first = f"{source} said {n} people were hurt near the {word} in Springfield on 3 May 2024."
    second = f"This is a shocking failure of the {rng.choice(WORDS)}."
    filler = " ".join(rng.choice(WORDS) for _ in range(300))
    text = f"{first} {second} {filler}."
    article = Article(id=f"a{i:07d}", text=text, title=f"{word.title()} news {i}", published=f"2024-05-{i % 28 + 1:02d}",
                      outlet=f"Outlet {i % 7}")  # fmt: skip

    def sp(needle: str) -> dict[str, object]:
        s = text.index(needle)
        return {"start": s, "end": s + len(needle), "text": needle}

    content = f"{n} people were hurt near the {word} in Springfield on 3 May 2024"
    q = Quantity(**sp(f"{n} people"), value=float(n), unit="people", role="injured")
    t = TimeExpression(**sp("3 May 2024"), value="2024-05-03", precision="day")
    p = Place(**sp("Springfield"), name="Springfield", country="US", lat=39.8, lon=-89.6, precision="city")
    return Analysis(
        article=article,
        sentences=(Sentence(**sp(first), checkworthiness=0.8), Sentence(**sp(second), checkworthiness=0.3)),
        attributions=(Attribution(id="a1", source=Source(**sp(source), kind="government"),
                                  cue=Cue(**sp("said"), cue_class="neutral"), content=Span(**sp(content)),
                                  certainty=0.9),),  # fmt: skip
        claims=(Claim(id="c1", **sp(content), attribution="a1"), Claim(id="c2", **sp(second), attribution="author")),
        quantities=(q,),
        times=(t,),
        places=(p,),
        events=(Event(id="e1", type="injury", trigger=Span(**sp("hurt")), place=p, time=t, quantities=(q,)),),
        techniques=(Technique(**sp("shocking"), technique="Loaded_Language", score=0.7),),
    )


def timed(label: str, fn, repeat: int = 1) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    per = (time.perf_counter() - start) / repeat
    print(f"{label:<55} {per * 1000:9.2f} ms")
    return per


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    rng = random.Random(13)
    analyses = [make(i, rng) for i in range(args.articles)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        with open_store(path) as store:
            start = time.perf_counter()
            for analysis in analyses:
                store.add(analysis.article, analysis)
            elapsed = time.perf_counter() - start
            print(f"add {args.articles} articles with analyses: {elapsed:.2f} s = {args.articles / elapsed:.0f}/s")
            timed("add again (idempotent, 1000 articles)", lambda: [store.add(a.article) for a in analyses[:1000]])
            timed("save_analysis (replace) x100", lambda: [store.save_analysis(a) for a in analyses[:100]])
            timed("search('hospital'), limit 20", lambda: store.search("hospital"), repeat=20)
            timed('search(\'"shocking failure" hospital\')', lambda: store.search('"shocking failure" hospital'), 20)
            timed("search(None, source='us government')", lambda: store.search(None, source="us government"), 20)
            timed("search('court', author_only, technique)",
                  lambda: store.search("court", author_only=True, technique="Loaded_Language"), 20)  # fmt: skip
            timed("get_analysis x100", lambda: [store.get_analysis(a.article.id) for a in analyses[:100]])
            timed("iter_analyses (all)", lambda: sum(1 for _ in store.iter_analyses()))
            timed("iter_records('events') (all)", lambda: sum(1 for _ in store.iter_records("events")))
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
        text = sum(len(a.article.text.encode()) for a in analyses)
        print(f"database size: {size / 1e6:.1f} MB for {text / 1e6:.1f} MB of article text")


if __name__ == "__main__":
    main()
