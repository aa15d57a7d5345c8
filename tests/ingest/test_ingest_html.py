"""HTML through trafilatura: main text, metadata, and bad pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.ingest.ingest_builders import PARAGRAPHS, article_html, write

from claimgraph.errors import BinaryInputError, EmptyInputError, InputError, InputTooLargeError, NoArticleTextError
from claimgraph.ingest import article_id, read_html, read_html_file


def test_main_text_and_metadata() -> None:
    article = read_html(article_html(), url="https://planet.example/storm")
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.title == "Storm hits coast"
    assert article.published == "2024-03-05"
    assert article.author == "Jane Roe"
    assert article.outlet == "Daily Planet"
    assert article.url == "https://planet.example/storm"
    assert article.id == article_id(article.text, "https://planet.example/storm")


def test_bytes_and_str_give_the_same_article() -> None:
    html = article_html()
    assert read_html(html.encode("utf-8")) == read_html(html)


def test_outlet_falls_back_to_the_host_name() -> None:
    article = read_html(article_html(site=None, author=None, date=None), url="https://www.planet.example/a")
    assert article.outlet == "planet.example"
    assert article.author is None


def test_short_page_is_rescued_by_the_recall_pass() -> None:
    article = read_html("<html><body><p>Officials said 137 people were killed.</p></body></html>")
    assert article.text == "Officials said 137 people were killed."


def test_legacy_encoded_file(tmp_path: Path) -> None:
    html = article_html(title="Été meurtrier", paragraphs=("Le café a fermé à Noël, déjà la troisième fois.",) * 3)
    html = html.replace('charset="utf-8"', 'charset="windows-1252"')
    article = read_html_file(write(tmp_path / "page.html", html.encode("cp1252")))
    assert article.title == "Été meurtrier"
    assert "Le café a fermé à Noël" in article.text


def test_no_article_text(tmp_path: Path) -> None:
    path = write(tmp_path / "app.html", "<html><head><title>App</title></head><body><script>boot()</script></body></html>")
    with pytest.raises(NoArticleTextError) as info:
        read_html_file(path)
    assert info.value.message.startswith(f"{path}: no article text found in the HTML; check that it is an article")


def test_no_article_text_names_the_url() -> None:
    with pytest.raises(NoArticleTextError, match=r"^CG105: https://x\.example/: no article text"):
        read_html("<html><body></body></html>", url="https://x.example/")


def test_empty_html(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError, match="is empty"):
        read_html_file(write(tmp_path / "empty.html", b""))
    with pytest.raises(EmptyInputError, match="the HTML document is empty"):
        read_html("  \n ")


def test_binary_html_file(tmp_path: Path) -> None:
    with pytest.raises(BinaryInputError, match="binary file, not HTML"):
        read_html_file(write(tmp_path / "image.html", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(200)))


def test_too_large_html_file(tmp_path: Path) -> None:
    with pytest.raises(InputTooLargeError, match="100 bytes limit"):
        read_html_file(write(tmp_path / "big.html", article_html()), max_bytes=100)


def test_fragment_text_keeps_blocks_and_joins_inline_elements() -> None:
    from claimgraph.ingest._html import html_fragment_text

    fragment = "Intro<br>line two<ul><li>a</li><li>b <a href='x'>link</a></li></ul><!-- c --><script>x()</script>end"
    assert html_fragment_text(fragment) == "Intro\nline two\na\nb link\nend"
    assert html_fragment_text("<p>It was <b>too</b> small.</p>") == "It was too small."


@settings(max_examples=40, deadline=None)
@given(html=st.one_of(st.text(max_size=300), st.binary(max_size=300), st.builds(lambda n: article_html()[:n], st.integers(0, 2000))))
def test_any_html_gives_an_article_or_an_input_error(html: str | bytes) -> None:
    try:
        article = read_html(html)
    except InputError:
        return
    assert article.text.strip()
