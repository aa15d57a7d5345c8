"""read_sources and read_path: dispatch by spec and file ending, folders, and batches that go on."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import httpx
import pytest
from tests.ingest.ingest_builders import FakeDNS, article_html, html_response, routed, rss_feed, rss_item, warc_bytes, write

from claimgraph.errors import (
    BinaryInputError,
    BlockedAddressError,
    EmptyInputError,
    InputError,
    SourceNotFoundError,
    UnsupportedSourceError,
)
from claimgraph.ingest import SUFFIXES, Failure, read_path, read_sources
from claimgraph.model import Article

FEED = rss_feed([
    rss_item(title="Budget", link="https://planet.example/budget", content="<p>Budget passed.</p>"),
    rss_item(title="No text", link="https://news.example/storm"),
])


def _corpus(root: Path) -> Path:
    """One file of each kind, in nested folders, plus files that must be skipped or refused."""
    write(root / "b" / "page.html", article_html(title="Html page"))
    write(root / "b" / "lines.jsonl", '{"text": "From JSONL."}\n{broken\n')
    write(root / "a.txt", "Plain text article.")
    write(root / "c" / "feed.rss", FEED)
    write(root / "c" / "crawl.warc.gz", warc_bytes([("https://w.example/x", "text/html", article_html(title="Warc page").encode())], gzip=True)[0])
    write(root / "notes", "An extension-less text file.")
    write(root / "data.csv", "a,b\n1,2\n")
    write(root / "picture.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(root / ".hidden" / "secret.txt", "skipped")
    write(root / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(root / "d" / "mystery.dat", article_html(title="Sniffed page"))
    return root


def _describe(item: Article | Failure) -> str:
    if isinstance(item, Failure):
        return f"failure {Path(item.source).name}:{item.line} {type(item.error).__name__}"
    return item.title or item.text[:20]


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    items = list(read_path(_corpus(tmp_path / "corpus")))
    # Sorted by path: a.txt, b/..., c/..., d/..., data.csv, notes, picture.png.
    assert [_describe(item) for item in items] == [
        "Plain text article.",
        "From JSONL.",
        "failure lines.jsonl:2 MalformedRecordError",
        "Html page",
        "Warc page",
        "Budget",
        "failure feed.rss:None NoArticleTextError",
        "Sniffed page",
        "failure data.csv:None UnsupportedSourceError",
        "An extension-less te",
        "failure picture.png:None UnsupportedSourceError",
    ]


def test_folder_reading_is_deterministic(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")

    def run() -> list[object]:
        return [item if isinstance(item, Article) else (item.source, item.line, str(item.error)) for item in read_path(root)]

    assert run() == run()


def test_unsupported_file_message(tmp_path: Path) -> None:
    (failure,) = read_path(write(tmp_path / "data.csv", "a,b\n"))
    assert isinstance(failure.error, UnsupportedSourceError)
    assert failure.error.message == (
        f"{tmp_path / 'data.csv'}: unsupported file type '.csv'; claimgraph reads "
        f"{' '.join(SUFFIXES)} (rename the file if it is one of these)"
    )


def test_sniffing_files_with_unknown_endings(tmp_path: Path) -> None:
    write(tmp_path / "x.bin", rss_feed([rss_item(title="T", link="https://a.example/", summary="Feed text.")]))
    write(tmp_path / "y.bin", b"WARC/1.0\r\n")  # a WARC that is cut short: read as WARC, reported
    write(tmp_path / "z.bin", warc_bytes([("https://w.example/", "text/html", article_html().encode())], gzip=True)[0])
    write(tmp_path / "w.bin", json.dumps({"text": "JSON text."}) + "\n")
    items = list(read_path(tmp_path))
    assert [_describe(item) for item in items] == [
        "JSON text.", "T", "failure y.bin:None MalformedRecordError", "Storm hits coast",
    ]


def test_binary_extensionless_file(tmp_path: Path) -> None:
    (failure,) = read_path(write(tmp_path / "blob", bytes(range(256)) * 8))
    assert isinstance(failure.error, BinaryInputError)


def test_missing_path_and_bad_specs(tmp_path: Path) -> None:
    missing, ftp = read_sources([str(tmp_path / "nope"), "ftp://files.example/a.txt"])
    assert isinstance(missing.error, SourceNotFoundError) and missing.source == str(tmp_path / "nope")
    assert isinstance(ftp.error, UnsupportedSourceError) and "ftp:// sources are not supported" in ftp.error.message


def test_stdin_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Piped text.".encode())))
    (article,) = read_sources(["-"])
    assert article.text == "Piped text."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    (failure,) = read_sources(["-"])
    assert failure.source == "standard input" and isinstance(failure.error, EmptyInputError)


def test_url_specs_page_feed_and_blocked(dns: FakeDNS) -> None:
    transport = routed({
        "news.example/storm": html_response(article_html()),
        "news.example/feed": httpx.Response(200, headers={"content-type": "application/rss+xml"}, content=FEED),
        "news.example/sniffed": httpx.Response(200, headers={"content-type": "application/octet-stream"}, content=FEED),
    })
    specs = [
        "https://news.example/storm", "https://news.example/feed", "http://intranet.example/", "https://news.example/sniffed",
    ]
    items = list(read_sources(specs, transport=transport, fetch_feed_links=True))
    assert [_describe(item) for item in items] == [
        "Storm hits coast", "Budget", "No text", "failure intranet.example:None BlockedAddressError", "Budget", "No text",
    ]
    assert isinstance(items[3].error, BlockedAddressError) and items[3].source == "http://intranet.example/"


def test_one_bad_source_does_not_end_the_batch(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Good text.")
    empty = write(tmp_path / "empty.txt", "")
    big = write(tmp_path / "big.txt", "x" * 500)
    items = list(read_sources([str(empty), str(big), str(good)], max_bytes=100))
    assert [_describe(item) for item in items] == [
        "failure empty.txt:None EmptyInputError", "failure big.txt:None InputTooLargeError", "Good text.",
    ]


def test_an_unexpected_exception_becomes_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> Article:
        raise RuntimeError("boom")

    monkeypatch.setattr("claimgraph.ingest._sources.read_text_file", broken)
    write(tmp_path / "a.txt", "A")
    write(tmp_path / "b.jsonl", '{"text": "B"}\n')
    first, second = read_path(tmp_path)
    assert isinstance(first.error, InputError)
    assert "unexpected RuntimeError while reading (boom); this is a claimgraph bug" in first.error.message
    assert second.text == "B"


def test_unlistable_subfolder_is_reported_and_the_walk_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a" / "x.txt", "Hidden away.")
    write(tmp_path / "b.txt", "Still read.")
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "a":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    failure, article = read_path(tmp_path)
    assert failure.error.message == f"{tmp_path / 'a'}: cannot list the folder (Permission denied); check its permissions"
    assert article.text == "Still read."


def test_upper_case_url_scheme_is_a_url(dns: FakeDNS) -> None:
    (article,) = read_sources(["HTTPS://news.example/storm"], transport=routed({"news.example/storm": html_response(article_html())}))
    assert article.title == "Storm hits coast"
