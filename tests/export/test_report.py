from __future__ import annotations

import claimgraph
from claimgraph.export.report import _segments, highlights, html_report
from claimgraph.model import Analysis, Quantity, Technique


def _analysis(text: str) -> Analysis:
    article = claimgraph.make_article(text, title="<b>Title</b>")
    i = text.index("137")
    return Analysis(
        article=article,
        quantities=(Quantity(start=i, end=i + 3, text="137", value=137.0, role="fatalities"),),
        techniques=(Technique(start=0, end=i + 3, text=text[: i + 3], technique="Loaded_Language", score=0.7),),
    )


def test_article_text_is_escaped():
    text = 'Evil <script>alert("x")</script> killed 137 & more.'
    page = html_report(_analysis(text))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Title&lt;/b&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and "http" not in page.split("<body>")[0]


def test_overlapping_highlights_are_split_into_segments():
    text = "They killed 137 people."
    analysis = _analysis(text)
    pieces = list(_segments(text, highlights(analysis)))
    assert "".join(piece for piece, _ in pieces) == text
    layers = [sorted(h.layer for h in over) for piece, over in pieces if piece == "137"]
    assert layers == [["quantity", "technique"]]
