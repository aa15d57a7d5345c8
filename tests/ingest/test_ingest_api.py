"""The public surface of claimgraph.ingest: names, signatures, and docs that match them."""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import pytest

import claimgraph.ingest as ingest
from claimgraph.errors import ClaimgraphError, EmptyInputError
DOC = (Path(__file__).resolve().parents[2] / "docs" / "ingest.md").read_text(encoding="utf-8")


def test_all_names_exist_and_are_documented() -> None:
    for name in ingest.__all__:
        assert hasattr(ingest, name), name
        assert f"`{name}" in DOC, f"{name} is missing from docs/ingest.md"


def test_failure_is_a_frozen_slotted_keyword_record() -> None:
    failure = ingest.Failure(source="a.txt", line=None, error=EmptyInputError("a.txt is empty"))
    assert [field.name for field in dataclasses.fields(failure)] == ["source", "line", "error"]
    assert not hasattr(failure, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        failure.line = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        ingest.Failure("a.txt", None, EmptyInputError("x"))  # type: ignore[misc]
    assert isinstance(failure.error, ClaimgraphError)


@pytest.mark.parametrize(
    ("function", "parameters"),
    [
        ("read_sources", ["specs", "max_bytes", "allow_private", "timeout", "fetch_feed_links"]),
        ("read_path", ["path", "max_bytes"]),
        ("read_text_file", ["path", "max_bytes"]),
        ("read_html", ["html", "url"]),
        ("read_html_file", ["path"]),
        ("read_jsonl", ["path"]),
        ("read_stdin", ["stream"]),
        ("fetch_url", ["url", "allow_private", "timeout", "max_bytes", "transport"]),
        ("read_feed", ["source"]),
        ("read_warc", ["path"]),
        ("with_metadata", ["article", "title", "published", "url", "outlet", "author"]),
    ],
)
def test_signatures(function: str, parameters: list[str]) -> None:
    signature = inspect.signature(getattr(ingest, function))
    assert list(signature.parameters)[: len(parameters)] == parameters
    for name, parameter in list(signature.parameters.items())[1:]:
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, f"{function}({name}) must be keyword-only"


def test_defaults() -> None:
    assert ingest.DEFAULT_MAX_BYTES == 5_000_000
    fetch = inspect.signature(ingest.fetch_url).parameters
    assert (fetch["allow_private"].default, fetch["timeout"].default, fetch["max_bytes"].default) == (
        False, 20.0, 10_000_000,
    )
    assert inspect.signature(ingest.read_sources).parameters["fetch_feed_links"].default is False


def test_documented_suffixes_match_the_dispatch_table() -> None:
    documented = set(re.findall(r"`(\.[a-z.]+)`", DOC.split("## Sources", 1)[1].split("###", 1)[0]))
    assert documented == set(ingest.SUFFIXES)


def test_documented_error_codes_are_the_ones_raised() -> None:
    import claimgraph.errors as errors

    for code, name in re.findall(r"^\| (CG\d{3}) \| `(\w+)` \|", DOC, flags=re.MULTILINE):
        assert getattr(errors, name).code == code
