"""Plain-text files and standard input: decoding, limits and bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.ingest.ingest_builders import article_html, write

from claimgraph.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    SourceNotFoundError,
)
from claimgraph.ingest import DEFAULT_MAX_BYTES, article_id, read_stdin, read_text_file

FRENCH = (
    "Le gouvernement a annoncé mercredi une hausse de 3 % des pensions. Selon le ministre, "
    "cette réforme « équilibrée » entrera en vigueur dès l'été prochain, malgré les critiques "
    "des syndicats qui dénoncent un accord déjà dépassé. À Paris, les élus ont salué la décision."
)
RUSSIAN = (
    "Правительство в среду объявило о повышении пенсий на три процента. По словам министра, "
    "реформа вступит в силу следующим летом, несмотря на критику профсоюзов."
)


def test_reads_utf8_text_exactly(tmp_path: Path) -> None:
    text = "Officials said 137 people were killed.\n\nThe café reopened — “finally”.\n"
    article = read_text_file(write(tmp_path / "a.txt", text))
    assert article.text == text
    assert article.id == article_id(text)
    assert article.url is None and article.published is None


@pytest.mark.parametrize(("text", "encoding"), [(FRENCH, "cp1252"), (FRENCH, "latin-1"), (RUSSIAN, "cp1251")])
def test_detects_legacy_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    path = write(tmp_path / "legacy.txt", text.encode(encoding))
    assert read_text_file(path).text == text


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_mark_decides_and_is_removed(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path / "bom.txt", FRENCH.encode(codec))
    assert read_text_file(path).text == FRENCH


def test_encoding_can_be_forced(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "naïve Zürich".encode("cp1252"))
    assert read_text_file(path, encoding="cp1252").text == "naïve Zürich"


def test_unknown_forced_encoding_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_text_file(write(tmp_path / "a.txt", "text"), encoding="klingon")


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", b"")
    with pytest.raises(EmptyInputError) as info:
        read_text_file(path)
    assert info.value.message == f"{path} is empty (0 bytes); give it some text to analyse"
    assert info.value.code == "CG101"


def test_white_space_only_file_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError, match="only white space"):
        read_text_file(write(tmp_path / "blank.txt", " \n\t\n"))


def test_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    path = write(tmp_path / "picture.txt", png)
    with pytest.raises(BinaryInputError) as info:
        read_text_file(path)
    assert str(path) in info.value.message and "binary" in info.value.message


def test_control_characters_make_a_file_binary(tmp_path: Path) -> None:
    with pytest.raises(BinaryInputError):
        read_text_file(write(tmp_path / "odd.txt", b"ab\x01\x02\x03\x04cd\x05\x06\x07\x08" * 50))


def test_too_large_file_names_the_limit_and_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 2_001)
    with pytest.raises(InputTooLargeError) as info:
        read_text_file(path, max_bytes=2_000)
    assert info.value.message == (
        f"{path} is larger than the 2 kB limit (2.001 kB); raise the limit with "
        f"max_bytes=N (CLI: --max-bytes N) or split the input"
    )


def test_default_limit_is_5_mb(tmp_path: Path) -> None:
    assert DEFAULT_MAX_BYTES == 5_000_000
    path = write(tmp_path / "big.txt", b"word " * 1_000_001)
    with pytest.raises(InputTooLargeError, match="the 5 MB limit"):
        read_text_file(path)
    assert read_text_file(path, max_bytes=6_000_000).text.startswith("word word")


def test_invalid_utf8_is_reported_not_guessed(tmp_path: Path) -> None:
    good = "Le café était très bon.".encode()
    path = write(tmp_path / "broken.txt", good + b"\xff\xfe" + " Déjà vu.".encode())
    with pytest.raises(DecodingError) as info:
        read_text_file(path)
    assert info.value.message.startswith(
        f"{path} is not valid UTF-8 (bad byte at offset {len(good)}); re-save it as UTF-8"
    )


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError, match="no such file or directory"):
        read_text_file(tmp_path / "nope.txt")


def test_directory_is_not_a_text_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory; use read_path"):
        read_text_file(tmp_path)


def test_stdin_binary_and_text_streams() -> None:
    assert read_stdin(io.BytesIO(FRENCH.encode("utf-8"))).text == FRENCH
    assert read_stdin(io.StringIO(RUSSIAN)).text == RUSSIAN


def test_stdin_html_goes_through_trafilatura() -> None:
    article = read_stdin(io.BytesIO(article_html().encode()))
    assert article.title == "Storm hits coast"
    assert "Home" not in article.text


def test_stdin_empty_and_too_large() -> None:
    with pytest.raises(EmptyInputError, match="standard input is empty"):
        read_stdin(io.BytesIO(b""))
    with pytest.raises(InputTooLargeError, match="standard input is larger than the 10 bytes limit"):
        read_stdin(io.BytesIO(b"x" * 11), max_bytes=10)


# Text a person could put in a text file: no control characters besides tab and newlines,
# no surrogates, and not starting with U+FEFF (a leading BOM is removed by design).
_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\t\n\r"), min_size=1, max_size=300
).filter(lambda s: s.strip() and not s.startswith("\ufeff"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_round_trip(tmp_path: Path, text: str, codec: str) -> None:
    path = write(tmp_path / "round.txt", text.encode(codec))
    assert read_text_file(path).text == text


def _single_byte_text(codec: str) -> st.SearchStrategy[tuple[str, str]]:
    """Text over everything a single-byte code page can write, paired with the code page."""
    alphabet = sorted(
        {ch for ch in bytes(range(32, 256)).decode(codec, errors="ignore") if not ch.isspace() or ch == " "}
        - {chr(c) for c in range(0x7F, 0xA0)}
    )
    text = st.text(st.sampled_from([*alphabet, "\n"]), min_size=1, max_size=300)
    return text.filter(lambda s: bool(s.strip())).map(lambda s: (s, codec))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    case=st.sampled_from(["latin-1", "cp1252", "cp1251", "koi8-r", "cp1253", "iso8859_2"]).flatmap(
        _single_byte_text
    )
)
def test_declared_encoding_round_trip(tmp_path: Path, case: tuple[str, str]) -> None:
    text, codec = case
    path = write(tmp_path / "round.txt", text.encode(codec))
    assert read_text_file(path, encoding=codec).text == text


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=0, max_size=400))
def test_any_bytes_give_an_article_or_an_input_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "any.txt", data)
    try:
        article = read_text_file(path)
    except InputError as exc:
        assert str(path) in exc.message
    else:
        assert article.text.strip()


def test_stdin_default_stream_may_be_text_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Replaced stdin."))
    assert read_stdin().text == "Replaced stdin."


def test_a_short_first_line_before_a_blank_line_is_the_title(tmp_path) -> None:
    from claimgraph.ingest import headline_spans, read_stdin, read_text_file, title_from_text

    text = "Storm leaves thousands without power\n\nSubhead: The Coast Is Cut Off\n\nA storm cut power to 4,000 homes on Monday."
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    assert read_text_file(path).title == "Storm leaves thousands without power"
    assert read_stdin(io.BytesIO(text.encode())).title == "Storm leaves thousands without power"
    assert [text[s:e] for s, e in headline_spans(text)] == [
        "Storm leaves thousands without power", "Subhead: The Coast Is Cut Off"]
    assert title_from_text("A storm cut power to 4,000 homes on Monday, officials said.\n\nMore.") is None
    assert title_from_text("Only a headline") is None
    assert title_from_text("Headline\n\n") is None
    assert title_from_text("Line one\nline two of the same paragraph\n\nBody.") is None


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), max_size=6))
def test_headline_spans_are_single_lines_at_the_start(parts) -> None:
    from claimgraph.ingest import headline_spans, title_from_text

    text = "\n\n".join(parts)
    spans = headline_spans(text)
    for start, end in spans:
        line = text[start:end]
        assert line and line == line.strip() and "\n" not in line
        assert text[end:].strip(), "a headline always has text after it"
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)
    title = title_from_text(text)
    assert title == (text[spans[0][0]:spans[0][1]] if spans else None)
