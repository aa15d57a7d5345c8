"""CLI: `claimgraph techniques detect|classify`, persuasion techniques in the SemEval-2020 Task 11 formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..eval import ptc
from ._common import write_output

__all__ = ["detect", "classify", "ArticlesOpt"]

ArticlesOpt = Annotated[Path, typer.Option(help="Folder of article<ID>.txt files.")]
OutputOpt = Annotated[Path, typer.Option("-o", "--output", help="Predictions file to write.")]



def detect(articles: ArticlesOpt, output: OutputOpt) -> None:
    """Predict technique spans (SI format: id, start, end)."""
    from ..eval.techniques import detect_articles

    write_output(ptc.format_si(detect_articles(ptc.read_articles(articles))), output)


def classify(
    articles: ArticlesOpt,
    spans: Annotated[Path, typer.Option(help="Span file: id, anything, start, end.")],
    output: OutputOpt,
) -> None:
    """Label given spans with a technique (TC format: id, technique, start, end)."""
    from ..eval.techniques import classify_articles

    texts = ptc.read_articles(articles)
    write_output(ptc.format_tc(classify_articles(texts, ptc.read_span_file(spans))), output)


