"""The error catalogue: every code raised or recorded is listed in errors.CODES and in docs/errors.md."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from claimgraph import errors

ROOT = Path(__file__).resolve().parents[1]
_CODE = re.compile(r"\bCG\d{3}\b")


def _codes_in_source() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "src" / "claimgraph").rglob("*.py"):
        found.update(_CODE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_code_in_the_source_is_in_the_catalogue():
    missing = _codes_in_source() - set(errors.CODES)
    assert not missing, f"add these codes to claimgraph.errors.CODES: {sorted(missing)}"


def test_every_exception_class_has_a_catalogued_code():
    for _, cls in inspect.getmembers(errors, inspect.isclass):
        if issubclass(cls, errors.ClaimgraphError):
            assert cls.code in errors.CODES, cls


def test_every_catalogued_code_is_documented():
    documented = set(re.findall(r"^\| (CG\d{3}) \|", (ROOT / "docs" / "errors.md").read_text(encoding="utf-8"), re.M))
    assert set(errors.CODES) == documented
