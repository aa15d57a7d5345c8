"""Web archives (WARC, plain or gzipped) through warcio: an Article per HTML response record.

A broken record does not end the archive: the reader reports it, scans forward to the
next record boundary (a ``WARC/1.x`` line, or a gzip member header in a .warc.gz) and goes
on from there, so everything readable is read.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import ClaimgraphError, EmptyInputError, MalformedRecordError
from ..model import Article
from ._common import DEFAULT_MAX_FETCH_BYTES, Failure, open_binary, too_large
from ._html import html_article
from ._metadata import normalise_published, with_metadata

__all__ = ["read_warc"]

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCAN_CHUNK = 1 << 20
_MAX_FIRST_MEMBER = 1 << 26  # decompressed bytes examined to tell a whole-file gzip
_RECORD_TYPES = frozenset(
    {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}
)
# What warcio raises on damaged input, besides its own ArchiveLoadFailed (found by fuzzing:
# a header cut at the wrong byte surfaces as AttributeError, IndexError or KeyError).
_DAMAGE = (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError, AttributeError, IndexError, KeyError)


def read_warc(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_FETCH_BYTES
) -> Iterator[Article | Failure]:
    """An Article per HTML response record; a Failure per damaged stretch of the file.

    Records of other types (request, metadata, ...) and non-HTML responses are skipped;
    ``max_bytes`` bounds each record's payload (as the fetch cap bounds a downloaded page).
    The page's own publication date is used when trafilatura finds one, else the
    record's WARC-Date (the capture date).
    """
    label = os.fspath(path)
    try:
        handle = open_binary(path)
    except ClaimgraphError as exc:
        yield Failure(source=label, line=None, error=exc)
        return
    with handle:
        if _is_whole_file_gzip(handle):
            # warcio needs one gzip member per record; a WARC gzipped as a whole is read
            # through a decompressing file object instead (slower to seek, same records).
            with gzip.GzipFile(fileobj=handle) as unpacked:
                reader = _TolerantGzip(unpacked)
                yield from _read_from(reader, label, max_bytes)  # type: ignore[arg-type]
            if reader.truncated:
                error = MalformedRecordError(f"{label}: the gzip stream is cut short; what followed is lost")
                yield Failure(source=label, line=None, error=error)
        else:
            yield from _read_from(handle, label, max_bytes)


def _read_from(handle: IO[bytes], label: str, max_bytes: int) -> Iterator[Article | Failure]:
    head = handle.read(2)
    if not head:
        yield Failure(source=label, line=None, error=EmptyInputError(f"{label} is empty (0 bytes)"))
        return
    magic = _GZIP_MAGIC if head == _GZIP_MAGIC[:2] else _WARC_MAGIC
    start = 0
    reported_damage = False  # one Failure per damaged stretch, not one per resync attempt
    while True:
        handle.seek(start)
        records = _QuietArchiveIterator(handle)
        last: int | None = None  # offset of the last record that began to be read
        try:
            for record in records:
                yield from _length_warnings(records, label, last)
                last = records.offset  # absolute: the iterator starts at handle.tell()
                yield from _record_items(record, label, last, max_bytes)
                reported_damage = False  # a whole record was read: any damage is behind us
            yield from _length_warnings(records, label, last)
            return
        except _DAMAGE as exc:
            if not reported_damage:
                yield Failure(source=label, line=None, error=_damage_error(label, start, last, exc))
                reported_damage = True
        next_start = _next_boundary(handle, magic, after=(start if last is None else last) + 1)
        if next_start is None:
            return
        start = next_start


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator without its stderr warning for a record of the wrong length.

    warcio writes that warning itself (library code should not print) and counts it in
    ``err_count``; _length_warnings turns the count into a Failure instead.
    """

    INC_RECORD = ""
    reported_errors = 0


def _length_warnings(records: _QuietArchiveIterator, label: str, last: int | None) -> Iterator[Failure]:
    """A Failure when warcio found that the record before the current one had a wrong length."""
    if records.err_count > records.reported_errors:
        records.reported_errors = records.err_count
        where = f"the record at byte {last}" if last is not None else "the first record"
        error = MalformedRecordError(
            f"{label}: {where} has a wrong Content-Length (no blank line after it); "
            f"its text may be cut short or run into the next record"
        )
        yield Failure(source=label, line=None, error=error)


def _damage_error(label: str, start: int, last: int | None, exc: Exception) -> MalformedRecordError:
    if last is None and start == 0:
        what = "does not start with a readable WARC record"
    elif last is None:
        what = f"has a damaged record at byte {start}"
    else:
        what = f"is damaged in or after the record at byte {last}"
    return MalformedRecordError(f"{label} {what} ({_reason(exc)}); skipped to the next readable record")


def _reason(exc: Exception) -> str:
    """What is wrong, in words: warcio's own message (without the raw bytes it quotes, binary
    in a gzipped archive), or for what warcio raises from inside its parser (AttributeError,
    IndexError...) a description of the damage rather than the Python internals."""
    if isinstance(exc, ArchiveLoadFailed):
        text = str(exc).split(", first line", 1)[0] or "not a WARC record"
        return text[:120].encode("ascii", "backslashreplace").decode("ascii")
    if isinstance(exc, EOFError):
        return "the file ends in the middle of a record: it was probably cut short"
    if isinstance(exc, zlib.error):
        return "a gzip member is corrupt"
    return "a record header is cut short or malformed: the file was probably truncated or damaged"


def _record_items(record: Any, label: str, offset: int, max_bytes: int) -> Iterator[Article | Failure]:
    if record.rec_type not in _RECORD_TYPES:
        # warcio reads on through a damaged header; a mangled type is how that damage shows.
        error = MalformedRecordError(
            f"{label}: record at byte {offset} has an unknown type {record.rec_type!r}; "
            f"the record is damaged and was skipped"
        )
        yield Failure(source=label, line=None, error=error)
        return
    if record.rec_type != "response" or record.http_headers is None:
        return
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if content_type not in _HTML_TYPES:
        return
    payload = record.content_stream().read(max_bytes + 1)
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{label}: record at byte {offset}" + (f" ({url})" if url else "")
    if len(payload) > max_bytes:
        yield Failure(source=label, line=None, error=too_large(f"{where}: the page", max_bytes))
        return
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        error = MalformedRecordError(
            f"{where} is truncated ({missing} bytes missing); the file was cut short"
        )
        yield Failure(source=label, line=None, error=error)
        return
    try:
        article = html_article(payload, url=url, label=where)
    except ClaimgraphError as exc:
        yield Failure(source=label, line=None, error=exc)
        return
    yield article if article.published else with_metadata(article, published=_capture_date(record))


def _capture_date(record: Any) -> str | None:
    raw = record.rec_headers.get_header("WARC-Date")
    if not raw:
        return None
    try:
        return normalise_published(raw)
    except ClaimgraphError:
        return None


class _TolerantGzip:
    """A GzipFile that returns what it could decompress from a cut stream instead of raising.

    GzipFile raises EOFError for a truncated stream and drops the bytes of that read, and
    warcio takes EOFError for a clean end: together they would lose records silently.
    """

    def __init__(self, unpacked: gzip.GzipFile) -> None:
        self._unpacked = unpacked
        self.truncated = False

    def read(self, size: int = -1) -> bytes:
        out = bytearray()
        while size < 0 or len(out) < size:
            try:
                chunk = self._unpacked.read1(_SCAN_CHUNK if size < 0 else size - len(out))
            except EOFError:
                self.truncated = True
                break
            if not chunk:
                break
            out += chunk
        return bytes(out)

    def tell(self) -> int:
        return self._unpacked.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        try:
            return self._unpacked.seek(offset, whence)
        except EOFError:
            self.truncated = True
            return self._unpacked.tell()


def _is_whole_file_gzip(handle: IO[bytes]) -> bool:
    """True for a gzip stream whose first member holds more than one WARC record."""
    head = handle.read(2)
    handle.seek(0)
    if head != _GZIP_MAGIC[:2]:
        return False
    unpacker = zlib.decompressobj(wbits=31)
    seen = b""
    try:
        while len(seen) < _MAX_FIRST_MEMBER and not unpacker.eof:
            chunk = handle.read(_SCAN_CHUNK)
            if not chunk:
                break
            seen += unpacker.decompress(chunk, _MAX_FIRST_MEMBER)
            if b"\r\n\r\nWARC/1." in seen:  # a second record inside the first member
                return True
    except zlib.error:
        return False  # damaged: the record reader reports it
    finally:
        handle.seek(0)
    return False


def _next_boundary(handle: IO[bytes], magic: bytes, *, after: int) -> int | None:
    """The offset of the next ``magic`` (a record start) at or after ``after``, or None."""
    position = after
    while True:
        handle.seek(position)
        chunk = handle.read(_SCAN_CHUNK + len(magic))
        if len(chunk) < len(magic):
            return None
        found = chunk.find(magic)
        if found >= 0:
            return position + found
        position += _SCAN_CHUNK
