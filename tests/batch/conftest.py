"""A real Dask ``LocalCluster`` (2 worker processes on 127.0.0.1), shared by the batch tests, and
small corpora that it analyses in seconds."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import claimgraph

#: Short news items, distinct so that each has its own id; the fast profile reads one in ~50 ms.
TEXTS = tuple(
    f"{place}, {day} - Officials said {n} people were killed when {what} on {day}. "
    f"The ministry denied the report, claiming that only {n // 2} were hurt. "
    f"\"We will rebuild,\" the mayor of {place} told reporters."
    for n, (place, day, what) in enumerate([
        ("Kyiv", "Monday", "a missile struck a school"),
        ("Lagos", "Tuesday", "a bridge collapsed"),
        ("Lima", "Wednesday", "a fire broke out in a market"),
        ("Manila", "Thursday", "a ferry sank"),
        ("Quito", "Friday", "a landslide hit a village"),
        ("Dhaka", "Saturday", "a factory burned"),
        ("Hanoi", "Sunday", "floods reached the city"),
        ("Accra", "Monday", "a bus overturned"),
        ("Nairobi", "Tuesday", "a building fell"),
        ("Tunis", "Wednesday", "gunmen attacked a hotel"),
        ("Oslo", "Thursday", "a truck hit a crowd"),
        ("Sofia", "Friday", "a dam burst"),
    ], start=10)
)


@pytest.fixture(scope="session")
def cluster() -> Iterator[str]:
    """The scheduler address of a LocalCluster with 2 worker processes of one thread each."""
    distributed = pytest.importorskip("distributed")
    # Workers are new processes: they must import the same claimgraph as the tests do
    # (the source tree when it is not installed).
    src = str(Path(claimgraph.__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.CRITICAL) as local:
        yield local.scheduler_address


def write_corpus(folder: Path, texts: tuple[str, ...] = TEXTS) -> list[str]:
    """Half the texts as .txt files, half as JSONL lines with metadata; the inputs to pass."""
    folder.mkdir(parents=True, exist_ok=True)
    half = len(texts) // 2
    for i, text in enumerate(texts[:half]):
        (folder / f"story-{i:02d}.txt").write_text(text, encoding="utf-8")
    lines = [json.dumps({"text": text, "title": f"Story {i}", "outlet": ("Wire", "Daily")[i % 2],
                         "published": f"2024-03-{i + 1:02d}", "url": f"https://news.example/{i}"})
             for i, text in enumerate(texts[half:], start=half)]
    (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder)]
