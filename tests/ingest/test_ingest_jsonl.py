"""JSON Lines: good lines become Articles, bad ones Failures with their line number."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.ingest.ingest_builders import write

from claimgraph.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedRecordError,
    SourceNotFoundError,
)
from claimgraph.ingest import Failure, article_id, read_jsonl
from claimgraph.model import Article


def _lines(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_records_with_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", _lines(
        {"text": "The first article, written in English for this test.", "title": "One", "published": "March 5, 2024", "url": "https://a.example/1",
         "outlet": "A", "author": "Ann", "language": "fr", "extra": [1, 2]},
        {"text": "Second article."},
    ))
    first, second = read_jsonl(path)
    text = "The first article, written in English for this test."
    assert first == Article(
        id=article_id(text, "https://a.example/1"), text=text, title="One",
        published="2024-03-05", url="https://a.example/1", outlet="A", author="Ann",
        language="fr", language_confidence=first.language_confidence, language_source="declared",
    )  # the record's "fr" stands: too few letters for the text to overrule it
    assert second == Article(id=article_id("Second article."), text="Second article.", language=None)


def test_one_broken_line_among_good_ones(tmp_path: Path) -> None:
    path = write(tmp_path / "mixed.jsonl", _lines({"text": "one"}, '{"text": "two"', {"text": "three"}))
    items = list(read_jsonl(path))
    assert [type(item) for item in items] == [Article, Failure, Article]
    assert [items[0].text, items[2].text] == ["one", "three"]
    failure = items[1]
    assert failure.source == str(path) and failure.line == 2
    assert isinstance(failure.error, MalformedRecordError)
    assert failure.error.message == (
        f"{path}, line 2: not valid JSON (Expecting ',' delimiter at column 15); fix or remove the line"
    )


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '\n{"text": "one"}\n   \n[1]\n')
    items = list(read_jsonl(path))
    assert items[0].text == "one"
    assert items[1].line == 4
    assert 'expected a JSON object with a "text" field, got a list' in items[1].error.message


def test_bad_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", _lines({"title": "no text"}, {"text": 42}, {"text": "  "}))
    errors = [item.error for item in read_jsonl(path)]
    assert [type(e) for e in errors] == [MalformedRecordError, MalformedRecordError, EmptyInputError]
    assert 'line 1: the record has no "text" field' in errors[0].message
    assert 'line 2: the record has an integer as "text" field' in errors[1].message


def test_a_bad_metadata_field_is_left_out_and_the_record_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", _lines(
        {"text": "x", "title": 7}, {"text": "x", "published": "not a date"}, {"text": "x", "url": "nowhere"},
        {"text": "x", "author": {"name": "Ann"}}, {"text": "x", "author": ["Ann", "Bo"], "published": "2024-05"},
    ))
    items = list(read_jsonl(path))
    assert all(isinstance(item, Article) for item in items)
    messages = [[w.message for w in item.warnings] for item in items]
    assert messages[0] == ['the "title" field must be a string, not an integer; it was left out']
    assert "published date 'not a date' is not a date claimgraph can read" in messages[1][0]
    assert messages[2] == ["the \"url\" field 'nowhere' is not an http(s) URL; it was left out"]
    assert messages[3] == ['the "author" field must be a string, not an object; it was left out']
    assert all(w.code == "CG110" for item in items for w in item.warnings)
    assert (items[0].title, items[1].published, items[2].url, items[3].author) == (None, None, None, None)
    assert (items[4].author, items[4].published, items[4].published_precision) == ("Ann, Bo", "2024-05", "month")
    assert items[4].warnings == ()


def test_invalid_utf8_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "fine"}\n')
    items = list(read_jsonl(path))
    assert [i.text for i in items if isinstance(i, Article)] == ["ok", "fine"]
    assert isinstance(items[1].error, DecodingError) and items[1].line == 2
    assert "line 2: not valid UTF-8 (byte 13); JSON Lines must be UTF-8" in items[1].error.message


def test_byte_order_mark_on_the_first_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", b'\xef\xbb\xbf{"text": "ok"}\n')
    assert [item.text for item in read_jsonl(path)] == ["ok"]


def test_too_long_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", _lines({"text": "a" * 500}, {"text": "short"}, {"text": "b" * 400}))
    items = list(read_jsonl(path, max_bytes=100))
    assert isinstance(items[0].error, InputTooLargeError) and items[0].line == 1
    assert "line 1: the line is larger than the 100 bytes limit; raise the limit" in items[0].error.message
    assert items[1].text == "short"
    assert items[2].line == 3


def test_empty_missing_and_binary_files(tmp_path: Path) -> None:
    (empty,) = read_jsonl(write(tmp_path / "empty.jsonl", "\n\n"))
    assert isinstance(empty.error, EmptyInputError) and empty.line is None
    (missing,) = read_jsonl(tmp_path / "missing.jsonl")
    assert isinstance(missing.error, SourceNotFoundError)
    (binary,) = read_jsonl(write(tmp_path / "b.jsonl", b"\x00\x01\x02" * 50))
    assert isinstance(binary.error, BinaryInputError)


_GOOD = st.fixed_dictionaries(
    {"text": st.text(min_size=1).filter(str.strip)},
    optional={"title": st.text(), "url": st.text(), "outlet": st.text(), "author": st.text()},
).map(lambda record: ("good", record))
_BAD = st.sampled_from(
    ['{"text": ', "[]", '{"title": "x"}', '{"text": 3}', "nope", '"text"', '{"text": ""}', "{}"]
).map(lambda line: ("bad", line))
_BLANK = st.sampled_from(["", "   ", "\t"]).map(lambda line: ("blank", line))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.one_of(_GOOD, _BAD, _BLANK), max_size=25))
def test_every_line_with_content_gives_exactly_one_item(tmp_path: Path, rows: list[tuple[str, object]]) -> None:
    lines = [json.dumps(value) if kind == "good" else value for kind, value in rows]
    path = write(tmp_path / "random.jsonl", "\n".join(lines) + "\n")
    items = list(read_jsonl(path))
    content_rows = [(number, kind, value) for number, (kind, value) in enumerate(rows, 1) if kind != "blank"]
    if not content_rows:
        assert len(items) == 1 and isinstance(items[0].error, EmptyInputError)
        return
    assert len(items) == len(content_rows)
    for item, (number, kind, value) in zip(items, content_rows, strict=True):
        if kind == "good":
            assert isinstance(item, Article)
            assert item.text == value["text"]
            assert item.title == value.get("title") and item.author == value.get("author")
        else:
            assert isinstance(item, Failure) and item.line == number
            assert f"{path}, line {number}: " in item.error.message


def test_unicode_line_separators_inside_records_do_not_split_lines(tmp_path: Path) -> None:
    texts = ["Paris\u2028Londres", "caf\u00e9\x85next", "tab\tand \u2029 paragraph"]
    path = write(tmp_path / "u.jsonl", "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts))
    assert [item.text for item in read_jsonl(path)] == texts
