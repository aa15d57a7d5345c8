"""Plain text from a file or from standard input."""

from __future__ import annotations

import codecs
import os
import sys
from typing import IO

from ..model import Article
from ._article import make_article
from ._common import DEFAULT_MAX_BYTES, read_file_bytes, read_stream_bytes
from ._decode import decode_text
from ._html import html_article
from ._title import title_from_text

__all__ = ["read_stdin", "read_text_file"]

_HTML_STARTS = (b"<!doctype html", b"<html")


def read_text_file(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None
) -> Article:
    """One Article from a plain-text file; the encoding is detected unless given.

    A short first line followed by a blank line is the title (see ``title_from_text``)."""
    data = read_file_bytes(path, max_bytes=max_bytes)
    text = decode_text(data, label=os.fspath(path), encoding=encoding)
    return make_article(text, title=title_from_text(text))


def read_stdin(
    stream: IO[bytes] | IO[str] | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> Article:
    """One Article from standard input (or ``stream``); an HTML document goes through trafilatura."""
    if stream is None:
        stream = getattr(sys.stdin, "buffer", sys.stdin)  # a replaced sys.stdin may be text-only
    data = read_stream_bytes(stream, label="standard input", max_bytes=max_bytes)
    if data.removeprefix(codecs.BOM_UTF8).lstrip()[:20].lower().startswith(_HTML_STARTS):
        return html_article(data, label="standard input")
    text = decode_text(data, label="standard input", encoding=encoding)
    return make_article(text, title=title_from_text(text))
