"""JSON serialisation of analyses, and validation against the packaged JSON Schema."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from .errors import ClaimgraphError
from .model import Analysis, from_dict, to_dict

__all__ = ["to_json", "from_json", "schema", "validate"]


def to_json(analysis: Analysis, *, indent: int | None = 2) -> str:
    """The schema v1 JSON document of an analysis."""
    return json.dumps(to_dict(analysis), ensure_ascii=False, indent=indent)


def from_json(document: str) -> Analysis:
    """Rebuild an :class:`Analysis` from its JSON document."""
    return from_dict(Analysis, json.loads(document))


@functools.cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of output schema v1, as shipped in the package."""
    text = resources.files("claimgraph.schema").joinpath("analysis-v1.schema.json").read_text("utf-8")
    return json.loads(text)


def validate(document: dict[str, Any]) -> None:
    """Raise :class:`ClaimgraphError` (CG403) when ``document`` does not follow schema v1."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is not None:
        path = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise ClaimgraphError(f"output does not follow schema v1 at {path}: {error.message}", code="CG403")
