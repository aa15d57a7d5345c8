"""Readers that turn sources (text, HTML, URLs, JSONL, ...) into Article records."""

from __future__ import annotations

from ._article import article_id, make_article, normalise_text

__all__ = ["article_id", "make_article", "normalise_text"]
