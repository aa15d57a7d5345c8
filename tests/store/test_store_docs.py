"""docs/store.md stays in step with the code: tables, public names, methods, error codes."""

from __future__ import annotations

import inspect
import re
import sqlite3
from pathlib import Path

import pytest

import claimgraph.store as store_pkg
from claimgraph.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")


def test_every_table_is_documented(tmp_path: Path) -> None:
    with open_store(tmp_path / "cg.db") as store:
        pass
    with sqlite3.connect(tmp_path / "cg.db") as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    tables = {n for n in names if not re.search(r"_fts_(data|idx|docsize|config|content)$", n)}
    assert tables >= {"articles", "analyses", "migrations", "claims", "events", "articles_fts"}
    missing = {t for t in tables if f"`{t}`" not in DOC}
    assert not missing, f"tables missing from docs/store.md: {missing}"


@pytest.mark.parametrize("name", store_pkg.__all__)
def test_every_public_name_is_documented(name: str) -> None:
    assert name in DOC


def test_every_public_method_is_documented() -> None:
    methods = [n for n, _ in inspect.getmembers(Store, inspect.isfunction) if not n.startswith("_")]
    missing = [m for m in methods if f"Store.{m}(" not in DOC]
    assert not missing, f"Store methods missing from docs/store.md: {missing}"


def test_every_store_error_code_is_documented() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(store_pkg.__file__).parent.glob("*.py"))
    codes = set(re.findall(r'code="(CG\d{3})"', source))
    assert codes >= {"CG301", "CG302", "CG303", "CG304", "CG305", "CG306", "CG307"}
    missing = {c for c in codes if f"| {c} |" not in DOC}
    assert not missing, f"error codes missing from docs/store.md: {missing}"


def test_default_path_rules_are_documented() -> None:
    for text in ("CLAIMGRAPH_DB", "XDG_DATA_HOME", "~/.local/share/claimgraph/claimgraph.db"):
        assert text in DOC
