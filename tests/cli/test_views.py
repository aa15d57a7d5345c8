"""What a reader sees in the text and HTML views of the example (issue 15, item 6)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from rich.console import Console

from claimgraph.cli._views import analysis_view
from claimgraph.export.report import html_report
from claimgraph.ingest import read_text_file
from claimgraph.model import ErrorRecord
from claimgraph.pipeline import analyze

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "port-fire.txt"


@pytest.fixture(scope="module")
def example():
    return analyze(read_text_file(EXAMPLE), published="2025-04-03", profile="fast")


def _text_view(analysis) -> str:
    out = io.StringIO()
    # As the CLI prints: soft_wrap on, 80 columns when not a terminal.
    Console(file=out, width=80, soft_wrap=True, highlight=False, force_terminal=False).print(analysis_view(analysis))
    return out.getvalue()


def test_the_text_view_has_the_title_and_every_word_of_the_article(example) -> None:
    view = _text_view(example)
    assert view.splitlines()[0] == "Fire at Valletta grain terminal: officials and union disagree over the toll"
    assert "Untitled article" not in view
    words_in_view = set(view.replace("│", " ").split())
    for paragraph in example.article.text.split("\n\n"):
        last = paragraph.split()[-1]
        assert last in words_in_view, f"paragraph cropped: {paragraph[:40]}…"


def test_no_attribution_row_twice_and_none_from_the_headline(example) -> None:
    contents = [a.content.text for a in example.attributions]
    assert len(contents) == len(set(contents))
    assert not [a for a in example.attributions if "disagree" in a.cue.text]


def test_vocabulary_columns_do_not_break_words(example) -> None:
    view = _text_view(example)
    for broken in ("governm", "organiz", "neutra ", "anonymo "):
        assert f"│ {broken}" not in view.replace("government", "").replace("organization", "").replace(
            "neutral", "").replace("anonymous", "")


def test_pronoun_sources_show_whom_they_stand_for(example) -> None:
    told = next(a for a in example.attributions if a.cue.text == "told" and a.source.text == "he")
    assert told.source.resolved
    view = _text_view(example)
    assert "he (The union's" in view and "Borg,)" not in view


def test_the_html_report_reads_right(example) -> None:
    page = html_report(example)
    assert "<h1>Fire at Valletta grain terminal: officials and union disagree over the toll</h1>" in page
    assert '<div class="article" lang="en">' in page
    assert '<span class="hl-headline" title="headline">Fire at Valletta' in page
    assert "<h2>Errors</h2>" not in page  # no empty "None found." section for a clean analysis
    unnamed = [c for c in example.claims if c.attribution != "author"
               and next(a for a in example.attributions if a.id == c.attribution).source is None]
    for claim in unnamed:  # a claim of an unnamed source is not the author's
        assert f"<td>{claim.text}</td><td>author</td>" not in page


def test_partial_dates_languages_and_warnings_are_shown(example) -> None:
    article = dataclasses.replace(
        example.article, published="2025-04", language="en",
        warnings=(ErrorRecord(stage="ingest", code="CG110", message='the "url" field is not an http(s) URL'),))
    analysis = dataclasses.replace(example, article=article)
    page = html_report(analysis)
    assert "2025-04 (month only) · language en" in page
    assert "<h2>Errors</h2>" in page and "CG110" in page
    view = _text_view(analysis)
    assert "2025-04 (month only)" in view and "CG110" in view


def test_a_claim_of_an_unnamed_source_is_not_the_authors(example) -> None:
    claim = next(c for c in example.claims if c.attribution != "author")
    attributions = tuple(dataclasses.replace(a, source=None) if a.id == claim.attribution else a
                         for a in example.attributions)
    page = html_report(dataclasses.replace(example, attributions=attributions))
    assert f"<td>{claim.text}</td><td>(unnamed)</td>" in page.replace("&quot;", '"').replace("&#x27;", "'")
