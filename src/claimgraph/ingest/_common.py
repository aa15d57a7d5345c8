"""What every reader shares: the in-stream Failure record, size limits, bounded file reads."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO

from ..errors import (
    ClaimgraphError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    SourceNotFoundError,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_FETCH_BYTES",
    "Failure",
    "located",
    "open_binary",
    "read_file_bytes",
    "read_stream_bytes",
    "too_large",
    "with_article",
]

DEFAULT_MAX_BYTES = 5_000_000
"""Largest file (or JSONL line, or stdin) read as one article: 5 MB."""

DEFAULT_MAX_FETCH_BYTES = 10_000_000
"""Largest HTTP response body read from a URL: 10 MB."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """A source (or one line or record of it) that could not be read.

    Readers yield a Failure in place of an Article so one bad input never ends a batch.
    ``line`` is the 1-based line number for line-oriented sources (JSONL), else None.
    """

    source: str
    line: int | None
    error: ClaimgraphError


def with_article(word: str) -> str:
    """``word`` after "a" or "an", as it is said: "an unspecified", "a link-local", "an IPv6"."""
    vowel_sound = word[:1].lower() in "aeiou" or word[:4].lower() in ("ipv4", "ipv6", "http")
    return f"{'an' if vowel_sound else 'a'} {word}"


def _human(n_bytes: int) -> str:
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1_000_000:g} MB"
    if n_bytes >= 1_000:
        return f"{n_bytes / 1_000:g} kB"
    return f"{n_bytes} bytes"


def too_large(label: str, max_bytes: int, size: int | None = None) -> InputTooLargeError:
    """The error for a source over the size limit; it names the limit and how to raise it."""
    actual = f" ({_human(size)})" if size is not None else ""
    return InputTooLargeError(
        f"{label} is larger than the {_human(max_bytes)} limit{actual}; raise the limit with "
        f"max_bytes=N (CLI: --max-bytes N) or split the input"
    )


def located(error: ClaimgraphError, label: str, line: int | None = None) -> ClaimgraphError:
    """The same kind of error with the source (and line) prefixed to its message."""
    where = f"{label}, line {line}" if line is not None else label
    return type(error)(f"{where}: {error.message}", code=error.code)


def open_binary(path: str | os.PathLike[str]) -> IO[bytes]:
    """The file opened for reading bytes; raises SourceNotFoundError or InputError."""
    label = os.fspath(path)
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except FileNotFoundError:
        raise SourceNotFoundError(f"{label}: no such file or directory; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{label} is a directory; use read_path to read a folder") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot read the file ({exc.strerror}); check its permissions") from None


def read_file_bytes(path: str | os.PathLike[str], *, max_bytes: int) -> bytes:
    """All bytes of a file, refusing a missing, unreadable, empty or too-large one."""
    label = os.fspath(path)
    with open_binary(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise too_large(label, max_bytes, size)
        data = handle.read(max_bytes + 1)  # st_size lies for pipes and growing files
    return _checked(data, label, max_bytes)


def read_stream_bytes(stream: IO[bytes] | IO[str], *, label: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` bytes from an open stream (binary or text)."""
    data = stream.read(max_bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    return _checked(data, label, max_bytes)


def _checked(data: bytes, label: str, max_bytes: int) -> bytes:
    if len(data) > max_bytes:
        raise too_large(label, max_bytes)
    if not data:
        raise EmptyInputError(f"{label} is empty (0 bytes); give it some text to analyse")
    return data
