"""docs/batch.md stays in step with the code: error codes, public names, tables, columns, manifest keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import claimgraph.batch as batch_pkg
from claimgraph.batch import SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
SOURCES = [*(ROOT / "src" / "claimgraph" / "batch").glob("*.py"), ROOT / "src" / "claimgraph" / "cli" / "batch.py"]


def test_every_batch_error_code_is_documented():
    codes = {code for path in SOURCES for code in re.findall(r"CG7\d\d", path.read_text(encoding="utf-8"))}
    assert codes >= {"CG701", "CG702", "CG703", "CG704", "CG705", "CG706"}
    assert not [c for c in codes if f"| {c} |" not in DOC]


@pytest.mark.parametrize("name", batch_pkg.__all__)
def test_every_public_name_is_documented(name):
    assert f"`{name}`" in DOC


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_every_table_and_column_is_documented(table):
    row = next(line for line in DOC.splitlines() if line.startswith(f"| `{table}` |"))
    implicit = {"article_id", "idx"} if table != "articles" else set()
    missing = [c for c in SCHEMAS[table].names if c not in implicit and f"`{c}`" not in row]
    assert not missing, f"{table} columns missing from docs/batch.md: {missing}"


def test_every_manifest_key_is_documented(tmp_path):
    from claimgraph.batch._manifest import Manifest

    manifest = Manifest.open(tmp_path, inputs=["x"], options={"profile": "fast", "partition_size": 1}, models={})
    assert not [k for k in manifest.data if f"| `{k}` |" not in DOC]
