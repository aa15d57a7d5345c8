"""A stand-in for real coverage of one event: short "monitoring-desk" reports.

A monitoring desk sees many outlets' reports of one happening as short feed items and page
excerpts, dated days apart. The held-out real coverage is not here, so this builds the
closest honest stand-in from the annotated corpora that are:

- every ECB+ document and NewsWCL50 article gives two reports: its **lede** (the headline
  or first line and the two sentences after it; ECB+'s URL and dateline lines dropped) and
  one **excerpt** (three consecutive sentences from further down the page, where it has
  them);
- each gold event gets a day drawn in one 30-day span, and each report is dated 0 to 6
  days after it (a story that develops over a week); ECB+ topics hold two events of one
  kind each (two quakes, two shootings), so other happenings of the same kind are mixed in;
- the gold event of a report is its document's.

Splits, fixed before any measuring: **select** = ECB+ train topics + NewsWCL50 train events
(thresholds may be chosen on it); **aside** = ECB+ dev topics + NewsWCL50 val and test events
(chooses nothing, only reported). Everything is seeded: the same call builds the same set.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatasetError
from ..model import Analysis, Article

__all__ = ["ShortReport", "SPLITS", "build_reports", "cluster_short_reports", "report_analyses"]

#: NewsWCL50 events by split (its own train/val/test file).
_NEWSWCL_SELECT = frozenset({"0", "3", "4", "5", "6", "8", "9"})
SPLITS = ("select", "aside", "all")
_SKIP_LINE = re.compile(
    r"^(https?:|www\.)|^\W*$|^(\w+\.? )?\d{1,2},? (19|20)\d\d$|^(19|20)\d\d$"
    r"|^(January|February|March|April|May|June|July|August|September|October|November|December)\b.{0,20}$",
    re.I,
)
_BASE_DAY = dt.date(2024, 3, 1).toordinal()


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortReport:
    id: str
    event: str  # gold event
    kind: str  # "lede" or "excerpt"
    text: str
    published: str  # ISO date


def build_reports(data: Path, *, split: str = "all", seed: int = 11) -> list[ShortReport]:
    """The short reports of ``split`` (select, aside or all), built from ``data`` (../shared/data)."""
    if split not in SPLITS:
        raise DatasetError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    rng = random.Random(seed)
    documents = sorted(_documents(data, split), key=lambda d: d[0])
    events = sorted({event for _, event, _ in documents})
    event_day = {event: _BASE_DAY + rng.randrange(30) for event in events}
    reports = []
    for doc_id, event, lines in documents:
        for kind, text in _views(lines, rng):
            day = dt.date.fromordinal(event_day[event] + rng.randrange(7))
            reports.append(ShortReport(id=f"{doc_id}#{kind}", event=event, kind=kind, text=text,
                                       published=day.isoformat()))
    if not reports:
        raise DatasetError(f"no short reports could be built from {data}: pass the ../shared/data folder")
    return reports


def report_analyses(reports: list[ShortReport]) -> tuple[list[Analysis], dict[str, str]]:
    """Analyses (text and date only, under opaque ids) and the gold event of each id."""
    analyses = [Analysis(article=Article(id=f"r{i}", text=r.text, published=r.published))
                for i, r in enumerate(reports)]
    return analyses, {f"r{i}": r.event for i, r in enumerate(reports)}


def _documents(data: Path, split: str) -> Iterator[tuple[str, str, list[str]]]:
    from .ecbplus import DEV_TOPICS
    from .ecbplus import read_corpus as read_ecbplus
    from .newswcl50 import read_corpus as read_newswcl

    ecb_root, wcl_root = data / "ecbplus" / "ECB+", data / "newswcl50"
    if not ecb_root.is_dir() or not wcl_root.is_dir():
        raise DatasetError(f"{data} lacks ecbplus/ECB+ or newswcl50: pass the ../shared/data folder")
    topics = {p.name for p in ecb_root.iterdir() if p.is_dir()}
    chosen = {"select": topics - DEV_TOPICS, "aside": topics & DEV_TOPICS, "all": topics}[split]
    for doc in read_ecbplus(ecb_root, topics=chosen):
        yield f"ecb:{doc.name}", f"ecb:{doc.gold_event}", _lines(doc.text)
    for art in read_newswcl(wcl_root):
        keep = {"select": art.event in _NEWSWCL_SELECT, "aside": art.event not in _NEWSWCL_SELECT, "all": True}
        if keep[split]:
            yield f"wcl:{art.doc_id}", f"wcl:{art.event}", _lines(art.text)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip() and not _SKIP_LINE.search(line.strip())]


def _views(lines: list[str], rng: random.Random) -> Iterator[tuple[str, str]]:
    """The lede (first three lines) and, when the page is long enough, one later excerpt."""
    if not lines:
        return
    yield "lede", "\n".join(lines[:3])
    if len(lines) >= 6:
        start = rng.randrange(3, len(lines) - 2)
        yield "excerpt", "\n".join(lines[start : start + 3])


def cluster_short_reports(data: Path, *, split: str = "all", config=None, seed: int = 11):
    """Cluster the short reports of ``split`` and score them (B-cubed, ARI) against their events."""
    from ..corpus.clustering import cluster_analyses
    from .clustering import score_clustering

    analyses, gold = report_analyses(build_reports(data, split=split, seed=seed))
    clusters = cluster_analyses(analyses, config=config)
    return score_clustering({m: c.id for c in clusters for m in c.members}, gold)
