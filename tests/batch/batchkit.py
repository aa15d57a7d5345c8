"""Small corpora for the batch tests, which a LocalCluster analyses in seconds (the cluster is the
``dask_cluster`` fixture of tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

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
