"""Readers that turn sources (text, HTML, URLs, JSONL, feeds, WARC) into Article records.

Every reader of many articles is a generator that yields an :class:`Failure` in place of
anything it cannot read, so one bad file, line or record never ends a batch.
"""

from __future__ import annotations

from ._article import article_id, make_article, normalise_text
from ._common import DEFAULT_MAX_BYTES, DEFAULT_MAX_FETCH_BYTES, Failure
from ._feed import read_feed
from ._fetch import fetch_url
from ._html import read_html, read_html_file
from ._language import LanguageGuess, declared_language, detect_language
from ._jsonl import METADATA_FIELDS, read_jsonl
from ._metadata import normalise_published, parse_published, with_metadata
from ._sources import SUFFIXES, read_path, read_sources
from ._text import read_stdin, read_text_file
from ._title import headline_spans, title_from_text
from ._warc import read_warc

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_FETCH_BYTES",
    "METADATA_FIELDS",
    "SUFFIXES",
    "Failure",
    "LanguageGuess",
    "article_id",
    "declared_language",
    "detect_language",
    "fetch_url",
    "headline_spans",
    "make_article",
    "normalise_published",
    "normalise_text",
    "parse_published",
    "read_feed",
    "read_html",
    "read_html_file",
    "read_jsonl",
    "read_path",
    "read_sources",
    "read_stdin",
    "read_text_file",
    "read_warc",
    "title_from_text",
    "with_metadata",
]
