"""HTML pages and fragments to Articles, through trafilatura."""

from __future__ import annotations

import os

import lxml.html
import trafilatura
from lxml import etree
from lxml.etree import LxmlError
from trafilatura.settings import Document

from ..errors import BinaryInputError, ClaimgraphError, EmptyInputError, NoArticleTextError
from ..model import Article, ErrorRecord
from ._article import make_article
from ._common import DEFAULT_MAX_BYTES, read_file_bytes
from ._decode import looks_binary
from ._language import html_declared_language
from ._metadata import field_warning, normalise_published

__all__ = ["html_article", "html_fragment_text", "read_html", "read_html_file"]

_BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
)


def read_html(html: str | bytes, *, url: str | None = None) -> Article:
    """One Article from an HTML page: main text, title, date, author and site name."""
    return html_article(html, url=url, label=url or "the HTML document")


def read_html_file(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, url: str | None = None
) -> Article:
    """One Article from an HTML file (trafilatura detects its encoding)."""
    data = read_file_bytes(path, max_bytes=max_bytes)
    return html_article(data, url=url, label=os.fspath(path))


def html_article(html: str | bytes, *, label: str, url: str | None = None) -> Article:
    """The Article in ``html``; ``label`` names the source in error messages."""
    _check_document(html, label)
    doc = _extract(html, url=url, label=label)
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise NoArticleTextError(
            f"{label}: no article text found in the HTML; check that it is an article page "
            f"(not an index, a login wall or a page built by JavaScript)"
        )
    published, warnings = _published(doc.date)
    return make_article(
        text,
        title=doc.title or None,
        published=published,
        url=url or doc.url or None,
        outlet=doc.sitename or doc.hostname or None,
        author=doc.author or None,
        language=html_declared_language(html),
        warnings=warnings,
    )


def html_fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content): one line per block element.

    Written with lxml rather than trafilatura: on a fragment this small trafilatura falls
    back to a baseline that puts every inline element (``<b>``, ``<a>``) on its own line.
    """
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (LxmlError, ValueError):
        return ""
    etree.strip_elements(root, etree.Comment, "script", "style", "template", with_tail=False)
    for element in root.iter(*_BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _check_document(html: str | bytes, label: str) -> None:
    if not html.strip():
        raise EmptyInputError(f"{label} is empty; give it an HTML page")
    if isinstance(html, bytes) and looks_binary(html[:8192]):
        raise BinaryInputError(f"{label} looks like a binary file, not HTML; check the file")


def _extract(html: str | bytes, *, url: str | None, label: str) -> Document | None:
    try:
        doc = _bare_extraction(html, url=url, favor_recall=False)
        if doc is None or not (doc.text or "").strip():
            # Short pages fall under trafilatura's precision thresholds; a recall-oriented
            # second pass keeps a three-paragraph article from being reported as empty.
            doc = _bare_extraction(html, url=url, favor_recall=True)
    except (LxmlError, ValueError) as exc:
        raise NoArticleTextError(f"{label}: the HTML could not be parsed ({exc}); check the file") from None
    return doc


def _bare_extraction(html: str | bytes, *, url: str | None, favor_recall: bool) -> Document | None:
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_recall=favor_recall,
    )


def _published(date: str | None) -> tuple[str | None, tuple[ErrorRecord, ...]]:
    if not date:
        return None, ()
    try:
        return normalise_published(date), ()
    except ClaimgraphError as exc:  # a page's own date that cannot be read is left out, not fatal
        return None, (field_warning(f"the page's date: {exc.message}; it was left out"),)
