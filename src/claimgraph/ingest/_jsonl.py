"""JSON Lines: one article per line, ``text`` plus optional metadata fields."""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterator
from typing import IO, Any

from ..errors import (
    BinaryInputError,
    ClaimgraphError,
    DecodingError,
    EmptyInputError,
    MalformedRecordError,
)
from ..model import Article, ErrorRecord
from ._article import make_article
from ._common import DEFAULT_MAX_BYTES, Failure, located, open_binary, too_large
from ._title import title_from_text
from ._metadata import a_type, field_warning, normalise_published

_URL = re.compile(r"https?://[^\s/]+", re.I)

__all__ = ["METADATA_FIELDS", "read_jsonl"]

METADATA_FIELDS = ("title", "published", "url", "outlet", "author", "language")
"""Optional string fields of a JSONL record besides ``text``; other fields are ignored.
``language`` is the record's declaration (see ``detect_language``)."""

_CHUNK = 1 << 16


def read_jsonl(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Failure]:
    """An Article per good line and a Failure (with its line number) per bad one.

    Blank lines are skipped. ``max_bytes`` bounds each line, not the file, so a corpus
    of any size streams.
    """
    label = os.fspath(path)
    try:
        handle = open_binary(path)
    except ClaimgraphError as exc:
        yield Failure(source=label, line=None, error=exc)
        return
    with handle:
        yield from _read_lines(handle, label, max_bytes)


def _read_lines(handle: IO[bytes], label: str, max_bytes: int) -> Iterator[Article | Failure]:
    if b"\x00" in handle.read(8192):
        error = BinaryInputError(f"{label} looks like a binary file, not JSON Lines; check the file")
        yield Failure(source=label, line=None, error=error)
        return
    handle.seek(0)
    seen_content = False
    for number, raw in enumerate(_lines(handle, max_bytes), start=1):
        if number == 1 and raw is not None:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if raw is not None and not raw.strip():
            continue
        seen_content = True
        try:
            if raw is None:
                raise too_large("the line", max_bytes)
            yield _record_article(raw)
        except ClaimgraphError as exc:
            yield Failure(source=label, line=number, error=located(exc, label, number))
    if not seen_content:
        yield Failure(source=label, line=None, error=EmptyInputError(f"{label} has no records; it is empty"))


def _lines(handle: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Each line's bytes, or None for a line longer than ``max_bytes`` (skipped unread)."""
    while raw := handle.readline(max_bytes + 1):
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            _skip_line(handle)
            yield None
        else:
            yield raw


def _skip_line(handle: IO[bytes]) -> None:
    while chunk := handle.readline(_CHUNK):
        if chunk.endswith(b"\n"):
            return


def _record_article(raw: bytes) -> Article:
    try:
        line = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise DecodingError(f"not valid UTF-8 (byte {exc.start}); JSON Lines must be UTF-8") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedRecordError(
            f"not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line"
        ) from None
    if not isinstance(record, dict):
        raise MalformedRecordError(
            f'expected a JSON object with a "text" field, got {a_type(record)}'
        )
    fields, warnings = _metadata(record)
    text = _text_field(record)
    if fields["title"] is None:
        fields["title"] = title_from_text(text)  # a record without a title: its text's first line
    return make_article(text, **fields, warnings=warnings)


def _text_field(record: dict[str, Any]) -> str:
    text = record.get("text")
    if not isinstance(text, str):
        got = "no" if text is None else f"{a_type(text)} as"
        raise MalformedRecordError(f'the record has {got} "text" field; give the article text as a string')
    if not text.strip():
        raise EmptyInputError('the "text" field is empty; give the article text')
    return text


def _metadata(record: dict[str, Any]) -> tuple[dict[str, str | None], list[ErrorRecord]]:
    """The record's metadata fields, and a warning for each one that could not be used.

    A field of the wrong type or an unreadable date is left out (with a CG110 warning on the
    article): one bad field never costs the article. An author given as a list of names is
    joined with commas.
    """
    fields: dict[str, str | None] = {}
    warnings: list[ErrorRecord] = []
    for name in METADATA_FIELDS:
        value = record.get(name)
        if name == "author" and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = ", ".join(v.strip() for v in value if v.strip()) or None
        if value is not None and not isinstance(value, str):
            warnings.append(field_warning(
                f'the "{name}" field must be a string, not {a_type(value)}; it was left out'))
            value = None
        fields[name] = value
    if fields["published"] is not None:
        try:
            fields["published"] = normalise_published(fields["published"])
        except ClaimgraphError as exc:
            warnings.append(field_warning(f"{exc.message}; the date was left out"))
            fields["published"] = None
    if fields["url"] is not None and not _URL.match(fields["url"].strip()):
        warnings.append(field_warning(
            f'the "url" field {fields["url"][:80]!r} is not an http(s) URL; it was left out'))
        fields["url"] = None
    return fields, warnings
