"""The input stream of a batch run: articles with their position, failures, duplicates dropped.

The stream reads the same sources as ``claimgraph ingest`` (through
:func:`claimgraph.ingest.read_path` and :func:`~claimgraph.ingest.read_sources`), one file at a
time so that every article and every failure knows the file it came from. A file ending in
``.urls`` is a list of URLs, one a line. The order is fixed by the inputs alone (folders in
path order), which is what lets a rerun find the same partitions again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..ingest import Failure, read_path, read_sources
from ..ingest._sources import _walk  # the same order as ingest's folder reader
from ..model import Article

__all__ = ["Positioned", "Skipped", "URL_LIST_SUFFIX", "read_inputs"]

#: A file with this ending lists URLs, one a line (blank lines and ``#`` comments skipped).
URL_LIST_SUFFIX = ".urls"

_BYTE = re.compile(r"\bbyte (\d+)\b")


@dataclass(frozen=True, slots=True, kw_only=True)
class Positioned:
    """An article with where it came from: its input, its file and its rank in that file."""

    article: Article
    input: int  # index of the INPUT argument
    source: str  # the file (or URL) it was read from
    ordinal: int  # 0-based rank among the articles of ``source``


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """A record that could not be read, as the manifest lists it."""

    input: int
    source: str
    line: int | None  # 1-based, for line-oriented sources (JSONL, URL lists)
    byte: int | None  # offset in the file, for WARC records
    code: str
    message: str

    def as_json(self) -> dict[str, object]:
        return {"input": self.input, "source": self.source, "line": self.line, "byte": self.byte,
                "code": self.code, "message": self.message}


def read_inputs(specs: Iterable[str], *, duplicates: set[str] | None = None,
                **options: object) -> Iterator[Positioned | Skipped | str]:
    """Positioned articles and Skipped records from ``specs``, in a fixed order.

    An article whose id was met before (in ``duplicates``, which the caller may share) is
    yielded as its bare id instead, so that the caller can count it and store it once.
    ``options`` are those of :func:`claimgraph.ingest.read_path`.
    """
    seen = duplicates if duplicates is not None else set()
    for number, spec in enumerate(specs):
        for source, items in _sources(spec, options):
            ordinal = 0
            for item in items:
                if isinstance(item, Failure):
                    yield _skipped(number, source, item)
                elif item.id in seen:
                    yield item.id
                else:
                    seen.add(item.id)
                    yield Positioned(article=item, input=number, source=source, ordinal=ordinal)
                    ordinal += 1


def _sources(spec: str, options: dict[str, object]) -> Iterator[tuple[str, Iterable[Article | Failure]]]:
    """(label, items) per file of ``spec``: a folder is walked here so that each item knows its file."""
    path = Path(spec)
    if "://" in spec or spec == "-" or not path.is_dir():
        if spec.endswith(URL_LIST_SUFFIX) and path.is_file():
            yield from _url_list(path, options)
        else:
            yield spec, read_sources([spec], **options)  # type: ignore[arg-type]
        return
    for file in _walk(path):
        if isinstance(file, Failure):
            yield file.source, (file,)
        elif file.name.endswith(URL_LIST_SUFFIX):
            yield from _url_list(file, options)
        else:
            yield str(file), read_path(file, **options)  # type: ignore[arg-type]


def _url_list(path: Path, options: dict[str, object]) -> Iterator[tuple[str, Iterable[Article | Failure]]]:
    """(URL, items) per line of a URL list, read a line at a time."""
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                url = line.strip()
                if url and not url.startswith("#"):
                    items = read_sources([url], **options)  # type: ignore[arg-type]
                    yield url, _with_line(items, str(path), number)
    except (OSError, UnicodeDecodeError) as exc:
        error = InputError(f"{path}: cannot read the URL list ({exc}); it must be UTF-8 text")
        yield str(path), (Failure(source=str(path), line=None, error=error),)


def _with_line(items: Iterable[Article | Failure], path: str, line: int) -> Iterator[Article | Failure]:
    for item in items:
        yield Failure(source=path, line=line, error=item.error) if isinstance(item, Failure) else item


def _skipped(number: int, source: str, failure: Failure) -> Skipped:
    byte = _BYTE.search(failure.error.message)
    return Skipped(input=number, source=failure.source or source, line=failure.line,
                   byte=int(byte.group(1)) if byte else None, code=failure.error.code,
                   message=failure.error.message)
