"""WARC files: HTML responses become Articles; damaged records are reported and skipped."""

from __future__ import annotations

import gzip as gzip_module
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.ingest.ingest_builders import article_html, warc_bytes, write

from claimgraph.errors import EmptyInputError, MalformedRecordError, SourceNotFoundError
from claimgraph.ingest import Failure, read_warc
from claimgraph.model import Article


def _pages() -> list[tuple[str, str, bytes]]:
    return [
        ("https://planet.example/one", "text/html; charset=utf-8", article_html(title="One").encode()),
        ("https://planet.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("https://planet.example/two", "text/html", article_html(title="Two", date=None).encode()),
        ("https://planet.example/three", "text/html", article_html(title="Three").encode()),
    ]


@pytest.mark.parametrize("gzip", [False, True])
def test_html_responses_become_articles(tmp_path: Path, gzip: bool) -> None:
    data, _ = warc_bytes(_pages(), gzip=gzip)
    items = list(read_warc(write(tmp_path / ("a.warc.gz" if gzip else "a.warc"), data)))
    assert [item.title for item in items] == ["One", "Two", "Three"]
    assert [item.url for item in items] == [f"https://planet.example/{n}" for n in ("one", "two", "three")]
    # The page's own date when it has one, else the record's capture date.
    assert [item.published for item in items] == ["2024-03-05", "2024-04-01", "2024-03-05"]


@pytest.mark.parametrize("gzip", [False, True])
def test_truncated_last_record_is_reported(tmp_path: Path, gzip: bool) -> None:
    data, offsets = warc_bytes(_pages(), gzip=gzip)
    path = write(tmp_path / "cut.warc", data[:-200])
    items = list(read_warc(path))
    assert [item.title for item in items if isinstance(item, Article)] == ["One", "Two"]
    (failure,) = [item for item in items if isinstance(item, Failure)]
    assert isinstance(failure.error, MalformedRecordError) and failure.source == str(path)
    if not gzip:
        assert failure.error.message.startswith(
            f"{path}: record at byte {offsets[3]} (https://planet.example/three) is truncated ("
        )


@pytest.mark.parametrize("gzip", [False, True])
def test_broken_record_in_the_middle_is_skipped(tmp_path: Path, gzip: bool) -> None:
    data, offsets = warc_bytes(_pages(), gzip=gzip)
    start = offsets[2]  # the "Two" response
    broken = data[:start] + b"GARBAGE!" + data[start + 8:]
    items = list(read_warc(write(tmp_path / "broken.warc", broken)))
    assert [item.title for item in items if isinstance(item, Article)] == ["One", "Three"]
    failures = [item for item in items if isinstance(item, Failure)]
    assert len(failures) == 1 and isinstance(failures[0].error, MalformedRecordError)
    assert "(Invalid WARC record); skipped to the next readable record" in failures[0].error.message


def test_record_header_cut_in_the_middle_is_reported(tmp_path: Path) -> None:
    data, offsets = warc_bytes(_pages(), gzip=False)
    broken = data[: offsets[2] + 60] + data[offsets[3] - 1 :]  # "Two"'s header runs into "Three"'s
    items = list(read_warc(write(tmp_path / "cut.warc", broken)))
    assert [item.title for item in items if isinstance(item, Article)] == ["One"]
    (failure,) = [item for item in items if isinstance(item, Failure)]
    assert f"record at byte {offsets[2]} has an unknown type 'respon'" in failure.error.message


def test_gzip_member_cut_in_the_middle(tmp_path: Path) -> None:
    data, offsets = warc_bytes(_pages(), gzip=True)
    broken = data[: offsets[2] + 60] + data[offsets[3] - 1 :]  # "Two" loses most of its bytes
    items = list(read_warc(write(tmp_path / "cut.warc.gz", broken)))
    titles = [item.title for item in items if isinstance(item, Article)]
    assert titles[0] == "One" and titles[-1] == "Three" and "Two" not in titles
    failures = [item for item in items if isinstance(item, Failure)]
    assert len(failures) == 1 and failures[0].error.message.isascii()


@pytest.mark.parametrize("delta", [-9, 9])
def test_wrong_content_length_is_reported_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], delta: int
) -> None:
    data, offsets = warc_bytes(_pages(), gzip=False)
    header = re.compile(rb"Content-Length: (\d+)").search(data, offsets[0])
    assert header is not None
    length = str(int(header.group(1)) + delta).encode()
    items = list(read_warc(write(tmp_path / "len.warc", data[: header.start(1)] + length + data[header.end(1) :])))
    assert [item.title for item in items if isinstance(item, Article)] == ["One", "Two", "Three"]
    (failure,) = [item for item in items if isinstance(item, Failure)]
    assert f"record at byte {offsets[0]}" in failure.error.message
    assert capsys.readouterr().err == ""  # warcio's own warning is silenced


def test_warc_gzipped_as_a_whole(tmp_path: Path) -> None:
    data, _ = warc_bytes(_pages(), gzip=False)
    whole = gzip_module.compress(data)
    items = list(read_warc(write(tmp_path / "whole.warc.gz", whole)))
    assert [item.title for item in items] == ["One", "Two", "Three"]
    items = list(read_warc(write(tmp_path / "cut.warc.gz", whole[:-120])))
    assert [item.title for item in items if isinstance(item, Article)][:1] == ["One"]
    assert any(isinstance(item, Failure) for item in items)


def test_too_large_page_in_a_record_is_skipped(tmp_path: Path) -> None:
    data, offsets = warc_bytes(_pages(), gzip=True)
    items = list(read_warc(write(tmp_path / "a.warc.gz", data), max_bytes=500))
    assert all(isinstance(item, Failure) for item in items) and len(items) == 3
    assert items[0].error.message.startswith(
        f"{tmp_path / 'a.warc.gz'}: record at byte {offsets[0]} (https://planet.example/one): the page is larger "
        f"than the 500 bytes limit"
    )


def test_not_a_warc_empty_and_missing(tmp_path: Path) -> None:
    (bad,) = read_warc(write(tmp_path / "notes.warc", "just some notes\n"))
    assert isinstance(bad.error, MalformedRecordError)
    assert "does not start with a readable WARC record" in bad.error.message
    (empty,) = read_warc(write(tmp_path / "empty.warc", b""))
    assert isinstance(empty.error, EmptyInputError)
    (missing,) = read_warc(tmp_path / "missing.warc")
    assert isinstance(missing.error, SourceNotFoundError)


def test_html_record_without_text_is_a_failure_and_reading_goes_on(tmp_path: Path) -> None:
    pages = [("https://planet.example/app", "text/html", b"<html><body><script>x()</script></body></html>")]
    data, _ = warc_bytes(pages + _pages()[:1], gzip=True)
    empty, one = read_warc(write(tmp_path / "a.warc.gz", data))
    assert isinstance(empty, Failure) and "(https://planet.example/app): no article text" in empty.error.message
    assert one.title == "One"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gzip=st.booleans(), cut=st.integers(min_value=0), flips=st.lists(st.integers(min_value=0), max_size=4))
def test_damaged_archives_never_raise(tmp_path: Path, gzip: bool, cut: int, flips: list[int]) -> None:
    data, _ = warc_bytes(_pages(), gzip=gzip)
    damaged = bytearray(data[: cut % (len(data) + 1)])
    for position in flips:
        if damaged:
            damaged[position % len(damaged)] ^= 0xFF
    items = list(read_warc(write(tmp_path / "fuzz.warc", bytes(damaged))))
    assert all(isinstance(item, Article | Failure) for item in items)
    assert all(item.text.strip() for item in items if isinstance(item, Article))


@pytest.mark.parametrize("gzip", [False, True])
def test_a_warc_cut_inside_a_header_is_described_in_words(tmp_path: Path, gzip: bool) -> None:
    records = [("response", f"https://planet.example/{i}", article_html(title=f"T{i}").encode()) for i in range(3)]
    data, offsets = warc_bytes(records, gzip=gzip)
    messages = []
    for cut in range(offsets[1] + 1, offsets[2] + 80, 5):
        path = write(tmp_path / (f"cut{cut}.warc" + (".gz" if gzip else "")), data[:cut])
        messages += [item.error.message for item in read_warc(path) if isinstance(item, Failure)]
    assert messages
    for message in messages:
        assert "NoneType" not in message and "attribute" not in message and "Error" not in message, message
