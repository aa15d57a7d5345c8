"""Building :class:`~claimgraph.model.Article` records with stable ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..model import Article, ErrorRecord
from ._language import detect_language

__all__ = ["article_id", "make_article", "normalise_text"]

_WHITESPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFC, white space collapsed, trimmed."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: 16 hex digits of SHA-256 over the normalised text and the URL.

    The same text from the same URL always gets the same id, so storing it twice is a no-op;
    white-space or Unicode-normalisation differences do not change it.
    """
    digest = hashlib.sha256()
    digest.update(normalise_text(text).encode("utf-8"))
    digest.update(b"\x00")
    digest.update((url or "").strip().encode("utf-8"))
    return digest.hexdigest()[:16]


def make_article(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    language: str | None = None,
    warnings: tuple[ErrorRecord, ...] = (),
) -> Article:
    """An Article whose id is derived from its text and URL.

    ``language`` is what the source declares (``<html lang>``, a feed's or record's language),
    a signal that :func:`~claimgraph.ingest.detect_language` combines with the text's own.
    """
    guess = detect_language(text, language)
    return Article(
        id=article_id(text, url),
        text=text,
        title=title,
        published=published,
        url=url,
        outlet=outlet,
        author=author,
        language=guess.language,
        language_confidence=guess.confidence,
        language_source=guess.source,
        warnings=tuple(warnings),
    )
