"""Real text from ../shared/data read through ingest: nothing lost, every character kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import shared_path as shared_data

from claimgraph.ingest import Failure, read_jsonl, read_path

pytestmark = pytest.mark.shared_data


def _file_text(path: Path) -> str:
    # A leading byte-order mark is not text and ingest removes it; two PTC train articles have one
    # (and their gold offsets count it, so evaluation code must read those files as they are).
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff")


@pytest.mark.parametrize("parts", [("ptc", "train-articles"), ("polnear", "dev", "text"), ("seed",)])
def test_folders_read_without_failures_and_exactly(parts: tuple[str, ...]) -> None:
    folder = shared_data(*parts)
    files = sorted(path for path in folder.rglob("*") if path.is_file() and not path.name.startswith("."))
    items = list(read_path(folder))
    assert [item for item in items if isinstance(item, Failure)] == []
    assert [item.text for item in items] == [_file_text(path) for path in files]


def test_jsonl_of_real_articles_round_trips(tmp_path: Path) -> None:
    files = sorted(shared_data("polnear", "dev", "text").glob("*.txt"))
    texts = [_file_text(path) for path in files]
    corpus = tmp_path / "polnear-dev.jsonl"
    corpus.write_text("".join(json.dumps({"text": t, "url": f"file:{i}"}) + "\n" for i, t in enumerate(texts)))
    assert [item.text for item in read_jsonl(corpus)] == texts
