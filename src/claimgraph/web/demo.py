"""The demo library of ``claimgraph serve --demo``: the example articles, analysed and stored."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .. import ingest
from ..model import Article
from ..pipeline import pipe
from ..store import open_store

__all__ = ["build_demo_db", "demo_articles"]

#: The README's example, published on the day it is dated, with an outlet of its own.
_MAIN = {"title": "Fire at Valletta grain terminal: officials and union disagree over the toll",
         "outlet": "Valletta Daily", "published": "2025-04-03",
         "url": "https://valletta-daily.example/2025/04/03/grain-terminal-fire"}


def demo_articles() -> list[Article]:
    folder = resources.files("claimgraph.examples")
    main = ingest.make_article((folder / "port-fire.txt").read_text(encoding="utf-8"), **_MAIN)
    others = [a for a in ingest.read_jsonl(Path(str(folder / "port-fire-outlets.jsonl")))
              if not isinstance(a, ingest.Failure)]
    return [*others, main]


def build_demo_db(path: str | Path, *, profile: str = "fast") -> int:
    """Store and analyse the example articles in the database at ``path``; the number stored."""
    articles = demo_articles()
    with open_store(path) as store:
        for article, analysis in zip(articles, pipe(articles, profile=profile)):
            store.add(article, analysis)
        return store.count()
