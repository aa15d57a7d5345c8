"""Dispatch: from source specs ("-", URLs, files, folders) to the right reader."""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from ..errors import ClaimgraphError, InputError, SourceNotFoundError, UnsupportedSourceError
from ..model import Article
from ._common import DEFAULT_MAX_BYTES, DEFAULT_MAX_FETCH_BYTES, Failure
from ._fetch import article_from, fetch, is_feed
from ._feed import read_feed
from ._html import read_html_file
from ._jsonfeed import looks_like_json_feed
from ._jsonl import read_jsonl
from ._text import read_stdin, read_text_file
from ._warc import read_warc

__all__ = ["SUFFIXES", "read_path", "read_sources"]

SUFFIXES: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".json": "feed",
    ".warc": "warc", ".warc.gz": "warc",
}
"""File name endings read in a folder, and the reader each one goes to."""

_SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True, kw_only=True)
class _Options:
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False
    timeout: float = 20.0
    fetch_feed_links: bool = False
    max_fetch_bytes: int = DEFAULT_MAX_FETCH_BYTES
    transport: httpx.BaseTransport | None = None


def read_sources(
    specs: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
    timeout: float = 20.0,
    fetch_feed_links: bool = False,
    max_fetch_bytes: int = DEFAULT_MAX_FETCH_BYTES,
    transport: httpx.BaseTransport | None = None,
) -> Iterator[Article | Failure]:
    """Articles from each spec in turn, with a Failure in place of whatever cannot be read.

    A spec is "-" (standard input), an http(s) URL (a page, or a feed recognised by its
    content type or first bytes), or a file or folder path. ``max_bytes`` bounds files,
    JSONL lines and standard input; ``max_fetch_bytes`` bounds HTTP response bodies.
    """
    options = _Options(
        max_bytes=max_bytes, allow_private=allow_private, timeout=timeout,
        fetch_feed_links=fetch_feed_links, max_fetch_bytes=max_fetch_bytes, transport=transport,
    )
    for spec in specs:
        yield from _read_spec(spec, options)


def read_path(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
    timeout: float = 20.0,
    fetch_feed_links: bool = False,
    max_fetch_bytes: int = DEFAULT_MAX_FETCH_BYTES,
    transport: httpx.BaseTransport | None = None,
) -> Iterator[Article | Failure]:
    """Articles from a file, or from every supported file under a folder (sorted, recursive).

    Hidden files and folders (names starting with ".") are skipped. A file is read by the
    reader for its ending (see SUFFIXES); a file without an ending is sniffed.
    """
    options = _Options(
        max_bytes=max_bytes, allow_private=allow_private, timeout=timeout,
        fetch_feed_links=fetch_feed_links, max_fetch_bytes=max_fetch_bytes, transport=transport,
    )
    yield from _read_path(Path(path), options)


def _read_spec(spec: str, options: _Options) -> Iterator[Article | Failure]:
    if spec == "-":
        yield from _one("standard input", lambda: read_stdin(max_bytes=options.max_bytes))
    elif spec.lower().startswith(("http://", "https://")):
        yield from _guarded(spec, _read_url(spec, options))
    elif "://" in spec:
        scheme = spec.split("://", 1)[0]
        error = UnsupportedSourceError(
            f"{spec}: {scheme}:// sources are not supported; use http(s), a file or -"
        )
        yield Failure(source=spec, line=None, error=error)
    else:
        yield from _read_path(Path(spec), options)


def _read_url(url: str, options: _Options) -> Iterator[Article | Failure]:
    try:
        fetched = fetch(
            url, allow_private=options.allow_private, timeout=options.timeout,
            max_bytes=options.max_fetch_bytes, transport=options.transport,
        )
    except ClaimgraphError as exc:
        yield Failure(source=url, line=None, error=exc)
        return
    if is_feed(fetched):
        yield from read_feed(
            fetched.body, url=fetched.url, fetch_links=options.fetch_feed_links,
            allow_private=options.allow_private, timeout=options.timeout,
            max_fetch_bytes=options.max_fetch_bytes, transport=options.transport,
        )
    else:
        yield from _one(url, lambda: article_from(fetched))


def _read_path(path: Path, options: _Options) -> Iterator[Article | Failure]:
    if path.is_dir():
        for file in _walk(path):
            yield from _read_file(file, options) if isinstance(file, Path) else (file,)
    elif path.exists():
        yield from _read_file(path, options)
    else:
        error = SourceNotFoundError(f"{path}: no such file or directory; check the path")
        yield Failure(source=str(path), line=None, error=error)


def _walk(folder: Path) -> Iterator[Path | Failure]:
    """Files under ``folder`` in path order (as ``sorted`` orders paths), hidden names skipped.

    Streams: each folder is listed when reached. Symbolic links to folders are not
    followed, so a link loop cannot trap the walk.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        error = InputError(f"{folder}: cannot list the folder ({exc.strerror}); check its permissions")
        yield Failure(source=str(folder), line=None, error=error)
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def _read_file(path: Path, options: _Options) -> Iterator[Article | Failure]:
    label = str(path)
    try:
        kind = _kind(path)
    except ClaimgraphError as exc:
        yield Failure(source=label, line=None, error=exc)
        return
    if kind == "text":
        yield from _one(label, lambda: read_text_file(path, max_bytes=options.max_bytes))
    elif kind == "html":
        yield from _one(label, lambda: read_html_file(path, max_bytes=options.max_bytes))
    elif kind == "jsonl":
        yield from _guarded(label, read_jsonl(path, max_bytes=options.max_bytes))
    elif kind == "feed":
        yield from _guarded(label, read_feed(
            path, fetch_links=options.fetch_feed_links, allow_private=options.allow_private,
            timeout=options.timeout, max_bytes=options.max_bytes, max_fetch_bytes=options.max_fetch_bytes,
            transport=options.transport,
        ))
    else:
        yield from _guarded(label, read_warc(path, max_bytes=options.max_fetch_bytes))


def _kind(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    sniffed = _sniff(path)
    if sniffed is not None:
        return sniffed
    if not path.suffix:
        return "text"  # an extension-less file is most likely plain text; the reader checks
    supported = " ".join(SUFFIXES)
    raise UnsupportedSourceError(
        f"{path}: unsupported file type {path.suffix!r}; claimgraph reads {supported} "
        f"(rename the file if it is one of these)"
    )


def _sniff(path: Path) -> str | None:
    """The reader for a file without a known ending, judged by its first bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror}); check its permissions") from None
    if head.startswith(b"\x1f\x8b"):
        head = _gunzip_head(head)
    lowered = head.lstrip().lower()
    if head.startswith(b"WARC/"):
        return "warc"
    if lowered.startswith(b"<?xml") and any(tag in lowered for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if looks_like_json_feed(head):
        return "feed"
    if lowered.startswith(b"{"):
        return "jsonl"
    return None


def _gunzip_head(head: bytes) -> bytes:
    """The first bytes inside a gzip stream, from only its first few compressed bytes."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, _SNIFF_BYTES)
    except zlib.error:
        return b""


def _one(label: str, read: Callable[[], Article]) -> Iterator[Article | Failure]:
    """The Article ``read`` returns, or a Failure for the error it raises."""
    try:
        yield read()
    except ClaimgraphError as exc:
        yield Failure(source=label, line=None, error=exc)
    except Exception as exc:  # noqa: BLE001 - one odd file must not end a batch; reported, not hidden
        yield Failure(source=label, line=None, error=_unexpected(label, exc))


def _guarded(label: str, items: Iterator[Article | Failure]) -> Iterator[Article | Failure]:
    """``items``, with an unexpected exception turned into a final Failure."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - as in _one
        yield Failure(source=label, line=None, error=_unexpected(label, exc))


def _unexpected(label: str, exc: Exception) -> InputError:
    return InputError(
        f"{label}: unexpected {type(exc).__name__} while reading ({exc}); "
        f"this is a claimgraph bug, please report it with the file"
    )
